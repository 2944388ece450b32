/**
 * Strict readers of the starrocks subchart's values: each takes the values key it reads and
 * refuses a value of another type with a `HelmValuesError` naming that key, never coercing it
 * (the declared types of `./schema/starrocks.ts` are checked first; these keep the translation
 * right when it is called on its own).
 *
 * @internal
 */
import { Duration } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-27';
import { envList } from './common';
import { HelmValuesError } from './context';
import { asWire, Building, goPrint, isMap, listAt, mapAt, stringMap, truthy, ValuesMap } from './values';
import { show } from '../common/validate';
import { ComponentServiceOptions, ServicePortOptions, ServiceType } from '../components/options';
import { EmptyDirVolume } from '../storage/storage';

const INT32_MAX = 2147483647;

/** Whether a value is "not set" (absent or null). */
function unset(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** The map at `prop`, an empty map when not set; another value is an error. @internal */
export function sectionAt(prop: string, value: unknown): ValuesMap {
  return mapAt(prop, value) ?? {};
}

/**
 * A string, undefined when not set; a number or boolean is an error ("quote it": the chart would
 * print it its own way), as is a map or a list. With `secret`, the value is never shown.
 *
 * @internal
 */
export function textAt(prop: string, value: unknown, secret = false): string | undefined {
  if (unset(value)) {
    return undefined;
  }
  if (typeof value === 'string') {
    return value;
  }
  const got = secret ? '<redacted>' : show(value);
  const quote = typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? ': quote it' : '';
  throw new HelmValuesError(`${prop} must be a string${quote}, got ${got}`);
}

/** A string that must be set and not empty. @internal */
export function requiredText(prop: string, value: unknown): string {
  const t = textAt(prop, value);
  if (t === undefined || t === '') {
    throw new HelmValuesError(`${prop} must be set, got ${show(value ?? null)}`);
  }
  return t;
}

/** `true` or `false`, false when not set; anything else (the string "false" too) is an error. @internal */
export function flagAt(prop: string, value: unknown): boolean {
  if (unset(value)) {
    return false;
  }
  if (typeof value !== 'boolean') {
    throw new HelmValuesError(`${prop} must be true or false (unquoted), got ${show(value)}`);
  }
  return value;
}

/** A whole number from `min` to the int32 maximum, undefined when not set. @internal */
export function countAt(prop: string, value: unknown, min = 0): number | undefined {
  if (unset(value)) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > INT32_MAX) {
    throw new HelmValuesError(`${prop} must be a whole number from ${min} to ${INT32_MAX}, got ${show(value)}`);
  }
  return value;
}

/**
 * A number of seconds the chart prints with `{{ }}` (where a quoted number loses its quotes), as a
 * `Duration`: a whole number from 0, or a string of digits.
 *
 * @internal
 */
export function secondsAt(prop: string, value: unknown): Duration {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^[0-9]{1,10}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > INT32_MAX) {
    throw new HelmValuesError(`${prop} must be a whole number of seconds from 0 to ${INT32_MAX}, got ${show(value)}`);
  }
  return Duration.seconds(n);
}

/** A list of strings (capabilities, source ranges). @internal */
export function textListAt(prop: string, value: unknown): string[] {
  return listAt(prop, value).map((item, i) => requiredText(`${prop}[${i}]`, item));
}

/** A list of maps, each read by `read` with its values key (index included). @internal */
export function mapsAt<T>(prop: string, value: unknown, read: (p: string, item: ValuesMap) => T): T[] {
  return listAt(prop, value).map((item, i) => {
    const p = `${prop}[${i}]`;
    if (!isMap(item)) {
      throw new HelmValuesError(`${p} must be a map, got ${show(item)}`);
    }
    return read(p, item);
  });
}

/** `emptyDirs`: a name and a mount path each. @internal */
export function emptyDirsAt(prop: string, value: unknown): EmptyDirVolume[] {
  return mapsAt(prop, value, (p, e) => ({ name: requiredText(`${p}.name`, e.name), mountPath: requiredText(`${p}.mountPath`, e.mountPath) }));
}

/** `sysctls`: a name and a value each, both strings (the API server takes no other). @internal */
export function sysctlsAt(prop: string, value: unknown): k8s.Sysctl[] {
  return mapsAt(prop, value, (p, s) => {
    const name = requiredText(`${p}.name`, s.name);
    const val = textAt(`${p}.value`, s.value);
    if (val === undefined) {
      throw new HelmValuesError(`${p}.value must be set (the chart would print no value and the API server rejects it)`);
    }
    return { name, value: val };
  });
}

/**
 * The user's environment variables: a list of EnvVar maps, or a map of name to a scalar (printed
 * quoted) or to the body of an EnvVar, sorted by name.
 *
 * @internal
 */
export function userEnvAt(prop: string, value: unknown): k8s.EnvVar[] {
  if (Array.isArray(value)) {
    return envList(prop, value);
  }
  if (!isMap(value)) {
    throw new HelmValuesError(`${prop} must be a list of environment variables or a map of name to value, got ${show(value)}`);
  }
  return Object.keys(value).sort().map((name) => {
    const val = value[name];
    const p = `${prop}.${name}`;
    if (isMap(val)) {
      return asWire<k8s.EnvVar>({ name, ...val });
    }
    if (Array.isArray(val)) {
      throw new HelmValuesError(`${p} must be a value or a map with valueFrom, got a list ${show(val)}`);
    }
    return { name, value: envScalar(p, val) };
  });
}

/** A scalar as the chart prints it quoted; a number it would print in exponent form is an error. */
function envScalar(prop: string, value: unknown): string {
  if (unset(value)) {
    return '';
  }
  if (typeof value === 'number') {
    const t = goPrint(value);
    if (!Number.isFinite(value) || t.includes('e')) {
      throw new HelmValuesError(`${prop} must be quoted: the chart would print ${show(value)} in exponent form`);
    }
    return t;
  }
  if (typeof value === 'boolean' || typeof value === 'string') {
    return String(value);
  }
  throw new HelmValuesError(`${prop} must be a string, got ${show(value)}`);
}

/**
 * The liveness and readiness probe budgets the chart takes for components and the FE proxy
 * alike (`livenessProbeFailureSeconds`, `readinessProbeFailureSeconds` under `p`), when given.
 *
 * @internal
 */
export function probeFailureTimes(p: string, v: ValuesMap): { livenessProbeFailureTime?: Duration; readinessProbeFailureTime?: Duration } {
  const out: { livenessProbeFailureTime?: Duration; readinessProbeFailureTime?: Duration } = {};
  if (truthy(v.livenessProbeFailureSeconds)) {
    out.livenessProbeFailureTime = secondsAt(`${p}.livenessProbeFailureSeconds`, v.livenessProbeFailureSeconds);
  }
  if (truthy(v.readinessProbeFailureSeconds)) {
    out.readinessProbeFailureTime = secondsAt(`${p}.readinessProbeFailureSeconds`, v.readinessProbeFailureSeconds);
  }
  return out;
}

/**
 * The Service block, printed only with a `type`; the load balancer settings only for `LoadBalancer`.
 *
 * @internal
 */
export function componentService(p: string, value: unknown): ComponentServiceOptions | undefined {
  const k = `${p}.service`;
  const s = sectionAt(k, value);
  const type = textAt(`${k}.type`, s.type) as ServiceType | undefined;
  if (!type) {
    return undefined;
  }
  const out: Building<ComponentServiceOptions> = { type };
  if (type === ServiceType.LOAD_BALANCER && truthy(s.loadbalancerIP)) {
    out.loadBalancerIp = textAt(`${k}.loadbalancerIP`, s.loadbalancerIP);
  }
  if (type === ServiceType.LOAD_BALANCER && truthy(s.loadBalancerSourceRanges)) {
    out.loadBalancerSourceRanges = textListAt(`${k}.loadBalancerSourceRanges`, s.loadBalancerSourceRanges);
  }
  if (truthy(s.ports)) {
    out.ports = asWire<ServicePortOptions[]>(mapsAt(`${k}.ports`, s.ports, (pp, port) => {
      textAt(`${pp}.name`, port.name);
      for (const n of ['containerPort', 'port', 'nodePort']) {
        const num = countAt(`${pp}.${n}`, port[n], 1);
        if (num !== undefined && num > 65535) {
          throw new HelmValuesError(`${pp}.${n} must be a port number from 1 to 65535, got ${num}`);
        }
      }
      return port;
    }));
  }
  if (truthy(s.annotations)) {
    out.annotations = stringMap(`${p}.service.annotations`, s.annotations);
  }
  if (truthy(s.labels)) {
    out.labels = stringMap(`${p}.service.labels`, s.labels);
  }
  return out;
}

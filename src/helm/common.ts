/**
 * What the chart translations (the kube-starrocks `starrocks` and `operator` subcharts, the
 * warehouse chart) read and print alike: images, quantities and resources, pull secrets,
 * environment lists, mounts, storage sizes, config texts, the Datadog settings and the top-level
 * `secrets` and `configMaps` lists.
 *
 * Each reader takes the values key it reads (`prop`) and throws a `HelmValuesError` naming it
 * where the chart would print something the API server rejects; everything else comes out as the
 * chart prints it.
 *
 * @internal
 */
import { Size } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { HelmValuesError } from './context';
import { showValue } from './schema/check';
import { asWire, goPrint, hasOwn, isMap, listAt, listOfMaps, mapAt, scalar, stringMap, text, truthy, ValuesMap, withoutNulls } from './values';
import { StarRocksApiObject } from '../common/api-object';
import { helmValueHash } from '../common/hash';
import { ImageReference } from '../common/image';
import { ResourceQuantity } from '../common/quantity';
import { show } from '../common/validate';
import { MountOptions, StarRocksResources } from '../components/options';
import { StarRocksConfig } from '../config/config';
import { DatadogLogConfig } from '../monitoring/datadog';

/** Largest int32: replicas, ports and seconds are int32 fields. */
const INT32_MAX = 2147483647;

/**
 * A whole number the chart prints with `toYaml` (replicas, ports): a number from `min` to the
 * int32 maximum.
 *
 * @internal
 */
export function wholeNumber(prop: string, value: unknown, min: number): number {
  const n = typeof value === 'number' ? value : NaN;
  if (!Number.isInteger(n) || n < min || n > INT32_MAX) {
    throw new HelmValuesError(`${prop} must be a whole number of at least ${min} (the API server rejects others), got ${show(value)}`);
  }
  return n;
}

/**
 * A whole number the chart prints with `{{ }}` (not `toYaml`): a quoted number loses its quotes,
 * so a string of digits is a number too.
 *
 * @internal
 */
export function printedNumber(prop: string, value: unknown): number {
  return wholeNumber(prop, typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : value, 0);
}

/**
 * `"<repository>:<tag>"` of an `image` map, as the templates print it: an empty part, or a space
 * (which no image reference has), is an error.
 *
 * @internal
 */
export function imageRef(prop: string, value: unknown): string {
  const img = mapAt(prop, value) ?? {};
  const repository = text(img.repository);
  const tag = text(img.tag);
  if (repository === '') {
    throw new HelmValuesError(`${prop}.repository must be set (the chart would print the image ${show(`:${tag}`)})`);
  }
  if (tag === '') {
    throw new HelmValuesError(`${prop}.tag must be set (the chart would print the image ${show(`${repository}:`)}, which the kubelet cannot pull)`);
  }
  if (/\s/.test(repository) || /\s/.test(tag)) {
    throw new HelmValuesError(`${prop}.repository and .tag must not contain spaces, got ${show(`${repository}:${tag}`)}`);
  }
  return ImageReference.of(repository, tag).toString();
}

/**
 * The chart's own annotations, then the user's at `prop`, as the chart prints them: a key of both
 * with another value would be printed twice, which YAML parsers refuse, so it is an error (`when`
 * says when the chart sets it, e.g. ` with datadog.metrics.enabled`).
 *
 * @internal
 */
export function withUserAnnotations(chart: { [key: string]: string }, prop: string, user: unknown, when = ''): { [key: string]: string } {
  const out = { ...chart };
  for (const [k, val] of Object.entries(stringMap(prop, user) ?? {})) {
    if (hasOwn(chart, k) && chart[k] !== val) {
      throw new HelmValuesError(`${prop}.${k} must not be set${when}: the chart sets it to ${show(chart[k])} and would print the key twice`);
    }
    out[k] = val;
  }
  return out;
}

/**
 * A resource quantity as the chart prints it: a number (`4`), a string (`"500m"`) or a `--set`
 * integer of a million or more; anything else is an error.
 *
 * @internal
 */
export function quantity(prop: string, value: unknown): ResourceQuantity {
  try {
    if (typeof value === 'number') {
      return ResourceQuantity.fromNumber(value);
    }
    if (typeof value === 'string' || typeof value === 'bigint') {
      return ResourceQuantity.of(String(value));
    }
  } catch {
    // reported below, naming the values key
  }
  throw new HelmValuesError(`${prop} must be a Kubernetes quantity such as 8, "500m" or "8Gi" (the API server rejects others), got ${show(value)}`);
}

/**
 * A map of resource quantities (`requests`, `limits`); entries without a value, or that `keep`
 * refuses, are left out.
 *
 * @internal
 */
export function quantities(prop: string, value: unknown, keep: (q: unknown) => boolean = () => true): { [name: string]: ResourceQuantity } {
  const out: { [name: string]: ResourceQuantity } = {};
  for (const [name, q] of Object.entries(mapAt(prop, value) ?? {})) {
    if (q !== null && q !== undefined && keep(q)) {
      out[name] = quantity(`${prop}.${name}`, q);
    }
  }
  return out;
}

/**
 * A `resources` map the chart prints as given: only the keys `allowed` (of `limits`, `requests`,
 * `claims`), for the reason `why`; entries without a value are left out.
 *
 * @internal
 */
export function resourceRequirements(prop: string, value: unknown, allowed: readonly string[], why: string): ChartResources {
  const out: { -readonly [K in keyof ChartResources]: ChartResources[K] } = {};
  for (const [key, val] of Object.entries(mapAt(prop, value) ?? {})) {
    if (!allowed.includes(key)) {
      throw new HelmValuesError(`${prop} may only have ${allowed.join(', ')} (${why}), got ${show(key)}`);
    }
    if (val === null || val === undefined) {
      continue;
    }
    if (key === 'claims') {
      out.claims = listOfMaps(`${prop}.claims`, val);
    } else if (key === 'limits' || key === 'requests') {
      out[key] = quantities(`${prop}.${key}`, val);
    }
  }
  return out;
}

/**
 * The names of the `claims` of a `resources` map: each `{name: ...}` and nothing else (the typed
 * props take claims by name).
 *
 * @internal
 */
export function claimNames(prop: string, claims: readonly ValuesMap[]): string[] {
  return claims.map((c, i) => {
    const keys = Object.keys(c);
    if (keys.length !== 1 || keys[0] !== 'name' || typeof c.name !== 'string') {
      throw new HelmValuesError(`${prop}[${i}] must be a map with only a name (the library gives claims by name), got ${show(c)}`);
    }
    return c.name;
  });
}

/**
 * A `resources` map (`limits`, `requests`, `claims`) as the typed props take it: quantities
 * wrapped, in the order given, and the claims by name.
 *
 * @internal
 */
export function typedResources(prop: string, value: unknown): { resources: StarRocksResources; resourceClaims?: string[] } {
  const r = resourceRequirements(prop, value, ['limits', 'requests', 'claims'], 'the API server rejects other fields');
  const resources: { -readonly [K in keyof StarRocksResources]: StarRocksResources[K] } = {};
  for (const key of Object.keys(r)) {
    if (key === 'limits' || key === 'requests') {
      resources[key] = r[key];
    }
  }
  return r.claims === undefined ? { resources } : { resources, resourceClaims: claimNames(`${prop}.claims`, r.claims) };
}

/** A `resources` map as the charts print it, quantities wrapped for the typed props. @internal */
export interface ChartResources {
  readonly limits?: { [name: string]: ResourceQuantity };
  readonly requests?: { [name: string]: ResourceQuantity };
  /** Printed as given. */
  readonly claims?: ValuesMap[];
}

/**
 * `imagePullSecrets`, printed as given: a list of `{name: ...}` maps, whose names are returned.
 *
 * @internal
 */
export function pullSecrets(prop: string, value: unknown): string[] {
  return listAt(prop, value).map((item, i) => {
    if (!isMap(item) || !truthy(item.name) || isMap(item.name) || Array.isArray(item.name)) {
      throw new HelmValuesError(`${prop}[${i}] must be a map with a name, e.g. {name: my-pull-secret} (the chart prints the item as given and the API server rejects others), got ${show(item)}`);
    }
    return text(item.name);
  });
}

/**
 * A list of EnvVar maps printed as given: each needs a name, and a `value` must be a string.
 *
 * @internal
 */
export function envList(prop: string, value: unknown): k8s.EnvVar[] {
  return listAt(prop, value).map((e, i) => {
    const p = `${prop}[${i}]`;
    if (!isMap(e)) {
      throw new HelmValuesError(`${p} must be a map with name and value (or valueFrom), got ${show(e)}`);
    }
    if (typeof e.name !== 'string' || e.name === '') {
      throw new HelmValuesError(`${p}.name must be a non-empty string, got ${showValue(e.name)}`);
    }
    if (e.value !== undefined && e.value !== null && typeof e.value !== 'string') {
      throw new HelmValuesError(`${p}.value must be a string: quote it (the chart prints ${show(e.value)} unquoted and the API server rejects it)`);
    }
    return asWire<k8s.EnvVar>(withoutNulls(e));
  });
}

/**
 * Mounts of existing Secrets or ConfigMaps (`secrets`, `configMaps` of a component): `name`,
 * `mountPath` and `subPath`, which the chart prints empty when not set.
 *
 * @internal
 */
export function mounts(prop: string, value: unknown): MountOptions[] {
  return listAt(prop, value).map((m, i) => {
    const p = `${prop}[${i}]`;
    if (!isMap(m)) {
      throw new HelmValuesError(`${p} must be a map of name, mountPath and subPath, got ${show(m)}`);
    }
    if (!truthy(m.name) || !truthy(m.mountPath)) {
      throw new HelmValuesError(`${p} must have a name and a mountPath (the chart prints them empty, which the operator refuses), got ${show(m)}`);
    }
    const name = scalar(`${p}.name`, m.name);
    const mountPath = scalar(`${p}.mountPath`, m.mountPath);
    return truthy(m.subPath) ? { name, mountPath, subPath: scalar(`${p}.subPath`, m.subPath) } : { name, mountPath };
  });
}

const SIZE_UNITS: { [unit: string]: (n: number) => Size } = {
  Mi: Size.mebibytes,
  Gi: Size.gibibytes,
  Ti: Size.tebibytes,
  Pi: Size.pebibyte,
};

/**
 * A storage size as the chart prints it (`"500Gi"`), as a Size that prints the same. A size the
 * Size would print otherwise (`"1.0Gi"`, `"010Gi"`) is an error rather than a silent change.
 *
 * @internal
 */
export function storageSize(prop: string, value: unknown): Size {
  const t = isMap(value) || Array.isArray(value) ? '' : text(value);
  const m = /^([0-9]+(?:\.[0-9]+)?)(Mi|Gi|Ti|Pi)$/.exec(t);
  if (!m) {
    throw new HelmValuesError(`${prop} must be a size with a binary unit Mi, Gi, Ti or Pi such as "100Gi" (the StarRocks CRD rejects others), got ${show(value)}`);
  }
  const size = SIZE_UNITS[m[2]](Number(m[1]));
  if (size.asString() !== t) {
    throw new HelmValuesError(`${prop} must be written in its shortest form such as "100Gi", got ${show(value)}`);
  }
  return size;
}

/**
 * A text as a YAML literal block (`key: |`) holds it: trailing line breaks clipped to exactly one
 * (none for a text of line breaks only).
 *
 * @internal
 */
export function literalBlock(value: string): string {
  const body = value.replace(/\n+$/, '');
  return body === '' ? '' : `${body}\n`;
}

/**
 * A setting of a config text (`fe.conf`, `cn.conf`) as the charts read it for a port: lines split
 * at `=` into exactly two parts, trimmed, the last one winning; undefined when there is none, or
 * an empty one, or the config is not a text.
 *
 * @internal
 */
export function configTextValue(config: unknown, key: string): string | undefined {
  if (typeof config !== 'string') {
    return undefined;
  }
  let found = '';
  for (const line of config.split('\n')) {
    const pair = line.split('=');
    if (pair.length === 2 && pair[0].trim() === key) {
      found = pair[1].trim();
    }
  }
  return found === '' ? undefined : found;
}

/**
 * The Service annotations of `datadog.metrics.enabled`, the port as the chart prints it (the text
 * of the config's port setting, else the default).
 *
 * @internal
 */
export function prometheusAnnotations(port: string): { [key: string]: string } {
  return { 'prometheus.io/path': '/metrics', 'prometheus.io/port': port, 'prometheus.io/scrape': 'true' };
}

/**
 * The extra attributes of `datadog.log.logConfig`: a map as it is; a string through `json`, which
 * gives the JSON text the chart parses from it (undefined: no attributes); other values give none.
 * Text that is no JSON object is an error, `hint` saying what the chart expects.
 *
 * @internal
 */
export function datadogLogConfig(logConfig: unknown, json: (text: string) => string | undefined, hint: string): DatadogLogConfig | undefined {
  try {
    if (isMap(logConfig)) {
      return DatadogLogConfig.fromObject(logConfig);
    }
    const source = typeof logConfig === 'string' ? json(logConfig) : undefined;
    return source === undefined ? undefined : DatadogLogConfig.fromObject(JSON.parse(source));
  } catch (e) {
    throw new HelmValuesError(`datadog.log.logConfig must be a JSON object ${hint}: ${(e as Error).message}`);
  }
}

/** An object the chart itself renders, which a top-level Secret or ConfigMap must not replace. @internal */
export interface RenderedObject {
  readonly kind: 'Secret' | 'ConfigMap';
  readonly name: string;
  /** What renders it, for the message. */
  readonly by: string;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DATA_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * Adds the objects of the top-level `secrets` and `configMaps` lists, in the release namespace:
 * entries with an empty value are left out; ConfigMap values are printed as YAML literal blocks
 * ({@link literalBlock}), Secret values base64-encoded as given. Two objects of one kind and name
 * (`rendered` lists the chart's own) are an error.
 *
 * @internal
 */
export function addValueObjects(scope: Construct, v: ValuesMap, namespace: string, rendered: readonly RenderedObject[] = []): void {
  const seen = new Map<string, string>(rendered.map((o) => [`${o.kind} ${o.name}`, o.by]));
  const entry = (kind: RenderedObject['kind'], prop: string, item: unknown) => {
    const [name, data] = valueObjectData(prop, item, kind === 'Secret');
    const key = `${kind} ${name}`;
    if (seen.has(key)) {
      throw new HelmValuesError(`${prop}.name must differ from the name of ${seen.get(key)}: both would be the ${kind} ${show(name)}`);
    }
    seen.set(key, prop);
    return { name, data };
  };
  listAt('secrets', v.secrets ?? []).forEach((item, i) => {
    const { name, data } = entry('Secret', `secrets[${i}]`, item);
    const encoded = mapValues(data, (val) => Buffer.from(val, 'utf8').toString('base64'));
    new StarRocksApiObject(scope, `Secret${i}`, { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, type: 'Opaque', data: encoded });
  });
  listAt('configMaps', v.configMaps ?? []).forEach((item, i) => {
    const { name, data } = entry('ConfigMap', `configMaps[${i}]`, item);
    new StarRocksApiObject(scope, `ConfigMap${i}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: mapValues(data, literalBlock) });
  });
}

/** The name and the printed data of one item of `secrets` or `configMaps`. */
function valueObjectData(prop: string, item: unknown, secret: boolean): [string, { [key: string]: string }] {
  // a Secret's content is never shown
  const shown = (v: unknown) => secret ? '<redacted>' : show(v);
  if (!isMap(item)) {
    throw new HelmValuesError(`${prop} must be a map of name and data, got ${shown(item)}`);
  }
  const name = truthy(item.name) ? scalar(`${prop}.name`, item.name) : '';
  if (!DNS_SUBDOMAIN.test(name) || name.length > 253) {
    throw new HelmValuesError(`${prop}.name must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.'; the API server rejects others), got ${showValue(item.name)}`);
  }
  const data: { [key: string]: string } = {};
  for (const [k, val] of Object.entries(mapAt(`${prop}.data`, item.data) ?? {})) {
    if (!truthy(val)) {
      continue;
    }
    if (!DATA_KEY.test(k)) {
      throw new HelmValuesError(`${prop}.data keys must consist of letters, digits, '-', '_' and '.' (the API server rejects others), got ${show(k)}`);
    }
    if (isMap(val) || Array.isArray(val)) {
      throw new HelmValuesError(`${prop}.data.${k} must be a string, got ${shown(val)}`);
    }
    data[k] = goPrint(val);
  }
  return [name, data];
}

function mapValues(m: { [key: string]: string }, f: (v: string) => string): { [key: string]: string } {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, f(v)]));
}

/**
 * A config file whose text and hash are the chart's: the config-hash annotation is the chart's hash
 * of `hashInput` (the values as Helm holds them: the `configyaml` map, or the `config` text as
 * given), or `fixedHash` where the chart writes a fixed value.
 *
 * @internal
 */
export function chartConfig(configText: string, hashInput: unknown, fixedHash?: string): StarRocksConfig {
  // checked like any config where the component attaches it; numbers the chart printed in
  // exponent form are warnings there, so that what `helm template` renders still renders
  return StarRocksConfig.fromText(configText, { hash: fixedHash ?? helmValueHash(hashInput), exponentIntegersWarn: true });
}

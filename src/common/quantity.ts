import type { Size } from 'cdk8s';
import type { Cpu } from 'cdk8s-plus-27';
import { StarRocksPropError } from './errors';
import { checkResourceName, isResourceName } from './k8s-rules';
import { fail } from './validate';

/**
 * A quantity as k8s.io/apimachinery `pkg/api/resource` `ParseQuantity` reads it: a sign, a
 * decimal number, then a binary suffix (Ki..Ei), a decimal SI suffix (n u m k M G T P E) or a
 * decimal exponent, whose value is an integer (the CRD's pattern also allows `1e1.5`, which
 * `ParseQuantity` refuses when the operator writes the StatefulSet). Groups: 1 sign, 2 number,
 * 3 suffix.
 */
const QUANTITY = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;
const STORAGE_SIZE = /^(0|[0-9]+(\.[0-9]+)?(Mi|Gi|Ti|Pi|Ei))$/;

/**
 * A Kubernetes resource quantity for requests and limits (`4`, `500m`, `8Gi`).
 *
 * The value is written to the manifest as given, without unit conversion.
 */
export class ResourceQuantity {
  /**
   * A quantity given as text, e.g. `'500m'` or `'8Gi'`.
   *
   * @param value a Kubernetes quantity
   */
  public static of(value: string): ResourceQuantity {
    const m = typeof value === 'string' ? QUANTITY.exec(value) : null;
    if (m === null) {
      return fail('quantity', 'a Kubernetes quantity such as "4", "500m" or "8Gi"', value);
    }
    // core `ValidateResourceQuantityValue`: requests and limits are never negative
    if (m[1] === '-' && /[1-9]/.test(m[2])) {
      fail('quantity', 'a quantity of 0 or more (the API server refuses negative requests and limits)', value);
    }
    return new ResourceQuantity(value, approximate(m));
  }

  /**
   * A plain number, e.g. `4` CPUs or `0.5` CPU.
   *
   * A whole number is written as a number (`4`); a fractional one as its decimal text (`"0.5"`),
   * because the StarRocks CRD takes a quantity as an integer or a string and refuses the JSON number
   * `0.5`.
   *
   * @param value a non-negative number
   */
  public static fromNumber(value: number): ResourceQuantity {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      fail('quantity', 'a non-negative number', value);
    }
    return new ResourceQuantity(Number.isInteger(value) ? value : String(value), value);
  }

  /**
   * A CPU amount from cdk8s-plus, e.g. `Cpu.millis(500)`.
   *
   * @param cpu the amount
   */
  public static cpu(cpu: Cpu): ResourceQuantity {
    return ResourceQuantity.of(String(cpu.amount));
  }

  /**
   * A memory or storage amount, e.g. `Size.gibibytes(8)`, written with its binary unit (`8Gi`).
   *
   * @param size the amount
   */
  public static size(size: Size): ResourceQuantity {
    return ResourceQuantity.of(size.asString());
  }

  /** The value as written to the manifest: a string, or a whole number. */
  public readonly value: unknown;
  /** The value as written to the manifest. @internal */
  public readonly _wire: string | number;
  /** The value as a floating-point number, for a quick comparison. @internal */
  public readonly _approx: number;

  private constructor(value: string | number, approx: number) {
    this.value = value;
    this._wire = value;
    this._approx = approx;
  }
}

const SUFFIX_POWERS: { readonly [suffix: string]: number } = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The value of a matched quantity as a float (Infinity for huge ones). */
function approximate(m: RegExpExecArray): number {
  const n = parseFloat(m[2]);
  const suffix = m[3];
  let v = n;
  if (suffix !== undefined) {
    const power = SUFFIX_POWERS[suffix];
    v = power !== undefined ? n * power : n * Math.pow(10, Number(suffix.slice(1)));
  }
  return m[1] === '-' ? -v : v;
}

/** A quantity's exact value: `digits` × 10^`exp10` × 2^`exp2`, with its sign. */
interface ExactQuantity {
  readonly negative: boolean;
  readonly digits: bigint;
  readonly exp10: number;
  readonly exp2: number;
}

const DECIMAL_EXPONENTS: { readonly [suffix: string]: number } = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_EXPONENTS: { readonly [suffix: string]: number } = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

function exact(text: string): ExactQuantity {
  const m = QUANTITY.exec(text);
  if (m === null) {
    return fail('quantity', 'a Kubernetes quantity such as "4", "500m" or "8Gi"', text);
  }
  const dot = m[2].indexOf('.');
  const whole = dot < 0 ? m[2] : m[2].slice(0, dot);
  const fraction = dot < 0 ? '' : m[2].slice(dot + 1);
  const suffix = m[3] ?? '';
  let exp10 = -fraction.length;
  let exp2 = 0;
  if (BINARY_EXPONENTS[suffix] !== undefined) {
    exp2 = BINARY_EXPONENTS[suffix];
  } else if (DECIMAL_EXPONENTS[suffix] !== undefined) {
    exp10 += DECIMAL_EXPONENTS[suffix];
  } else if (suffix !== '') {
    exp10 += Number(suffix.slice(1));
  }
  return { negative: m[1] === '-', digits: BigInt(`${whole}${fraction}` || '0'), exp10, exp2 };
}

/**
 * Compares two quantities exactly, as apimachinery `Quantity.Cmp` does: -1, 0 or 1. A float
 * comparison decides when the values are far apart; close ones are compared as integers.
 *
 * @internal
 */
export function compareQuantities(a: ResourceQuantity, b: ResourceQuantity): number {
  const x = a._approx;
  const y = b._approx;
  if (Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) > 1e-9 * Math.max(Math.abs(x), Math.abs(y))) {
    return x < y ? -1 : 1;
  }
  return compareExact(exact(String(a._wire)), exact(String(b._wire)));
}

function compareExact(a: ExactQuantity, b: ExactQuantity): number {
  const signA = a.digits === 0n ? 0 : a.negative ? -1 : 1;
  const signB = b.digits === 0n ? 0 : b.negative ? -1 : 1;
  if (signA !== signB || signA === 0) {
    return Math.sign(signA - signB);
  }
  // orders of magnitude first, so that exponents far apart never build huge integers
  const magA = a.digits.toString().length + a.exp10 + a.exp2 * Math.LOG10E * Math.LN2;
  const magB = b.digits.toString().length + b.exp10 + b.exp2 * Math.LOG10E * Math.LN2;
  if (Math.abs(magA - magB) > 2) {
    return (magA < magB ? -1 : 1) * signA;
  }
  const e10 = Math.min(a.exp10, b.exp10);
  const e2 = Math.min(a.exp2, b.exp2);
  const scaledA = a.digits * 10n ** BigInt(a.exp10 - e10) * 2n ** BigInt(a.exp2 - e2);
  const scaledB = b.digits * 10n ** BigInt(b.exp10 - e10) * 2n ** BigInt(b.exp2 - e2);
  return (scaledA === scaledB ? 0 : scaledA < scaledB ? -1 : 1) * signA;
}

/** Whether an exact quantity is a whole number. */
function isWhole(q: ExactQuantity): boolean {
  if (q.exp2 < 0) return false; // never: binary suffixes only multiply
  return q.exp10 >= 0 || q.digits % 10n ** BigInt(-q.exp10) === 0n;
}

/** core `IsHugePageResourceName`. */
function isHugePages(name: string): boolean {
  return name.startsWith('hugepages-');
}

/** core helper `IsNativeResource`: no domain, or one in `kubernetes.io`. */
function isNative(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** The names of `requests` or `limits` (`kind`), and whether they have huge pages and cpu or memory. */
function checkResourceNames(
  prop: string, kind: string, map: { readonly [name: string]: ResourceQuantity } | undefined, flags: { hugePages: boolean; cpuOrMemory: boolean },
): void {
  if (map === undefined) return;
  const names = Object.keys(map);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (name === 'cpu' || name === 'memory') {
      flags.cpuOrMemory = true;
      continue;
    }
    if (!isResourceName(name)) {
      checkResourceName(`${prop}.${kind}`, name);
    }
    if (isHugePages(name)) {
      flags.hugePages = true;
    } else if (!isNative(name)) {
      // core `ValidateResourceQuantityValue` with helper `IsIntegerResourceName`
      const q = map[name];
      if (q instanceof ResourceQuantity && !isWhole(exact(String(q._wire)))) {
        fail(`${prop}.${kind}.${name}`, 'a whole number (the API server refuses fractions of an extended resource)', q._wire);
      }
    }
  }
}

/**
 * A container's requests and limits (core `ValidateResourceRequirements`): resource names as
 * `checkResourceName` has them; each request at most its limit (apimachinery `Quantity.Cmp`);
 * resources that cannot be overcommitted (extended resources such as `nvidia.com/gpu`, and
 * `hugepages-*`) need a limit, and a request equal to it; extended resources are whole numbers;
 * huge pages need a cpu or memory request or limit. `prop` names the `resources`.
 *
 * @internal
 */
export function checkResourceRequirements(
  prop: string,
  requests: { readonly [name: string]: ResourceQuantity } | undefined,
  limits: { readonly [name: string]: ResourceQuantity } | undefined,
): void {
  const flags = { hugePages: false, cpuOrMemory: false };
  checkResourceNames(prop, 'limits', limits, flags);
  checkResourceNames(prop, 'requests', requests, flags);
  if (requests !== undefined) {
    const names = Object.keys(requests);
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      const request = requests[name];
      const limit = limits?.[name];
      const overcommit = isNative(name) && !isHugePages(name);
      if (!(request instanceof ResourceQuantity)) continue; // reported by renderQuantities
      if (limit === undefined) {
        if (!overcommit) {
          throw new StarRocksPropError(`${prop}.limits`, `must set ${JSON.stringify(name)} too: the API server requires a limit for a resource that cannot be overcommitted (extended resources and hugepages-*), got a request of ${JSON.stringify(String(request._wire))} and no limit`);
        }
        continue;
      }
      if (!(limit instanceof ResourceQuantity)) continue;
      const cmp = compareQuantities(request, limit);
      if (!overcommit && cmp !== 0) {
        fail(`${prop}.requests.${name}`, `equal to its limit ${JSON.stringify(String(limit._wire))} (the API server requires it for a resource that cannot be overcommitted)`, request._wire);
      }
      if (cmp > 0) {
        fail(`${prop}.requests.${name}`, `at most its limit ${JSON.stringify(String(limit._wire))} (the API server refuses a request above the limit)`, request._wire);
      }
    }
  }
  if (flags.hugePages && !flags.cpuOrMemory) {
    throw new StarRocksPropError(prop, 'must request or limit cpu or memory too: the API server refuses hugepages-* without them');
  }
}

/**
 * Checks a storage size against what the StarRocks CRD accepts for `storageSize`: `0` or a number
 * with a binary suffix `Mi`, `Gi`, `Ti`, `Pi` or `Ei`.
 *
 * @internal
 */
export function checkStorageSize(prop: string, size: Size | string): string {
  const text = typeof size === 'string' ? size : size.asString();
  if (!STORAGE_SIZE.test(text)) {
    fail(prop, 'a size of 0 or with a binary unit Mi, Gi, Ti, Pi or Ei (the StarRocks CRD rejects others, e.g. "10G" or "512Ki")', text);
  }
  return text;
}

const BINARY_UNITS: { [unit: string]: number } = { Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

/** The number of bytes of a storage size that passed `checkStorageSize`. @internal */
export function storageBytes(text: string): number {
  const unit = BINARY_UNITS[text.slice(-2)];
  return unit === undefined ? Number(text) : parseFloat(text) * unit;
}

/** Whether a storage size is zero (the operator then skips the volume). @internal */
export function isZeroSize(text: string): boolean {
  return /^0/.test(text);
}

/**
 * Renders a map of resource quantities.
 *
 * @internal
 */
export function renderQuantities(
  prop: string, map: { [name: string]: ResourceQuantity } | undefined,
): { [name: string]: number | string } | undefined {
  if (map === undefined) {
    return undefined;
  }
  const out: { [name: string]: number | string } = {};
  for (const name of Object.keys(map)) {
    const q = map[name];
    if (!(q instanceof ResourceQuantity)) {
      fail(`${prop}.${name}`, 'a ResourceQuantity (ResourceQuantity.of("4Gi"), ResourceQuantity.fromNumber(4), ...)', q);
    }
    out[name] = q._wire;
  }
  return out;
}

/** A container's `resources` in wire form. @internal */
export type ResourcesWire = {
  claims?: Array<{ name: string }>;
  limits?: { [name: string]: number | string };
  requests?: { [name: string]: number | string };
};

/**
 * A container's `resources` (`StarRocksResources`) in wire form: the claims by name first (as
 * `toYaml` prints them), then `limits` and `requests` in the order given, each quantity as written.
 *
 * @internal
 */
export function renderResources(
  prop: string,
  resources: { readonly requests?: { [name: string]: ResourceQuantity }; readonly limits?: { [name: string]: ResourceQuantity } },
  claims?: { readonly prop: string; readonly names: readonly string[] },
): ResourcesWire {
  if (typeof resources !== 'object' || resources === null) {
    fail(prop, 'an object with requests and limits', resources);
  }
  const out: ResourcesWire = {};
  if (claims !== undefined) {
    claims.names.forEach((name, i) => {
      if (typeof name !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
        fail(`${claims.prop}[${i}]`, 'the name of a resource claim of the pod (a DNS label)', name);
      }
    });
    if (claims.names.length > 0) {
      out.claims = claims.names.map((name) => ({ name }));
    }
  }
  for (const key of Object.keys(resources)) {
    if (key !== 'limits' && key !== 'requests') {
      fail(`${prop}.${key}`, 'one of "limits", "requests"', (resources as { [k: string]: unknown })[key]);
    }
    const rendered = renderQuantities(`${prop}.${key}`, resources[key]);
    if (rendered !== undefined) {
      out[key] = rendered;
    }
  }
  checkResourceRequirements(prop, resources.requests, resources.limits);
  return out;
}

/**
 * The `requests` and `limits` of a StarRocks spec (a component's or the FE proxy's): each map that
 * has a quantity, under its own key of the spec. The API server's rules for them
 * (`checkResourceRequirements`) are the caller's, at construction.
 *
 * @internal
 */
export function renderSpecResources(
  prop: string,
  resources: { readonly requests?: { [name: string]: ResourceQuantity }; readonly limits?: { [name: string]: ResourceQuantity } } | undefined,
): { requests?: { [name: string]: number | string }; limits?: { [name: string]: number | string } } {
  const out: { requests?: { [name: string]: number | string }; limits?: { [name: string]: number | string } } = {};
  if (resources === undefined) {
    return out;
  }
  const requests = renderQuantities(`${prop}.requests`, resources.requests);
  const limits = renderQuantities(`${prop}.limits`, resources.limits);
  if (requests && Object.keys(requests).length > 0) {
    out.requests = requests;
  }
  if (limits && Object.keys(limits).length > 0) {
    out.limits = limits;
  }
  return out;
}

import type { Size } from 'cdk8s';
import type { Cpu } from 'cdk8s-plus-27';
import { fail } from './validate';

const QUANTITY = /^[+-]?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;
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
    if (typeof value !== 'string' || !QUANTITY.test(value)) {
      fail('quantity', 'a Kubernetes quantity such as "4", "500m" or "8Gi"', value);
    }
    return new ResourceQuantity(value);
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
    return new ResourceQuantity(Number.isInteger(value) ? value : String(value));
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

  private constructor(value: string | number) {
    this.value = value;
    this._wire = value;
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
  return out;
}

/**
 * The `requests` and `limits` of a StarRocks spec (a component's or the FE proxy's): each map that
 * has a quantity, under its own key of the spec.
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

/**
 * Turns a value typed with the cdk8s L1 "props" shapes (for example `k8s.Container` from
 * cdk8s-plus-27) into its wire form, without loading the generated code that defines them.
 *
 * The L1 shapes of the core Kubernetes types use the wire names for every key; only the
 * `IntOrString` and `Quantity` unions differ: they are class instances that hold the real value in
 * `value`. Every other class instance is rejected rather than silently mangled.
 *
 * @internal
 */
export function toWire(value: any, path: string): any {
  try {
    return wire(value);
  } catch (e) {
    if (!(e instanceof NotPlainData)) throw e;
    // the path is looked for only now: converting plain data keeps no trail of where it is
    const name = e.instance.constructor?.name ?? 'an unknown class';
    throw new Error(`'${path}${pathTo(value, e.instance) ?? ''}' must be plain data (an object literal), got an instance of ${name}`);
  }
}

/** Thrown by `wire` for a class instance that is not a number-or-string union. */
class NotPlainData {
  constructor(readonly instance: object) {}
}

/** The wire form of a value; throws NotPlainData for a class instance other than a union. */
function wire(value: any): any {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'object') {
    return value;
  }
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      out[i] = wire(value[i]);
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    if (isUnion(value)) {
      return value.value;
    }
    throw new NotPlainData(value);
  }
  const out: { [key: string]: any } = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const v = wire(value[keys[i]]);
    if (v !== undefined) {
      out[keys[i]] = v;
    }
  }
  return out;
}

/** An `IntOrString` or `Quantity` of the L1 shapes: a class instance holding its value in `value`. */
function isUnion(value: any): boolean {
  return 'value' in value && (typeof value.value === 'string' || typeof value.value === 'number');
}

/** Where `target` sits below `value`, as `wire` walks it (`[0].name`), or undefined. */
function pathTo(value: any, target: object): string | undefined {
  if (value === target) {
    return '';
  }
  if (value === null || typeof value !== 'object') {
    return undefined;
  }
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) {
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const below = pathTo(value[key], target);
    if (below !== undefined) {
      return (Array.isArray(value) ? `[${key}]` : `.${key}`) + below;
    }
  }
  return undefined;
}

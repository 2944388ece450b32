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
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'object') {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item, i) => toWire(item, `${path}[${i}]`));
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    if ('value' in value && (typeof value.value === 'string' || typeof value.value === 'number')) {
      return value.value;
    }
    throw new Error(`'${path}' must be plain data (an object literal), got an instance of ${value.constructor?.name ?? 'an unknown class'}`);
  }
  const out: { [key: string]: any } = {};
  for (const key of Object.keys(value)) {
    const v = toWire(value[key], `${path}.${key}`);
    if (v !== undefined) {
      out[key] = v;
    }
  }
  return out;
}

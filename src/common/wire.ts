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
  return wire(value, [path]);
}

/** toWire, with the path as a list of segments (joined only for a message). */
function wire(value: any, at: (string | number)[]): any {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'object') {
    return value;
  }
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      at.push(i);
      out[i] = wire(value[i], at);
      at.pop();
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    if ('value' in value && (typeof value.value === 'string' || typeof value.value === 'number')) {
      return value.value;
    }
    const path = at.map((s, i) => (i === 0 ? s : typeof s === 'number' ? `[${s}]` : `.${s}`)).join('');
    throw new Error(`'${path}' must be plain data (an object literal), got an instance of ${value.constructor?.name ?? 'an unknown class'}`);
  }
  const out: { [key: string]: any } = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    at.push(key);
    const v = wire(value[key], at);
    at.pop();
    if (v !== undefined) {
      out[key] = v;
    }
  }
  return out;
}

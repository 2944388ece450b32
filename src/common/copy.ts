/**
 * Copies caller data on the way in: plain objects and arrays are copied all the way
 * down, so that later changes to the caller's objects cannot bypass the checks; class instances
 * (`StarRocksConfig`, `ResourceQuantity`, `Size`, `IntOrString`, constructs, ...) are kept as they
 * are.
 *
 * @internal
 */
export function copyData<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map(copyData) as unknown as T;
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    return value;
  }
  const out: { [key: string]: unknown } = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    out[keys[i]] = copyData((value as { [key: string]: unknown })[keys[i]]);
  }
  return out as T;
}

import { StarRocksPropError } from './errors';

/**
 * Copies caller data on the way in: plain objects and arrays are copied all the way
 * down, so that later changes to the caller's objects cannot bypass the checks; class instances
 * (`StarRocksConfig`, `ResourceQuantity`, `Size`, `IntOrString`, constructs, ...) are kept as they
 * are. An object that contains itself (a circular object) is refused, naming where it refers back
 * (`prop` is the path of `value`, prefixed to that of the part in error).
 *
 * @internal
 */
export function copyData<T>(value: T, prop = ''): T {
  const keys: string[] = [];
  const ancestors: object[] = [];
  try {
    return copy(value, ancestors, keys) as T;
  } catch (e) {
    if (e instanceof CircularData) {
      throw circularError(prop, e.keys, e.back);
    }
    throw e;
  }
}

/**
 * Thrown inside a copy for an object met again below itself: the keys from the root to it, and how
 * many of them lead to the ancestor it repeats.
 *
 * @internal
 */
export class CircularData {
  constructor(readonly keys: readonly string[], readonly back: number) {}
}

/**
 * The error for a circular object at `keys` below `prop` (keys as `.name` or `[0]`), whose first
 * `back` keys lead to the object it repeats.
 *
 * @internal
 */
export function circularError(prop: string, keys: readonly string[], back: number): StarRocksPropError {
  const at = (n: number) => {
    const path = prop + keys.slice(0, n).join('');
    return path.startsWith('.') ? path.slice(1) : path;
  };
  const root = at(back);
  return new StarRocksPropError(at(keys.length),
    `must be plain data without cycles: it refers back to ${root === '' ? 'the props themselves' : `'${root}'`}, which contains it (a circular object cannot be written as YAML)`);
}

/** What `walkPlainData` does with what is not plain data, and with empty values. @internal */
export interface PlainDataRules {
  /** Whether null and undefined become undefined, and map entries holding them are left out. */
  readonly dropEmpty: boolean;
  /** The value that stands for a class instance (or throws); `keys` lead to it. */
  instance(value: object, keys: readonly string[]): unknown;
}

const COPY_RULES: PlainDataRules = { instance: (value) => value, dropEmpty: false };

function copy(value: unknown, ancestors: object[], keys: string[]): unknown {
  return walkPlainData(value, COPY_RULES, ancestors, keys);
}

/**
 * A copy of plain data (objects and arrays all the way down) made by `rules`, refusing an object
 * met again below itself (`CircularData`, with the keys to it). `ancestors` and `keys` are the
 * walk's state: empty lists at the top.
 *
 * @internal
 */
export function walkPlainData(value: unknown, rules: PlainDataRules, ancestors: object[], keys: string[]): unknown {
  if (value === null || value === undefined) {
    return rules.dropEmpty ? undefined : value;
  }
  if (typeof value !== 'object') {
    return value;
  }
  const isArray = Array.isArray(value);
  if (!isArray) {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      return rules.instance(value, keys);
    }
  }
  const back = ancestors.indexOf(value);
  if (back >= 0) {
    throw new CircularData(keys.slice(), back);
  }
  ancestors.push(value);
  let out: unknown;
  if (isArray) {
    const list = value as unknown[];
    const copied: unknown[] = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      keys.push(`[${i}]`);
      copied[i] = walkPlainData(list[i], rules, ancestors, keys);
      keys.pop();
    }
    out = copied;
  } else {
    const record = value as { [key: string]: unknown };
    const copied: { [key: string]: unknown } = {};
    const names = Object.keys(record);
    for (let i = 0; i < names.length; i++) {
      keys.push(`.${names[i]}`);
      const v = walkPlainData(record[names[i]], rules, ancestors, keys);
      keys.pop();
      if (v !== undefined || !rules.dropEmpty) {
        copied[names[i]] = v;
      }
    }
    out = copied;
  }
  ancestors.pop();
  return out;
}

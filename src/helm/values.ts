/**
 * Helpers that read Helm values the way Go templates do, and the typed readers every chart
 * translation uses: a value of the wrong shape is a `HelmValuesError` naming its values key.
 *
 * @internal
 */
import { HelmValuesError } from './context';
import { StarRocksPropError } from '../common/errors';
import { show } from '../common/validate';

/**
 * A map of Helm values as read from YAML or `--set`: nothing about its entries is known until a
 * reader has checked them.
 *
 * @internal
 */
export interface ValuesMap {
  [key: string]: unknown;
}

/** A map of the charts' default values: plain data, never changed. @internal */
export interface ReadonlyValuesMap {
  readonly [key: string]: unknown;
}

/** Whether a value is a map (a plain object). @internal */
export function isMap(v: unknown): v is ValuesMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Go template truthiness: false, 0, "", null and empty maps and lists are false.
 *
 * @internal
 */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') {
    return false;
  }
  if (Array.isArray(v)) {
    return v.length > 0;
  }
  if (isMap(v)) {
    return Object.keys(v).length > 0;
  }
  return true;
}

/**
 * A map of the values, or an empty map for anything else: the chart's templates read a key of a
 * value that is not a map as no value.
 *
 * @internal
 */
export function section(value: unknown): ValuesMap {
  return isMap(value) ? value : {};
}

/** Reads a nested value by path; undefined when any step is missing. @internal */
export function dig(values: unknown, ...path: string[]): unknown {
  let cur: unknown = values;
  for (const p of path) {
    if (!isMap(cur)) {
      return undefined;
    }
    cur = cur[p];
  }
  return cur;
}

/**
 * Helm's `toString` of a value as the templates print it with `{{ $value }}`: YAML numbers are
 * float64 (large ones in exponent form), booleans `true`/`false`, null `<nil>`, maps as Go prints
 * them (`map[a:1 b:x]`, keys sorted), lists `[1 2]`. Never JavaScript's `[object Object]`.
 *
 * @internal
 */
export function goPrint(v: unknown): string {
  return goPrintAt(v, 0);
}

function goPrintAt(v: unknown, depth: number): string {
  if (v === null || v === undefined) {
    return '<nil>';
  }
  if (typeof v === 'number') {
    return goFormatFloat(v);
  }
  if (typeof v !== 'object') {
    return String(v);
  }
  if (depth > 100) {
    return '...';
  }
  if (Array.isArray(v)) {
    return `[${v.map((item) => goPrintAt(item, depth + 1)).join(' ')}]`;
  }
  const entries = Object.entries(v as object).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[${entries.map(([k, item]) => `${k}:${goPrintAt(item, depth + 1)}`).join(' ')}]`;
}

/**
 * Go's `%v` of a float64, which is how a template prints a YAML number: the shortest digits that
 * identify it, in exponent form when the decimal exponent is below -4 or at least 6
 * (`1048576` prints as `1.048576e+06`, `9030` as `9030`).
 *
 * @internal
 */
export function goFormatFloat(v: number): string {
  if (v === 0) {
    return '0';
  }
  const [mantissa, expText] = v.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(v);
}

/**
 * sprig's `trimAll`: removes the characters of `cutset` from both ends.
 *
 * @internal
 */
export function trimAll(value: string, cutset: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && cutset.includes(value[start])) {
    start++;
  }
  while (end > start && cutset.includes(value[end - 1])) {
    end--;
  }
  return value.slice(start, end);
}

/**
 * How `{{ value }}` prints: no value prints nothing (Helm drops `<no value>`), anything else as
 * {@link goPrint}.
 *
 * @internal
 */
export function text(value: unknown): string {
  return value === null || value === undefined ? '' : goPrint(value);
}

/**
 * A scalar as the template prints it with `{{ }}`; a map or a list is an error naming `prop`.
 *
 * @internal
 */
export function scalar(prop: string, value: unknown): string {
  if (isMap(value) || Array.isArray(value)) {
    throw new HelmValuesError(`${prop} must be a string, got ${show(value)}`);
  }
  return text(value);
}

/**
 * The map at `prop`: undefined when there is no value, an error when the value is not a map.
 *
 * @internal
 */
export function mapAt(prop: string, value: unknown): ValuesMap | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  if (!isMap(value)) {
    throw new HelmValuesError(`${prop} must be a map, got ${show(value)}`);
  }
  return value;
}

/** The list at `prop`; anything else is an error. @internal */
export function listAt(prop: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) {
    throw new HelmValuesError(`${prop} must be a list, got ${show(value)}`);
  }
  return value;
}

/** The list of maps at `prop` (tolerations, host aliases, ...); anything else is an error. @internal */
export function listOfMaps(prop: string, value: unknown): ValuesMap[] {
  return listAt(prop, value).map((item, i) => {
    if (!isMap(item)) {
      throw new HelmValuesError(`${prop}[${i}] must be a map, got ${show(item)}`);
    }
    return item;
  });
}

/**
 * A map of strings (labels, annotations, node selectors) as `toYaml` prints it: undefined when not
 * set (Go-false), a null entry is the empty string, and any other value than a string is an error
 * naming its key, since the chart prints it unquoted and the API server rejects it.
 *
 * @internal
 */
export function stringMap(prop: string, value: unknown): { [key: string]: string } | undefined {
  if (!truthy(value)) {
    return undefined;
  }
  const out: { [key: string]: string } = {};
  for (const [k, val] of Object.entries(mapAt(prop, value)!)) {
    if (val === null || val === undefined) {
      out[k] = '';
    } else if (typeof val === 'string') {
      out[k] = val;
    } else {
      throw new HelmValuesError(`${prop}.${k} must be a string: quote it (the chart prints ${show(val)} unquoted and the API server rejects it)`);
    }
  }
  return out;
}

/** A copy of a map without its null entries (`toYaml` of a map the typed props take). @internal */
export function withoutNulls(m: ValuesMap): ValuesMap {
  const out: ValuesMap = {};
  for (const [k, val] of Object.entries(m)) {
    if (val !== null && val !== undefined) {
      out[k] = val;
    }
  }
  return out;
}

/** Whether a plain object has `key` as its own property. @internal */
export function hasOwn(target: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(target, key);
}

/** Sets a key on a plain object, `__proto__` included (as an own property). @internal */
export function setOwn(target: ValuesMap, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** Freezes plain data (maps and lists) all the way down; for the charts' defaults. @internal */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) {
      deepFreeze(v);
    }
    Object.freeze(value);
  }
  return value;
}

/**
 * A value the chart prints as given with `toYaml` (affinity, tolerations, sidecars, lifecycle,
 * ...), handed to the typed props as the wire object it already is. Its fields are the API
 * server's to check; the translation only makes sure of its outer shape before calling this.
 *
 * @internal
 */
export function asWire<T>(value: object): T {
  return value as unknown as T;
}

/**
 * A map the chart prints as given (`toYaml`), handed over as a wire object: no value is an empty
 * map, another value than a map an error naming `prop`.
 *
 * @internal
 */
export function wireMap<T>(prop: string, value: unknown): T {
  return asWire<T>(mapAt(prop, value) ?? {});
}

/** A list the chart prints as given (`toYaml`), handed over as a wire object. @internal */
export function wireList<T>(prop: string, value: unknown): T {
  return asWire<T>(listAt(prop, value));
}

/** A struct being filled in, field by field, before it is handed over as its readonly self. @internal */
export type Building<T> = { -readonly [K in keyof T]: T[K] };

/**
 * How the props of a construct map to the values keys they come from: pairs of a prop path (a
 * prefix: `fe.volumeNamePrefix` covers `fe.volumeNamePrefix[0]`) and the values key, the more
 * specific first.
 *
 * @internal
 */
export type PropToValuesKey = ReadonlyArray<readonly [string, string]>;

/**
 * A construct's error, which carries the prop it is about (`StarRocksPropError`, `'cn.replicas'
 * must be ...`), reworded to name the values key the prop comes from. The first entry of
 * `propToValuesKey` the prop is under wins; errors of other props, and any other error
 * (`HelmValuesError`s included), are returned as they are.
 *
 * @internal
 */
export function valuesError(e: unknown, propToValuesKey: PropToValuesKey): unknown {
  if (!(e instanceof StarRocksPropError)) {
    return e;
  }
  for (const [from, to] of propToValuesKey) {
    if (e.isUnder(from)) {
      const renamed = e.renamed(from, to);
      // a prop the values leave unset is shown by the typed check as `undefined`
      const problem = renamed.problem.replace(/, got (?:undefined|nothing \(it is not set\))$/, ', but it is not set');
      return new HelmValuesError(`${renamed.prop} ${problem}`);
    }
  }
  return e;
}

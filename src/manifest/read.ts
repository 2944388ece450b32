import { StarRocksPropError } from '../common/errors';
import { fail } from '../common/validate';

/**
 * Readers of manifest data (`unknown`): each checks the shape the CRD declares and throws a
 * `StarRocksPropError` naming the manifest path (`spec.starRocksFeSpec.replicas`) otherwise.
 */

/** A JSON object. @internal */
export type Json = { [key: string]: unknown };

/** Whether a value is a JSON object. @internal */
export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An object, or an error naming the path. @internal */
export function obj(path: string, v: unknown): Json {
  present(path, v, 'an object');
  if (!isObject(v)) fail(path, 'an object', v);
  return v;
}

/** A list, or an error naming the path. @internal */
export function list(path: string, v: unknown): unknown[] {
  present(path, v, 'a list');
  if (!Array.isArray(v)) fail(path, 'a list', v);
  return v;
}

/** A string. @internal */
export function str(path: string, v: unknown): string {
  present(path, v, 'a string');
  if (typeof v !== 'string') fail(path, 'a string', v);
  return v;
}

/** An integer. @internal */
export function int(path: string, v: unknown): number {
  present(path, v, 'an integer');
  if (typeof v !== 'number' || !Number.isInteger(v)) fail(path, 'an integer', v);
  return v;
}

/** A boolean. @internal */
export function bool(path: string, v: unknown): boolean {
  present(path, v, 'true or false');
  if (typeof v !== 'boolean') fail(path, 'true or false', v);
  return v;
}

/** Throws for a missing (absent or null) required field. */
function present(path: string, v: unknown, what: string): void {
  if (v === undefined || v === null) {
    throw new StarRocksPropError(path, `must be ${what}, but it is missing (absent or null)`);
  }
}

/** A map of strings. @internal */
export function stringMap(path: string, v: unknown): { [key: string]: string } {
  const o = obj(path, v);
  const out: { [key: string]: string } = {};
  for (const k of Object.keys(o)) out[k] = str(`${path}.${k}`, o[k]);
  return out;
}

/** A list of objects. @internal */
export function objects(path: string, v: unknown): Json[] {
  return list(path, v).map((x, i) => obj(`${path}[${i}]`, x));
}

/** Fails for a key of `o` not in `known` (a field the CRD does not declare). @internal */
export function checkKeys(path: string, o: Json, known: readonly string[], what: string): void {
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) {
      fail(path === '' ? k : `${path}.${k}`, `a field the ${what} declares (the API server drops or refuses others): one of ${known.join(', ')}`, o[k]);
    }
  }
}

/**
 * A field the typed API cannot write as given: the mapping writes it with a JSON patch instead.
 *
 * @internal
 */
export class Unrepresentable {
  constructor(readonly reason: string) {}
}

/** Throws `Unrepresentable`, caught by the field's rule. @internal */
export function unrepresentable(reason: string): never {
  throw new Unrepresentable(reason);
}

/**
 * A copy without null fields and list items, as the API server reads them (a null field is an
 * absent one); the Helm charts print many.
 *
 * @internal
 */
export function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== null).map(dropNulls);
  if (isObject(v)) {
    const out: Json = {};
    for (const k of Object.keys(v)) {
      if (v[k] !== null && v[k] !== undefined) out[k] = dropNulls(v[k]);
    }
    return out;
  }
  return v;
}

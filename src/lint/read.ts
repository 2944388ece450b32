/**
 * Readers of untyped manifest data: each returns the value when it has the expected shape and
 * undefined (or empty) otherwise; shapes are the schema check's business, the rules read what is
 * well formed.
 *
 * @internal
 */

/** A map. @internal */
export type DataMap = { readonly [key: string]: unknown };

/** Whether a value is a map. @internal */
export function isMap(v: unknown): v is DataMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The map at `v`, or an empty one. @internal */
export function mapOf(v: unknown): DataMap {
  return isMap(v) ? v : {};
}

/** The list at `v`, or an empty one. @internal */
export function listOf(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The string at `v`, or undefined. @internal */
export function strOf(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The number at `v`, or undefined. @internal */
export function numOf(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The entries of a map whose values are strings (others left out), or undefined when `v` is no map. @internal */
export function stringMapOf(v: unknown): { [key: string]: string } | undefined {
  if (!isMap(v)) return undefined;
  const out: { [key: string]: string } = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string') out[k] = x;
  }
  return out;
}

/**
 * A small validator of data against a CRD's structural schema (the compact form of
 * ./schema-types.ts), with the API server's semantics for custom resources:
 *
 * - a field the schema does not declare is a problem (the API server prunes it, so what was
 *   written is silently lost), unless the object preserves unknown fields or has
 *   `additionalProperties`;
 * - `x-kubernetes-int-or-string`: an integer or a string (a pattern applies to the string only);
 *   a decimal number such as `0.5` is neither;
 * - `format: int32` bounds integers to 32 bits;
 * - `x-kubernetes-list-type: set` items are unique, `map` items unique by their keys (after the
 *   key fields' defaults);
 * - `null` where the schema is not `nullable` is reported with kind `null` (the API server drops
 *   such values; the caller decides whether that is an error).
 *
 * Each problem carries its path (keys and list indexes) and a message; values are shown briefly.
 *
 * @internal
 */
import { CompactSchema, CompactSchemaRef } from './schema-types';
import { suggestKeys } from '../config/suggest';

/** A path into a document: keys and list indexes. @internal */
export type PathSegment = string | number;

/** What kind of problem: most are plain schema violations; `undeclared` and `null` are told apart. @internal */
export type StructuralProblemKind = 'undeclared' | 'null' | 'violation';

/** One problem. @internal */
export interface StructuralProblem {
  readonly path: readonly PathSegment[];
  readonly kind: StructuralProblemKind;
  readonly message: string;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** `a.b[2]["x/y"]`: keys that are not identifiers are quoted. @internal */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') {
      out += `[${seg}]`;
    } else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(seg)) {
      out += out === '' ? seg : `.${seg}`;
    } else {
      out += `[${JSON.stringify(seg)}]`;
    }
  }
  return out;
}

/** A short description of a value for messages (strings quoted and cut at 60 characters). @internal */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') {
    const s = JSON.stringify(value);
    return s.length > 62 ? `${s.slice(0, 59)}..."` : s;
  }
  return String(value);
}

function isMap(v: unknown): v is { [key: string]: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(t: string): string {
  return t === 'object' ? 'a map' : t === 'array' ? 'a list' : t === 'integer' ? 'an integer' : `a ${t}`;
}

/** Equality of plain data (for enums and list uniqueness). */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameData(a[k], b[k]));
  }
  return false;
}

class Validator {
  public readonly problems: StructuralProblem[] = [];
  private readonly patterns = new Map<string, RegExp>();

  constructor(private readonly defs: readonly CompactSchema[]) {}

  public check(value: unknown, ref: CompactSchemaRef, path: PathSegment[]): void {
    const s = typeof ref === 'number' ? this.defs[ref] : ref;
    if (value === null) {
      if (!s.n) this.add(path, 'null', `must be ${s.ios ? 'an integer or a string' : typeName(s.t ?? 'object')}, got null (the API server drops the field: leave it out)`);
      return;
    }
    if (s.ios) {
      if (!(typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)))) {
        this.add(path, 'violation', `must be an integer or a string, got ${describe(value)}${typeof value === 'number' ? ' (write a decimal as a quoted string, e.g. "500m" or "0.5")' : ''}`);
        return;
      }
    } else if (s.t !== undefined && !this.typeMatches(s.t, value)) {
      this.add(path, 'violation', `must be ${typeName(s.t)}, got ${describe(value)}`);
      return;
    }
    if (s.e !== undefined && !s.e.some((x) => sameData(x, value))) {
      this.add(path, 'violation', `must be one of ${s.e.map((x) => JSON.stringify(x)).join(', ')}, got ${describe(value)}`);
    }
    if (typeof value === 'string') this.checkString(value, s, path);
    if (typeof value === 'number') this.checkNumber(value, s, path);
    if (Array.isArray(value)) this.checkList(value, s, path);
    if (isMap(value)) this.checkMap(value, s, path);
  }

  private typeMatches(t: string, value: unknown): boolean {
    switch (t) {
      case 'object': return isMap(value);
      case 'array': return Array.isArray(value);
      case 'integer': return typeof value === 'number' && Number.isInteger(value);
      case 'number': return typeof value === 'number' && Number.isFinite(value);
      case 'string': return typeof value === 'string';
      case 'boolean': return typeof value === 'boolean';
      default: return true;
    }
  }

  private checkString(value: string, s: CompactSchema, path: PathSegment[]): void {
    if (s.minL !== undefined || s.maxL !== undefined) {
      // characters as the API server counts them (code points), counted only where a limit is set
      const length = [...value].length;
      if (s.minL !== undefined && length < s.minL) this.add(path, 'violation', `must be at least ${s.minL} characters long, got ${describe(value)}`);
      if (s.maxL !== undefined && length > s.maxL) this.add(path, 'violation', `must be at most ${s.maxL} characters long, got ${describe(value)}`);
    }
    if (s.pt !== undefined && !this.pattern(s.pt).test(value)) {
      this.add(path, 'violation', `must match the pattern ${s.pt}, got ${describe(value)}`);
    }
  }

  private checkNumber(value: number, s: CompactSchema, path: PathSegment[]): void {
    if (s.min !== undefined && (s.xmin ? value <= s.min : value < s.min)) {
      this.add(path, 'violation', `must be ${s.xmin ? 'greater than' : 'at least'} ${s.min}, got ${value}`);
    }
    if (s.max !== undefined && (s.xmax ? value >= s.max : value > s.max)) {
      this.add(path, 'violation', `must be ${s.xmax ? 'less than' : 'at most'} ${s.max}, got ${value}`);
    }
    if (s.f === 'int32' && Number.isInteger(value) && (value < INT32_MIN || value > INT32_MAX)) {
      this.add(path, 'violation', `must be a 32-bit integer (${INT32_MIN} to ${INT32_MAX}), got ${value}`);
    }
  }

  private checkList(value: readonly unknown[], s: CompactSchema, path: PathSegment[]): void {
    if (s.minI !== undefined && value.length < s.minI) this.add(path, 'violation', `must have at least ${s.minI} items, got ${value.length}`);
    if (s.maxI !== undefined && value.length > s.maxI) this.add(path, 'violation', `must have at most ${s.maxI} items, got ${value.length}`);
    if (s.u || s.ls) {
      for (let i = 0; i < value.length; i++) {
        const first = value.findIndex((x) => sameData(x, value[i]));
        if (first < i) this.add([...path, i], 'violation', `duplicates item ${first} (the items must be unique)`);
      }
    }
    if (s.lk !== undefined) {
      const keys = s.lk;
      const seen = new Map<string, number>();
      value.forEach((item, i) => {
        if (!isMap(item)) return;
        const id = JSON.stringify(keys.map(([k, d]) => item[k] ?? d));
        const first = seen.get(id);
        if (first !== undefined) {
          this.add([...path, i], 'violation', `has the same ${keys.map(([k]) => k).join(' + ')} as item ${first} (the items must be unique by ${keys.length > 1 ? 'these keys' : 'this key'})`);
        } else {
          seen.set(id, i);
        }
      });
    }
    if (s.i !== undefined) {
      const items = s.i;
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        this.check(value[i], items, path);
        path.pop();
      }
    }
  }

  private checkMap(value: { [key: string]: unknown }, s: CompactSchema, path: PathSegment[]): void {
    const keys = Object.keys(value);
    if (s.minP !== undefined && keys.length < s.minP) this.add(path, 'violation', `must have at least ${s.minP} fields, got ${keys.length}`);
    if (s.maxP !== undefined && keys.length > s.maxP) this.add(path, 'violation', `must have at most ${s.maxP} fields, got ${keys.length}`);
    const props = s.p ?? {};
    const dropped = new Set<string>();
    for (const r of s.r ?? []) {
      if (!(r in value)) {
        this.add([...path, r], 'violation', 'is required');
      } else if (value[r] === null && !this.resolve(props[r])?.n) {
        // the API server drops a null of a field that is not nullable, then finds it missing
        dropped.add(r);
        this.add([...path, r], 'violation', 'is required, got null (the API server drops a null, so the field is missing)');
      }
    }
    const embedded = s.er === true;
    const closed = s.a === false || (s.a === undefined && !s.pu);
    for (const k of keys) {
      const own = Object.prototype.hasOwnProperty.call(props, k) ? props[k] : undefined;
      if (dropped.has(k)) {
        continue;
      } else if (own !== undefined) {
        // one path array for the whole walk, extended and shortened around each field
        path.push(k);
        this.check(value[k], own, path);
        path.pop();
      } else if (embedded && (k === 'apiVersion' || k === 'kind' || k === 'metadata')) {
        this.check(value[k], { t: k === 'metadata' ? 'object' : 'string', pu: true }, [...path, k]);
      } else if (typeof s.a === 'object' || typeof s.a === 'number') {
        this.check(value[k], s.a, [...path, k]);
      } else if (closed) {
        const near = suggestKeys(k, Object.keys(props));
        const hint = k === 'resources' && 'limits' in props && 'requests' in props
          ? '; write limits and requests directly in the component (a common mistake, operator issue #429)'
          : near.length > 0 ? `; did you mean ${near.map((n) => JSON.stringify(n)).join(' or ')}?` : '';
        this.add([...path, k], 'undeclared', `is not a field of the CRD (the API server drops it)${hint}`);
      }
    }
  }

  private resolve(ref: CompactSchemaRef | undefined): CompactSchema | undefined {
    return typeof ref === 'number' ? this.defs[ref] : ref;
  }

  private pattern(source: string): RegExp {
    let re = this.patterns.get(source);
    if (re === undefined) {
      re = new RegExp(source, 'u');
      this.patterns.set(source, re);
    }
    return re;
  }

  private add(path: readonly PathSegment[], kind: StructuralProblemKind, message: string): void {
    this.problems.push({ path: [...path], kind, message });
  }
}

/**
 * Validates `value` (at `path`) against a compact schema whose shared subschemas are `defs`.
 *
 * @internal
 */
export function validateStructural(
  value: unknown, schema: CompactSchemaRef, defs: readonly CompactSchema[], path: readonly PathSegment[] = [],
): StructuralProblem[] {
  const v = new Validator(defs);
  v.check(value, schema, [...path]);
  return v.problems;
}

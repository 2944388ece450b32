/**
 * The declared keys of the charts' values schemas, for the tests that generate values from them
 * (the bad-input corpus, the property test over values files).
 */
import { ValueSchema } from '../../src/helm/schema/dsl';

/** A values key as path segments: map keys, and list indexes as numbers. */
export type Path = ReadonlyArray<string | number>;

export interface DeclaredKey {
  readonly path: Path;
  readonly schema: ValueSchema;
  /** Under a secret schema: its values must never show. */
  readonly secret: boolean;
}

/** Every declared key under `schema`, depth first; list items as `[0]`, user maps through the key `k`. */
export function declaredKeys(schema: ValueSchema, path: Path = [], secret = false, out: DeclaredKey[] = []): DeclaredKey[] {
  const isSecret = secret || ('secret' in schema && schema.secret === true);
  if (path.length > 0) {
    out.push({ path, schema, secret: isSecret });
  }
  switch (schema.type) {
    case 'struct':
      for (const [k, field] of Object.entries(schema.fields)) {
        declaredKeys(field, [...path, k], isSecret, out);
      }
      break;
    case 'mapOf':
      declaredKeys(schema.values, [...path, 'k'], isSecret, out);
      break;
    case 'listOf':
      declaredKeys(schema.items, [...path, 0], isSecret, out);
      break;
    case 'oneOf':
      // the children of each alternative (the key itself is a case already)
      for (const alternative of schema.alternatives) {
        if (alternative.type === 'struct' || alternative.type === 'mapOf' || alternative.type === 'listOf') {
          const children = declaredKeys(alternative, path, isSecret, []);
          out.push(...children.filter((c) => c.path.length > path.length));
        }
      }
      break;
    default:
      break;
  }
  return out;
}

export function keyOf(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The values with `value` at `path` (lists made as needed), over `base`. */
export function valuesWith(base: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) {
    return value;
  }
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const list = Array.isArray(base) ? [...base] : [];
    list[head] = valuesWith(list[head], rest, value);
    return list;
  }
  const map = typeof base === 'object' && base !== null && !Array.isArray(base) ? { ...base } as { [k: string]: unknown } : {};
  map[head] = valuesWith(map[head], rest, value);
  return map;
}


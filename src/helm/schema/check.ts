/**
 * Checks Helm values against their declared types (`./dsl.ts`) before any translation reads them:
 * the first value of the wrong type is a `HelmValuesError` naming its full values key (list
 * indexes included), what is allowed and the value (`<redacted>` under a secret); a key no
 * schema declares is a warning with the closest declared key. `null` or no value is always fine:
 * it is Helm's "not set".
 *
 * @internal
 */
import { ValueSchema } from './dsl';
import { ResourceQuantity } from '../../common/quantity';
import { suggestKeys } from '../../config/suggest';
import { HelmValuesError } from '../context';
import { goPrint } from '../values';

/** What a secret value is shown as. @internal */
export const REDACTED = '<redacted>';

/** Deeper than this, the values are refused rather than walked (schemas are far shallower). */
const MAX_DEPTH = 200;
/** Longest text of a value shown in a message. */
const MAX_SHOWN = 80;

/**
 * Checks `values` against `schema`; `root` is the values key of `values` (`''` at the top,
 * `operator` for the operator subchart's values). Throws a `HelmValuesError` at the first value of
 * the wrong type; calls `onWarning` for keys no schema declares and for the values Helm prints in
 * a form that is allowed but maybe not meant.
 *
 * @internal
 */
export function checkValues(values: unknown, schema: ValueSchema, root: string, onWarning: (message: string) => void): void {
  const problem = check(values, schema, root, false, 0, onWarning);
  if (problem !== undefined) {
    throw new HelmValuesError(problem);
  }
}

/**
 * What a schema allows, for a message (`"a string"`, `"a list of ..."`).
 *
 * @internal
 */
export function describeSchema(schema: ValueSchema): string {
  switch (schema.type) {
    case 'string':
      if (schema.oneOf !== undefined) {
        return `one of ${schema.oneOf.map((s) => JSON.stringify(s)).join(', ')}`;
      }
      return schema.multiline ? 'a string' : 'a string of one line';
    case 'integer':
      return `a whole number${range(schema.min, schema.max)}`;
    case 'number':
      return `a number${range(schema.min, schema.max)}`;
    case 'boolean':
      return 'unquoted true or false';
    case 'quantity':
      return `a Kubernetes quantity such as 8, "500m" or "8Gi"${schema.unlimited ? ' (or "unlimited")' : ''}`;
    case 'scalar':
      return 'a string, a number or true/false';
    case 'stringMap':
      return 'a map of strings';
    case 'struct': {
      const keys = Object.keys(schema.fields);
      return keys.length === 0 ? 'a map' : `a map (of ${shortList(keys)})`;
    }
    case 'mapOf': {
      const values = plural(describeSchema(schema.values));
      return values === undefined ? `a map (each value ${describeSchema(schema.values)})` : `a map of ${values}`;
    }
    case 'listOf': {
      const items = plural(describeSchema(schema.items));
      return items === undefined ? `a list (each item ${describeSchema(schema.items)})` : `a list of ${items}`;
    }
    case 'wire':
      return schema.what ?? (schema.shape === 'map' ? 'a map' : 'a list');
    case 'oneOf':
      return schema.alternatives.map(describeSchema).join(', or ');
    case 'any':
      return 'anything';
  }
}

/**
 * A value as a message shows it: strings quoted, numbers as written, maps and lists shortened,
 * never `[object Object]`; `<redacted>` for a secret.
 *
 * @internal
 */
export function showValue(value: unknown, secret = false): string {
  if (secret) {
    return REDACTED;
  }
  const out = render(value, 0, new Set());
  return out.length > MAX_SHOWN ? `${out.slice(0, MAX_SHOWN - 3)}...` : out;
}

function render(value: unknown, depth: number, seen: Set<unknown>): string {
  if (value === null || value === undefined) {
    return 'null';
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}...` : value);
    case 'number':
      return Number.isNaN(value) ? '.nan' : Number.isFinite(value) ? String(value) : value > 0 ? '.inf' : '-.inf';
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      break;
  }
  if (seen.has(value) || depth > 2) {
    return Array.isArray(value) ? '[...]' : '{...}';
  }
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.slice(0, 5).map((v) => render(v, depth + 1, seen)).join(', ')}${value.length > 5 ? ', ...' : ''}]`;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
      return typeof name === 'string' && name !== '' ? `a ${name} object` : 'an object';
    }
    const entries = Object.entries(value as object);
    const shown = entries.slice(0, 5).map(([k, v]) => `${JSON.stringify(k)}: ${render(v, depth + 1, seen)}`);
    return `{${shown.join(', ')}${entries.length > 5 ? ', ...' : ''}}`;
  } finally {
    seen.delete(value);
  }
}

type Warn = (message: string) => void;

/** The problem with `value` at `path`, or undefined when it matches `schema`. */
function check(value: unknown, schema: ValueSchema, path: string, secretAbove: boolean, depth: number, onWarning: Warn): string | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  const key = path === '' ? 'the values' : path;
  if (depth > MAX_DEPTH) {
    return `${key} is nested more than ${MAX_DEPTH} levels deep`;
  }
  const secret = secretAbove || ('secret' in schema && schema.secret === true);
  const got = () => showValue(value, secret);
  const wrong = (extra = '') => `${key} must be ${describeSchema(schema)}${extra}, got ${got()}`;
  switch (schema.type) {
    case 'any':
      return undefined;
    case 'string':
      return checkString(value, schema.oneOf, schema.multiline === true, secret, key, wrong);
    case 'scalar':
      return checkScalar(value, schema.multiline === true, schema.exponentWarns === true, secret, key, wrong, onWarning);
    case 'integer': {
      if (typeof value === 'string' && schema.digitString && /^[0-9]+$/.test(value)) {
        return inRange(Number(value), schema.min, schema.max) ? undefined : wrong();
      }
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return wrong(typeof value === 'string' ? ' (unquoted)' : '');
      }
      if (!Number.isInteger(value)) {
        return wrong(' (the chart would print the fraction, which an integer field refuses)');
      }
      return inRange(value, schema.min, schema.max) ? undefined : wrong();
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return wrong(typeof value === 'string' ? ' (unquoted)' : '');
      }
      return inRange(value, schema.min, schema.max) ? undefined : wrong();
    case 'boolean':
      return typeof value === 'boolean' ? undefined : wrong(typeof value === 'string'
        ? ' (a quoted string is not a boolean: the templates read any non-empty string as true)'
        : '');
    case 'quantity':
      return isQuantity(value, schema.unlimited === true) ? undefined : wrong();
    case 'wire':
      return (schema.shape === 'map' ? isPlainMap(value) : Array.isArray(value)) ? undefined : wrong();
    case 'stringMap': {
      if (!isPlainMap(value)) {
        return wrong();
      }
      for (const [k, v] of Object.entries(value)) {
        const child = path === '' ? k : `${path}.${k}`;
        const problem = checkString(v, undefined, true, secret, child, (extra = '') => `${child} must be a string${extra}, got ${showValue(v, secret)}`);
        if (problem !== undefined && v !== null && v !== undefined) {
          return problem;
        }
      }
      return undefined;
    }
    case 'struct': {
      if (!isPlainMap(value)) {
        return wrong();
      }
      for (const [k, v] of Object.entries(value)) {
        const field = Object.prototype.hasOwnProperty.call(schema.fields, k) ? schema.fields[k] : undefined;
        const child = path === '' ? k : `${path}.${k}`;
        if (field === undefined) {
          onWarning(unknownKey(child, k, Object.keys(schema.fields), path));
          continue;
        }
        const problem = check(v, field, child, secret, depth + 1, onWarning);
        if (problem !== undefined) {
          return problem;
        }
      }
      return undefined;
    }
    case 'mapOf': {
      if (!isPlainMap(value)) {
        return wrong();
      }
      for (const [k, v] of Object.entries(value)) {
        if (schema.keyPattern !== undefined && !schema.keyPattern.test(k)) {
          return `${key} keys must be ${schema.keyDescription ?? `of the form ${String(schema.keyPattern)}`}, got ${JSON.stringify(k)}`;
        }
        const problem = check(v, schema.values, path === '' ? k : `${path}.${k}`, secret, depth + 1, onWarning);
        if (problem !== undefined) {
          return problem;
        }
      }
      return undefined;
    }
    case 'listOf': {
      if (!Array.isArray(value)) {
        return wrong();
      }
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        const child = `${path}[${i}]`;
        if (item === null || item === undefined) {
          return `${child} must be ${describeSchema(schema.items)}, got null (the chart would print an empty list item)`;
        }
        const problem = check(item, schema.items, child, secret, depth + 1, onWarning);
        if (problem !== undefined) {
          return problem;
        }
      }
      return undefined;
    }
    case 'oneOf':
      return checkOneOf(value, schema.alternatives, path, secret, depth, onWarning, wrong);
  }
}

/**
 * The first alternative the value matches wins (its warnings are passed on). When none does and
 * only one alternative has the value's outer shape (map, list or scalar), its problem is the one
 * reported, as it is the most precise; else the message lists what is allowed.
 */
function checkOneOf(value: unknown, alternatives: readonly ValueSchema[], path: string, secret: boolean, depth: number, onWarning: Warn,
  wrong: () => string): string | undefined {
  const problems: string[] = [];
  for (const alternative of alternatives) {
    const warnings: string[] = [];
    const problem = check(value, alternative, path, secret, depth + 1, (m) => warnings.push(m));
    if (problem === undefined) {
      warnings.forEach(onWarning);
      return undefined;
    }
    if (shapeOf(alternative) === shapeOfValue(value)) {
      problems.push(problem);
    }
  }
  return problems.length === 1 ? problems[0] : wrong();
}

function checkString(value: unknown, allowed: readonly string[] | undefined, multiline: boolean, secret: boolean, key: string,
  wrong: (extra?: string) => string): string | undefined {
  if (typeof value === 'number') {
    return wrong(secret
      ? ' (quote it: Helm would print this number its own way)'
      : ` (quote it: Helm would print this number as ${goPrint(value)})`);
  }
  if (typeof value === 'boolean') {
    return wrong(' (quote it: unquoted, it is a boolean)');
  }
  if (typeof value !== 'string') {
    return wrong();
  }
  if (allowed !== undefined && !allowed.includes(value)) {
    return wrong();
  }
  if (!multiline && /[\r\n]/.test(value)) {
    return `${key} must be a single line: a line break would add lines of its own where the chart prints it, got ${showValue(value, secret)}`;
  }
  return undefined;
}

function checkScalar(value: unknown, multiline: boolean, exponentWarns: boolean, secret: boolean, key: string,
  wrong: (extra?: string) => string, onWarning: Warn): string | undefined {
  if (typeof value === 'boolean') {
    return undefined;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      return wrong();
    }
    const printed = goPrint(value);
    if (printed.includes('e')) {
      const message = secret
        ? `${key} is a number Helm prints in exponent form: quote it to keep it as written`
        : `${key} is the number ${String(value)}, which Helm prints as ${printed}: quote it to keep it as written`;
      if (!exponentWarns) {
        return message;
      }
      onWarning(message);
    }
    return undefined;
  }
  if (typeof value !== 'string') {
    return wrong();
  }
  if (!multiline && /[\r\n]/.test(value)) {
    return `${key} must be a single line: a line break would add lines of its own where the chart prints it, got ${showValue(value, secret)}`;
  }
  return undefined;
}

function isQuantity(value: unknown, unlimited: boolean): boolean {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0;
  }
  if (typeof value !== 'string') {
    return false;
  }
  if (unlimited && value === 'unlimited') {
    return true;
  }
  try {
    ResourceQuantity.of(value);
    return true;
  } catch {
    return false;
  }
}

function isPlainMap(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Shape = 'map' | 'list' | 'scalar' | 'any';

function shapeOf(schema: ValueSchema): Shape {
  switch (schema.type) {
    case 'struct': case 'mapOf': case 'stringMap': return 'map';
    case 'listOf': return 'list';
    case 'wire': return schema.shape;
    case 'oneOf': case 'any': return 'any';
    default: return 'scalar';
  }
}

function shapeOfValue(value: unknown): Shape {
  return Array.isArray(value) ? 'list' : isPlainMap(value) ? 'map' : 'scalar';
}

function unknownKey(child: string, k: string, known: readonly string[], parent: string): string {
  // camelCase keys as words, for the word-part matching (`labelsPod` for `podLabels`)
  const words = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  const byWords = new Map(known.map((name) => [words(name), name]));
  const close = suggestKeys(words(k), [...byWords.keys()]).map((name) => byWords.get(name) ?? name);
  const prefix = parent === '' ? '' : `${parent}.`;
  const hint = close.length > 0 ? `; did you mean ${close.map((c) => prefix + c).join(' or ')}?` : '';
  return `${child} is not a key the chart reads (ignored)${hint}`;
}

function inRange(n: number, min: number | undefined, max: number | undefined): boolean {
  return (min === undefined || n >= min) && (max === undefined || n <= max);
}

function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) {
    return ` from ${min} to ${max}`;
  }
  if (min !== undefined) {
    return ` of at least ${min}`;
  }
  return max !== undefined ? ` of at most ${max}` : '';
}

function shortList(keys: readonly string[]): string {
  return keys.length <= 4 ? keys.join(', ') : `${keys.slice(0, 4).join(', ')}, ...`;
}

/** `a map of X` → `maps of X`, for `a list of ...`; undefined when not known how. */
function plural(description: string): string | undefined {
  const d = description.replace(/^an? /, '');
  if (d.startsWith('Kubernetes quantity')) {
    return `Kubernetes quantities${d.slice('Kubernetes quantity'.length)}`;
  }
  if (d.startsWith('one of') || d.startsWith('unquoted')) {
    return `values ${d}`;
  }
  const m = /^(map|list|string|number|whole number)\b/.exec(d);
  return m === null ? undefined : `${m[1]}s${d.slice(m[1].length)}`;
}

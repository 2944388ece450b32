/**
 * Helm's `--set`, `--set-string` and `--set-file` syntax (`pkg/strvals` of Helm 3.6.2), applied to
 * a values map in place.
 *
 * No message here ever shows a value: the user's values may be passwords, and we cannot know which
 * keys hold secrets. Messages name the key and show `<redacted>` where the value was.
 *
 * @internal
 */
import { HelmValuesError } from './context';
import { hasOwn, isMap, setOwn, ValuesMap } from './values';

/**
 * Our limit on list indexes in `--set` (the `strvals.MaxIndex` of later Helm versions). Helm 3.6.2
 * has no limit: it allocates a list of any length, and runs out of memory on `a[999999999]=x`.
 * @internal
 */
export const MAX_SET_INDEX = 65536;

/** Shown instead of a value in messages. @internal */
export const REDACTED = '<redacted>';

/** Largest and smallest int64: Helm's `--set` reads integers with `strconv.ParseInt(s, 10, 64)`. */
const INT64_MAX = BigInt('9223372036854775807');
const INT64_MIN = BigInt('-9223372036854775808');
/**
 * Below this magnitude an int64 and a float64 print the same (`{{ $v }}` uses Go's `%v`, which
 * switches float64 to exponent form at 1e6), so a plain JS number is exact and behaves the same.
 */
const PLAIN_NUMBER_LIMIT = BigInt(1000000);

/**
 * Helm's type inference of a `--set` value (`strvals.typedVal`):
 *
 * - `true` / `false` in any letter case → booleans, `null` in any case → `null`;
 * - `0` → the number 0; an integer that fits int64 and does not start with `0` (an optional sign is
 *   allowed: `-5`, `+5`) → an integer; `007`, `1.5`, `1e3`, `0x10` stay strings;
 * - anything else (the empty string included) → a string, exactly as written.
 *
 * Integers: Helm holds them as int64, while numbers from values files are float64. The two print the
 * same below one million, so those become plain JS numbers. From one million up, a float64 prints in
 * exponent form in the templates (`1.048576e+06`) but an int64 does not (`1048576`), so those
 * become a `bigint`: `goPrint` (String) and the YAML output print it in plain digits, like Helm, and
 * it keeps all 64 bits (a JS number would round above 2^53).
 *
 * @internal
 */
export function typedSetValue(text: string): string | number | bigint | boolean | null {
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (text === '0') return 0;
  if (text.length > 0 && text[0] !== '0' && /^[+-]?[0-9]+$/.test(text)) {
    const n = BigInt(text);
    if (n >= INT64_MIN && n <= INT64_MAX) {
      return n > -PLAIN_NUMBER_LIMIT && n < PLAIN_NUMBER_LIMIT ? Number(n) : n;
    }
  }
  return text;
}

/** How the values of an expression are read. @internal */
export type SetMode = 'set' | 'set-string' | 'set-file';

/** Options of {@link applySet}. @internal */
export interface SetOptions {
  /** `set` (typed values, the default), `set-string` (every value a string), `set-file` (every value names a file). */
  readonly mode?: SetMode;
  /**
   * For `set-file`: the content of the named file (`-` is standard input). Its errors are passed on
   * as they are (they name the file, never the content).
   */
  readonly readFile?: (name: string) => string;
}

/** What a value holds, without showing it. */
function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (isMap(v)) return 'a map';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'boolean') return 'a boolean';
  return 'a number';
}

/** What a read up to a stop character found. */
interface Token {
  /** The text read, escapes resolved. */
  readonly text: string;
  /** The stop character met, or undefined at the end of the input. */
  readonly stop?: string;
}

/**
 * Result of parsing one `key=value`: more follows, the end, or the end right after `=` (Helm
 * returns nil, io.EOF, and io.EOF after setting the empty string).
 */
type Status = 'more' | 'end' | 'end-empty';

class SetParser {
  private readonly chars: string[];
  private pos = 0;
  /** The key of the last value read (for messages). */
  private lastKey = '';

  constructor(expression: string, private readonly reader: (text: string, key: string) => unknown) {
    // code points, like Go's ReadRune
    this.chars = Array.from(expression);
  }

  public parse(data: ValuesMap): void {
    while (this.key(data, '') === 'more') {
      // next key=value pair
    }
  }

  private fail(message: string): never {
    throw new HelmValuesError(message);
  }

  private read(): string | undefined {
    return this.pos < this.chars.length ? this.chars[this.pos++] : undefined;
  }

  private unread(): void {
    this.pos--;
  }

  /** Helm's `runesUntil`: reads up to one of `stops`, resolving `\x` escapes to `x`. */
  private until(stops: string): Token {
    let text = '';
    for (;;) {
      const r = this.read();
      if (r === undefined) return { text };
      if (stops.includes(r)) return { text, stop: r };
      if (r === '\\') {
        const next = this.read();
        if (next === undefined) return { text };
        text += next;
      } else {
        text += r;
      }
    }
  }

  /** One `key...=value` at `data` (path is where `data` sits, for messages). */
  private key(data: ValuesMap, path: string): Status {
    const { text: k, stop } = this.until('=[,.');
    const here = path === '' ? k : `${path}.${k}`;
    if (stop === undefined) {
      if (k.length === 0 && path === '') return 'end';
      return this.fail(k.length === 0 ? `key "${path}." has no value` : `key "${here}" has no value`);
    }
    if (k.length === 0 && stop !== ',') {
      // Helm skips a value set under an empty key: what the user wrote would be lost
      return this.fail(path === '' ? `empty key before "${stop}" (Helm would drop this value)` : `empty key after "${path}." (Helm would drop this value)`);
    }
    switch (stop) {
      case '[': {
        const i = this.index(here);
        let list: unknown[] = [];
        if (hasOwn(data, k)) {
          const current = data[k];
          if (!Array.isArray(current)) {
            return this.fail(`cannot set an index of "${here}": it holds ${kindOf(current)}, not a list`);
          }
          list = current;
        }
        const r = this.listItem(list, i, `${here}[${i}]`);
        setOwn(data, k, r);
        return 'more';
      }
      case '=': {
        const value = this.value(here);
        setOwn(data, k, value.value);
        return value.status;
      }
      case ',':
        return this.fail(`key "${here}" has no value (cannot end with ,)`);
      default: { // '.'
        let inner: ValuesMap = {};
        if (hasOwn(data, k)) {
          const current = data[k];
          if (!isMap(current)) {
            return this.fail(`cannot set a key inside "${here}": it holds ${kindOf(current)}, not a map`);
          }
          inner = current;
        }
        const status = this.key(inner, here);
        setOwn(data, k, inner);
        return status;
      }
    }
  }

  /** What follows `=`: a `{list}`, a scalar, or nothing (the empty string). */
  private value(here: string): { value: unknown; status: Status } {
    this.lastKey = here;
    const r = this.read();
    if (r === undefined) {
      // Helm sets "" without reading (with --set-file too: no file is read)
      return { value: '', status: 'end-empty' };
    }
    if (r === '{') {
      return { value: this.list(here), status: 'more' };
    }
    this.unread();
    const { text, stop } = this.until(',');
    return { value: this.reader(text, here), status: stop === undefined ? 'end' : 'more' };
  }

  /** `{a,b,c}` after the `{`. */
  private list(here: string): unknown[] {
    const list: unknown[] = [];
    for (;;) {
      const { text, stop } = this.until(',}');
      if (stop === undefined) {
        return this.fail(`list must terminate with '}' (in ${here}={${REDACTED})`);
      }
      list.push(this.reader(text, `${here}[${list.length}]`));
      if (stop === '}') {
        // a following ',' belongs to the list
        const next = this.read();
        if (next !== undefined && next !== ',') this.unread();
        return list;
      }
    }
  }

  /** The index inside `[...]`, after the `[` (Go's `strconv.Atoi`: a sign and leading zeros allowed). */
  private index(where: string): number {
    const { text, stop } = this.until(']');
    if (stop === undefined) {
      return this.fail(`error parsing index of "${where}": missing ']'`);
    }
    if (!/^[+-]?[0-9]+$/.test(text)) {
      return this.fail(`error parsing index of "${where}": the index ${text === '' ? 'is empty' : 'is not an integer'}`);
    }
    const i = Number(text);
    if (i < 0) {
      return this.fail(`negative index not allowed (in "${where}[${text}]")`);
    }
    if (i > MAX_SET_INDEX) {
      return this.fail(`index of ${text} is greater than maximum supported index of ${MAX_SET_INDEX} (in "${where}[${text}]")`);
    }
    return i;
  }

  /** What follows `name[i]`: `=value`, `[j]...` or `.key...`. */
  private listItem(list: unknown[], i: number, here: string): unknown[] {
    const { text, stop } = this.until('[.=');
    if (text.length > 0) {
      return this.fail(`unexpected data at end of array index (after "${here}")`);
    }
    switch (stop) {
      case undefined:
        // Helm ends the expression here and sets nothing
        return this.fail(`key "${here}" has no value`);
      case '=':
        return setIndex(list, i, this.value(here).value);
      case '[': {
        const j = this.index(here);
        let inner: unknown[] = [];
        const item = list.length > i ? list[i] : undefined;
        if (item !== null && item !== undefined) {
          if (!Array.isArray(item)) {
            return this.fail(`cannot set an index of "${here}": it holds ${kindOf(item)}, not a list`);
          }
          inner = item;
        }
        return setIndex(list, i, this.listItem(inner, j, `${here}[${j}]`));
      }
      default: { // '.'
        // as in Helm, an item that is not a map is replaced by one
        const item = list.length > i ? list[i] : undefined;
        const inner = isMap(item) ? item : {};
        if (this.key(inner, here) === 'end-empty' && list.length <= i) {
          // Helm 3.6.2 ends on io.EOF after `x=` and drops the new item
          return this.fail(`key "${this.lastKey}" has an empty value at the end of the expression inside a new list item, `
            + 'which Helm 3.6.2 drops: end the expression with a comma');
        }
        return setIndex(list, i, inner);
      }
    }
  }

}

/** Helm's `setIndex`: grows the list with nulls as needed. */
function setIndex(list: unknown[], index: number, value: unknown): unknown[] {
  while (list.length <= index) list.push(null);
  list[index] = value;
  return list;
}

/**
 * Applies one `--set` (or `--set-string`, `--set-file`) argument to `values` in place, as
 * `helm template` does (Helm 3.6.2 `strvals.ParseInto`, `ParseIntoString`, `ParseIntoFile`):
 *
 * - `a.b=c` sets a nested key, creating maps on the way;
 * - `a=1,b=2` sets several keys; a trailing `,` is allowed;
 * - `a={x,y}` sets a list (`a={}` is `[""]`, as in Helm); `a[0].b=c`, `a[1]=x`, `a[0][1]=x` set list
 *   items, growing the list with nulls (index at most {@link MAX_SET_INDEX}); `a[007]` is `a[7]`;
 * - `\` escapes the next character anywhere (`a\.b=c` sets the key `a.b`, `a=x\,y` the value `x,y`);
 * - `a=` sets the empty string; values are typed by {@link typedSetValue} (`set`), kept as strings
 *   (`set-string`) or name a file whose content is the value (`set-file`, list items too).
 *
 * A malformed expression throws a `HelmValuesError` that names the key and never shows a value;
 * `values` may then be partly updated (callers discard it). Helm refuses the same expressions
 * (setting inside a key that holds a scalar, a list or null, indexing a key that holds a map, a
 * scalar or null). Stricter than Helm 3.6.2, where it silently drops what the user wrote: an empty
 * key (`=x`, `.a=1`: Helm ignores the value), `a[0]` or `a[0].` with nothing after (Helm sets an
 * empty list), `a[0].b=` at the very end (Helm drops the item), and indexes above
 * {@link MAX_SET_INDEX}.
 *
 * @internal
 */
export function applySet(values: unknown, expression: string, options: SetOptions = {}): void {
  if (!isMap(values)) {
    throw new HelmValuesError(`--set needs a map of values to apply to, got ${kindOf(values)}`);
  }
  const mode = options.mode ?? 'set';
  let reader: (text: string, key: string) => unknown;
  if (mode === 'set-file') {
    const readFile = options.readFile;
    if (!readFile) {
      throw new HelmValuesError('--set-file needs a way to read files');
    }
    reader = (text) => readFile(text);
  } else if (mode === 'set-string') {
    reader = (text) => text;
  } else {
    reader = (text) => typedSetValue(text);
  }
  new SetParser(expression, reader).parse(values);
}

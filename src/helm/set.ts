/**
 * Helm's `--set` syntax (`pkg/strvals` of Helm 3.6.2), applied to a values map in place.
 *
 * @internal
 */
import { HelmValuesError } from './context';
import { hasOwn, isMap, setOwn, ValuesMap } from './values';

/** Helm's limit on list indexes in `--set` (`strvals.MaxIndex`). @internal */
export const MAX_SET_INDEX = 65536;

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

function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (isMap(v)) return 'a map';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  return `the ${typeof v} ${String(v)}`;
}

/** What a read up to a stop character found. */
interface Token {
  /** The text read, escapes resolved. */
  readonly text: string;
  /** The stop character met, or undefined at the end of the input. */
  readonly stop?: string;
}

/** Result of parsing one `key=value` (Helm returns nil or io.EOF). */
type Status = 'more' | 'end';

class SetParser {
  private readonly chars: string[];
  private pos = 0;

  constructor(private readonly expression: string) {
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
      return this.fail(`key "${here}" has no value`);
    }
    if (k.length === 0) {
      return this.fail(path === '' ? `empty key before "${stop}"` : `empty key after "${path}."`);
    }
    switch (stop) {
      case '[': {
        const i = this.index(here);
        const current = hasOwn(data, k) ? data[k] : undefined;
        let list: unknown[];
        if (current === null || current === undefined) {
          list = [];
        } else if (Array.isArray(current)) {
          list = current;
        } else {
          return this.fail(`cannot set an index of "${here}": it is ${kindOf(current)}, not a list`);
        }
        const r = this.listItem(list, i, `${here}[${i}]`);
        setOwn(data, k, r.list);
        return r.status;
      }
      case '=': {
        const value = this.value();
        setOwn(data, k, value.value);
        return value.status;
      }
      case ',':
        return this.fail(`key "${here}" has no value (cannot end with ,)`);
      default: { // '.'
        const current = hasOwn(data, k) ? data[k] : undefined;
        let inner: ValuesMap;
        if (current === null || current === undefined) {
          inner = {};
        } else if (isMap(current)) {
          inner = current;
        } else {
          return this.fail(`cannot set a key inside "${here}": it is ${kindOf(current)}, not a map`);
        }
        const status = this.key(inner, here);
        setOwn(data, k, inner);
        return status;
      }
    }
  }

  /** What follows `=`: a `{list}`, a scalar, or nothing (the empty string). */
  private value(): { value: unknown; status: Status } {
    const r = this.read();
    if (r === undefined) {
      return { value: '', status: 'end' };
    }
    if (r === '{') {
      return { value: this.list(), status: 'more' };
    }
    this.unread();
    const { text, stop } = this.until(',');
    return { value: typedSetValue(text), status: stop === undefined ? 'end' : 'more' };
  }

  /** `{a,b,c}` after the `{`. */
  private list(): unknown[] {
    const list: unknown[] = [];
    for (;;) {
      const { text, stop } = this.until(',}');
      if (stop === undefined) {
        return this.fail(`list must terminate with '}' in ${JSON.stringify(this.expression)}`);
      }
      list.push(typedSetValue(text));
      if (stop === '}') {
        // a following ',' belongs to the list
        const next = this.read();
        if (next !== undefined && next !== ',') this.unread();
        return list;
      }
    }
  }

  /** The index inside `[...]`, after the `[`. */
  private index(where: string): number {
    const { text, stop } = this.until(']');
    if (stop === undefined) {
      return this.fail(`error parsing index of "${where}": missing ']'`);
    }
    if (!/^[+-]?[0-9]+$/.test(text)) {
      return this.fail(`error parsing index of "${where}": ${JSON.stringify(text)} is not an integer`);
    }
    const i = Number(text);
    if (i < 0) {
      return this.fail(`negative ${i} index not allowed (in "${where}[${text}]")`);
    }
    if (i > MAX_SET_INDEX) {
      return this.fail(`index of ${text} is greater than maximum supported index of ${MAX_SET_INDEX} (in "${where}[${text}]")`);
    }
    return i;
  }

  /** What follows `name[i]`: `=value`, `[j]...` or `.key...`. */
  private listItem(list: unknown[], i: number, here: string): { list: unknown[]; status: Status } {
    const { text, stop } = this.until('[.=');
    if (text.length > 0) {
      return this.fail(`unexpected data at end of array index: ${JSON.stringify(text)} (after "${here}")`);
    }
    switch (stop) {
      case undefined:
        return this.fail(`key "${here}" has no value`);
      case '=': {
        const value = this.value();
        return { list: setIndex(list, i, value.value), status: value.status };
      }
      case '[': {
        const j = this.index(here);
        let inner: unknown[] = [];
        const item = list.length > i ? list[i] : undefined;
        if (item !== null && item !== undefined) {
          if (!Array.isArray(item)) {
            return this.fail(`cannot set an index of "${here}": it is ${kindOf(item)}, not a list`);
          }
          inner = item;
        }
        const r = this.listItem(inner, j, `${here}[${j}]`);
        return { list: setIndex(list, i, r.list), status: r.status };
      }
      default: { // '.'
        // as in Helm, an item that is not a map is replaced by one
        const item = list.length > i ? list[i] : undefined;
        const inner = isMap(item) ? item : {};
        const status = this.key(inner, here);
        return { list: setIndex(list, i, inner), status };
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
 * Applies one `--set` argument to `values` in place, as `helm template --set <expression>` does
 * (Helm 3.6.2 `strvals.ParseInto`):
 *
 * - `a.b=c` sets a nested key, creating maps on the way (a `null` on the way counts as absent);
 * - `a=1,b=2` sets several keys; a trailing `,` is allowed;
 * - `a={x,y}` sets a list (`a={}` is `[""]`, as in Helm); `a[0].b=c`, `a[1]=x`, `a[0][1]=x` set list
 *   items, growing the list with nulls (index at most 65536);
 * - `\` escapes the next character anywhere (`a\.b=c` sets the key `a.b`, `a=x\,y` the value `x,y`);
 * - `a=` sets the empty string; values are typed by {@link typedSetValue}.
 *
 * A malformed expression throws a `HelmValuesError` that says what is wrong; `values` may then be
 * partly updated (callers discard it). Deviations from Helm 3.6.2, where it panics or silently
 * ignores input: setting inside a key that holds a scalar or a list is an error; `a[0]` with nothing
 * after it and an empty key (`=x`, `a..b=x`) are errors.
 *
 * @internal
 */
export function applySet(values: unknown, expression: string): void {
  if (!isMap(values)) {
    throw new HelmValuesError(`--set needs a map of values to apply to, got ${kindOf(values)}`);
  }
  new SetParser(expression).parse(values);
}

/**
 * How Helm 3.6.2 resolves plain YAML scalars (go-yaml v2's `resolve`, then sigs.k8s.io/yaml's JSON
 * round trip: every number a float64, every key a string): the values and keys tags of the values
 * reader (src/cli/yaml-io.ts, and the fast reader through it).
 *
 * @internal
 */
import type * as YAML from 'yaml';

/** Plain scalars go-yaml v2 looks up by their exact text. */
const WORDS = new Map<string, boolean | null | number>();
for (const w of ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE']) WORDS.set(w, true);
for (const w of ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE']) WORDS.set(w, false);
for (const w of ['', '~', 'null', 'Null', 'NULL']) WORDS.set(w, null);
for (const w of ['.nan', '.NaN', '.NAN']) WORDS.set(w, NaN);
for (const w of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) WORDS.set(w, Infinity);
for (const w of ['-.inf', '-.Inf', '-.INF']) WORDS.set(w, -Infinity);

/** go-yaml's test of a float (on the text without `_`). */
const YAML_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** Go's `strconv.ParseInt(s, 0, 64)` / `ParseUint` syntax: sign, base prefix, digits. */
const GO_INT = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]+)|([1-9][0-9]*|0))$/;
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** What a plain scalar is, as go-yaml resolves it; ints keep their exact value. */
type Resolved = { kind: 'word'; value: boolean | null | number } | { kind: 'int'; value: bigint; unsigned: boolean }
| { kind: 'float'; value: number } | { kind: 'str' };

/** Characters a non-string plain scalar may start with (go-yaml's hint table), or the empty scalar. */
const HINT = /^(?:[-+0-9.yYnNtTfFoO~]|$)/;

function resolveGo(s: string): Resolved {
  const word = WORDS.get(s);
  if (word !== undefined) return { kind: 'word', value: word };
  const c = s[0];
  if (c === '.') {
    // strconv.ParseFloat of the text as it is
    return /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/.test(s) ? finite(Number(s)) : { kind: 'str' };
  }
  if (!((c >= '0' && c <= '9') || c === '-' || c === '+')) return { kind: 'str' };
  const plain = s.includes('_') ? s.replace(/_/g, '') : s;
  const m = GO_INT.exec(plain);
  if (m) {
    const digits = m[2] !== undefined ? `0x${m[2]}` : m[3] !== undefined ? `0o${m[3]}` : m[4] !== undefined ? `0b${m[4]}` : m[5] !== undefined ? `0o${m[5]}` : m[6];
    const magnitude = BigInt(digits);
    const value = m[1] === '-' ? -magnitude : magnitude;
    if (value <= INT64_MAX && value >= -INT64_MAX - 1n) return { kind: 'int', value, unsigned: false };
    // ParseUint: no sign
    if (m[1] === '' && value <= UINT64_MAX) return { kind: 'int', value, unsigned: true };
  }
  if (YAML_FLOAT.test(plain)) return finite(Number(plain));
  return { kind: 'str' };
}

/** strconv.ParseFloat: out of range is an error (the text stays a string). */
function finite(n: number): Resolved {
  return Number.isFinite(n) ? { kind: 'float', value: n } : { kind: 'str' };
}

/** A value as Helm has it after its JSON round trip. */
function valueOf(s: string): unknown {
  const r = resolveGo(s);
  switch (r.kind) {
    case 'word': return r.value;
    case 'int': return r.value === 0n ? 0 : Number(r.value);
    case 'float': return r.value;
    default: return s;
  }
}

/** Go's `strconv.FormatFloat(f, 'g', -1, 32)`: the shortest float32 digits, %e below exponent -4 or from 6. */
function formatFloat32(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  const f32 = Math.fround(f);
  if (f32 === Infinity) return '.inf';
  if (f32 === -Infinity) return '-.inf';
  if (f32 === 0) return Object.is(f32, -0) ? '-0' : '0';
  let digits = '';
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const e = f32.toExponential(p - 1);
    if (Math.fround(Number(e)) === f32) {
      const [mant, ex] = e.split('e');
      digits = mant.replace('-', '').replace('.', '');
      exp = Number(ex);
      break;
    }
  }
  const sign = f32 < 0 ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const int = digits.length > exp + 1 ? `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}` : digits + '0'.repeat(exp + 1 - digits.length);
  return sign + int;
}

/**
 * A plain key as sigs.k8s.io/yaml makes it a string: booleans `true`/`false`, integers in decimal,
 * floats as float32 `%g`; a null key or an unsigned 64-bit one is an error (as in Helm).
 */
function keyOf(s: string, onError: (message: string) => void): string {
  const r = resolveGo(s);
  switch (r.kind) {
    case 'word':
      if (r.value === null) {
        onError('a map key must not be null (quote it)');
        return '';
      }
      return typeof r.value === 'number' ? formatFloat32(r.value) : String(r.value);
    case 'int':
      if (r.unsigned) {
        onError(`the map key ${s} is out of the range of a 64-bit integer (quote it)`);
      }
      return r.value.toString();
    case 'float': return formatFloat32(r.value);
    default: return s;
  }
}

/**
 * What go-yaml v2 makes of a plain key before sigs.k8s.io/yaml turns it into a string: its Go type
 * and value (`int:16` for `0x10` and `16`, `float:1` for `1.0`, `string:1` for a quoted `"1"`). Two
 * keys of one map with the same string but not the same Go value are both in go-yaml's map; Helm
 * then keeps one of them at random.
 *
 * @internal
 */
export function goKeyIdentity(plain: string): string {
  const r = resolveGo(plain);
  switch (r.kind) {
    case 'word':
      return r.value === null ? 'null' : `${typeof r.value === 'boolean' ? 'bool' : 'float'}:${r.value}`;
    case 'int': return `${r.unsigned ? 'uint' : 'int'}:${r.value}`;
    case 'float': return `float:${r.value}`;
    default: return `string:${plain}`;
  }
}

/** Resolves plain values go-yaml's way (first of the schema's default tags: the composer and the fast reader try it first). */
export const HELM_PLAIN_VALUE: YAML.ScalarTag = {
  tag: 'tag:cdk8s-starrocks,2025:helm-plain',
  default: true,
  test: HINT,
  resolve: (str: string, onError: (message: string) => void) => {
    const v = valueOf(str);
    if (typeof v === 'number' && !Number.isFinite(v)) {
      onError(`Helm cannot read ${str} (JSON has no ${Number.isNaN(v) ? 'NaN' : 'infinity'}); quote it for a string`);
    }
    return v;
  },
};

/** Resolves plain keys (before {@link HELM_PLAIN_VALUE}, for keys only), to strings as Helm has them. */
export const HELM_PLAIN_KEY: YAML.ScalarTag = {
  tag: 'tag:cdk8s-starrocks,2025:helm-plain-key',
  default: 'key',
  test: HINT,
  resolve: (str: string, onError: (message: string) => void) => keyOf(str, onError),
};

/**
 * The tags values are read with: the yaml package's YAML 1.1 tags (for explicit `!!int` and so on,
 * and `<<`), with plain scalars resolved by {@link HELM_PLAIN_KEY} and {@link HELM_PLAIN_VALUE}
 * instead of them.
 *
 * @internal
 */
export function helmReadTags(tags: YAML.Tags): YAML.Tags {
  const out: YAML.Tags = [];
  for (const t of tags) {
    const tag = t as YAML.ScalarTag;
    if (typeof t === 'string' || (t as YAML.CollectionTag).collection || tag.test === undefined || tag.tag === 'tag:yaml.org,2002:merge') {
      out.push(t);
    } else if (tag.format !== 'TIME' && tag.tag !== 'tag:yaml.org,2002:timestamp') {
      // explicitly tagged scalars only
      out.push({ ...tag, default: false });
    }
  }
  const merge = out.findIndex(t => typeof t !== 'string' && t.tag === 'tag:yaml.org,2002:merge');
  out.splice(merge + 1, 0, HELM_PLAIN_KEY, HELM_PLAIN_VALUE);
  return out;
}

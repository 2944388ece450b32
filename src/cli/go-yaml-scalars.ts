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

/** go-yaml's name of what a text resolves to, for messages. */
function goTagOf(r: Resolved): string {
  switch (r.kind) {
    case 'word': return r.value === null ? '!!null' : typeof r.value === 'boolean' ? '!!bool' : '!!float';
    case 'int': return '!!int';
    case 'float': return '!!float';
    default: return '!!str';
  }
}

/** Go's `base64.StdEncoding` (padding required; line breaks ignored). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Bytes as a Go string printed by `json.Marshal`: each byte that does not start valid UTF-8 is U+FFFD. */
function goUtf8(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    let n = 0;
    let min = 0;
    let cp = 0;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      n = 1; cp = b - 0xc0; min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      n = 2; cp = b - 0xe0; min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 3; cp = b - 0xf0; min = 0x10000;
    }
    let ok = n > 0 && i + n < bytes.length;
    for (let k = 1; ok && k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) ok = false;
      else cp = cp * 64 + (c - 0x80);
    }
    if (ok && cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) {
      out += String.fromCodePoint(cp);
      i += n + 1;
    } else {
      out += '\ufffd';
      i++;
    }
  }
  return out;
}

/** go-yaml's `YYYY-M-D`, `YYYY-M-DTh:m:s[.f](Z|±hh:mm)` (`t` too) and `YYYY-M-D h:m:s[.f]` timestamps. */
function isGoTimestamp(s: string): boolean {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[-+](\d{2}):(\d{2})))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?))?$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > days) return false;
  const h = m[4] ?? m[9];
  if (h === undefined) return true;
  const [mi, se] = m[4] !== undefined ? [m[5], m[6]] : [m[10], m[11]];
  return Number(h) < 24 && Number(mi) < 60 && Number(se) < 60 && (m[7] === undefined || (Number(m[7]) < 24 && Number(m[8]) < 60));
}

/**
 * A scalar with an explicit tag as go-yaml v2 decodes it for Helm: `!!str` any text; `!!int`,
 * `!!float`, `!!bool`, `!!null` the text (quoted or not) resolved as a plain scalar, which must be
 * of that type (an integer is a float too); `!!binary` base64, decoded to a string; `!!timestamp`
 * a date or time, kept as written.
 */
function taggedScalar(tag: string, resolve: (str: string) => unknown): YAML.ScalarTag {
  return {
    tag: `tag:yaml.org,2002:${tag}`,
    default: false,
    resolve: (str: string, onError: (message: string) => void) => {
      try {
        return resolve(str);
      } catch (e) {
        onError(e instanceof Error ? e.message : String(e));
        return str;
      }
    },
  };
}
const WHAT: { readonly [goTag: string]: string } = {
  '!!str': 'a string',
  '!!int': 'an integer',
  '!!float': 'a number',
  '!!bool': 'a boolean (true/false)',
  '!!null': 'null',
  '!!timestamp': 'a date (YYYY-MM-DD) or a time',
};
const cannot = (r: Resolved, str: string, tag: string): Error =>
  new Error(`the !!${tag} value ${JSON.stringify(str)} is ${WHAT[goTagOf(r)]} for Helm, not ${WHAT[`!!${tag}`]}: write ${WHAT[`!!${tag}`]} or remove the tag`);

const EXPLICIT_TAGS: YAML.Tags = [
  taggedScalar('str', str => str),
  taggedScalar('int', str => {
    const r = resolveGo(str);
    if (r.kind !== 'int') throw cannot(r, str, 'int');
    return r.value === 0n ? 0 : Number(r.value);
  }),
  taggedScalar('float', str => {
    const r = resolveGo(str);
    if (r.kind === 'int' && !r.unsigned) return r.value === 0n ? 0 : Number(r.value);
    if (r.kind === 'float') return r.value;
    if (r.kind === 'word' && typeof r.value === 'number') throw new Error(`Helm cannot read ${str} (JSON has no ${Number.isNaN(r.value) ? 'NaN' : 'infinity'})`);
    throw cannot(r, str, 'float');
  }),
  taggedScalar('bool', str => {
    const r = resolveGo(str);
    if (r.kind !== 'word' || typeof r.value !== 'boolean') throw cannot(r, str, 'bool');
    return r.value;
  }),
  taggedScalar('null', str => {
    const r = resolveGo(str);
    if (r.kind !== 'word' || r.value !== null) throw cannot(r, str, 'null');
    return null;
  }),
  taggedScalar('binary', str => {
    const data = str.replace(/[\r\n]/g, '');
    if (!BASE64.test(data)) throw new Error('Helm cannot read a !!binary value that is not base64');
    return goUtf8(Buffer.from(data, 'base64'));
  }),
  taggedScalar('timestamp', str => {
    if (!isGoTimestamp(str)) throw cannot(resolveGo(str), str, 'timestamp');
    return str;
  }),
  taggedScalar('merge', str => str),
  // collections: go-yaml reads `!!set`, `!!omap`, `!!pairs` as plain maps and lists
  { tag: 'tag:yaml.org,2002:set', collection: 'map', default: false, resolve: (c: YAML.YAMLMap) => c },
  { tag: 'tag:yaml.org,2002:omap', collection: 'seq', default: false, resolve: (c: YAML.YAMLSeq) => c },
  { tag: 'tag:yaml.org,2002:pairs', collection: 'seq', default: false, resolve: (c: YAML.YAMLSeq) => c },
] as YAML.Tags;

/**
 * The string sigs.k8s.io/yaml makes of a key with an explicit tag (`!!int 0x10` is `16`, `!!float`
 * keys are float32 `%g`), or an error for a null key.
 *
 * @internal
 */
export function taggedKey(tag: string, source: string, value: unknown): string | undefined {
  if (value === null) return undefined;
  if (typeof value === 'number') return tag === 'tag:yaml.org,2002:int' ? keyOf(source, () => undefined) : formatFloat32(value);
  return String(value);
}

/**
 * The tags values are read with: the yaml package's YAML 1.1 tags for `<<` and the collections,
 * plain scalars resolved by {@link HELM_PLAIN_KEY} and {@link HELM_PLAIN_VALUE}, and explicitly
 * tagged scalars and collections as go-yaml reads them.
 *
 * @internal
 */
export function helmReadTags(tags: YAML.Tags): YAML.Tags {
  const ours = new Set(EXPLICIT_TAGS.map(t => (typeof t === 'string' ? t : t.tag)));
  const out: YAML.Tags = [];
  for (const t of tags) {
    if (typeof t !== 'string' && ours.has(t.tag) && t.tag !== 'tag:yaml.org,2002:merge') continue;
    const tag = t as YAML.ScalarTag;
    if (typeof t === 'string' || (t as YAML.CollectionTag).collection || tag.test === undefined || tag.tag === 'tag:yaml.org,2002:merge') {
      out.push(t);
    }
  }
  const merge = out.findIndex(t => typeof t !== 'string' && t.tag === 'tag:yaml.org,2002:merge');
  out.splice(merge + 1, 0, HELM_PLAIN_KEY, HELM_PLAIN_VALUE);
  out.push(...EXPLICIT_TAGS);
  return out;
}

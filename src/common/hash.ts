import { createHash } from 'crypto';
import { sortStrings } from './sort';

/**
 * Go's `encoding/json` encoding of a string, as Helm's `toJson` prints it: `"`, `\` and control
 * characters escaped, `<`, `>`, `&`, U+2028 and U+2029 written as `\uXXXX` (HTML-safe escaping).
 *
 * @internal
 */
export function goJsonString(value: string): string {
  // (a string with nothing to escape comes back from replace() as it is)
  return '"' + value.replace(ESCAPED, escapeChar) + '"';
}

/** The escape of one character (see ESCAPED) as Go's `encoding/json` writes it. */
function escapeChar(ch: string): string {
  switch (ch) {
    case '"': return '\\"';
    case '\\': return '\\\\';
    case '\n': return '\\n';
    case '\r': return '\\r';
    case '\t': return '\\t';
    case '<': return '\\u003c';
    case '>': return '\\u003e';
    case '&': return '\\u0026';
    // \b and \f also come out as \u0008 and \u000c: Go's encoding/json writes the short forms
    // only since Go 1.22, and Helm 3.6.2, whose hashes we match, was built with go1.16.5.
    default: return '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0');
  }
}

/** Characters Go's `encoding/json` writes escaped (see goJsonString). */
// eslint-disable-next-line no-control-regex
const ESCAPED = /["\\<>&\u0000-\u001f\u2028\u2029]/g;

/**
 * Go's `encoding/json` encoding of a float64, which is how Helm holds every YAML number: plain
 * decimal notation between 1e-6 and 1e21, exponent notation outside.
 *
 * @internal
 */
export function goJsonNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new Error(`cannot encode ${value} as JSON`);
  }
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    // Go prints e.g. 1e+21 and 1e-07 (at least two exponent digits)
    const [mant, exp] = value.toExponential().split('e');
    const sign = exp[0] === '-' ? '-' : '+';
    const digits = exp.replace(/^[+-]/, '').padStart(2, '0');
    return `${mant}e${sign}${digits}`;
  }
  return String(value);
}

/**
 * Go's `encoding/json` encoding of plain data (maps with sorted keys, lists, strings, numbers,
 * booleans, null), as Helm's `toJson` prints it.
 *
 * @internal
 */
export function goJson(value: unknown): string {
  // written in pieces and joined once: one flat string, not a chain of concatenations that would
  // stay alive as long as the text (an annotation value, say)
  const out: string[] = [];
  writeGoJson(value, out);
  return out.join('');
}

function writeGoJson(value: unknown, out: string[]): void {
  if (value === null || value === undefined) {
    out.push('null');
  } else if (typeof value === 'string') {
    out.push(goJsonString(value));
  } else if (typeof value === 'number') {
    out.push(goJsonNumber(value));
  } else if (typeof value === 'bigint') {
    // an int64 from Helm's --set prints in plain digits
    out.push(value.toString());
  } else if (typeof value === 'boolean') {
    out.push(value ? 'true' : 'false');
  } else if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      writeGoJson(value[i], out);
    }
    out.push(']');
  } else if (typeof value === 'object') {
    const obj = value as { [key: string]: unknown };
    const keys = Object.keys(obj);
    sortStrings(keys, byteOrder);
    out.push('{');
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) out.push(',');
      out.push(goJsonString(keys[i]), ':');
      writeGoJson(obj[keys[i]], out);
    }
    out.push('}');
  } else {
    throw new Error(`cannot encode a ${typeof value} as JSON`);
  }
}

/**
 * Sorts strings by their UTF-8 bytes (Go's sort order for map keys). UTF-16 code units below
 * U+D800 sort like UTF-8, so only strings that differ at a surrogate or above are encoded.
 *
 * @internal
 */
export function byteOrder(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) {
    i++;
  }
  // -1 stands for the end of a string: a prefix sorts first
  const x = i < a.length ? a.charCodeAt(i) : -1;
  const y = i < b.length ? b.charCodeAt(i) : -1;
  if (x < 0xd800 && y < 0xd800) {
    return x - y;
  }
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The first 8 hex characters of SHA-256 over a text. @internal */
export function sha256Prefix(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8);
}

/**
 * The hash the charts (and this library) put into the `app.starrocks.io/<x>-config-hash` and
 * `<x>-entrypoint-hash` pod annotations: SHA-256 over the Go JSON encoding of the value, first 8 hex
 * characters.
 *
 * @internal
 */
export function helmValueHash(value: unknown): string {
  return sha256Prefix(goJson(value));
}

/**
 * The suffix the operator appends to the names of volumes for mounted ConfigMaps and Secrets
 * (with `--volume-name-with-hash=true`): the first 4 characters of the decimal FNV-1a 32-bit hash
 * of the go-spew dump of the mount.
 *
 * @see https://github.com/StarRocks/starrocks-kubernetes-operator/blob/v1.11.5/pkg/k8sutils/templates/pod/spec.go
 * @internal
 */
export function mountVolumeHash(name: string, mountPath: string, subPath: string): string {
  const text = `(v1.MountInfo){Name:(string)${name} MountPath:(string)${mountPath} SubPath:(string)${subPath}}`;
  /* eslint-disable no-bitwise */
  let hash = 0x811c9dc5;
  const bytes = Buffer.from(text, 'utf8');
  for (const b of bytes) {
    hash ^= b;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return String(hash >>> 0).slice(0, 4);
  /* eslint-enable no-bitwise */
}

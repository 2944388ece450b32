/**
 * "Did you mean": the known keys closest to an unknown one, found by edit distance (typos:
 * `qe_max_conection`) and by word parts (words in another order or one word off:
 * `max_connection_qe`, `query_max_connection`).
 *
 * @internal
 */

/** At most this many suggestions. */
const MAX_SUGGESTIONS = 3;

/**
 * The known names closest to `name`, best first: those within a small edit distance, then those
 * sharing most of its `_`-separated words.
 *
 * @internal
 */
export function suggestKeys(name: string, known: readonly string[]): string[] {
  const lower = name.toLowerCase();
  const maxDistance = Math.max(1, Math.min(3, Math.floor(lower.length / 4)));
  const byDistance: Array<[string, number]> = [];
  for (const k of known) {
    if (Math.abs(k.length - lower.length) > maxDistance) {
      continue;
    }
    const d = editDistance(lower, k.toLowerCase(), maxDistance);
    if (d <= maxDistance) {
      byDistance.push([k, d]);
    }
  }
  byDistance.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  const out = byDistance.map((e) => e[0]).slice(0, MAX_SUGGESTIONS);
  if (out.length >= MAX_SUGGESTIONS) {
    return out;
  }
  const parts = words(lower);
  if (parts.length < 2) {
    return out;
  }
  const byParts: Array<[string, number]> = [];
  for (const k of known) {
    if (out.includes(k)) {
      continue;
    }
    const kParts = words(k.toLowerCase());
    const shared = parts.filter((p) => kParts.some((q) => sameWord(p, q))).length;
    // most of the words of both names
    if (shared * 3 >= Math.max(parts.length, kParts.length) * 2) {
      byParts.push([k, shared * 100 - Math.abs(kParts.length - parts.length)]);
    }
  }
  byParts.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return [...out, ...byParts.map((e) => e[0])].slice(0, MAX_SUGGESTIONS);
}

function words(name: string): string[] {
  return name.split(/[_.\-]+/).filter((w) => w.length > 0);
}

/** Equal words, or long words one edit apart (`conection`, `connection`). */
function sameWord(a: string, b: string): boolean {
  if (a === b) {
    return true;
  }
  return a.length >= 5 && b.length >= 5 && Math.abs(a.length - b.length) <= 1 && a[0] === b[0] && editDistance(a, b, 1) <= 1;
}

/**
 * The Damerau-Levenshtein (optimal string alignment) distance of two strings, or `max + 1` when it
 * is larger than `max`.
 *
 * @internal
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) {
    return max + 1;
  }
  // three rows of the table, reused
  const n = b.length + 1;
  let prev2 = new Int32Array(n);
  let prev = new Int32Array(n);
  let row = new Int32Array(n);
  for (let j = 0; j < n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j < n; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        v = Math.min(v, prev2[j - 2] + 1);
      }
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) {
      return max + 1;
    }
    const t = prev2;
    prev2 = prev;
    prev = row;
    row = t;
  }
  return Math.min(prev[b.length], max + 1);
}

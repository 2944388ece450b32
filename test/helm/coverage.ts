/**
 * The keys of a chart's values.yaml, as the defaults hold them and as conformance COVERAGE.md
 * lists them: the tests of each chart's defaults compare the two.
 */
import { readShared } from '../util/shared';

/** Leaf key paths of values (a leaf is a scalar, null, an empty map or a list), as COVERAGE.md lists them. */
export function leafPaths(v: any, prefix: string, out: string[] = []): string[] {
  for (const [k, val] of Object.entries(v)) {
    const path = `${prefix}${k}`;
    if (val !== null && typeof val === 'object' && !Array.isArray(val) && Object.keys(val).length > 0) {
      leafPaths(val, `${path}.`, out);
    } else {
      out.push(path);
    }
  }
  return out;
}

/** The keys COVERAGE.md lists with source `values.yaml` in one section. */
export function coverageKeys(section: RegExp, prefix: string): string[] {
  const text = readShared('conformance/COVERAGE.md');
  const start = text.search(section);
  const rest = text.slice(start);
  const firstLine = rest.indexOf('\n') + 1;
  const end = rest.slice(firstLine).search(/^#{2,3} /m);
  const body = end < 0 ? rest : rest.slice(0, firstLine + end);
  const keys: string[] = [];
  for (const m of body.matchAll(/^\| `([^`]+)` \| values\.yaml \|/gm)) {
    if (m[1].startsWith(prefix)) {
      keys.push(m[1]);
    }
  }
  return keys;
}

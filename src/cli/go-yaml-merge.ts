/**
 * `<<` merge keys with go-yaml v2's precedence (Helm 3.6.2). go-yaml applies a map's entries in
 * order, a merge setting every key of its source(s): a merge overrides the keys written before it
 * in the same map, keys written after it win, a later merge overrides an earlier one, and in a list
 * of sources (`<<: [*a, *b]`) the first source wins. The `yaml` package follows YAML's merge rule
 * instead: a key written in the map always wins, and the first merge wins.
 *
 * {@link goMergeOrder} rewrites a composed document so that the `yaml` package's rule gives
 * go-yaml's result: the entries a later merge overrides are removed, and the merges of one map are
 * put in reverse order among themselves (same places). Lists of sources keep their order (both
 * rules agree there).
 *
 * @internal
 */
import type * as YAML from 'yaml';

/**
 * A `<<` merge key: the `yaml` package's merge tag resolves a plain `<<` to a scalar holding a
 * symbol (an explicit `!!merge` tag also sets the tag).
 *
 * @internal
 */
export function isMergeKey(yaml: typeof YAML, key: unknown): boolean {
  return yaml.isScalar(key) && (typeof key.value === 'symbol' || key.tag === 'tag:yaml.org,2002:merge');
}

/**
 * Rewrites every map of `doc` with a merge key for go-yaml v2's precedence (see the module's
 * description). Run after the document has been checked (merge sources are maps or lists of maps).
 *
 * @internal
 */
export function goMergeOrder(yaml: typeof YAML, doc: YAML.Document.Parsed): void {
  const isMerge = (p: unknown): p is YAML.Pair => yaml.isPair(p) && isMergeKey(yaml, p.key);
  /** The keys a merge sets (as the strings the values have). */
  const mergedKeys = (value: unknown): Set<string> => {
    const keys = new Set<string>();
    const target = yaml.isAlias(value) ? value.resolve(doc) : value;
    const sources = yaml.isSeq(target) ? target.items : [target];
    for (const s of sources) {
      const m = yaml.isAlias(s) ? s.resolve(doc) : s;
      if (!yaml.isMap(m)) continue;
      const js = m.toJS(doc, { maxAliasCount: 10000 }) as unknown;
      if (js !== null && typeof js === 'object') for (const k of Object.keys(js)) keys.add(k);
    }
    return keys;
  };
  const keyOf = (p: YAML.Pair): string | undefined => (yaml.isScalar(p.key) ? String(p.key.value) : undefined);

  // iterative: documents may be nested deeply
  const todo: unknown[] = [doc.contents];
  const seen = new Set<unknown>();
  while (todo.length > 0) {
    const node = todo.pop();
    if (!(yaml.isMap(node) || yaml.isSeq(node)) || seen.has(node)) continue;
    seen.add(node);
    const items = node.items as unknown[];
    for (const item of items) {
      if (yaml.isPair(item)) todo.push(item.key, item.value);
      else todo.push(item);
    }
    if (!yaml.isMap(node) || !items.some(isMerge)) continue;
    const pairs = node.items as YAML.Pair[];
    // entries overridden by a merge after them
    const drop = new Set<YAML.Pair>();
    for (let i = 0; i < pairs.length; i++) {
      if (!isMerge(pairs[i])) continue;
      const keys = mergedKeys(pairs[i].value);
      for (let j = 0; j < i; j++) {
        const k = keyOf(pairs[j]);
        if (!isMerge(pairs[j]) && k !== undefined && keys.has(k)) drop.add(pairs[j]);
      }
    }
    const kept = pairs.filter(p => !drop.has(p));
    // the merges in reverse order, in the places merges are
    const merges = kept.filter(isMerge).reverse();
    let m = 0;
    node.items = kept.map(p => (isMerge(p) ? merges[m++] : p));
  }
}

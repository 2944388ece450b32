/**
 * Reading values files nested too deeply for the `yaml` package's composer, which recurses once or
 * more per level and exhausts the stack at some thousand levels (Helm reads up to 10,000). Used only
 * once the normal read has run out of stack, so it costs nothing on other files.
 *
 * The `yaml` package's parser (text to CST tokens) is not recursive. The CST is cut into pieces at
 * most {@link PIECE_DEPTH} levels deep: every collection that sits that deep below the top of its
 * piece is replaced, in its parent, by a plain scalar holding a placeholder (a string with a NUL
 * character, which no values file may hold) and becomes a piece of its own. Each piece is composed and
 * converted by the `yaml` package as a document of its own, and the placeholders are then replaced by
 * the pieces' values, without recursion.
 *
 * Anchors and aliases cannot cross pieces: a document nested too deeply that has aliases is refused
 * (one line). A collection with a tag stays in its parent's piece (the tag is its parent's token).
 *
 * @internal
 */
import type * as YAML from 'yaml';

/** Levels of collections composed by the `yaml` package at once. */
const PIECE_DEPTH = 64;
/** go-yaml v2's limit (and encoding/json's): more nested collections than this are refused. */
export const MAX_DEPTH = 10000;

const PLACEHOLDER = '\u0000piece:';

type Token = YAML.CST.Token;
type Item = YAML.CST.CollectionItem;

const isCollection = (t: Token | undefined): t is YAML.CST.BlockMap | YAML.CST.BlockSequence | YAML.CST.FlowCollection =>
  t !== undefined && (t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection');

/** The item's props before its value carry a tag or an anchor. */
const hasProps = (item: Item): boolean => [...item.start, ...('sep' in item && item.sep ? item.sep : [])]
  .some(t => t.type === 'tag' || t.type === 'anchor');

/** A merge key `<<`: its value must stay a map in the same piece. */
const isMergeItem = (item: Item): boolean => 'key' in item && item.key?.type === 'scalar' && item.key.source === '<<';

/** A values file problem, with its position in the text. */
export class DeepYamlError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

/**
 * The documents of `text` as the `yaml` package composes them, each built from pieces; the values
 * of the first one, its placeholders replaced.
 *
 * @param check run on every composed piece (Helm's extra rules)
 * @param pieceDepth levels per piece (tests use small ones)
 * @throws DeepYamlError on invalid YAML, too deep a document, or aliases
 * @internal
 */
export function readDeepYaml(yaml: typeof YAML, text: string, options: YAML.DocumentOptions & YAML.SchemaOptions & YAML.ParseOptions,
  check: (doc: YAML.Document.Parsed) => void, pieceDepth: number = PIECE_DEPTH): { value: unknown; offset: number } | undefined {
  const tokens = [...new yaml.Parser().parse(text)];
  const first = tokens.findIndex(t => t.type === 'document');
  if (first < 0) {
    return undefined;
  }
  // the first document and what precedes it (directives), as the composer sees them
  const own = tokens.slice(0, first + 1);
  const pieces: Token[] = [];
  // the first anchor or alias: they cannot cross pieces
  let alias: Token | undefined;
  // iterative walk of the first document's collections: [token, depth in its piece, depth in all]
  const stack: [Token, number, number][] = [];
  const doc = tokens[first] as YAML.CST.Document;
  if (doc.value) stack.push([doc.value, 1, 1]);
  alias = doc.start.find(t => t.type === 'anchor');
  while (stack.length > 0) {
    const [token, depth, total] = stack.pop()!;
    if (token.type === 'alias') alias ??= token;
    if (!isCollection(token)) continue;
    if (total > MAX_DEPTH) {
      throw new DeepYamlError(token.offset, `the document is nested more than ${MAX_DEPTH} deep (Helm's limit)`);
    }
    for (const item of token.items as Item[]) {
      alias ??= [...item.start, ...('sep' in item && item.sep ? item.sep : [])].find(t => t.type === 'anchor');
      if ('key' in item && item.key) stack.push([item.key, depth + 1, total + 1]);
      const value = item.value;
      if (!isCollection(value)) {
        if (value) stack.push([value, depth + 1, total + 1]);
      } else if (depth + 1 > pieceDepth && !hasProps(item) && !isMergeItem(item)) {
        pieces.push(value);
        item.value = { type: 'scalar', offset: value.offset, indent: value.indent, source: `${PLACEHOLDER}${pieces.length - 1}`, end: [] };
        stack.push([value, 1, total + 1]);
      } else {
        stack.push([value, depth + 1, total + 1]);
      }
    }
  }
  if (alias && pieces.length > 0) {
    throw new DeepYamlError(alias.offset, `the document is nested more than ${pieceDepth} deep and has anchors or aliases (${alias.source}): this reader cannot combine both; write the aliased values out`);
  }

  const compose = (list: Token[]): YAML.Document.Parsed => {
    const docs = [...new yaml.Composer(options).compose(list, true, text.length)];
    const d = docs[0] as YAML.Document.Parsed;
    const e = d.errors[0];
    if (e) {
      throw new DeepYamlError(e.pos[0], e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''));
    }
    check(d);
    return d;
  };
  const toJS = (d: YAML.Document.Parsed): unknown => {
    try {
      return d.toJS({ maxAliasCount: 10000 });
    } catch (e) {
      throw new DeepYamlError(d.range[0], e instanceof Error ? e.message : String(e));
    }
  };
  const top = compose(own);
  const value = toJS(top);
  const values = pieces.map(p => toJS(compose([{ type: 'document', offset: p.offset, start: [], value: p }])));
  // the placeholders replaced by their pieces' values
  const piece = (v: unknown): unknown => {
    if (typeof v !== 'string' || !v.startsWith(PLACEHOLDER)) return v;
    return values[Number(v.slice(PLACEHOLDER.length))];
  };
  const seen = new Set<unknown>();
  const todo: unknown[] = [value, ...values];
  while (todo.length > 0) {
    const v = todo.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    const m = v as { [key: string]: unknown };
    for (const k of Object.keys(m)) {
      const child = m[k];
      m[k] = piece(child);
      if (m[k] === child) todo.push(child);
    }
  }
  return { value: piece(value), offset: (top.contents as YAML.Node | null)?.range?.[0] ?? 0 };
}

/**
 * What Helm 3.6.2 (go-yaml v2) refuses or reads otherwise in a document the `yaml` package has
 * composed: checked after composing, each refusal one line with the file, line and column.
 *
 * @internal
 */
import type * as YAML from 'yaml';
import { isMergeKey } from './go-yaml-merge';
import { goKeyIdentity, taggedKey } from './go-yaml-scalars';
import { yamlLibrary } from '../common/yaml-library';

/** `line L, column C` of an offset in `text`. */
export function where(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return `line ${line}, column ${offset - start + 1}`;
}

/**
 * What Helm refuses and the yaml package reads: a key that is a list or a map, an alias inside the
 * node its anchor is on.
 */
export function checkHelmReads(doc: YAML.Document.Parsed, text: string, source: string): void {
  const yaml = yamlLibrary();
  const fail = (node: YAML.Node | null | undefined, problem: string): never => {
    const offset = node?.range?.[0] ?? 0;
    throw new Error(`failed to parse ${source}: ${where(text, offset)}: ${problem}`);
  };
  const written = (n: YAML.Node): string => (n.range ? text.slice(n.range[0], n.range[1]) : String((n as YAML.Scalar).value));
  const mapOrAlias = (n: unknown): boolean => yaml.isMap(n) || (yaml.isAlias(n) && yaml.isMap(n.resolve(doc)));
  const checkMergeSource = (n: unknown): void => {
    if (!(mapOrAlias(n) || (yaml.isSeq(n) && n.items.every(mapOrAlias)))) {
      fail(n as YAML.Node, 'map merge requires a map or a list of maps as the value');
    }
  };
  const version = doc.directives?.yaml;
  if (version?.explicit && version.version !== '1.1') {
    throw new Error(`failed to parse ${source}: line 1, column 1: a %YAML ${version.version} directive: Helm reads YAML 1.1 only (remove the directive)`);
  }
  // quoted scalars, where U+0085, U+2028 and U+2029 are characters for go-yaml (elsewhere line breaks)
  const quoted: [number, number][] = [];
  const checkNode = (n: YAML.Node): void => {
    const anchor = (n as { anchor?: string }).anchor;
    if (anchor !== undefined && !ANCHOR.test(anchor)) {
      fail(n, `the anchor &${anchor}: Helm's anchor names are letters, digits, - and _ only (it would read &${/^[A-Za-z0-9_-]*/.exec(anchor)![0]} and then the rest)`);
    }
    if (yaml.isScalar(n) && n.range && (n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE')) {
      quoted.push([n.range[0], n.range[1]]);
      if (n.type === 'QUOTE_DOUBLE' && ESCAPED_SLASH.test(text.slice(n.range[0], n.range[1]))) {
        fail(n, 'the escape \\/ in a double-quoted string: Helm does not know it (write / alone)');
      }
    }
  };
  // iterative: no recursion however deep the document is
  const stack: { node: unknown; ancestors: ReadonlySet<unknown> }[] = [{ node: doc.contents, ancestors: new Set() }];
  while (stack.length > 0) {
    const { node, ancestors } = stack.pop()!;
    if (yaml.isNode(node)) checkNode(node);
    if (yaml.isAlias(node)) {
      if (!ANCHOR.test(node.source)) fail(node, `the alias *${node.source}: Helm's anchor names are letters, digits, - and _ only`);
      const target = node.resolve(doc);
      if (target === undefined) fail(node, `unknown anchor '${node.source}' referenced`);
      if (ancestors.has(target)) fail(node, `anchor '${node.source}' value contains itself`);
    } else if (yaml.isMap(node) || yaml.isSeq(node)) {
      const inside = new Set(ancestors).add(node);
      // the keys of a map by the string Helm makes of them, with their Go value
      const keys = new Map<unknown, { identity: string; node: YAML.Scalar }>();
      for (const item of node.items as unknown[]) {
        if (yaml.isPair(item) && yaml.isScalar(item.key) && !isMergeKey(yaml, item.key)) {
          const key = item.key;
          let identity: string;
          if (key.tag !== undefined) {
            // an explicit tag: the key as Helm's JSON has it
            const type = typeof key.value === 'number' ? (key.tag === 'tag:yaml.org,2002:int' ? 'int' : 'float') : typeof key.value === 'boolean' ? 'bool' : 'string';
            identity = `${type}:${String(key.value)}`;
            const str = taggedKey(key.tag, String(key.source), key.value);
            if (str === undefined) fail(key, 'a map key must not be null');
            key.value = str;
          } else {
            identity = key.type === 'PLAIN' && typeof key.source === 'string' ? goKeyIdentity(key.source) : `string:${String(key.value)}`;
          }
          const before = keys.get(key.value);
          if (before && before.identity !== identity) {
            fail(key, `the keys ${written(before.node)} (${where(text, before.node.range?.[0] ?? 0)}) and ${written(key)} are one key ${JSON.stringify(key.value)} for Helm, which keeps either of them at random: write only one`);
          }
          keys.set(key.value, { identity, node: key });
        }
        if (yaml.isPair(item)) {
          if (yaml.isCollection(item.key)) fail(item.key, 'a map key must be a scalar, not a list or a map');
          if (isMergeKey(yaml, item.key)) checkMergeSource(item.value);
          stack.push({ node: item.key, ancestors: inside }, { node: item.value, ancestors: inside });
        } else {
          stack.push({ node: item, ancestors: inside });
        }
      }
    }
  }
  const end = doc.range?.[2] ?? text.length;
  for (let m = LINE_BREAK.exec(text); m && m.index < end; m = LINE_BREAK.exec(text)) {
    const at = m.index;
    if (!quoted.some(([from, to]) => at >= from && at < to)) {
      const code = text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0');
      LINE_BREAK.lastIndex = 0;
      throw new Error(`failed to parse ${source}: ${where(text, at)}: the character U+${code} is a line break for Helm outside quotes (remove it, or quote the string)`);
    }
  }
  LINE_BREAK.lastIndex = 0;
  flowQuirks(yaml, text, source);
}

/** go-yaml's anchor names. */
const ANCHOR = /^[A-Za-z0-9_-]+$/;
/** A `\/` escape (after an even number of backslashes). */
const ESCAPED_SLASH = /(?<!\\)(?:\\\\)*\\\//;
/** Characters go-yaml takes for line breaks (NEL, LS, PS). */
const LINE_BREAK = /[\u0085\u2028\u2029]/g;

/**
 * In flow collections, go-yaml reads `?x` as a map key (`[?x]` is `[{x: null}]`) and a tag right
 * before `,`, `[` or `]` as part of the tag (`[!x]` is refused); the `yaml` package reads the
 * string `?x` and an empty tagged value. Refused, from the parser's tokens (parsed again only when
 * the text has a `?` or a `!` after `[`, `{`, `,` or `:`).
 */
function flowQuirks(yaml: typeof YAML, text: string, source: string): void {
  // (a `?` or a tag in a flow collection follows `[`, `{`, `,` or `:`)
  if (!/[[{,:]\s*[?!]/.test(text)) return;
  const fail = (offset: number, problem: string): never => {
    throw new Error(`failed to parse ${source}: ${where(text, offset)}: ${problem}`);
  };
  const first = [...new yaml.Parser().parse(text)].find(t => t.type === 'document') as YAML.CST.Document | undefined;
  const todo: { token: YAML.CST.Token; flow: boolean }[] = first?.value ? [{ token: first.value, flow: false }] : [];
  while (todo.length > 0) {
    const { token, flow } = todo.pop()!;
    if (token.type === 'scalar' && flow && token.source.startsWith('?')) {
      fail(token.offset, `${token.source} in a flow collection is a map key for Helm ({${token.source.slice(1)}: null}): quote it for a string`);
    }
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    const inFlow = token.type === 'flow-collection';
    for (const item of token.items) {
      for (const t of [...item.start, ...('sep' in item && item.sep ? item.sep : [])]) {
        if (t.type === 'tag' && inFlow && /^[,[\]]/.test(text.slice(t.offset + t.source.length))) {
          fail(t.offset, `the tag ${t.source} right before "${text[t.offset + t.source.length]}": Helm reads that character as part of the tag (put a space after the tag)`);
        }
      }
      if ('key' in item && item.key) todo.push({ token: item.key, flow: inFlow });
      if (item.value) todo.push({ token: item.value, flow: inFlow });
    }
  }
}

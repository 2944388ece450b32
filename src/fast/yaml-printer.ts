/**
 * A YAML printer for plain JSON data that gives exactly the text of the `yaml` package's
 * `stringify(obj, options)`, several times faster. The `yaml` package builds a node tree and asks
 * every tag of the schema about every string before it prints; for Kubernetes objects (thousands
 * of short, repeated strings) that is most of the time a synthesis takes. This printer lays out
 * the maps and lists itself and leaves every scalar to the `yaml` package's own scalar printers,
 * remembering what they printed for a one-line string.
 *
 * Used by the command (src/cli/yaml-io.ts) and by `StarRocksApp` (cdk8s's `Yaml.stringify`, see
 * ./synthesis.ts). A fast path (see ./index.ts): with `CDK8S_STARROCKS_FAST=0` every document goes
 * to `yaml.stringify`. test/fast/yaml-printer.test.ts compares it with the `yaml` package on
 * generated data, with the fast paths on and off.
 *
 * @internal
 */
import type * as YAML from 'yaml';
import type * as YAMLUtil from 'yaml/util';
import { fastPathsEnabled } from './switch';

/** Thrown inside the printer for input it leaves to the `yaml` package. */
const DECLINE = new Error('left to the yaml package');

/** The tag of strings in the yaml package's schemas. */
const STRING_TAG = 'tag:yaml.org,2002:str';

/** Strings the yaml package prints depending on their indentation: `%`, `---` or `...` at a line start. */
const DOCUMENT_MARKER = /^(?:%|---|\.\.\.)/m;

/** One-line strings remembered per printer, keys and values apart; the memory is dropped when full. */
const MEMO_LIMIT = 50_000;

/** Characters of the other strings (several lines, document markers) remembered per printer, with their indentation. */
const PLACED_MEMO_CHARS = 1_000_000;

/** The options of `yaml.stringify` the printer understands. */
export type YamlPrintOptions = YAML.DocumentOptions & YAML.SchemaOptions & YAML.CreateNodeOptions & YAML.ToStringOptions;

/**
 * A printer of plain JSON data: `yaml.stringify(obj, options)`, the same text, faster.
 *
 * Maps and lists are laid out as the `yaml` package's block style does (`stringifyDocument`,
 * `stringifyPair`, `stringifyCollection`): `key: value`; a non-empty map or list under its key on
 * the next lines, a list indented under its key (`indentSeq`, the default) or at its key's
 * indentation (`indentSeq: false`, where its `- ` counts as indentation); `{}` and `[]` on the
 * key's line; `undefined` map values left out. Every string (keys too) goes to the `yaml` package's
 * string printer (`stringTag.stringify`: plain, quoted or `|` block, quoted when the schema would
 * read it as another type), numbers to its `stringifyNumber`, with the stringify context
 * `yaml.stringify` itself makes for `options` (caught by a probe tag). A one-line string prints the
 * same at every indentation (no line folding: `lineWidth: 0`), unless it starts like a document
 * marker, so what the string printer made of it is remembered.
 *
 * Anything else goes to `yaml.stringify`: a root that is not a map, `undefined` in a list (or in a
 * map with `keepUndefined`), class instances, bigints, keys over 1024 characters (explicit `? `
 * keys), and an object that appears twice in one document (an anchor and alias unless
 * `aliasDuplicateObjects: false`).
 *
 * @param yaml the `yaml` package
 * @param util `yaml/util` of the same copy (without it, or without its scalar printers, everything
 *   goes to `yaml.stringify`)
 * @param options the options of `yaml.stringify`: block style, no line folding (`lineWidth: 0`),
 *   two-space indentation
 * @param unshared tells documents known to hold no object twice (built fresh, every map and list
 *   new): no aliases are looked for in them
 *
 * With the fast paths off (`CDK8S_STARROCKS_FAST=0`, checked at every document), every document
 * goes to `yaml.stringify`; the printer is made at its first document with them on.
 * @internal
 */
export function blockPrinter(
  yaml: typeof YAML,
  util: Partial<typeof YAMLUtil> | undefined,
  options: YamlPrintOptions,
  unshared: (doc: object) => boolean = () => false,
): (obj: unknown) => string {
  const fallback = (obj: unknown): string => yaml.stringify(obj, options);
  // made once, at the first document printed with the fast paths on (null: it cannot be made)
  let fast: ((obj: unknown) => string) | null | undefined;
  return (obj) => {
    if (!fastPathsEnabled()) return fallback(obj);
    if (fast === undefined) fast = fastPrinter(yaml, util, options, unshared, fallback) ?? null;
    return fast === null ? fallback(obj) : fast(obj);
  };
}

/** The printer of {@link blockPrinter}, or undefined when the options or the `yaml` copy are not for it. */
function fastPrinter(
  yaml: typeof YAML,
  util: Partial<typeof YAMLUtil> | undefined,
  options: YamlPrintOptions,
  unshared: (doc: object) => boolean,
  fallback: (obj: unknown) => string,
): ((obj: unknown) => string) | undefined {
  const stringTag = util?.stringTag;
  const stringifyNumber = util?.stringifyNumber;
  if (typeof stringTag?.stringify !== 'function' || typeof stringifyNumber !== 'function') {
    return undefined;
  }
  if (options.lineWidth !== 0 || options.collectionStyle !== undefined || options.sortMapEntries || options.flow || options.directives) {
    return undefined;
  }
  const indentSeq = options.indentSeq !== false;
  const aliases = options.aliasDuplicateObjects !== false;
  const keepUndefined = options.keepUndefined === true;

  // the context yaml.stringify hands to a tag's printer
  const probe = {};
  let context: YAMLUtil.StringifyContext | undefined;
  const probeTag: YAML.ScalarTag = {
    tag: 'tag:cdk8s-starrocks,2025:probe',
    identify: (v: unknown) => v === probe,
    resolve: (str: string) => str,
    stringify: (_item, ctx) => {
      context = ctx;
      return '';
    },
  };
  const customTags = options.customTags;
  const probeText = yaml.stringify(probe, {
    ...options,
    customTags: (tags: YAML.Tags) => [...(typeof customTags === 'function' ? customTags(tags) : [...tags, ...(customTags ?? [])]), probeTag],
  });
  // a document start, directives or anything else around the root (the probe prints as its tag and
  // an empty scalar): leave it all to the yaml package
  if (!context || probeText !== `!<${probeTag.tag}> \n` || context.indent !== '' || context.inFlow || context.indentStep !== '  ') {
    return undefined;
  }
  // (indentAtStart, which the probe's tag moved, only matters for line folding: lineWidth is 0)
  const { indentAtStart: _moved, ...root } = context;
  const { nullStr, trueStr, falseStr } = root.options;
  const keyContext = { ...root, implicitKey: true };
  const valueContext = { ...root, implicitKey: false };
  const keyMemo = new Map<string, string>();
  const valueMemo = new Map<string, string>();

  // the tag the yaml package prints a string with: of the schema's tags that claim it, those with a
  // `test` if there are several (the YAML 1.1 merge tag claims "<<" and prints it plain), and of those
  // one without a format. Only strings of the string tag are printed here.
  const schemaTags = (root.doc.schema.tags ?? []) as YAML.ScalarTag[];
  const isStringTag = (value: string): boolean => {
    let claims = schemaTags.filter(t => t.identify?.(value));
    if (claims.length > 1) {
      const tested = claims.filter(t => t.test);
      if (tested.length > 0) claims = tested;
    }
    return claims.find(t => !t.format)?.tag === STRING_TAG;
  };
  // the probe tag in this context's schema has no `test`: it never makes a string quoted
  // what the string printer makes of a value depends on nothing but the value, whether it is a key
  // and the indentation (the context is copied by the string tag, the options are fixed)
  const placedMemo = new Map<string, Map<string, string>>();
  let placedChars = 0;
  const string = (value: string, indent: string, implicitKey: boolean): string => {
    const memo = implicitKey ? keyMemo : valueMemo;
    const known = memo.get(value);
    if (known !== undefined) return known;
    // a one-line string prints the same at every depth, unless it looks like a document marker
    // (quoted as a key of the root map only); the others are remembered with their indentation
    const anyDepth = !value.includes('\n') && !DOCUMENT_MARKER.test(value);
    const place = anyDepth ? '' : `${implicitKey ? 'k' : 'v'}${indent}`;
    if (!anyDepth) {
      const knownPlaced = placedMemo.get(place)?.get(value);
      if (knownPlaced !== undefined) return knownPlaced;
    }
    if (!isStringTag(value)) throw DECLINE;
    const ctx = implicitKey ? keyContext : valueContext;
    ctx.indent = indent;
    const text = stringTag.stringify!({ value } as YAML.Scalar, ctx, undefined, undefined);
    if (anyDepth) {
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(value, text);
    } else {
      placedChars += value.length + text.length;
      if (placedChars > PLACED_MEMO_CHARS) {
        placedMemo.clear();
        placedChars = value.length + text.length;
      }
      let placed = placedMemo.get(place);
      if (placed === undefined) {
        placed = new Map();
        placedMemo.set(place, placed);
      }
      placed.set(value, text);
    }
    return text;
  };

  let seen: Set<object> | undefined;
  const enter = (v: object): void => {
    if (seen) {
      if (seen.has(v)) throw DECLINE;
      seen.add(v);
    }
  };

  // the text is collected in pieces and joined once per document: a flat string, not a tree of
  // thousands of concatenations that would stay alive until the end of the synthesis
  const out: string[] = [];

  const node = (v: unknown, indent: string): void => {
    switch (typeof v) {
      case 'string':
        out.push(string(v, indent, false));
        return;
      case 'number':
        out.push(stringifyNumber({ value: v } as YAML.Scalar));
        return;
      case 'boolean':
        out.push(v ? trueStr : falseStr);
        return;
      case 'object': {
        if (v === null) {
          out.push(nullStr);
        } else if (Array.isArray(v)) {
          list(v, indent);
        } else {
          const proto = Object.getPrototypeOf(v);
          if (proto !== Object.prototype && proto !== null) throw DECLINE;
          map(v as { [key: string]: unknown }, indent);
        }
        return;
      }
      default:
        throw DECLINE;
    }
  };

  /** Whether a map or list prints on its key's line (`{}`, `[]`) rather than below it. */
  const isEmpty = (v: object): boolean => {
    if (Array.isArray(v)) return v.length === 0;
    for (const key in v) {
      if (Object.prototype.hasOwnProperty.call(v, key) && (v as { [key: string]: unknown })[key] !== undefined) return false;
    }
    return true;
  };

  /** The indentation one step deeper: the same string each time, not a new one per map or list. */
  const deeper = new Map<string, string>();
  const indentBelow = (indent: string): string => {
    let below = deeper.get(indent);
    if (below === undefined) {
      below = indent + '  ';
      deeper.set(indent, below);
    }
    return below;
  };

  const list = (items: readonly unknown[], indent: string): void => {
    enter(items);
    if (items.length === 0) {
      out.push('[]');
      return;
    }
    const itemIndent = indentBelow(indent);
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item === undefined) throw DECLINE;
      if (i > 0) out.push('\n', indent);
      out.push('- ');
      node(item, itemIndent);
    }
  };

  const map = (obj: { [key: string]: unknown }, indent: string): void => {
    enter(obj);
    const keyIndent = indentBelow(indent);
    let empty = true;
    const keys = Object.keys(obj);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const value = obj[key];
      if (value === undefined) {
        if (keepUndefined) throw DECLINE;
        continue;
      }
      if (!empty) out.push('\n', indent);
      empty = false;
      const keyText = string(key, keyIndent, true);
      if (keyText.length > 1024) throw DECLINE;
      out.push(keyText);
      if (value !== null && typeof value === 'object' && !isEmpty(value)) {
        const valueIndent = !indentSeq && Array.isArray(value) ? indent : keyIndent;
        out.push(':\n', valueIndent);
        node(value, valueIndent);
      } else {
        out.push(': ');
        node(value, keyIndent);
      }
    }
    if (empty) out.push('{}');
  };

  return (obj) => {
    if (obj !== null && typeof obj === 'object' && !Array.isArray(obj)) {
      seen = aliases && !unshared(obj) ? new Set() : undefined;
      out.length = 0;
      try {
        node(obj, '');
        out.push('\n');
        return out.join('');
      } catch (e) {
        if (e !== DECLINE) throw e;
      } finally {
        seen = undefined;
        out.length = 0;
      }
    }
    return fallback(obj);
  };
}

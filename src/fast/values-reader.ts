/**
 * The fast path of the command's YAML reading, for the start-up time of a cold
 * `cdk8s-starrocks template` run. In a fresh process the `yaml` package runs in V8's interpreter,
 * and a values file of a few hundred lines takes it 15-20 ms to read. (Printing has its fast path
 * in ./yaml-printer.ts.) The reader gives exactly the `yaml` package's result, or declines:
 *
 * - {@link simpleValuesReader} reads the block-style YAML values files are written in (maps, lists,
 *   plain and quoted scalars, `|` and `|-` literal blocks, one-line `[...]` lists, `{}`, comments)
 *   and returns `undefined` for anything else (anchors, tags, flow maps, folded or `|+` blocks,
 *   plain scalars over several lines, `<<` merge keys, tabs, several documents, ...), which the
 *   caller then reads with the `yaml` package. Scalars are resolved by the `yaml` schema's own tags.
 *
 * A fast path (see ./index.ts): with `CDK8S_STARROCKS_FAST=0` it declines every file.
 * test/fast/values-reader.test.ts compares it with the `yaml` package on generated documents and
 * data, with the fast paths on and off.
 *
 * @internal
 */
import type * as YAML from 'yaml';
import { fastPathsEnabled } from './switch';

/** Thrown inside the reader for input it leaves to the `yaml` package. */
const DECLINE = new Error('left to the yaml package');

/** Characters the reader accepts: printable ASCII, line feeds, and non-ASCII text (not U+2028, U+2029, U+FEFF or lone surrogates). */
const TEXT = /^(?:[\n\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\uffff]|[\ud800-\udbff][\udc00-\udfff])*$/;
/** What may follow a complete value on its line: spaces, and a comment after at least one space. */
const LINE_END = /^(?: *| +#.*)$/;
/** Plain scalars (and plain keys) that start like this are left to the yaml package: indicators, quotes, "- ". */
const INDICATOR_START = /^(?:[[\]{}#&*!|>%@`,?:'"]|-(?: |$))/;
/** Double-quoted escapes the reader resolves; any other is left to the yaml package. */
const ESCAPES: { readonly [c: string]: string } = { '\\': '\\', '"': '"', 'n': '\n', 't': '\t', 'r': '\r' };

interface Line {
  /** Leading spaces. */
  readonly indent: number;
  /** The rest of the line. */
  readonly text: string;
}

/**
 * A reader of simple values files: the `yaml` package's `parseAllDocuments(text, options)[0].toJS()`
 * for the block-style subset described above, or `undefined`.
 *
 * With the fast paths off (`CDK8S_STARROCKS_FAST=0`, checked at every file) it declines every
 * file, so the caller reads them all with the `yaml` package.
 *
 * @param yaml the `yaml` package (for its schema, built with `options`)
 * @param options the options the values file would be parsed with
 * @internal
 */
export function simpleValuesReader(
  yaml: typeof YAML,
  options: YAML.DocumentOptions & YAML.SchemaOptions,
): (text: string) => { [key: string]: unknown } | undefined {
  // plain scalars resolve as the composer does: the first default tag whose test matches, else a string
  const tags = new yaml.Document(null, options).schema.tags
    .filter((t): t is YAML.ScalarTag => t.default === true && !(t as YAML.CollectionTag).collection && (t as YAML.ScalarTag).test !== undefined);
  const keyTags = new yaml.Document(null, options).schema.tags
    .filter((t): t is YAML.ScalarTag => (t.default === true || t.default === 'key') && !(t as YAML.CollectionTag).collection && (t as YAML.ScalarTag).test !== undefined);
  const resolveOptions = { intAsBigInt: false };
  const plainScalar = (s: string, atKey = false): unknown => {
    for (const tag of atKey ? keyTags : tags) {
      if (tag.test!.test(s)) {
        const value = tag.resolve(s, () => {
          throw DECLINE;
        }, resolveOptions as YAML.ParseOptions);
        return yaml.isScalar(value) ? value.value : value;
      }
    }
    return s;
  };

  /** A quoted scalar at the start of `s`: its value and the index after it, or undefined when it is not closed in `s`. */
  const scanQuoted = (s: string): [string, number] | undefined => {
    let out = '';
    if (s[0] === "'") {
      for (let i = 1; ;) {
        const j = s.indexOf("'", i);
        if (j < 0) return undefined;
        out += s.slice(i, j);
        if (s[j + 1] !== "'") return [out, j + 1];
        out += "'";
        i = j + 2;
      }
    }
    for (let i = 1; i < s.length; i++) {
      const c = s[i];
      if (c === '"') return [out, i + 1];
      if (c === '\\') {
        // (a backslash at the end, an escaped line break, is left to the yaml package too)
        const e = ESCAPES[s[++i]];
        if (e === undefined) throw DECLINE;
        out += e;
      } else {
        out += c;
      }
    }
    return undefined;
  };
  /** A quoted scalar at the start of `s`, closed on that line. */
  const quoted = (s: string): [string, number] => {
    const q = scanQuoted(s);
    if (!q) throw DECLINE;
    return q;
  };

  /** A plain scalar value: up to a comment, trailing spaces dropped. */
  const plain = (s: string): unknown => {
    const hash = s.indexOf(' #');
    const v = (hash >= 0 ? s.slice(0, hash) : s).replace(/ +$/, '');
    if (v.includes(': ') || v.endsWith(':')) throw DECLINE;
    return plainScalar(v);
  };

  /** `[a, 'b', "c"]` on one line: scalars only. */
  const flowList = (s: string): unknown[] => {
    const out: unknown[] = [];
    let i = 1;
    for (;;) {
      while (s[i] === ' ') i++;
      if (s[i] === ']' && out.length === 0) {
        i++;
        break;
      }
      if (s[i] === "'" || s[i] === '"') {
        const [v, end] = quoted(s.slice(i));
        out.push(v);
        i += end;
      } else {
        const item = /^[^,[\]{}#:'"]*/.exec(s.slice(i))![0];
        const v = item.replace(/ +$/, '');
        if (v === '' || INDICATOR_START.test(v)) throw DECLINE;
        out.push(plainScalar(v));
        i += item.length;
      }
      while (s[i] === ' ') i++;
      if (s[i] === ',') {
        i++;
      } else if (s[i] === ']') {
        i++;
        break;
      } else {
        throw DECLINE;
      }
    }
    if (!LINE_END.test(s.slice(i))) throw DECLINE;
    return out;
  };

  return (text: string) => {
    if (!fastPathsEnabled() || !TEXT.test(text)) return undefined;
    const raw = text.split('\n');
    let pos = 0;
    // the first entry of a map that starts on a "- " line, standing in for raw[pos]
    let compact: Line | undefined;

    /** The next line with content (not blank, not a comment), not consumed. */
    const peek = (): Line | undefined => {
      if (compact) return compact;
      for (; pos < raw.length; pos++) {
        const s = raw[pos];
        let i = 0;
        while (s.charCodeAt(i) === 32) i++;
        if (i < s.length && s[i] !== '#') {
          if (i === 0 && /^(?:---|\.\.\.)(?: |$)|^%/.test(s)) throw DECLINE;
          return { indent: i, text: s.slice(i) };
        }
      }
      return undefined;
    };
    const consume = (): void => {
      compact = undefined;
      pos++;
    };

    /** The lines of a `|` or `|-` block after a node at indentation `parent` (the header's line is consumed). */
    const literal = (header: string, parent: number): string => {
      const m = /^\|(-?)(?: +#.*| *)$/.exec(header);
      if (!m) throw DECLINE;
      const lines: string[] = [];
      let indent = -1;
      for (; pos < raw.length; pos++) {
        const s = raw[pos];
        if (s === '') {
          if (indent < 0) throw DECLINE;
          lines.push('');
          continue;
        }
        let i = 0;
        while (s.charCodeAt(i) === 32) i++;
        if (i === s.length) throw DECLINE; // a line of spaces only
        if (indent < 0) {
          if (i <= parent) throw DECLINE; // an empty block
          indent = i;
        } else if (i < indent) {
          break;
        }
        lines.push(s.slice(indent));
      }
      // a block that ends the text must end with a line break
      if (pos >= raw.length && raw[raw.length - 1] !== '') throw DECLINE;
      while (lines[lines.length - 1] === '') lines.pop();
      return lines.join('\n') + (m[1] === '-' ? '' : '\n');
    };

    /**
     * A quoted scalar over several lines, from `first` (the rest of the current line) on: folded as
     * YAML folds them (a line break is a space, n empty lines are n line feeds, the indentation of
     * the next line is dropped), then read as one line. Continuation lines must be indented deeper
     * than the node (`parent`); lines of spaces only, spaces before a line break are left to yaml.
     */
    const quotedLines = (first: string, parent: number): string => {
      let source = first;
      let empty = 0;
      for (let n = pos + 1; n < raw.length && n <= pos + 1000; n++) {
        const s = raw[n];
        if (source.endsWith(' ')) throw DECLINE;
        if (s === '') {
          empty++;
          continue;
        }
        let i = 0;
        while (s.charCodeAt(i) === 32) i++;
        if (i === s.length || i <= parent) throw DECLINE;
        source += (empty > 0 ? '\n'.repeat(empty) : ' ') + s.slice(i);
        empty = 0;
        const q = scanQuoted(source);
        if (q) {
          if (!LINE_END.test(source.slice(q[1]))) throw DECLINE;
          compact = undefined;
          pos = n + 1;
          return q[0];
        }
      }
      throw DECLINE;
    };

    /** The value after `key: ` or `- ` of a node at indentation `parent`; consumes its line(s). */
    const inline = (s: string, parent: number): unknown => {
      const c = s[0];
      let value: unknown;
      if (c === '"' || c === "'") {
        const q = scanQuoted(s);
        if (!q) return quotedLines(s, parent);
        if (!LINE_END.test(s.slice(q[1]))) throw DECLINE;
        value = q[0];
      } else if (c === '|') {
        consume();
        return literal(s, parent);
      } else if (c === '[') {
        value = flowList(s);
      } else if (c === '{') {
        if (!/^\{ *\}(?: *| +#.*)$/.test(s)) throw DECLINE;
        value = {};
      } else {
        if (INDICATOR_START.test(s)) throw DECLINE;
        value = plain(s);
      }
      consume();
      return value;
    };

    /** `key:` and what follows it on the line, or undefined when the line is not a map entry. */
    const mapEntry = (s: string): [string, string] | undefined => {
      let key: string;
      let rest: string;
      if (s[0] === '"' || s[0] === "'") {
        const [k, end] = quoted(s);
        if (s[end] !== ':' || (end + 1 < s.length && s[end + 1] !== ' ')) return undefined;
        key = k;
        rest = s.slice(end + 1);
      } else {
        const m = /: |:$/.exec(s);
        if (!m) return undefined;
        const k = s.slice(0, m.index);
        if (k === '' || INDICATOR_START.test(k) || k[0] === '-' || k.includes(' #') || k.endsWith(' ') || k.length > 1000) throw DECLINE;
        // a plain key is resolved by the schema's key tags (to the string Helm makes of it)
        const v = plainScalar(k, true);
        if (typeof v !== 'string') throw DECLINE;
        key = v;
        rest = s.slice(m.index + 1);
      }
      // "<<" merges (merge: true); keys like __proto__ or toString need yaml's own assignment
      if (key === '<<' || key in Object.prototype) throw DECLINE;
      return [key, rest.replace(/^ +/, '')];
    };

    const isListEntry = (s: string): boolean => s === '-' || s.startsWith('- ');
    const nothing = (rest: string): boolean => rest === '' || rest[0] === '#';

    /** The node on the lines below `key:` or `-` (a list may sit at the key's own indentation). */
    const below = (indent: number, listHere: boolean): unknown => {
      const l = peek();
      if (l && l.indent > indent) return isListEntry(l.text) ? list(l.indent) : map(l.indent);
      if (l && listHere && l.indent === indent && isListEntry(l.text)) return list(indent);
      return null;
    };
    /** After a value on its own line, the next line may not be indented deeper (a continuation). */
    const noContinuation = (indent: number): void => {
      const l = peek();
      if (l && l.indent > indent) throw DECLINE;
    };

    const map = (indent: number): { [key: string]: unknown } => {
      const out: { [key: string]: unknown } = {};
      for (let l = peek(); l && l.indent >= indent; l = peek()) {
        if (l.indent > indent || isListEntry(l.text)) throw DECLINE;
        const entry = mapEntry(l.text);
        if (!entry) throw DECLINE;
        const [key, rest] = entry;
        let value: unknown;
        if (nothing(rest)) {
          consume();
          value = below(indent, true);
        } else {
          value = inline(rest, indent);
          noContinuation(indent);
        }
        // a later duplicate key wins (uniqueKeys: false), unless the two are not the same key for
        // go-yaml (`1` and "1"): left to the yaml package path, which refuses those
        if (Object.prototype.hasOwnProperty.call(out, key)) throw DECLINE;
        out[key] = value;
      }
      return out;
    };

    const list = (indent: number): unknown[] => {
      const out: unknown[] = [];
      for (let l = peek(); l && l.indent === indent && isListEntry(l.text); l = peek()) {
        let j = 1;
        while (l.text[j] === ' ') j++;
        const rest = l.text.slice(j);
        if (nothing(rest)) {
          consume();
          out.push(below(indent, false));
        } else if (isListEntry(rest)) {
          throw DECLINE;
        } else if (mapEntry(rest)) {
          compact = { indent: indent + j, text: rest };
          out.push(map(indent + j));
        } else {
          out.push(inline(rest, indent));
          noContinuation(indent);
        }
      }
      noContinuation(indent);
      return out;
    };

    try {
      const first = peek();
      if (!first || first.indent !== 0 || isListEntry(first.text)) return undefined;
      const values = map(0);
      return peek() ? undefined : values;
    } catch (e) {
      if (e === DECLINE) return undefined;
      throw e;
    }
  };
}

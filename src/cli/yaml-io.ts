/**
 * Reading values files and printing manifests, with the `yaml` package and the fast paths of
 * src/fast (a reader of block-style values files and a printer, each giving the `yaml` package's
 * result; both off with `CDK8S_STARROCKS_FAST=0`). Loaded by the command only once the flags are
 * parsed (`--help` does not load it).
 *
 * @internal
 */
import type * as YAML from 'yaml';
import { yamlLibrary, yamlUtil } from '../common/yaml-library';
import { blockPrinter, simpleValuesReader } from '../fast';
import { goMergeOrder } from './go-yaml-merge';
import { checkHelmReads, where } from './go-yaml-rules';
import { helmReadTags } from './go-yaml-scalars';
import { DeepYamlError, readDeepYaml } from './yaml-deep';

/** The first line of a yaml package error, with where it happened. */
function describeYamlError(e: YAML.YAMLError): string {
  const first = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const pos = e.linePos?.[0];
  return pos ? `line ${pos.line}, column ${pos.col}: ${first}` : first;
}

/** How values files are read: YAML 1.1, Helm's tags, a later duplicate key wins, `<<` merges. */
const PARSE_OPTIONS: YAML.DocumentOptions & YAML.SchemaOptions & YAML.ParseOptions = {
  version: '1.1',
  customTags: helmReadTags,
  uniqueKeys: false,
  merge: true,
  prettyErrors: true,
};

/** Characters go-yaml v2 refuses anywhere in a file (NUL and other control characters, DEL, C1 controls but NEL, U+FFFE/U+FFFF, lone surrogates). */
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** V8's stack overflow (a RangeError, or a SyntaxError when a regular expression is compiled at the limit). */
const stackOverflow = (e: unknown): boolean => e instanceof Error && e.message.includes('Maximum call stack size exceeded');

/** Helm's rules on a composed document: {@link checkHelmReads}, then go-yaml's merge precedence. */
function readLikeHelm(doc: YAML.Document.Parsed, text: string, source: string): void {
  checkHelmReads(doc, text, source);
  if (text.includes('<<')) goMergeOrder(yamlLibrary(), doc);
}

let reader: ((text: string) => { [key: string]: unknown } | undefined) | undefined;

/**
 * Parses a values file as Helm 3.6.2 does (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1): `yes`/`no`/
 * `on`/`off`/`y`/`n` are booleans, `0777` is octal, `1_000` is 1000, `<<` merge keys apply, a later
 * duplicate key wins, dates and `12:30` stay strings; numbers are JS numbers (Helm's float64). Only
 * the first document counts. An empty file (or `null`) is no values.
 *
 * @param source the file name, for messages
 * @throws Error `failed to parse <source>: line L, column C: ...` on invalid YAML or a top level
 *   that is not a map
 * @internal
 */
export function parseValuesYaml(text: string, source: string): { [key: string]: unknown } {
  const bad = CONTROL.exec(text);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new Error(`failed to parse ${source}: ${where(text, bad.index)}: control character U+${code} (Helm refuses control characters in values files)`);
  }
  // block-style files (most values files) are read without the yaml package's parser, same result
  // (with the fast paths on: the reader declines every file with them off)
  reader ??= simpleValuesReader(yamlLibrary(), PARSE_OPTIONS);
  let simple: { [key: string]: unknown } | undefined;
  try {
    simple = reader(text);
  } catch (e) {
    // the reader recurses once per level: a file nested some thousands deep is read below
    if (!stackOverflow(e)) throw e;
  }
  if (simple !== undefined) {
    return simple;
  }
  let read: { value: unknown; offset: number } | undefined;
  try {
    read = parseSlow(text, source);
  } catch (e) {
    // the yaml package composes recursively: a document nested some thousands deep exhausts the
    // stack; it is read again in pieces (only then: the pieces cost a second parse)
    if (!stackOverflow(e)) throw e;
    read = parseInPieces(text, source);
  }
  return topLevelMap(read, text, source);
}

/** The file read in pieces (src/cli/yaml-deep.ts), for documents nested too deeply for the yaml package. */
function parseInPieces(text: string, source: string, pieceDepth?: number): { value: unknown; offset: number } | undefined {
  try {
    return readDeepYaml(yamlLibrary(), text, PARSE_OPTIONS, doc => readLikeHelm(doc, text, source), pieceDepth);
  } catch (d) {
    if (d instanceof DeepYamlError) throw new Error(`failed to parse ${source}: ${where(text, d.offset)}: ${d.message}`);
    if (stackOverflow(d)) throw new Error(`failed to parse ${source}: line 1, column 1: the document is nested too deeply to read`);
    throw d;
  }
}

/**
 * {@link parseValuesYaml} for a document nested too deeply for the yaml package, with pieces of
 * `pieceDepth` levels (tests compare it with the normal read on every document).
 *
 * @internal
 */
export function parseValuesYamlInPieces(text: string, source: string, pieceDepth: number): { [key: string]: unknown } {
  const bad = CONTROL.exec(text);
  if (bad) return parseValuesYaml(text, source);
  return topLevelMap(parseInPieces(text, source, pieceDepth), text, source);
}

/** The values read, which must be a map (or nothing). */
function topLevelMap(read: { value: unknown; offset: number } | undefined, text: string, source: string): { [key: string]: unknown } {
  const value = read?.value;
  if (value === null || value === undefined) {
    return {};
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    const got = Array.isArray(value) ? 'a list' : `${typeof value} ${JSON.stringify(value)}`;
    throw new Error(`failed to parse ${source}: the top level of a values file must be a map of values, got ${got} (${where(text, read!.offset)})`);
  }
  return value as { [key: string]: unknown };
}

/** The first document's values and where they start, with the `yaml` package; undefined for no document. */
function parseSlow(text: string, source: string): { value: unknown; offset: number } | undefined {
  const docs = yamlLibrary().parseAllDocuments(text, PARSE_OPTIONS);
  const list = Array.isArray(docs) ? docs : [];
  if (list.length === 0) {
    return undefined;
  }
  const doc = list[0];
  if (doc.errors.length > 0) {
    throw new Error(`failed to parse ${source}: ${describeYamlError(doc.errors[0])}`);
  }
  readLikeHelm(doc, text, source);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 10000 });
  } catch (e) {
    if (stackOverflow(e)) throw e;
    throw new Error(`failed to parse ${source}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { value, offset: (doc.contents as YAML.Node | null)?.range?.[0] ?? 0 };
}

/**
 * Plain strings that the yaml library's YAML 1.1 schema would print unquoted but that a reader takes
 * for something else: `0o17` (an octal number for YAML 1.2 and for go-yaml v2, which parses numbers
 * with Go's `strconv.ParseInt(s, 0, 64)`) and `<<` (a merge key for YAML 1.1 readers). A tag whose
 * test matches them makes the printer quote them; it is never used to read anything.
 */
const QUOTE_GUARD: YAML.ScalarTag = {
  tag: 'tag:cdk8s-starrocks,2025:quote-guard',
  default: true,
  test: /^(?:[-+]?0o[0-7_]+|<<)$/,
  resolve: (str: string) => str,
};

const STRINGIFY_OPTIONS: YAML.DocumentOptions & YAML.SchemaOptions & YAML.CreateNodeOptions & YAML.ToStringOptions = {
  // quote every string a YAML 1.1 reader (kubectl, Helm, go-yaml v2) would read as something else
  version: '1.1',
  // without the merge tag, a "<<" string is a string (else it is printed as a bare merge key)
  merge: false,
  customTags: (tags: YAML.Tags) => [...tags.filter(t => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:merge'), QUOTE_GUARD],
  // an object referenced twice is printed twice, never as an anchor and alias
  aliasDuplicateObjects: false,
  // no folding of long lines; multi-line strings as literal blocks
  lineWidth: 0,
  minContentWidth: 0,
  blockQuote: 'literal',
  // lists at the indentation of their key, like Helm and kubectl print them
  indentSeq: false,
};

/**
 * One Kubernetes object as a YAML document (without the `---` line). Strings that need quotes are
 * quoted, multi-line strings are `|` blocks, `bigint`s print in plain digits.
 *
 * @internal
 */
export function stringifyObject(obj: unknown): string {
  // the same text as yamlLibrary().stringify(obj, STRINGIFY_OPTIONS), faster (see ../fast/yaml-printer);
  // yamlLibrary().stringify itself with the fast paths off
  printer ??= blockPrinter(yamlLibrary(), yamlUtil(), STRINGIFY_OPTIONS);
  try {
    return printer(obj);
  } catch (e) {
    // the printers recurse once or more per level: values some thousands deep that reach a manifest
    if (!stackOverflow(e)) throw e;
    const o = obj as { kind?: unknown; metadata?: { name?: unknown } } | null;
    throw new Error(`the ${String(o?.kind ?? 'object')} ${JSON.stringify(String(o?.metadata?.name ?? ''))} holds values nested too deeply to print (some thousand levels): nest them less`);
  }
}

let printer: ((obj: unknown) => string) | undefined;

/**
 * Objects as a multi-document YAML stream, each document preceded by `---` (like `helm template`).
 *
 * @internal
 */
export function stringifyObjects(objects: readonly unknown[]): string {
  return objects.map(o => `---\n${stringifyObject(o)}`).join('');
}

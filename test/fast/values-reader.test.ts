/**
 * The command's YAML fast paths (src/fast/values-reader.ts, and the printer of
 * src/fast/yaml-printer.ts with the command's options, through src/cli/yaml-io.ts) against the yaml
 * package they stand in for: the values reader must give exactly what the yaml package reads (or
 * decline), the printer exactly what `yaml.stringify` prints. Checked on the conformance values and
 * renders, and on generated documents and data (including broken documents, which the reader must
 * decline); with the fast paths on and off (the reader declines everything, the yaml package reads
 * and prints).
 */
import * as fc from 'fast-check';
import type * as YAML from 'yaml';
import { parseValuesYaml, stringifyObject } from '../../src/cli/yaml-io';
import { yamlLibrary } from '../../src/common/yaml-library';
import { simpleValuesReader } from '../../src/fast';
import { mergeValueSources } from '../../src/helm/merge';
import { renderHelmChart } from '../../src/helm/render';
import { loadConformanceCases } from '../util/conformance';
import { FAST_SETTINGS, useFastSetting } from '../util/fast-switch';
import { describeShared } from '../util/shared';

const yaml = yamlLibrary();
const PARSE_OPTIONS = {
  version: '1.1' as const,
  customTags: (tags: YAML.Tags) => tags.filter(t => (t as YAML.ScalarTag).format !== 'TIME' && (t as YAML.ScalarTag).tag !== 'tag:yaml.org,2002:timestamp'),
  uniqueKeys: false,
  merge: true,
};
const fast = simpleValuesReader(yaml, PARSE_OPTIONS);

/** What the yaml package reads (the first document), or an error. */
function reference(text: string): { value?: unknown; error?: string } {
  const docs = yaml.parseAllDocuments(text, PARSE_OPTIONS);
  const list = Array.isArray(docs) ? docs : [];
  if (list.length === 0) return { error: 'no document' };
  if (list[0].errors.length > 0) return { error: list[0].errors[0].message };
  return { value: list[0].toJS({ maxAliasCount: 10000 }) };
}

/** Values with their types and key order, -0, NaN and Infinity made visible. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'number' && (Object.is(x, -0) || !Number.isFinite(x)) ? `#${Object.is(x, -0) ? '-0' : x}` : x));
}

/** The reader declines, or agrees with the yaml package (which must then read a map). */
function expectAgrees(text: string): boolean {
  const got = fast(text);
  if (got === undefined) return false;
  const ref = reference(text);
  expect({ text, error: ref.error }).toEqual({ text, error: undefined });
  expect({ text, value: canonical(got) }).toEqual({ text, value: canonical(ref.value) });
  return true;
}

// generated values files: block maps and lists in several indentations, compact maps in lists,
// plain / quoted / multi-line quoted scalars, [...] lists, literal blocks, comments and blank lines
const word = fc.constantFrom('a', 'b c', 'k:v', 'a#b', '-1', '-x', 'yes', 'no', 'On', 'y', 'N', '~', 'null', 'true', 'False', '0777', '0o17',
  '0x1f', '0b11', '1_0', '+1', '1.5', '.5', '1e3', '.inf', '.NaN', '12:30', '2001-12-14', 'http://a:1/b', 'x=y', 'é', 'a\u00a0b', '😀', 'toString',
  '__proto__', '<<', 'a.b/c', '${X}', '%x', '@x', 'a,b', 'a]', 'a[', 'a}', 'a b ', '1.11.5', '-Xmx8g', '', ' ', ' lead');
const comment = fc.constantFrom('', '', '', ' # c', '  #c', ' #', '#x');
type Gen = { t: string } | { lit: string; lines: [number, string][]; tail: string } | { mq: string; parts: [string, number, number][] }
| { map: [string, Gen, string, boolean][] } | { seq: [Gen, string, boolean][] };
const scalar: fc.Arbitrary<Gen> = fc.oneof(
  word.map(w => ({ t: w })),
  word.map(w => ({ t: `'${w.replace(/'/g, "''")}'` })),
  word.map(w => ({ t: JSON.stringify(w) })),
  fc.constantFrom('"a\\tb"', '"a\\\\b"', '"\\u0041"', '"a\\"b"', "'it''s'", "'a'b'", '"a', "'a", '"a"x', "''", '""').map(t => ({ t })),
);
const flowList: fc.Arbitrary<Gen> = fc.tuple(fc.array(scalar, { maxLength: 4 }), fc.constantFrom('', ' '), fc.constantFrom('', ' ', '  '), fc.constantFrom('', ','))
  .map(([items, a, b, trail]) => ({ t: `[${a}${items.map(i => (i as { t: string }).t).join(`${b},${a}`)}${items.length ? trail : ''}${b}]` }));
const literal: fc.Arbitrary<Gen> = fc.tuple(
  fc.constantFrom('|', '|-', '|+', '>', '|2', '| # c', '|-  #x', '|1-', '| '),
  fc.array(fc.tuple(fc.nat(3), fc.constantFrom('line', 'a: b', '# not a comment', '- x', '', '   ', 'key = value', '  more', '---', '"q"')), { maxLength: 5 }),
  fc.constantFrom('', '\n', '\n\n', '\n  \n'),
).map(([lit, lines, tail]) => ({ lit, lines, tail }));
const multiQuoted: fc.Arbitrary<Gen> = fc.tuple(fc.constantFrom("'", '"'), fc.array(fc.tuple(
  fc.constantFrom('a', 'b c', ' lead', 'trail ', '#x', "it''s", 'x: y', '\\"q\\"', '\\n', '- x', '', "'", '"', '\\'),
  fc.constantFrom(0, 0, 0, 1, 2), fc.constantFrom(0, 0, 1, -2, -9)), { minLength: 2, maxLength: 4 })).map(([mq, parts]) => ({ mq, parts }));
const { node } = fc.letrec<{ node: Gen; map: Gen; seq: Gen }>(tie => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, scalar, flowList, literal, multiQuoted, tie('map'), tie('seq'),
    fc.constant({ t: '{}' }), fc.constant({ t: '[]' }), fc.constant({ t: '' })),
  map: fc.array(fc.tuple(fc.oneof(word, word.map(w => `"${w}"`), word.map(w => `'${w}'`)), tie('node'), comment, fc.boolean()), { minLength: 1, maxLength: 4 })
    .map(map => ({ map })),
  seq: fc.array(fc.tuple(tie('node'), comment, fc.boolean()), { minLength: 1, maxLength: 3 }).map(seq => ({ seq })),
}));

/** n's text after `key:` or `-`; its other lines go to `out`. `col`: where n's lines start. */
function render(n: Gen, col: number, step: number, seqIndent: number, out: string[], blank: boolean): string {
  if ('t' in n) return n.t === '' ? '' : ` ${n.t}`;
  if ('mq' in n) {
    const [first, ...rest] = n.parts;
    rest.forEach(([text, empties, extra], i) => {
      for (let e = 0; e < empties; e++) out.push('');
      out.push(' '.repeat(Math.max(0, col + extra)) + text + (i === rest.length - 1 ? n.mq : ''));
    });
    return ` ${n.mq}${first[0]}`;
  }
  if ('lit' in n) {
    for (const [extra, l] of n.lines) out.push(l === '' ? '' : l.trim() === '' ? l : ' '.repeat(col + (extra === 3 ? 1 : 0)) + l);
    if (n.tail) out.push(...n.tail.split('\n').slice(1));
    return ` ${n.lit}`;
  }
  if ('map' in n) {
    for (const [k, v, c, b] of n.map) {
      const sub: string[] = [];
      const first = render(v, 'seq' in v ? col + seqIndent : col + step, step, seqIndent, sub, blank);
      out.push(`${' '.repeat(col)}${k}:${first}${/^ [|>]/.test(first) ? '' : c}`, ...sub);
      if (b && blank) out.push('');
    }
    return '';
  }
  for (const [v, c, compact] of n.seq) {
    const sub: string[] = [];
    if ('map' in v && compact) {
      render(v, col + 2, step, seqIndent, sub, blank);
      out.push(`${' '.repeat(col)}- ${sub.shift()!.slice(col + 2)}`, ...sub);
      continue;
    }
    const first = render(v, col + 2, step, seqIndent, sub, blank);
    out.push(`${' '.repeat(col)}-${first}${/^ [|>]/.test(first) ? '' : c}`, ...sub);
  }
  return '';
}

const documents = fc.tuple(node.filter(n => 'map' in n), fc.constantFrom(2, 2, 4, 3), fc.constantFrom(0, 2), fc.boolean(),
  fc.constantFrom('\n', '', '\n\n'), fc.constantFrom('', '# head\n', '\n'))
  .map(([n, step, seqIndent, blank, end, head]) => {
    const out: string[] = [];
    render(n, 0, step, seqIndent, out, blank);
    return head + out.join('\n') + end;
  });
const mutations = fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '  ', '\n', '#', ' #', ':', ': ', '- ', '-', "'", '"', '\t', 'x', '\n  ', '\n- ', '---\n',
  '[]', '{}', '\\', '&a ', '*a', '!!str ', '|\n  ', '\r'), fc.boolean()), { maxLength: 3 });

/** How often the yaml package's `name` runs while `fn` does. */
function callsOf(name: 'stringify' | 'parseAllDocuments', fn: () => void): number {
  const spy = jest.spyOn(yaml, name);
  try {
    fn();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

describe.each(FAST_SETTINGS)('the simple values reader, %s', (_setting, on) => {
  useFastSetting(on);

  test('reads generated block-style documents as the yaml package does, or declines', () => {
    let read = 0;
    fc.assert(fc.property(documents, mutations, (text, muts) => {
      if (expectAgrees(text)) read++;
      for (const [at, ins, del] of muts) {
        const i = at % (text.length + 1);
        text = text.slice(0, i) + ins + text.slice(del ? i + 1 : i);
        expectAgrees(text);
      }
    }), { numRuns: on ? 3000 : 200, seed: 20251124 });
    // the generator mostly makes documents the reader reads (with the fast paths on; off, none)
    if (on) expect(read).toBeGreaterThan(500); else expect(read).toBe(0);
  });

  test('reads what yaml.stringify prints (block and flow styles, both sequence indentations)', () => {
    const data = fc.dictionary(word, fc.letrec<{ tree: unknown }>(tie => ({
      tree: fc.oneof({ depthSize: 'small' }, word, fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
        fc.array(tie('tree'), { maxLength: 3 }), fc.dictionary(word, tie('tree'), { maxKeys: 4 })),
    })).tree, { minKeys: 1, maxKeys: 5 });
    const styles = [{}, { indentSeq: false }, { indent: 4 }, { defaultStringType: 'QUOTE_SINGLE' as const }, { defaultStringType: 'QUOTE_DOUBLE' as const },
      { collectionStyle: 'flow' as const }, { version: '1.1' as const, lineWidth: 20 }];
    fc.assert(fc.property(data, fc.constantFrom(...styles), (o, style) => {
      expectAgrees(yaml.stringify(o, style));
    }), { numRuns: on ? 2000 : 100, seed: 7 });
  });

  test('declines what it does not read', () => {
    for (const text of ['', '# only a comment\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: {b: 1}\n', 'a: >\n  folded\n', 'a: |+\n  kept\n\n',
      'a:\n  b\n  c\n', '<<: {a: 1}\n', 'a: 1\n---\nb: 2\n', '%YAML 1.1\n---\na: 1\n', 'a:\tb\n', '- a\n', 'a: b: c\n', '__proto__: 1\n', 'a: "\\x41"\n',
      'a: 1\na: 2\n', 'm:\n  1: a\n  "1": b\n']) {
      expect({ text, read: fast(text) }).toEqual({ text, read: undefined });
    }
  });

  test('parseValuesYaml: the same values whichever path reads the file', () => {
    const text = 'a:\n  b: [x, "y", 1]\n  c: |\n    line\n  d: \'multi\n    line\'\nlist:\n- k: v\n  num: 0777\n';
    expect(fast(text) !== undefined).toBe(on);
    // the yaml package's parser reads it only with the fast paths off
    expect(callsOf('parseAllDocuments', () => {
      expect(parseValuesYaml(text, 'v.yaml')).toEqual({ a: { b: ['x', 'y', 1], c: 'line\n', d: 'multi line' }, list: [{ k: 'v', num: 511 }] });
    })).toBe(on ? 0 : 1);
    // the same text with an anchor goes through the yaml package
    expect(parseValuesYaml(`${text}first: &a 1\nsecond: *a\n`, 'v.yaml')).toEqual({ a: { b: ['x', 'y', 1], c: 'line\n', d: 'multi line' }, list: [{ k: 'v', num: 511 }], first: 1, second: 1 });
  });

  test('parseValuesYaml: a later duplicate key wins, two keys that are one for Helm only (1 and "1") fail, whichever path', () => {
    expect(parseValuesYaml('a: 1\nb: 2\na: 3\n', 'v.yaml')).toEqual({ a: 3, b: 2 });
    expect(parseValuesYaml('m:\n  16: a\n  0x10: b\n', 'v.yaml')).toEqual({ m: { 16: 'b' } });
    expect(() => parseValuesYaml('m:\n  1: a\n  "1": b\n', 'v.yaml'))
      .toThrow('failed to parse v.yaml: line 3, column 3: the keys 1 (line 2, column 3) and "1" are one key "1" for Helm, which keeps either of them at random: write only one');
  });
});

const STRINGIFY_OPTIONS = {
  version: '1.1' as const,
  merge: false,
  customTags: (tags: YAML.Tags) => [...tags.filter(t => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:merge'),
    { tag: 'tag:cdk8s-starrocks,2025:quote-guard', default: true, test: /^(?:[-+]?0o[0-7_]+|<<)$/, resolve: (s: string) => s }],
  aliasDuplicateObjects: false,
  lineWidth: 0,
  minContentWidth: 0,
  blockQuote: 'literal' as const,
  indentSeq: false,
};

describe.each(FAST_SETTINGS)('the command\'s block printer, %s', (_setting, on) => {
  useFastSetting(on);

  test(on ? 'prints plain data without yaml.stringify' : 'hands every object to yaml.stringify', () => {
    stringifyObject({ first: 1 });
    const objects = [{ kind: 'ConfigMap', data: { a: 'yes', b: 'x\ny\n' } }, { list: ['0o17', { k: '<<' }] }];
    expect(callsOf('stringify', () => objects.forEach(o => stringifyObject(o)))).toBe(on ? 0 : objects.length);
  });

  test('prints generated data exactly as yaml.stringify', () => {
    const tricky = fc.constantFrom('', ' ', 'a b', 'a: b', 'a #b', '#x', '- x', '-', '?', ': x', 'x:', 'yes', 'No', 'on', 'y', 'n', 'null', '~', 'true',
      '0o17', '0777', '0x1F', '1_000', '12:30', '1e3', '.5', '.inf', '.nan', '2001-12-14', '<<', '=', '---', '...', '--- x', '%YAML', 'a\nb', 'a\n',
      'a\n\n', '\na', ' a\nb', 'a\n b', 'a \nb', 'a\n ', '\n', '\t', 'a\tb', '"q"', "'s'", '"\'', 'x"y', '\u0000', '\u0085', '\u00a0', '\u2028', 'é',
      '😀', '\ud800', '[a]', '{a}', 'a,b', '*a', '&a', '!a', '|', '>', '@', '`', 'http://x:8080/y', `${'x'.repeat(50)}\n${'y'.repeat(50)}`, 'a\r\nb',
      `long ${'z'.repeat(1100)}`, '---\nx', 'x\n...\n', '  lead', 'trail  ');
    const str = fc.oneof(tricky, fc.string(), fc.fullUnicodeString({ maxLength: 8 }));
    const tree = fc.letrec<{ tree: unknown }>(tie => ({
      tree: fc.oneof({ depthSize: 'small' }, str, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(-0),
        fc.array(tie('tree'), { maxLength: 4 }), fc.dictionary(str, tie('tree'), { maxKeys: 5 })),
    })).tree;
    fc.assert(fc.property(fc.dictionary(str, tree, { maxKeys: 6 }), (o) => {
      expect(stringifyObject(o)).toBe(yaml.stringify(o, STRINGIFY_OPTIONS));
    }), { numRuns: on ? 5000 : 200, seed: 11 });
  });

  test('leaves what is not plain data to yaml.stringify', () => {
    class Box { constructor(readonly v: number) {} }
    for (const o of [[1, 2], 'text', null, { a: [1, undefined] }, { b: new Box(1) }, { c: 10n }, { [`k${'x'.repeat(1100)}`]: 1 }, { d: new Map([['a', 1]]) }]) {
      expect(stringifyObject(o)).toBe(yaml.stringify(o, STRINGIFY_OPTIONS));
    }
  });
});

describe.each(FAST_SETTINGS)('the conformance cases, %s', (_setting, on) => {
  useFastSetting(on);
  describeShared('the fast paths on the conformance cases', () => conformanceTests(on));
});

function conformanceTests(on: boolean): void {
  const cases = loadConformanceCases();

  test.each(cases.map(c => [c.name, c] as const))('%s: values read and objects printed as by the yaml package', (_name, c) => {
    const text = c.valuesYaml;
    const read = expectAgrees(text);
    if (!on) expect(read).toBe(false);
    let objects: any[];
    try {
      objects = renderHelmChart({ chart: c.chart, release: c.release, namespace: c.namespace, apiVersions: c.apiVersions, values: mergeValueSources([parseValuesYaml(text, 'values.yaml')]) });
    } catch {
      return; // the cases that must fail
    }
    // yaml.stringify: once per object for the comparison, and once more with the fast paths off
    expect(callsOf('stringify', () => {
      for (const o of objects) {
        expect(stringifyObject(o)).toBe(yaml.stringify(o, STRINGIFY_OPTIONS));
      }
    })).toBe(on ? objects.length : 2 * objects.length);
  });
}

/**
 * The block printer (src/fast/yaml-printer.ts) against the `yaml` package it stands in for, with
 * the options of cdk8s's `Yaml.stringify` (lists indented under their key, anchors for repeated
 * objects, undefined kept) and with the command's (lists at their key's column, no anchors); with
 * the fast paths on (the printer lays out the documents) and off (`yaml.stringify` prints them all).
 */
import * as fc from 'fast-check';
import type * as YAML from 'yaml';
import { yamlLibrary, yamlUtil } from '../../src/common/yaml-library';
import { blockPrinter, YamlPrintOptions } from '../../src/fast';
import { FAST_SETTINGS, useFastSetting, withFastPaths } from '../util/fast-switch';

const yaml = yamlLibrary();

const CDK8S_OPTIONS: YamlPrintOptions = { keepUndefined: true, lineWidth: 0, version: '1.1' };
const COMMAND_OPTIONS: YamlPrintOptions = {
  version: '1.1',
  merge: false,
  customTags: (tags: YAML.Tags) => tags.filter(t => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:merge'),
  aliasDuplicateObjects: false,
  lineWidth: 0,
  minContentWidth: 0,
  blockQuote: 'literal',
  indentSeq: false,
};

const tricky = fc.constantFrom('', ' ', 'a b', 'a: b', 'a #b', '#x', '- x', '-', '?', ': x', 'x:', 'yes', 'No', 'on', 'y', 'n', 'null', '~', 'true',
  '0o17', '0777', '0x1F', '1_000', '12:30', '1e3', '.5', '.inf', '.nan', '2001-12-14', '<<', '=', '---', '...', '--- x', '%YAML', 'a\nb', 'a\n',
  'a\n\n', '\na', ' a\nb', 'a\n b', 'a \nb', 'a\n ', '\n', '\t', 'a\tb', '"q"', "'s'", '"\'', 'x"y', '\u0000', '\u0085', '\u00a0', '\u2028', 'é',
  '😀', '\ud800', '[a]', '{a}', 'a,b', '*a', '&a', '!a', '|', '>', '@', '`', 'http://x:8080/y', `${'x'.repeat(50)}\n${'y'.repeat(50)}`, 'a\r\nb',
  `long ${'z'.repeat(1100)}`, '---\nx', 'x\n...\n', '  lead', 'trail  ', 'name', 'app.kubernetes.io/name', '8030', 'starrocks');
const str = fc.oneof(tricky, tricky, fc.string(), fc.fullUnicodeString({ maxLength: 8 }));
const tree = fc.letrec<{ tree: unknown }>(tie => ({
  tree: fc.oneof({ depthSize: 'small' }, str, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(-0),
    fc.array(tie('tree'), { maxLength: 4 }), fc.dictionary(str, tie('tree'), { maxKeys: 5 })),
})).tree;
const doc = fc.dictionary(str, tree, { maxKeys: 6 });

/** How often `yaml.stringify` runs while `fn` does. */
function yamlCalls(fn: () => void): number {
  const spy = jest.spyOn(yaml, 'stringify');
  try {
    fn();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

describe.each(FAST_SETTINGS.flatMap(([setting, fast]) => [
  ['cdk8s', CDK8S_OPTIONS, setting, fast],
  ['the command', COMMAND_OPTIONS, setting, fast],
] as [string, YamlPrintOptions, string, boolean][]))('the block printer with the options of %s, %s', (_name, options, _setting, fast) => {
  useFastSetting(fast);

  test(fast ? 'prints plain data without yaml.stringify' : 'hands every document to yaml.stringify', () => {
    const print = blockPrinter(yaml, yamlUtil(), options);
    // the printer is made at its first document with the fast paths on (its probe calls yaml.stringify)
    print({ first: 1 });
    const docs = [{ a: 'b' }, { c: ['d', { e: 'yes' }] }, { f: 'x\ny\n' }];
    expect(yamlCalls(() => docs.forEach(d => expect(print(d)).toBe(yaml.stringify(d, options))))).toBe(fast ? docs.length : 2 * docs.length);
  });

  test('prints generated data exactly as yaml.stringify, one printer for many documents', () => {
    // one printer for all runs: what it remembers of a string must hold at every indentation
    const print = blockPrinter(yaml, yamlUtil(), options);
    fc.assert(fc.property(doc, (o) => {
      expect(print(o)).toBe(yaml.stringify(o, options));
    }), { numRuns: fast ? 4000 : 200, seed: 23 });
  });

  test('the same strings as keys, values and list items at several depths', () => {
    const print = blockPrinter(yaml, yamlUtil(), options);
    const words = ['yes', 'a: b', 'x\ny', '0777', 'plain', "it's", '"q"', ''];
    const o: any = {};
    let level = o;
    for (const w of words) {
      level[w] = w;
      level.list = [w, [w, { [w]: w }], { k: [w] }];
      level.next = {};
      level = level.next;
    }
    expect(print(o)).toBe(yaml.stringify(o, options));
    expect(print(o)).toBe(yaml.stringify(o, options));
  });

  test('strings of several lines and document markers, remembered per indentation, and past the memory\'s size', () => {
    const print = blockPrinter(yaml, yamlUtil(), options);
    const texts = ['a\nb\n', '  lead\nx', 'x\n\n\ny', '---\nx: 1\n', '...', '--- x', 'tail \n'];
    const docOf = (t: string) => ({ [t]: t, top: t, one: { [t]: t, two: { list: [t, { [t]: t }] } } });
    for (const t of texts) {
      expect(print(docOf(t))).toBe(yaml.stringify(docOf(t), options));
      expect(print(docOf(t))).toBe(yaml.stringify(docOf(t), options));
    }
    // more than the memory holds (1 MB of such strings): it starts over and prints the same
    const big = Array.from({ length: 12 }, (_, i) => `${i}\n${'z'.repeat(50_000)}\n`);
    for (let round = 0; round < 2; round++) {
      for (const t of big) expect(print({ data: { t }, list: [t] })).toBe(yaml.stringify({ data: { t }, list: [t] }, options));
    }
  });

  test('an object or list used twice in a document prints as the yaml package prints it', () => {
    const print = blockPrinter(yaml, yamlUtil(), options);
    const shared = { a: 1 };
    const list = ['x'];
    for (const o of [{ one: shared, two: shared }, { one: list, two: { three: list } }, { one: {}, two: [{}] }, { e: [], f: [] }]) {
      expect(print(o)).toBe(yaml.stringify(o, options));
    }
    // the same object in two documents is not a repeat
    expect(print({ s: shared })).toBe(yaml.stringify({ s: shared }, options));
    expect(print({ t: shared })).toBe(yaml.stringify({ t: shared }, options));
  });

  test('documents said to hold no object twice are printed without looking for repeats', () => {
    const marked = new WeakSet<object>();
    const print = blockPrinter(yaml, yamlUtil(), options, (d) => marked.has(d));
    const fresh = { a: { b: [1, { c: 'd' }] }, e: [] };
    marked.add(fresh);
    expect(print(fresh)).toBe(yaml.stringify(fresh, options));
    // a document that does repeat an object but is not marked still gets the yaml package's aliases
    const shared = { x: 1 };
    const repeated = { one: shared, two: shared };
    expect(print(repeated)).toBe(yaml.stringify(repeated, options));
    // marked wrongly, it is printed in full twice by the fast printer (the mark is a promise the
    // caller keeps); yaml.stringify, with the fast paths off, knows no marks
    marked.add(repeated);
    expect(print(repeated)).toBe(fast ? 'one:\n  x: 1\ntwo:\n  x: 1\n' : yaml.stringify(repeated, options));
  });

  test('leaves what is not plain data to yaml.stringify', () => {
    const print = blockPrinter(yaml, yamlUtil(), options);
    class Box { constructor(readonly v: number) {} }
    for (const o of [[1, 2], 'text', null, 5, { a: [1, undefined] }, { a: undefined, b: 1 }, { b: new Box(1) }, { c: 10n },
      { [`k${'x'.repeat(1100)}`]: 1 }, { [`---${'x'.repeat(1100)}`]: 1 }, { a: { [`...\n${'x'.repeat(1100)}`]: 1 } }, { d: new Map([['a', 1]]) }, Object.assign(Object.create(null), { g: 1 }), { '<<': { a: 1 } }, { m: '<<' }]) {
      expect(print(o)).toBe(yaml.stringify(o, options));
    }
    // what the yaml package refuses, it refuses here too
    expect(() => print({ f: () => 1 })).toThrow(/Tag not resolved for Function value/);
  });
});

describe('options the printer leaves to the yaml package', () => {
  test.each([
    ['folded lines', { lineWidth: 80 }],
    ['flow collections', { collectionStyle: 'flow' as const }],
    ['sorted maps', { sortMapEntries: true }],
    ['a document start', { directives: true }],
    ['four-space indentation', { indent: 4 }],
  ])('%s', (_name, extra) => {
    const options: YamlPrintOptions = { ...CDK8S_OPTIONS, ...extra };
    const print = blockPrinter(yaml, yamlUtil(), options);
    const o = { b: ['a', { c: 'd' }], a: 'long '.repeat(30) };
    expect(print(o)).toBe(yaml.stringify(o, options));
  });

  test('a printer made with the fast paths off prints with them once they are on, and the other way round', () => {
    const print = withFastPaths(false, () => blockPrinter(yaml, yamlUtil(), CDK8S_OPTIONS));
    const o = { a: ['b', { c: 'on' }] };
    const calls = [true, false, true].map(on => withFastPaths(on, () => yamlCalls(() => expect(print(o)).toBe(yaml.stringify(o, CDK8S_OPTIONS)))));
    // on: the first document makes the printer (one probe); off: the document; on: none
    expect(calls).toEqual([2, 2, 1]);
  });

  test('without the scalar printers of yaml/util everything goes to yaml.stringify', () => {
    const print = blockPrinter(yaml, undefined, CDK8S_OPTIONS);
    const spy = jest.spyOn(yaml, 'stringify');
    try {
      expect(print({ a: ['b'] })).toBe('a:\n  - b\n');
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});

/**
 * Values nested thousands deep (Helm reads up to 10,000 levels) through the whole command: read,
 * merged over the chart defaults, checked and rendered, under a key no chart reads (Helm ignores
 * it); never a stack trace or `Maximum call stack size exceeded`.
 */
import { parseValuesYaml } from '../../src/cli/yaml-io';
import { cliSandbox } from '../util/cli';
import { FAST_SETTINGS, withFastPaths } from '../util/fast-switch';

/** `k:` lines nested `n` deep under `key:`, the innermost one holding 1. */
function deepBlock(key: string, n: number): string {
  return `${key}:\n${Array.from({ length: n }, (_, i) => `${'  '.repeat(i + 1)}k:`).join('\n')} 1\n`;
}

/** A flow list nested `n` deep under `key:`. */
const deepFlow = (key: string, n: number): string => `${key}: ${'['.repeat(n)}1${']'.repeat(n)}\n`;

/** How deep a value is: maps and lists, walked down their first entry. */
function depth(v: unknown): number {
  let n = 0;
  while (v !== null && typeof v === 'object') {
    v = Array.isArray(v) ? v[0] : Object.values(v)[0];
    n++;
  }
  return n;
}

const DOCUMENTS: readonly [string, (n: number) => string][] = [
  ['flow lists', n => deepFlow('unusedDeep', n)],
  ['flow maps', n => `unusedDeep: ${'{k: '.repeat(n)}1${'}'.repeat(n)}\n`],
];

describe.each(FAST_SETTINGS)('parseValuesYaml, %s', (_name, fast) => {
  test.each(DOCUMENTS.flatMap(([name, make]) => [1000, 5000, 9999].map(n => [name, n, make] as const)))('%s %d deep', (_doc, n, make) => {
    withFastPaths(fast, () => {
      const values = parseValuesYaml(make(n), 'deep.yaml');
      expect(depth(values.unusedDeep)).toBe(n);
    });
  });

  // (the text of block maps grows with the square of the depth: 3,000 levels are 9 MB)
  test.each([1000, 3000])('block maps %d deep', n => {
    withFastPaths(fast, () => {
      expect(depth(parseValuesYaml(deepBlock('unusedDeep', n), 'deep.yaml').unusedDeep)).toBe(n);
    });
  });

  test.each(DOCUMENTS)('fails for %s deeper than Helm reads (10,000 levels with the top)', (_doc, make) => {
    withFastPaths(fast, () => {
      expect(() => parseValuesYaml(make(10000), 'deep.yaml')).toThrow(/^failed to parse deep\.yaml: line \d+, column \d+: the document is nested more than 10000 deep \(Helm's limit\)$/);
    });
  });
});

describe('the command with deep values under an unknown key', () => {
  const sandbox = cliSandbox('deep-values-');
  let plain: string;

  beforeAll(async () => {
    plain = (await sandbox.run(['template', 'sr', '--chart', 'kube-starrocks'])).stdout;
  });

  const CASES: [string, (key: string) => string][] = [
    ['block maps 1000', key => deepBlock(key, 1000)],
    ['block maps 3000', key => deepBlock(key, 3000)],
    ['flow lists 5000', key => deepFlow(key, 5000)],
    // (9,998 lists under starrocks: with the two maps above them, 10,000 levels, Helm's limit)
    ['flow lists 9998', key => deepFlow(key, 9998)],
  ];

  test.each(CASES)('%s deep under starrocks: renders what it renders without them', async (_name, make) => {
    const text = make('unusedDeep').replace(/^/gm, '  ');
    const file = sandbox.write('deep.yaml', `starrocks:\n${text}`);
    const res = await sandbox.run(['template', 'sr', '--chart', 'kube-starrocks', '-f', file]);
    expect(res.stderr).not.toMatch(/Maximum call stack|RangeError|\n\s+at /);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(plain);
  });

  // an unknown top-level key is a warning (Helm ignores it), however deep its value
  test.each(CASES)('%s deep at the top level: renders (the key is ignored, as Helm does)', async (_name, make) => {
    const file = sandbox.write('deep.yaml', make('unusedDeep'));
    const res = await sandbox.run(['template', 'sr', '--chart', 'kube-starrocks', '-f', file]);
    expect(res.stderr).not.toMatch(/Maximum call stack|RangeError|\n\s+at /);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(plain);
  });

  test('fails for values deeper than Helm reads, with one line naming the file', async () => {
    const file = sandbox.write('too-deep.yaml', deepFlow('unusedDeep', 10000));
    const res = await sandbox.run(['template', 'sr', '--chart', 'kube-starrocks', '-f', file]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^Error: [^\n]*too-deep\.yaml: line 1, column \d+: the document is nested more than 10000 deep \(Helm's limit\)\n$/);
  });
});

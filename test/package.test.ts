/**
 * What `npm pack` ships (issue 15): the compiled library and its declarations (lib/**), the
 * command's bundle and code cache (lib/cli.js, lib/cli.cache), the jsii assembly (.jsii), README.md,
 * API.md, LICENSE, package.json and the bundled `yaml` dependency; nothing else, at most 5 MiB
 * unpacked. Not allowed: TypeScript sources (`.ts` that is not `.d.ts`), source maps, the never
 * loaded JavaScript of the generated types (imports/), tests, benchmarks, examples, projen's files.
 *
 * It packs the built tree, so it needs `npx projen compile && npx projen post-compile` first (.ci/run
 * builds before it tests). Without lib/ it fails under CI and is skipped elsewhere, with a notice.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from './util/shared';

/** The most the package may take unpacked. */
const MAX_UNPACKED_BYTES = 5 * 1024 * 1024;

/** What the package must hold. */
const REQUIRED = ['package.json', 'README.md', 'API.md', 'LICENSE', '.jsii', 'lib/src/index.js', 'lib/src/index.d.ts',
  'lib/src/cli/bin.js', 'lib/cli.js', 'lib/cli.cache'];

/** Where a file of the package may come from: anything else is a problem. */
const ALLOWED: Array<{ what: string; test: (file: string) => boolean }> = [
  { what: 'the package files', test: f => ['package.json', 'README.md', 'API.md', 'LICENSE', '.jsii'].includes(f) },
  { what: 'the command bundle', test: f => f === 'lib/cli.js' || f === 'lib/cli.cache' },
  { what: 'the compiled library', test: f => /^lib\/src\/.+\.js$/.test(f) },
  { what: 'declarations', test: f => /^lib\/(src|imports)\/.+\.d\.ts$/.test(f) },
  { what: 'the bundled yaml', test: f => f.startsWith('node_modules/yaml/') },
];

/** Files that must never ship, with the reason (more specific than "not allowed"). */
const FORBIDDEN: Array<{ why: string; test: (file: string) => boolean }> = [
  { why: 'a TypeScript source', test: f => /\.tsx?$/.test(f) && !f.endsWith('.d.ts') },
  { why: 'a source map', test: f => f.endsWith('.map') },
  { why: 'JavaScript of imports/ (types only, never loaded)', test: f => /^(lib\/)?imports\/.+\.js$/.test(f) },
  { why: 'a test, benchmark, example or projen file', test: f => /^(test|bench|examples|projenrc|rosetta|src|\.ci|\.projen)\//.test(f) || f.startsWith('.projenrc') },
];

interface PackFile { readonly path: string; readonly size: number }
interface Pack { readonly size: number; readonly unpackedSize: number; readonly files: PackFile[] }

/** Everything wrong with a package's file list and size, one line each (empty when it is fine). */
function problems(pack: Pack): string[] {
  const out: string[] = [];
  const paths = new Set(pack.files.map(f => f.path));
  for (const f of REQUIRED) {
    if (!paths.has(f)) out.push(`missing: ${f}`);
  }
  for (const f of pack.files) {
    const bad = FORBIDDEN.find(r => r.test(f.path));
    if (bad) {
      out.push(`${f.path}: ${bad.why}`);
    } else if (!ALLOWED.some(r => r.test(f.path))) {
      out.push(`${f.path}: not part of the package (allowed: ${ALLOWED.map(r => r.what).join(', ')})`);
    }
  }
  if (pack.unpackedSize > MAX_UNPACKED_BYTES) {
    out.push(`unpacked size ${pack.unpackedSize} bytes is over ${MAX_UNPACKED_BYTES} (5 MiB)`);
  }
  return out;
}

/** `npm pack --dry-run --json` of the repository. */
function dryRunPack(): Pack {
  const res = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) {
    throw new Error(`npm pack --dry-run failed (${res.status}): ${res.stderr}`);
  }
  const parsed: unknown = JSON.parse(res.stdout);
  if (!Array.isArray(parsed) || parsed.length !== 1) {
    throw new Error(`npm pack --dry-run --json printed ${res.stdout.slice(0, 200)}`);
  }
  return parsed[0] as Pack;
}

const built = fs.existsSync(path.join(REPO_ROOT, 'lib', 'src', 'index.js')) && fs.existsSync(path.join(REPO_ROOT, '.jsii'));
const inCi = !!process.env.CI && process.env.CI !== 'false';

describe('the npm package', () => {
  if (!built && !inCi) {
    test.skip('is lean (skipped: lib/ or .jsii is missing; run npx projen compile && npx projen post-compile)', () => undefined);
    // eslint-disable-next-line no-console
    console.warn('test/package.test.ts: lib/ or .jsii is missing, the package checks are skipped (run npx projen compile && npx projen post-compile)');
    return;
  }

  test('is built before it is packed', () => {
    // under CI the package must be checked: .ci/run compiles before it tests
    expect({ built, hint: 'lib/ or .jsii is missing: run npx projen compile && npx projen post-compile first' })
      .toEqual({ built: true, hint: expect.any(String) });
  });

  if (!built) return;

  test('holds only the library, the command, the assembly and the docs, within 5 MiB unpacked', () => {
    const pack = dryRunPack();
    expect(problems(pack)).toEqual([]);
    // the figures, for the record (issue 15's closing note)
    // eslint-disable-next-line no-console
    console.log(`npm pack: ${pack.files.length} files, ${pack.size} bytes packed, ${pack.unpackedSize} bytes unpacked`);
  });
});

describe('the package check', () => {
  const good: Pack = {
    size: 1000,
    unpackedSize: 4000,
    files: REQUIRED.map(p => ({ path: p, size: 100 })).concat([{ path: 'node_modules/yaml/dist/index.js', size: 100 }]),
  };

  test('accepts the required files', () => {
    expect(problems(good)).toEqual([]);
  });

  test.each([
    ['src/index.ts', 'a TypeScript source'],
    ['lib/src/cluster/cluster.ts', 'a TypeScript source'],
    ['lib/src/index.js.map', 'a source map'],
    ['lib/imports/starrocks-cluster.js', 'JavaScript of imports/'],
    ['imports/starrocks-cluster.js', 'JavaScript of imports/'],
    ['test/package.test.ts', 'a TypeScript source'],
    ['bench/bench.js', 'a test, benchmark, example or projen file'],
    ['examples/main.js', 'a test, benchmark, example or projen file'],
    ['projenrc/bundle-cli.js', 'a test, benchmark, example or projen file'],
    ['.projenrc.js', 'a test, benchmark, example or projen file'],
    ['BENCHMARKS.md', 'not part of the package'],
  ])('fails when %s gets in (%s)', (file, why) => {
    const pack: Pack = { ...good, files: [...good.files, { path: file, size: 1 }] };
    const found = problems(pack);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`${file}: ${why}`);
  });

  test('fails over 5 MiB unpacked', () => {
    expect(problems({ ...good, unpackedSize: MAX_UNPACKED_BYTES + 1 })).toEqual([`unpacked size ${MAX_UNPACKED_BYTES + 1} bytes is over ${MAX_UNPACKED_BYTES} (5 MiB)`]);
  });

  test('fails when a required file is missing', () => {
    expect(problems({ ...good, files: good.files.filter(f => f.path !== 'lib/cli.cache') })).toEqual(['missing: lib/cli.cache']);
  });
});

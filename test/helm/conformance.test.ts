/**
 * Every case of ../shared/conformance/cases through the `cdk8s-starrocks template` command, compared
 * with what `helm template` printed by the rules of ../shared/conformance/README.md, and validated
 * against the real schemas. Most cases run in-process (`main`); two run the real bin as a
 * subprocess.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { INIT_PASSWORD_SCRIPT } from '../../src/init-password/script';
import { compareManifests, ConformanceCase, expectedManifests, loadConformanceCases, parseManifestStream } from '../util/conformance';
import { validateManifests } from '../util/schema';
import { describeShared, REPO_ROOT } from '../util/shared';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The command line `helm template` was run with for the case (README, "Render command"). */
function argsFor(c: ConformanceCase): string[] {
  return [
    'template', c.release,
    '--chart', c.chart,
    '-f', path.join(c.dir, 'values.yaml'),
    '--namespace', c.namespace,
    ...c.apiVersions.flatMap(v => ['--api-versions', v]),
  ];
}

async function runInProcess(argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: s => { stdout += s; }, stderr: s => { stderr += s; }, cwd: REPO_ROOT });
  return { code, stdout, stderr };
}

/** The bin as npm would run it, transpiled on the fly. */
function runBin(argv: string[]): Run {
  const res = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join('src', 'cli', 'bin.ts'), ...argv], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
    env: {
      ...process.env,
      TS_NODE_COMPILER_OPTIONS: JSON.stringify({ module: 'commonjs', moduleResolution: 'node' }),
      CDK8S_STARROCKS_SILENCE_WARNINGS: '1',
    },
  });
  if (res.error) throw res.error;
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

function shorten(text: string, max = 4000): string {
  return text.length > max ? `${text.slice(0, max)}\n... (${text.length - max} more characters)` : text;
}

/**
 * The one place where the library's output differs from the chart's on purpose: the init-password
 * Job runs a script the library wrote itself (the chart's script is its authors' code, not a fact to
 * copy). Its ConfigMap must exist with that key and hold exactly the library's script; the
 * comparison then checks everything else of the ConfigMap and the Job as usual. The Job's pod
 * template, which is what runs, is compared unchanged.
 */
function withDeliberateDeviations(expected: any[], actual: any[]): any[] {
  return expected.map((o) => {
    if (o.kind !== 'ConfigMap' || !/-initpwd-shell$/.test(o.metadata?.name ?? '') || o.data?.['fe_initpwd.sh'] === undefined) {
      return o;
    }
    const ours = actual.find((a) => a.kind === 'ConfigMap' && a.metadata?.name === o.metadata.name);
    expect(ours?.data?.['fe_initpwd.sh']).toBe(INIT_PASSWORD_SCRIPT);
    return { ...o, data: { ...o.data, 'fe_initpwd.sh': INIT_PASSWORD_SCRIPT } };
  });
}

/** Checks a run against the case; throws one error listing everything that differs. */
function check(c: ConformanceCase, r: Run): void {
  const label = `case ${c.name} (cdk8s-starrocks ${argsFor(c).join(' ')})`;
  if (c.expectError !== null || c.libraryExpectError !== undefined) {
    const wanted = c.expectError ?? c.libraryExpectError!;
    const problems: string[] = [];
    if (r.code !== 1) problems.push(`exit status ${r.code}, expected 1`);
    if (r.stdout !== '') problems.push(`printed ${r.stdout.length} characters on stdout, expected none:\n${shorten(r.stdout, 600)}`);
    if (!r.stderr.includes(wanted)) {
      problems.push(`stderr does not contain ${JSON.stringify(wanted)} (${c.expectError !== null ? "the chart's own error" : 'the values key the library must name'}); stderr:\n${shorten(r.stderr)}`);
    }
    if (problems.length > 0) {
      throw new Error(`${label}: must refuse to render:\n  ${problems.join('\n  ')}`);
    }
    return;
  }
  if (r.code !== 0) {
    throw new Error(`${label}: exit status ${r.code}, stderr:\n${shorten(r.stderr)}`);
  }
  let actual: any[];
  try {
    actual = parseManifestStream(r.stdout);
  } catch (e) {
    throw new Error(`${label}: stdout is not a YAML stream: ${(e as Error).message}\n${shorten(r.stdout)}`);
  }
  const diffs = compareManifests(actual, withDeliberateDeviations(expectedManifests(c), actual), c.namespace);
  if (diffs.length > 0) {
    throw new Error(`${label}: ${diffs.length} difference(s) from the chart's output:\n  ${diffs.join('\n  ')}`);
  }
  const invalid = validateManifests(actual);
  if (invalid.length > 0) {
    throw new Error(`${label}: ${invalid.length} schema violation(s):\n  ${invalid.join('\n  ')}`);
  }
}

describeShared('conformance with helm template (../shared/conformance/cases)', () => {
  // the library's synth-time warnings (e.g. a root password given as a value) would flood the test output
  const silenced = process.env.CDK8S_STARROCKS_SILENCE_WARNINGS;
  beforeAll(() => { process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1'; });
  afterAll(() => {
    if (silenced === undefined) delete process.env.CDK8S_STARROCKS_SILENCE_WARNINGS;
    else process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = silenced;
  });

  const cases = loadConformanceCases();

  test('there are cases of both charts, renders and refusals', () => {
    expect(cases.length).toBeGreaterThan(0);
    expect(new Set(cases.map(c => c.chart))).toEqual(new Set(['kube-starrocks', 'warehouse']));
    expect(cases.some(c => c.expectError !== null)).toBe(true);
    expect(cases.some(c => c.libraryExpectError !== undefined)).toBe(true);
  });

  describe('cdk8s-starrocks template (in-process)', () => {
    test.each(cases.map(c => [c.name, c] as const))('%s', async (_name, c) => {
      check(c, await runInProcess(argsFor(c)));
    }, 60_000);
  });

  describe('the bin, as a subprocess', () => {
    const rendering = cases.filter(c => c.expectError === null && c.libraryExpectError === undefined);
    const picked = [
      rendering.find(c => c.chart === 'kube-starrocks'),
      rendering.find(c => c.chart === 'warehouse') ?? rendering.filter(c => c.chart === 'kube-starrocks')[1],
    ].filter((c): c is ConformanceCase => c !== undefined);

    test('two rendering cases are available', () => {
      expect(picked).toHaveLength(2);
    });

    test.each(picked.map(c => [c.name, c] as const))('%s', (_name, c) => {
      check(c, runBin(argsFor(c)));
    }, 180_000);

    test('a refused case exits 1 with the message on stderr', () => {
      const c = cases.find(x => x.expectError !== null);
      expect(c).toBeDefined();
      check(c!, runBin(argsFor(c!)));
    }, 180_000);
  });
});

/**
 * `cdk8s-starrocks lint` (src/cli/lint.ts `runLint`): output lines, summary, exit status, JSON
 * output, standard input, unreadable files and bad YAML as one line each.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { runLint } from '../../src/cli/lint';
import { describeShared, sharedPath } from '../util/shared';

let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-cli-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], stdin?: string): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runLint(args, {
    stdout: s => { stdout += s; },
    stderr: s => { stderr += s; },
    cwd: dir,
    ...(stdin !== undefined ? { readStdin: () => stdin } : {}),
  });
  return { code, stdout, stderr };
}

function write(name: string, objs: any[]): string {
  fs.writeFileSync(path.join(dir, name), objs.map(o => YAML.stringify(o)).join('---\n'));
  return name;
}

const CLUSTER = {
  apiVersion: 'starrocks.com/v1',
  kind: 'StarRocksCluster',
  metadata: { name: 'sr', namespace: 'db' },
  spec: { starRocksFeSpec: { image: 'starrocks/fe-ubuntu:3.3.2', replicas: 1, feEnvVars: [{ name: 'TZ', value: 'UTC' }] } },
};

const BAD = { ...CLUSTER, spec: { starRocksFeSpec: { ...CLUSTER.spec.starRocksFeSpec, limits: { cpu: 0.5 }, feEnvVars: [{ name: '1X', value: 'y' }] } } };

describe('cdk8s-starrocks lint', () => {
  test('a clean file: the summary only, exit 0', () => {
    // GIVEN
    const file = write('ok.yaml', [CLUSTER, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'db' } }]);

    // WHEN
    const r = run([file]);

    // THEN
    expect(r).toEqual({ code: 0, stdout: '1 object checked (StarRocksCluster, StarRocksWarehouse), 1 passed over: 0 errors, 0 warnings\n', stderr: '' });
  });

  test('fails with one line per finding naming file, object, field and rule; exit 1', () => {
    // GIVEN
    const file = write('bad.yaml', [BAD]);

    // WHEN
    const r = run([file]);

    // THEN
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      'bad.yaml: StarRocksCluster/db/sr: spec.starRocksFeSpec.limits.cpu: [schema] error: must be an integer or a string, got 0.5 (write a decimal as a quoted string, e.g. "500m" or "0.5")',
      expect.stringMatching(/^bad\.yaml: StarRocksCluster\/db\/sr: spec\.starRocksFeSpec\.feEnvVars\[0\]\.name: \[k8s\/env\] error: must be an environment variable name .*got "1X"$/),
      '1 object checked (StarRocksCluster, StarRocksWarehouse), 0 passed over: 2 errors, 0 warnings',
      '',
    ]);
    expect(r.stderr).toBe('');
  });

  test('fails with --output json: the findings and the summary as JSON', () => {
    // GIVEN
    const file = write('bad2.yaml', [BAD]);

    // WHEN
    const r = run(['--output', 'json', file]);

    // THEN
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.summary).toEqual({ checked: 1, passedOver: 0, errors: 2, warnings: 0 });
    expect(out.findings[0]).toEqual({
      file: 'bad2.yaml',
      object: 'StarRocksCluster/db/sr',
      path: 'spec.starRocksFeSpec.limits.cpu',
      rule: 'schema',
      severity: 'error',
      message: expect.stringContaining('integer or a string'),
    });
    expect(run(['-o=json', write('ok2.yaml', [CLUSTER])]).code).toBe(0);
  });

  test('reads standard input for "-"', () => {
    const r = run(['-'], YAML.stringify(BAD));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^-: StarRocksCluster\/db\/sr: spec\.starRocksFeSpec\.limits\.cpu: \[schema\] error/);
  });

  test('fails on an unreadable file and on bad YAML with one line naming the file, and goes on with the others', () => {
    // GIVEN
    fs.writeFileSync(path.join(dir, 'broken.yaml'), 'kind: [\n');
    const ok = write('ok3.yaml', [CLUSTER]);

    // WHEN
    const r = run(['missing.yaml', 'broken.yaml', ok]);

    // THEN
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('missing.yaml: [file] error: open missing.yaml: no such file or directory');
    expect(lines[1]).toMatch(/^broken\.yaml: \[file\] error: document 1 is not valid YAML \(line \d+, column \d+\): /);
    expect(lines[2]).toBe('1 object checked (StarRocksCluster, StarRocksWarehouse), 0 passed over: 2 errors, 0 warnings');
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });

  test('fails on wrong arguments with a usage error on standard error', () => {
    expect(run([])).toEqual({ code: 1, stdout: '', stderr: expect.stringMatching(/^Error: requires at least one FILE/) });
    expect(run(['--output', 'xml', 'a.yaml']).stderr).toMatch(/^Error: invalid argument "xml" for "--output"/);
    expect(run(['--frobnicate', 'a.yaml']).stderr).toMatch(/^Error: unknown flag: --frobnicate/);
    expect(run(['--help'])).toEqual({ code: 0, stdout: expect.stringContaining('cdk8s-starrocks lint [flags] FILE...'), stderr: '' });
  });

  test('warnings alone exit 0', () => {
    // GIVEN
    const withWarning = { ...CLUSTER, spec: { starRocksFeSpec: { ...CLUSTER.spec.starRocksFeSpec, livenessProbeFailureSeconds: 12 } } };

    // WHEN
    const r = run([write('warn.yaml', [withWarning])]);

    // THEN
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('spec.starRocksFeSpec.livenessProbeFailureSeconds: [V57] warning: ');
  });
});

describeShared('cdk8s-starrocks lint over the official examples', () => {
  test('lints every example clean, in one run', () => {
    const examples = fs.readdirSync(sharedPath('examples')).filter(f => f.endsWith('.yaml')).map(f => sharedPath(`examples/${f}`));
    const r = run(examples);
    expect(r.stdout).toMatch(/^\d+ objects checked \(StarRocksCluster, StarRocksWarehouse\), \d+ passed over: 0 errors, 0 warnings\n$/);
    expect(r.code).toBe(0);
  });
});

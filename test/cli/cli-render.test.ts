/**
 * The command with the real chart translations (no stub): defaults without -f, --set reaching the
 * templates, --output-dir, and errors from the translations. (Every conformance case runs in
 * test/helm/conformance.test.ts.)
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseValuesYaml, stringifyObjects } from '../../src/cli/yaml-io';
import { renderHelmChart } from '../../src/helm/render';
import { cliSandbox, CliRun } from '../util/cli';
import { compareManifests, expectedManifests, loadConformanceCases, parseManifestStream } from '../util/conformance';
import { expectValidManifests } from '../util/schema';
import { describeShared, REPO_ROOT } from '../util/shared';

const sandbox = cliSandbox('cdk8s-starrocks-cli-render-');
const { run } = sandbox;

/** Parses a successful run's output (the failure message shows stderr otherwise). */
function objectsOf(r: CliRun): any[] {
  if (r.code !== 0) throw new Error(`exit status ${r.code}; stderr:\n${r.stderr}`);
  return parseManifestStream(r.stdout);
}

describeShared('cdk8s-starrocks template with the real charts', () => {
  // the library's synth-time warnings (e.g. a root password given as a value) would flood the test output
  const silenced = process.env.CDK8S_STARROCKS_SILENCE_WARNINGS;
  beforeAll(() => { process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1'; });
  afterAll(() => {
    if (silenced === undefined) delete process.env.CDK8S_STARROCKS_SILENCE_WARNINGS;
    else process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = silenced;
  });

  test('with no -f, kube-starrocks renders the chart defaults (= conformance case 01-default)', async () => {
    const c = loadConformanceCases().find(x => x.name === '01-default')!;
    const objects = objectsOf(await run(['template', c.release, 'kube-starrocks', '--namespace', c.namespace, ...c.apiVersions.flatMap(v => ['--api-versions', v])]));
    expect(compareManifests(objects, expectedManifests(c), c.namespace)).toEqual([]);
    expectValidManifests(objects);
  }, 60_000);

  test('with no -f, the warehouse chart refuses (spec.starRocksClusterName has no default), naming the key', async () => {
    const r = await run(['template', 'wh', 'warehouse']);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: '' });
    expect(r.stderr).toMatch(/^Error: .*starRocksClusterName/s);
  }, 60_000);

  test('--set reaches the templates', async () => {
    const objects = objectsOf(await run(['template', 'sr', '-n', 'starrocks', '--set', 'starrocks.starrocksFESpec.replicas=3,starrocks.starrocksFESpec.image.tag=9.9.9']));
    const cluster = objects.find(o => o.kind === 'StarRocksCluster');
    expect(cluster.spec.starRocksFeSpec.replicas).toBe(3);
    expect(cluster.spec.starRocksFeSpec.image).toMatch(/:9\.9\.9$/);
    expectValidManifests(objects);
  }, 60_000);

  test('warehouse with --set', async () => {
    const objects = objectsOf(await run(['template', 'wh', 'warehouse', '-n', 'starrocks', '--set', 'spec.starRocksClusterName=kube-starrocks']));
    const warehouse = objects.find(o => o.kind === 'StarRocksWarehouse');
    expect(warehouse.spec.starRocksCluster).toBe('kube-starrocks');
    expectValidManifests(objects);
  }, 60_000);

  test('a value the chart refuses: exit 1, the chart\'s message, nothing on stdout', async () => {
    const r = await run(['template', 'sr', '--set', 'starrocks.starrocksBeSpec.configyaml=not-a-map']);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: '' });
    expect(r.stderr).toMatch(/^Error: .*configyaml must be a map/);
  }, 60_000);

  test('the printed YAML reads back as exactly the rendered objects (every rendering conformance case)', () => {
    const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x)));
    for (const c of loadConformanceCases().filter(x => x.expectError === null && x.libraryExpectError === undefined)) {
      const values = parseValuesYaml(fs.readFileSync(path.join(c.dir, 'values.yaml'), 'utf8'), 'values.yaml');
      const objects = renderHelmChart({ chart: c.chart, release: c.release, namespace: c.namespace, apiVersions: c.apiVersions, values });
      const back = parseManifestStream(stringifyObjects(objects));
      expect({ case: c.name, objects: back }).toEqual({ case: c.name, objects: plain(objects) });
    }
  }, 120_000);

  test('a render loads one copy of the yaml library (the one cdk8s loads), never two', () => {
    const script = `
      require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs', moduleResolution: 'node' } });
      const { main } = require('./src/cli/main.ts');
      const io = { stdout: () => undefined, stderr: (s) => process.stderr.write(s), cwd: process.cwd() };
      main(['template', 'sr', '--set', 'starrocks.starrocksFESpec.replicas=3'], io).then((code) => {
        process.stdout.write(JSON.stringify({ code, yaml: Object.keys(require.cache).filter(f => /[\\/]yaml[\\/]dist[\\/]index\\.js$/.test(f)) }));
      });`;
    const res = spawnSync(process.execPath, ['-e', script], {
      cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, CDK8S_STARROCKS_SILENCE_WARNINGS: '1' },
    });
    expect(res.stderr).toBe('');
    const out = JSON.parse(res.stdout);
    expect(out.code).toBe(0);
    expect(out.yaml).toHaveLength(1);
  }, 120_000);

  test('--output-dir writes one parseable file per object, the same objects as stdout', async () => {
    const args = ['template', 'sr', '-n', 'starrocks', '--api-versions', 'monitoring.coreos.com/v1'];
    const printed = objectsOf(await run(args));
    const r = await run([...args, '--output-dir', 'out']);
    expect(r.code).toBe(0);
    const dir = path.join(sandbox.dir, 'out', 'kube-starrocks');
    const files = fs.readdirSync(dir).sort();
    expect(r.stdout.trim().split('\n').map(l => path.basename(l)).sort()).toEqual(files);
    const written = files.flatMap(f => {
      expect(f).toMatch(/^[a-z]+-[a-z0-9.-]+\.yaml$/);
      return parseManifestStream(fs.readFileSync(path.join(dir, f), 'utf8'));
    });
    expect(compareManifests(written, printed, 'starrocks')).toEqual([]);
    expect(written).toHaveLength(printed.length);
  }, 60_000);
});

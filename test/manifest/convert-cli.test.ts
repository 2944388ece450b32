import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runConvert } from '../../src/cli/convert';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

function run(args: string[], stdin?: string): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runConvert(args, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, cwd: os.tmpdir(), readStdin: () => stdin ?? '' });
  return { code, out, err };
}

function file(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convert-cli-'));
  const f = path.join(dir, 'in.yaml');
  fs.writeFileSync(f, text);
  return f;
}

const CLUSTER = 'apiVersion: starrocks.com/v1\nkind: StarRocksCluster\nmetadata:\n  name: sr\nspec:\n  starRocksFeSpec:\n    image: fe:1\n';

test('reads standard input and prints a module exporting build', () => {
  const r = run(['-'], CLUSTER);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain('export function build(app: App): Chart {');
  expect(r.out).toContain("new StarRocksCluster(chart, 'Sr', {");
});

test('fails with exit code 2 for bad usage', () => {
  expect(run([]).code).toBe(2);
  expect(run(['a', 'b']).err).toMatch(/^Error: convert takes one file, got 2/);
  expect(run(['--bogus', 'a']).err).toMatch(/^Error: unknown flag "--bogus"/);
  expect(run(['--release', 'x', 'a']).err).toMatch(/^Error: flag --release needs --from-values/);
});

test('fails for a field the CRD does not declare, naming its path', () => {
  const r = run([file(`${CLUSTER}    replica: 3\n`)]);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/object 1 \(StarRocksCluster\): 'spec.starRocksFeSpec.replica' must be a field the StarRocksCluster CRD declares/);
  expect(r.out).toBe('');
});

test('fails for what the typed API refuses (decimal CPU), naming the prop', () => {
  const r = run([file(`${CLUSTER}    limits:\n      cpu: 0.5\n`)]);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/^Error: .*spec\.starRocksFeSpec\.limits\.cpu/);
});

test('fails for a file without StarRocks resources, or one that cannot be read', () => {
  expect(run([file('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n')]).err).toMatch(/holds no StarRocksCluster or StarRocksWarehouse/);
  expect(run([path.join(os.tmpdir(), 'no-such-file.yaml')]).err).toMatch(/cannot read the file/);
  expect(run([file('a: [')]).err).toMatch(/not valid YAML/);
});

test('a field the typed API cannot write is patched, with a comment saying why', () => {
  const r = run([file(`${CLUSTER}    claims:\n    - name: gpu\n`)]);
  expect(r.code).toBe(0);
  expect(r.out).toContain('  // the typed API has no prop for claims\n');
  expect(r.out).toContain("ApiObject.of(sr).addJsonPatch(JsonPatch.add('/spec/starRocksFeSpec/claims', [{ name: 'gpu' }]));");
});

test('fails for a quantity Kubernetes cannot parse, naming the field', () => {
  const r = run([file(`${CLUSTER}    requests:\n      memory: 8GB\n`)]);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/'spec.starRocksFeSpec.requests.memory' must be a Kubernetes quantity such as "4", "500m" or "8Gi", got "8GB"/);
});

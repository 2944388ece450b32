/**
 * `cdk8s-starrocks lint` through the command's entry point (the engine and its own flags are
 * tested in test/lint): the subcommand is reached, its exit status and output are the command's.
 */
import * as fs from 'fs';
import * as path from 'path';
import { cliSandbox } from '../util/cli';

const sandbox = cliSandbox('sr-lint-cmd-');

const GOOD = `apiVersion: starrocks.com/v1
kind: StarRocksCluster
metadata: {name: sr, namespace: db}
spec:
  starRocksFeSpec:
    image: starrocks/fe-ubuntu:3.3.8
    replicas: 1
`;

describe('cdk8s-starrocks lint', () => {
  test('a clean manifest: status 0 and the summary', async () => {
    fs.writeFileSync(path.join(sandbox.dir, 'good.yaml'), GOOD);
    const run = await sandbox.run(['lint', 'good.yaml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^1 object checked .*0 errors/m);
  });

  test('fails with status 1 naming the field of a manifest the CRD refuses (from standard input)', async () => {
    const run = await sandbox.run(['lint', '-'], GOOD.replace('replicas: 1', 'replicas: 1\n    limits: {cpu: 0.5}'));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('spec.starRocksFeSpec.limits.cpu: [schema] error:');
  });

  test('the command\'s help names the subcommand', async () => {
    expect((await sandbox.run(['--help'])).stdout).toContain('cdk8s-starrocks lint FILE...');
  });
});

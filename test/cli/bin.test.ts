/**
 * The command as a process (src/cli/bin.ts through ts-node, and the built lib/src/cli/bin.js when
 * the build made it): exit statuses, and failures of standard output: a reader that goes away
 * (EPIPE) stops quietly, a full disk (`> /dev/full`) is one line and status 1, never a stack trace.
 */
import { spawn, spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../util/shared';

const BUILT = path.join(REPO_ROOT, 'lib', 'src', 'cli', 'bin.js');

/** The newest modification time of the library's sources. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Whether lib/ was built from the sources as they are (an older build would test old code). */
function builtIsCurrent(): boolean {
  if (!fs.existsSync(BUILT)) {
    return false;
  }
  const current = fs.statSync(BUILT).mtimeMs >= newestSource(path.join(REPO_ROOT, 'src'));
  if (!current) {
    // eslint-disable-next-line no-console
    console.log('lib/src/cli/bin.js is older than src/: the built command is not tested (run npx projen compile)');
  }
  return current;
}

const COMMANDS: ReadonlyArray<[string, string[]]> = [
  ['src/cli/bin.ts (ts-node)', ['-r', require.resolve('ts-node/register/transpile-only'), path.join(REPO_ROOT, 'src', 'cli', 'bin.ts')]],
  ...(builtIsCurrent()
    ? [['lib/src/cli/bin.js (built)', [BUILT]] as [string, string[]]]
    : []),
];

const ENV = { ...process.env, CDK8S_STARROCKS_SILENCE_WARNINGS: '1', TS_NODE_PROJECT: path.join(REPO_ROOT, 'tsconfig.json') };
let cwd = '';
beforeAll(() => { cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-bin-')); });
afterAll(() => { fs.rmSync(cwd, { recursive: true, force: true }); });

describe.each(COMMANDS)('%s', (_name, nodeArgs) => {
  function runSync(args: string[], stdout: 'pipe' | number = 'pipe'): SpawnSyncReturns<string> {
    return spawnSync(process.execPath, [...nodeArgs, ...args], { cwd, env: ENV, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', stdout, 'pipe'] });
  }

  test('fails: > /dev/full is one line on standard error and status 1', () => {
    const full = fs.openSync('/dev/full', 'w');
    try {
      for (const args of [['--help'], ['template', 'sr']]) {
        const r = runSync(args, full);
        expect({ args, status: r.status, stderr: r.stderr }).toEqual({ args, status: 1, stderr: 'Error: write <stdout>: no space left on device\n' });
      }
    } finally {
      fs.closeSync(full);
    }
  }, 240_000);

  test('a reader that goes away (EPIPE): quiet, status 0', async () => {
    const child = spawn(process.execPath, [...nodeArgs, 'template', 'sr'], { cwd, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += String(d); });
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
  }, 120_000);

  test('fails: an error is status 1 with one "Error:" line and nothing on standard output', () => {
    const r = runSync(['template', 'sr', '--kube-version', '1.20.0']);
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      status: 1, stdout: '', stderr: 'Error: chart requires kubeVersion: >=1.23.0-0 which is incompatible with Kubernetes v1.20.0\n',
    });
  }, 120_000);

  test('fails: --output-dir /proc/x ends at once (Node\'s recursive mkdir would loop there)', () => {
    const started = Date.now();
    const r = runSync(['template', 'sr', '--output-dir', '/proc/x']);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 1, stderr: 'Error: mkdir /proc/x: no such file or directory\n' });
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);

  test('template CHART renders with the release RELEASE-NAME', () => {
    const r = runSync(['template', 'kube-starrocks', '--kube-version', '1.28.0', '--skip-tests']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('app.kubernetes.io/instance: RELEASE-NAME');
  }, 120_000);
});

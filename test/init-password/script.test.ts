/**
 * Runs the init-password script with bash against a stand-in `mysql` client (and a `sleep` that
 * returns at once), to check how it behaves for each answer of the FE.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { INIT_PASSWORD_SCRIPT } from '../../src/init-password/script';

/**
 * The stand-in client. It logs each call as `<password or -> <statement>` and answers by
 * `$SCENARIO`; `$STATE` is a directory for counters.
 */
const FAKE_MYSQL = `#!/bin/bash
pwd_given="\${MYSQL_PWD--}"
stmt=""
while [ $# -gt 0 ]; do
  if [ "$1" = "-e" ]; then stmt="$2"; shift; fi
  shift
done
echo "$pwd_given $stmt" >> "$STATE/calls"
n=$(cat "$STATE/count" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "$STATE/count"
unreachable() { echo "ERROR 2003 (HY000): Can't connect to MySQL server on 'fe' (111)"; exit 1; }
denied() { echo "ERROR 1045 (28000): Access denied for user 'root'"; exit 1; }
case "$SCENARIO" in
  fresh) echo 1; exit 0 ;;
  starting) [ "$n" -le 2 ] && unreachable; echo 1; exit 0 ;;
  down) unreachable ;;
  same) [ "$pwd_given" = "$INIT_PWD" ] && { echo 1; exit 0; }; denied ;;
  other) denied ;;
  set-fails) case "$stmt" in SET*) echo "ERROR 1064 (HY000): syntax error"; exit 1 ;; esac; echo 1; exit 0 ;;
  raced) case "$stmt" in SET*) denied ;; esac; [ "$pwd_given" = "-" ] && { echo 1; exit 0; }; denied ;;
esac
exit 2
`;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly calls: string[];
  readonly sleeps: number;
}

function runScript(scenario: string, password: string): Run {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'initpwd-'));
  try {
    const bin = path.join(dir, 'bin');
    const state = path.join(dir, 'state');
    fs.mkdirSync(bin);
    fs.mkdirSync(state);
    fs.writeFileSync(path.join(bin, 'mysql'), FAKE_MYSQL, { mode: 0o755 });
    fs.writeFileSync(path.join(bin, 'sleep'), `#!/bin/bash\necho x >> "${state}/sleeps"\n`, { mode: 0o755 });
    const script = path.join(dir, 'fe_initpwd.sh');
    fs.writeFileSync(script, INIT_PASSWORD_SCRIPT);
    const r = spawnSync('bash', [script, 'sr-fe-0.sr-fe-search', '9030'], {
      env: { PATH: `${bin}:${process.env.PATH}`, SCENARIO: scenario, STATE: state, INIT_PWD: password },
      encoding: 'utf8',
      timeout: 30_000,
    });
    const read = (f: string) => (fs.existsSync(path.join(state, f)) ? fs.readFileSync(path.join(state, f), 'utf8').split('\n').filter((l) => l !== '') : []);
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, calls: read('calls'), sleeps: read('sleeps').length };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('init-password script', () => {
  test('sets the password on a fresh cluster, logging in without a password', () => {
    // WHEN
    const r = runScript('fresh', 'n3w');

    // THEN
    expect(r.status).toBe(0);
    expect(r.calls).toEqual(['- SELECT 1', '- SET PASSWORD = PASSWORD(\'n3w\')']);
    expect(r.stdout).toMatch(/root password set/);
  });

  test('escapes quotes and backslashes of the password in the SQL literal', () => {
    // WHEN
    const r = runScript('fresh', 'it\'s a\\b');

    // THEN
    expect(r.status).toBe(0);
    expect(r.calls[1]).toBe('- SET PASSWORD = PASSWORD(\'it\\\'s a\\\\b\')');
  });

  test('waits for the FE to accept connections', () => {
    // WHEN
    const r = runScript('starting', 'n3w');

    // THEN
    expect(r.status).toBe(0);
    expect(r.sleeps).toBe(2);
    expect(r.calls).toEqual(['- SELECT 1', '- SELECT 1', '- SELECT 1', '- SET PASSWORD = PASSWORD(\'n3w\')']);
  });

  test('succeeds when root already has the new password', () => {
    // WHEN
    const r = runScript('same', 'n3w');

    // THEN
    expect(r.status).toBe(0);
    expect(r.calls).toEqual(['- SELECT 1', 'n3w SELECT 1']);
    expect(r.stdout).toMatch(/already uses the requested password/);
  });

  test('succeeds, changing nothing, when root already has another password', () => {
    // WHEN
    const r = runScript('other', 'n3w');

    // THEN
    expect(r.status).toBe(0);
    expect(r.calls.some((c) => c.includes('SET PASSWORD'))).toBe(false);
    expect(r.stdout).toMatch(/another password; leaving it unchanged/);
  });

  test('succeeds when someone set a password between the check and the change', () => {
    // WHEN
    const r = runScript('raced', 'n3w');

    // THEN
    expect(r.status).toBe(0);
    expect(r.calls).toEqual(['- SELECT 1', '- SET PASSWORD = PASSWORD(\'n3w\')', 'n3w SELECT 1']);
  });

  test('fails, so that the Job retries, when the FE stays unreachable', () => {
    // WHEN
    const r = runScript('down', 'n3w');

    // THEN
    expect(r.status).toBe(1);
    expect(r.calls).toHaveLength(60);
    expect(r.stderr).toMatch(/still unreachable after 60 attempts/);
  });

  test('fails when setting the password fails for another reason', () => {
    // WHEN
    const r = runScript('set-fails', 'n3w');

    // THEN
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/setting the root password failed: ERROR 1064/);
  });

  test('fails without a password', () => {
    // WHEN
    const r = runScript('fresh', '');

    // THEN
    expect(r.status).toBe(1);
    expect(r.calls).toEqual([]);
  });
});

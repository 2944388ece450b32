/**
 * The Helm path goes through the same config checks as the typed API (the component checks the
 * config it is given, `StarRocksConfig.fromText` from the chart's `config` text or `configyaml`
 * map): the charts' default configs and every conformance case render without config warnings
 * (case 09's values carry what StarRocks cannot read, and say so), and errors name the values key.
 */
import * as path from 'path';
import { main } from '../../src/cli/main';
import { ConformanceCase, loadConformanceCases } from '../util/conformance';
import { describeShared, REPO_ROOT } from '../util/shared';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The config warnings printed (without the construct path). */
  readonly configWarnings: string[];
}

/** Runs the command in-process, capturing what `warn()` prints on the process's stderr. */
async function run(argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const printed: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
    printed.push(String(chunk));
    return true;
  });
  const silenced = process.env.CDK8S_STARROCKS_SILENCE_WARNINGS;
  delete process.env.CDK8S_STARROCKS_SILENCE_WARNINGS;
  try {
    const code = await main(argv, { stdout: s => { stdout += s; }, stderr: s => { stderr += s; }, cwd: REPO_ROOT });
    const configWarnings = printed.join('').split('\n')
      .map((l) => /^\[cdk8s-starrocks\] warning: [^:]*: ((fe|be|cn)\.conf: .*)$/.exec(l)?.[1])
      .filter((w): w is string => w !== undefined);
    return { code, stdout, stderr, configWarnings };
  } finally {
    spy.mockRestore();
    if (silenced !== undefined) process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = silenced;
  }
}

function argsFor(c: ConformanceCase): string[] {
  return ['template', c.release, '--chart', c.chart, '-f', path.join(c.dir, 'values.yaml'), '--namespace', c.namespace,
    ...c.apiVersions.flatMap(v => ['--api-versions', v])];
}

/**
 * What case 09 (configyaml types) carries that StarRocks cannot read: a key this StarRocks does not
 * declare (three FE keys), and numbers the chart prints in exponent form (which FE and BE cannot parse; the chart's
 * own values comment says to quote them). The render still matches `helm template`.
 */
const CASE_09_WARNINGS = [
  'fe.conf: "audit_log_roll_mode" (line 2) is not an FE configuration key of StarRocks, which ignores it; did you mean "audit_log_roll_interval" or "audit_log_roll_num" or "sys_log_roll_mode"?',
  'fe.conf: "enable_fqdn_mode" (line 4) is not an FE configuration key of StarRocks, which ignores it; did you mean "enable_safe_mode"?',
  'fe.conf: "statistic_sample_collect_ratio" (line 11) is not an FE configuration key of StarRocks, which ignores it; did you mean "statistic_auto_collect_ratio" or "statistic_sample_collect_rows"?',
  'fe.conf: "tablet_sched_max_scheduling_tablets" (line 13) is "1e+07", which FE cannot parse as an int32 (a whole number from -2147483648 to 2147483647, no unit) and stops at start: the chart prints a number of 7 digits or more in exponent form; quote it in the values',
  'be.conf: "brpc_socket_max_unwritten_bytes" (line 4) is "1.073741824e+10", which BE cannot parse as an int64 (a whole number from -9223372036854775808 to 9223372036854775807, no unit or exponent) and stops at start: the chart prints a number of 7 digits or more in exponent form; quote it in the values',
  'cn.conf: "lake_compaction_stream_buffer_size_bytes" (line 5) is "1.048576e+06", which BE cannot parse as an int64 (a whole number from -9223372036854775808 to 9223372036854775807, no unit or exponent) and stops at start: the chart prints a number of 7 digits or more in exponent form; quote it in the values',
];

describeShared('config checks on the Helm path', () => {
  const cases = loadConformanceCases().filter(c => c.expectError === null && c.libraryExpectError === undefined);

  test('there are rendering cases', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  test.each(cases.map(c => [c.name, c] as const))('conformance case %s renders without config warnings', async (name, c) => {
    // WHEN
    const r = await run(argsFor(c));

    // THEN
    expect(r.code).toBe(0);
    expect(r.configWarnings.sort()).toEqual(name.startsWith('09-') ? [...CASE_09_WARNINGS].sort() : []);
  }, 60_000);

  test.each([
    ['kube-starrocks (FE, BE)', ['template', 'r', '--chart', 'kube-starrocks']],
    ['kube-starrocks with CN', ['template', 'r', '--chart', 'kube-starrocks', '--set', 'starrocks.starrocksCluster.enabledCn=true']],
    ['warehouse', ['template', 'w', '--chart', 'warehouse', '--set', 'spec.starRocksClusterName=sr']],
  ])('the chart defaults of %s render without config warnings', async (_name, argv) => {
    // WHEN
    const r = await run(argv);

    // THEN
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/mysql_service_nio_enabled = true|heartbeat_service_port = 9050/);
    expect(r.configWarnings).toEqual([]);
  }, 60_000);

  test('a typo in the chart\'s config text warns with a suggestion', async () => {
    // WHEN
    const r = await run(['template', 'r', '--chart', 'kube-starrocks', '--set', 'starrocks.starrocksFESpec.config=qe_max_conection = 10']);

    // THEN
    expect(r.code).toBe(0);
    expect(r.configWarnings).toEqual(['fe.conf: "qe_max_conection" (line 1) is not an FE configuration key of StarRocks, which ignores it; did you mean "qe_max_connection"?']);
  }, 60_000);

  test('fails for a configyaml value StarRocks cannot parse, naming the values key', async () => {
    // WHEN
    const r = await run(['template', 'r', '--chart', 'kube-starrocks', '--set', 'starrocks.starrocksBeSpec.configyaml.max_compaction_concurrency=two']);

    // THEN
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: starrocks\.starrocksBeSpec\.configyaml\.max_compaction_concurrency must be an int32 .* in be\.conf .* got "two"/);
  }, 60_000);

  test('fails for a config text value StarRocks cannot parse, naming the values key', async () => {
    // WHEN
    const r = await run(['template', 'r', '--chart', 'kube-starrocks', '--set', 'starrocks.starrocksFESpec.config=qe_max_connection = lots']);

    // THEN
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: starrocks\.starrocksFESpec\.config\.qe_max_connection must be an int32 .* in fe\.conf .* got "lots"/);
  }, 60_000);

  test('fails for the warehouse\'s spec.config, naming the values key', async () => {
    // WHEN
    const r = await run(['template', 'w', '--chart', 'warehouse', '--set', 'spec.starRocksClusterName=sr', '--set', 'spec.config=datacache_enable = sometimes']);

    // THEN
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: spec\.config\.datacache_enable must be a boolean \(true, false, 1 or 0\) in cn\.conf/);
  }, 60_000);
});

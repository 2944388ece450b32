import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { StarRocksCluster, StarRocksClusterProps } from '../../src/cluster/cluster';
import { ComponentKind } from '../../src/cluster/component-kind';
import { AlertSeverity, StarRocksPrometheusRule, StarRocksPrometheusRuleOptions } from '../../src/monitoring/prometheus-rule';
import { expectValidManifests } from '../util/schema';
import { REPO_ROOT } from '../util/shared';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

const PROMTOOL_FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'promtool');

function setup(clusterProps: StarRocksClusterProps = {}, options: StarRocksPrometheusRuleOptions = {}) {
  const chart = new Chart(Testing.app(), 'test');
  const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'sr', namespace: 'db', ...clusterProps });
  const rule = new StarRocksPrometheusRule(chart, 'Alerts', { cluster, ...options });
  return { chart, cluster, rule };
}

function ruleObject(chart: Chart): any {
  const found = Testing.synth(chart).filter((o) => o.kind === 'PrometheusRule');
  expect(found).toHaveLength(1);
  return found[0];
}

function alerts(chart: Chart): any[] {
  return ruleObject(chart).spec.groups[0].rules;
}

describe('StarRocksPrometheusRule', () => {
  test('defines a PrometheusRule with one group of alerts for the cluster', () => {
    // GIVEN
    const { chart, rule } = setup({ cn: {} }, { labels: { release: 'prometheus' } });

    // WHEN
    const manifest = Testing.synth(chart);

    // THEN
    const obj = manifest.find((o) => o.kind === 'PrometheusRule');
    expect(obj.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(obj.metadata).toMatchObject({ name: 'sr-alerts', namespace: 'db', labels: { cluster: 'sr', release: 'prometheus' } });
    expect(obj.spec.groups.map((g: any) => g.name)).toEqual(['starrocks.sr']);
    expect(obj.spec.groups[0].rules.map((r: any) => r.alert)).toEqual([
      'StarRocksFeDown', 'StarRocksBeDown', 'StarRocksCnDown',
      'StarRocksFeNotScraped', 'StarRocksBeNotScraped', 'StarRocksCnNotScraped',
      'StarRocksQueryErrorRateHigh', 'StarRocksFeJvmHeapHigh', 'StarRocksFeCheckpointStalled', 'StarRocksFeJournalLag', 'StarRocksCompactionScoreHigh',
      'StarRocksBeDiskUsageHigh', 'StarRocksBeDiskAlmostFull', 'StarRocksTabletVersionCountHigh', 'StarRocksBeCompactionFailing',
    ]);
    expect(rule.alertRules).toHaveLength(15);
    expectValidManifests(manifest);
  });

  test('every rule has an expression scoped to the cluster, a duration, a severity, a summary and a description', () => {
    // GIVEN
    const { chart } = setup({ cn: {} });

    // THEN
    for (const r of alerts(chart)) {
      expect(r).toEqual({
        alert: expect.stringMatching(/^StarRocks[A-Za-z]+$/),
        expr: expect.stringContaining('cluster="sr", namespace="db"'),
        for: expect.stringMatching(/^[0-9]+m$/),
        labels: { severity: expect.stringMatching(/^(warning|critical)$/) },
        annotations: { summary: expect.any(String), description: expect.stringContaining('cluster sr (namespace db)') },
      });
    }
  });

  test('follows the cluster: no BE rules without BE, no CN rules without CN', () => {
    // GIVEN
    const { chart } = setup({ be: { enabled: false }, cn: {} });

    // THEN
    const names = alerts(chart).map((r) => r.alert);
    expect(names).toContain('StarRocksCnDown');
    expect(names.filter((n) => n.startsWith('StarRocksBe') || n === 'StarRocksTabletVersionCountHigh')).toEqual([]);
  });

  test('thresholds, alert labels and disabled alerts', () => {
    // GIVEN
    const { chart } = setup({}, {
      beDiskUsageWarningPercent: 70,
      beDiskUsageCriticalPercent: 90,
      feHeapUsagePercent: 80,
      queryErrorPercent: 2.5,
      compactionScoreThreshold: 50,
      tabletVersionThreshold: 500,
      checkpointLagThreshold: 20000,
      journalLagThreshold: 1000,
      alertLabels: { team: 'dba' },
      disabledAlerts: ['StarRocksFeNotScraped', 'StarRocksBeNotScraped'],
    });

    // THEN
    const byName = new Map(alerts(chart).map((r) => [r.alert, r]));
    expect(byName.has('StarRocksFeNotScraped')).toBe(false);
    expect(byName.get('StarRocksBeDiskUsageHigh').expr).toMatch(/\* 100 > 70$/);
    expect(byName.get('StarRocksBeDiskAlmostFull').expr).toMatch(/\* 100 > 90$/);
    expect(byName.get('StarRocksFeJvmHeapHigh').expr).toMatch(/> 80$/);
    expect(byName.get('StarRocksQueryErrorRateHigh').expr).toMatch(/> 2.5$/);
    expect(byName.get('StarRocksCompactionScoreHigh').expr).toMatch(/> 50$/);
    expect(byName.get('StarRocksTabletVersionCountHigh').expr).toMatch(/> 500$/);
    expect(byName.get('StarRocksFeCheckpointStalled').expr).toMatch(/> 20000$/);
    expect(byName.get('StarRocksFeJournalLag').expr).toMatch(/> 1000$/);
    expect(byName.get('StarRocksFeDown').labels).toEqual({ team: 'dba', severity: AlertSeverity.CRITICAL });
  });

  test('a cluster defined elsewhere without a namespace: FE and BE rules matched by cluster only', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test');
    const cluster = StarRocksCluster.fromClusterName(chart, 'Cluster', 'lake');

    // WHEN
    new StarRocksPrometheusRule(chart, 'Alerts', { cluster, components: [ComponentKind.FE] });

    // THEN
    const rules = alerts(chart);
    expect(rules[0].expr).toBe('up{cluster="lake", group="fe"} == 0');
    expect(rules.map((r) => r.alert)).not.toContain('StarRocksBeDown');
    expect(rules.find((r) => r.alert === 'StarRocksFeCheckpointStalled').expr).toMatch(/^max by \(cluster\) /);
  });

  test('ApiObject.of returns the PrometheusRule, which takes JSON patches', () => {
    // GIVEN
    const { chart, rule } = setup();

    // WHEN
    ApiObject.of(rule).addJsonPatch(JsonPatch.add('/spec/groups/0/interval', '1m'));

    // THEN
    expect(ApiObject.of(rule)).toBe(rule.apiObject);
    expect(ruleObject(chart).spec.groups[0].interval).toBe('1m');
  });

  test('fails for percentages out of range', () => {
    expect(() => setup({}, { feHeapUsagePercent: 120 })).toThrow(/'feHeapUsagePercent' must be a percentage above 0 and at most 100, got 120/);
    expect(() => setup({}, { queryErrorPercent: 0 })).toThrow(/'queryErrorPercent' must be a percentage/);
  });

  test('fails for a warning disk threshold at or above the critical one', () => {
    expect(() => setup({}, { beDiskUsageWarningPercent: 95 })).toThrow(/'beDiskUsageWarningPercent' must be below beDiskUsageCriticalPercent \(95\), got 95/);
  });

  test('fails for a threshold that is not a positive number', () => {
    expect(() => setup({}, { tabletVersionThreshold: -1 })).toThrow(/'tabletVersionThreshold' must be a number above 0/);
  });

  test('fails for an unknown alert in disabledAlerts', () => {
    expect(() => setup({}, { disabledAlerts: ['StarRocksCnDown'] })).toThrow(/'disabledAlerts' must be names of alerts of this rule/);
  });

  test('fails for a severity among the alert labels', () => {
    expect(() => setup({}, { alertLabels: { severity: 'page' } })).toThrow(/'alertLabels.severity' must be unset/);
  });

  test('fails without a cluster', () => {
    expect(() => new StarRocksPrometheusRule(new Chart(Testing.app(), 'test'), 'Alerts', {} as any)).toThrow(/'cluster' must be the StarRocks cluster to alert on/);
  });
});

function promtoolAvailable(): boolean {
  const r = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  return r.error === undefined && r.status === 0;
}

/**
 * The rules as Prometheus evaluates them: `promtool check rules` on the PrometheusRule's spec
 * (a Prometheus rule file), and `promtool test rules` with the unit tests of
 * test/fixtures/promtool, which feed series and state which alerts fire and which do not.
 */
function describePromtool(name: string, fn: () => void): void {
  if (promtoolAvailable()) {
    describe(name, fn);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      test('promtool is on PATH', () => {
        throw new Error('promtool is required under CI (Debian/Ubuntu: apt-get install prometheus)');
      });
    });
  } else {
    // eslint-disable-next-line no-console
    console.warn(`skipping "${name}": promtool is not on PATH (Debian/Ubuntu: apt-get install prometheus)`);
    describe.skip(name, () => {
      test('needs promtool', () => undefined);
    });
  }
}

describePromtool('StarRocksPrometheusRule with promtool', () => {
  let dir: string;

  beforeAll(() => {
    // GIVEN the rules for the cluster the fixtures are written for
    const { chart } = setup({ cn: {} });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'starrocks-rules-'));
    fs.writeFileSync(path.join(dir, 'rules.yaml'), YAML.stringify(ruleObject(chart).spec));
    for (const f of fs.readdirSync(PROMTOOL_FIXTURES).filter((n) => n.endsWith('.yaml'))) {
      fs.copyFileSync(path.join(PROMTOOL_FIXTURES, f), path.join(dir, f));
    }
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const promtool = (...args: string[]) => spawnSync('promtool', args, { cwd: dir, encoding: 'utf8', timeout: 60_000 });

  test('promtool check rules accepts the rule file', () => {
    // WHEN
    const r = promtool('check', 'rules', 'rules.yaml');

    // THEN
    expect(`${r.stdout}${r.stderr}`).toMatch(/SUCCESS: 15 rules found/);
    expect(r.status).toBe(0);
  });

  test('promtool test rules: every alert fires when it should and stays quiet otherwise', () => {
    // GIVEN
    const tests = fs.readdirSync(PROMTOOL_FIXTURES).filter((n) => n.endsWith('.test.yaml'));
    expect(tests.length).toBeGreaterThan(0);

    // WHEN
    const r = promtool('test', 'rules', ...tests);

    // THEN
    expect({ status: r.status, output: `${r.stdout}${r.stderr}` }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
  });

  test('every alert of the rule file is exercised by the promtool tests', () => {
    // GIVEN
    const tested = new Set<string>();
    for (const f of fs.readdirSync(PROMTOOL_FIXTURES).filter((n) => n.endsWith('.test.yaml'))) {
      for (const t of YAML.parse(fs.readFileSync(path.join(PROMTOOL_FIXTURES, f), 'utf8')).tests) {
        for (const a of t.alert_rule_test ?? []) {
          if ((a.exp_alerts ?? []).length > 0) {
            tested.add(a.alertname);
          }
        }
      }
    }

    // THEN every alert except the FE/BE "not scraped" twins of the tested CN one is seen firing
    const rules = YAML.parse(fs.readFileSync(path.join(dir, 'rules.yaml'), 'utf8')).groups[0].rules.map((r: any) => r.alert);
    expect(rules.filter((n: string) => !tested.has(n))).toEqual(['StarRocksFeNotScraped', 'StarRocksBeNotScraped']);
  });
});

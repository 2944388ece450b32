import { Chart, Duration, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { StarRocksCluster } from '../../src/cluster/cluster';
import { ComponentKind } from '../../src/cluster/component-kind';
import { warningsOf } from '../../src/common/warnings';
import { componentOf, METRICS_PORT_NAME, promDuration, resolveComponents } from '../../src/monitoring/monitored-component';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

const UNIT_MS: { [unit: string]: number } = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

describe('promDuration', () => {
  test('gives back the same number of milliseconds, in the largest unit that divides it', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10 * 86_400_000 }), (ms) => {
      // WHEN
      const text = promDuration('interval', Duration.millis(ms))!;

      // THEN
      const m = /^([0-9]+)(ms|s|m|h|d)$/.exec(text);
      expect(m).not.toBeNull();
      expect(Number(m![1]) * UNIT_MS[m![2]]).toBe(ms);
      const larger = Object.entries(UNIT_MS).filter(([, size]) => size > UNIT_MS[m![2]]);
      for (const [, size] of larger) {
        expect(ms % size).not.toBe(0);
      }
    }));
  });

  test('is undefined for zero', () => {
    expect(promDuration('interval', Duration.seconds(0))).toBeUndefined();
  });

  test('writes days as d', () => {
    expect(promDuration('interval', Duration.days(2))).toBe('2d');
  });
});

describe('resolveComponents', () => {
  test('follows the components of a cluster of this app', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test');
    const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'sr', be: { enabled: false }, cn: {} });

    // THEN
    expect(cluster.definedInApp).toBe(true);
    expect(componentOf(cluster, ComponentKind.CN)).toBe(cluster.cn);
    expect(componentOf(cluster, ComponentKind.BE)).toBeUndefined();
    expect(resolveComponents(chart, cluster, undefined)).toEqual([ComponentKind.FE, ComponentKind.CN]);
    expect(warningsOf(chart)).toEqual([]);
  });

  test('FE and BE for a cluster defined elsewhere, whatever is asked for without a warning', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test');
    const cluster = StarRocksCluster.fromClusterName(chart, 'Cluster', 'lake');

    // THEN
    expect(cluster.definedInApp).toBe(false);
    expect(componentOf(cluster, ComponentKind.FE)).toBeUndefined();
    expect(resolveComponents(chart, cluster, undefined)).toEqual([ComponentKind.FE, ComponentKind.BE]);
    expect(resolveComponents(chart, cluster, [ComponentKind.CN])).toEqual([ComponentKind.CN]);
    expect(warningsOf(chart)).toEqual([]);
  });

  test('the metrics ports are the operator\'s Service port names', () => {
    expect(METRICS_PORT_NAME).toEqual({ fe: 'http', be: 'webserver', cn: 'webserver' });
  });
});

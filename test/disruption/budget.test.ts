import { Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { warningsOf } from '../../src/common/warnings';
import { checkDisruptionBudget, createDisruptionBudget, DisruptionBudget, DisruptionTarget, replicasOf, UnhealthyPodEvictionPolicy } from '../../src/disruption/budget';
import { expectValid } from '../util/schema';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

const TARGET: DisruptionTarget = {
  prop: 'fe',
  what: 'FE',
  name: 'sr-fe-pdb',
  namespace: 'starrocks',
  labels: { cluster: 'sr' },
  selector: { 'app.kubernetes.io/component': 'fe', 'app.starrocks.ownerreference/name': 'sr-fe' },
  quorum: true,
};

describe('DisruptionBudget', () => {
  test.each([
    [DisruptionBudget.maxUnavailable(1), { maxUnavailable: 1 }, 'maxUnavailable: 1'],
    [DisruptionBudget.maxUnavailable(0), { maxUnavailable: 0 }, 'maxUnavailable: 0'],
    [DisruptionBudget.maxUnavailablePercent(25), { maxUnavailable: '25%' }, 'maxUnavailable: 25%'],
    [DisruptionBudget.minAvailable(2), { minAvailable: 2 }, 'minAvailable: 2'],
    [DisruptionBudget.minAvailablePercent(50), { minAvailable: '50%' }, 'minAvailable: 50%'],
  ])('%s renders as a policy/v1 PodDisruptionBudget', (budget, field, text) => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    createDisruptionBudget(chart, 'Pdb', TARGET, budget, undefined);
    const manifest = Testing.synth(chart);

    // THEN
    expect(budget.toString()).toBe(text);
    expect(budget.enabled).toBe(true);
    expect(manifest).toStrictEqual([{
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'sr-fe-pdb', namespace: 'starrocks', labels: { cluster: 'sr' } },
      spec: { ...field, selector: { matchLabels: TARGET.selector } },
    }]);
    expectValid(manifest);
  });

  test('none() creates nothing', () => {
    // GIVEN
    const none = DisruptionBudget.none();

    // THEN
    expect(none.enabled).toBe(false);
    expect(none.toString()).toBe('none');
    expect(() => createDisruptionBudget(Testing.chart(), 'Pdb', TARGET, none, undefined)).toThrow(/'fe' must be a DisruptionBudget with a limit/);
  });

  test('the unhealthy pod eviction policy is rendered', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    createDisruptionBudget(chart, 'Pdb', TARGET, DisruptionBudget.maxUnavailable(1), UnhealthyPodEvictionPolicy.IF_HEALTHY_BUDGET);
    const manifest = Testing.synth(chart);

    // THEN
    expect(manifest[0].spec.unhealthyPodEvictionPolicy).toBe('IfHealthyBudget');
    expectValid(manifest);
  });

  test('fails for an unhealthy pod eviction policy that Kubernetes does not know', () => {
    // THEN
    expect(() => createDisruptionBudget(Testing.chart(), 'Pdb', TARGET, DisruptionBudget.maxUnavailable(1), 'Never' as any))
      .toThrow(/'unhealthyPodEvictionPolicy' must be one of "IfHealthyBudget", "AlwaysAllow", got "Never"/);
  });

  test.each([
    ['maxUnavailable', () => DisruptionBudget.maxUnavailable(-1)],
    ['maxUnavailable', () => DisruptionBudget.maxUnavailable(1.5)],
    ['maxUnavailable', () => DisruptionBudget.maxUnavailable(NaN)],
    ['minAvailable', () => DisruptionBudget.minAvailable(-2)],
    ['minAvailable', () => DisruptionBudget.minAvailable('1' as any)],
    ['maxUnavailablePercent', () => DisruptionBudget.maxUnavailablePercent(101)],
    ['maxUnavailablePercent', () => DisruptionBudget.maxUnavailablePercent(12.5)],
    ['minAvailablePercent', () => DisruptionBudget.minAvailablePercent(-1)],
  ])('fails for an invalid %s', (prop, make) => {
    // THEN
    expect(make).toThrow(new RegExp(`'${prop}' must be a whole number from 0 to`));
  });

  test.each([
    [DisruptionBudget.maxUnavailable(1), 3, 1],
    [DisruptionBudget.maxUnavailable(5), 3, 3],
    [DisruptionBudget.maxUnavailablePercent(34), 3, 2],
    [DisruptionBudget.maxUnavailablePercent(10), 3, 1],
    [DisruptionBudget.maxUnavailablePercent(0), 3, 0],
    [DisruptionBudget.minAvailable(2), 3, 1],
    [DisruptionBudget.minAvailable(4), 3, 0],
    [DisruptionBudget.minAvailablePercent(50), 3, 1],
    [DisruptionBudget.minAvailablePercent(100), 3, 0],
  ])('%s lets %p pods lose %p at once (percentages rounded up, as the disruption controller does)', (budget, replicas, allowed) => {
    // THEN
    expect(budget._allowedDisruptions(replicas)).toBe(allowed);
  });

  test('allowed disruptions stay within 0..replicas and maxUnavailable/minAvailable mirror each other', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 100 }), (n, k, p) => {
      const max = DisruptionBudget.maxUnavailable(k)._allowedDisruptions(n);
      const min = DisruptionBudget.minAvailable(k)._allowedDisruptions(n);
      const maxP = DisruptionBudget.maxUnavailablePercent(p)._allowedDisruptions(n);
      const minP = DisruptionBudget.minAvailablePercent(p)._allowedDisruptions(n);
      for (const a of [max, min, maxP, minP]) {
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBeLessThanOrEqual(n);
      }
      expect(max).toBe(Math.min(k, n));
      expect(min).toBe(Math.max(0, n - k));
      expect(maxP).toBe(Math.ceil((p * n) / 100));
      expect(minP).toBe(n - Math.ceil((p * n) / 100));
    }));
  });

  test('replicasOf: the autoscaler minimum, else replicas, else the CRD default 1', () => {
    // THEN
    expect(replicasOf({})).toBe(1);
    expect(replicasOf({ replicas: 3 })).toBe(3);
    expect(replicasOf({ replicas: 0 })).toBe(0);
    expect(replicasOf({ replicas: 5, autoScalingPolicy: { maxReplicas: 10, minReplicas: 2 } })).toBe(2);
    expect(replicasOf({ autoScalingPolicy: { maxReplicas: 10 } })).toBe(1);
  });

  describe('warnings', () => {
    function warnings(budget: DisruptionBudget, replicas: number, quorum = true): string[] {
      const chart = Testing.chart();
      checkDisruptionBudget(chart, { ...TARGET, quorum }, budget, replicas);
      return warningsOf(chart).map((w) => w.replace(/^[^:]*: /, ''));
    }

    test.each([
      [DisruptionBudget.maxUnavailable(1), 1],
      [DisruptionBudget.maxUnavailable(1), 3],
      [DisruptionBudget.maxUnavailable(2), 5],
      [DisruptionBudget.minAvailable(2), 3],
      [DisruptionBudget.minAvailablePercent(51), 3],
      [DisruptionBudget.maxUnavailablePercent(33), 3],
    ])('none for %s with %p FE pods', (budget, replicas) => {
      expect(warnings(budget, replicas)).toEqual([]);
    });

    test('warns when no pod can be evicted (minAvailable >= replicas)', () => {
      expect(warnings(DisruptionBudget.minAvailable(1), 1)).toEqual([
        '\'fe\' is minAvailable: 1 with 1 FE pod(s): no pod can ever be evicted, so node drains and upgrades wait until the budget or the replicas change',
      ]);
      expect(warnings(DisruptionBudget.minAvailable(4), 3)).toHaveLength(1);
    });

    test('warns when FE could lose its majority', () => {
      expect(warnings(DisruptionBudget.maxUnavailable(2), 3)).toEqual([
        '\'fe\' is maxUnavailable: 2 with 3 FE pods: evicting 2 at once leaves fewer than the 2 needed for a majority, and the cluster stops accepting metadata changes',
      ]);
      expect(warnings(DisruptionBudget.maxUnavailablePercent(34), 3)).toHaveLength(1);
      expect(warnings(DisruptionBudget.minAvailable(1), 3)).toHaveLength(1);
      expect(warnings(DisruptionBudget.maxUnavailable(1), 2)).toHaveLength(1);
      expect(warnings(DisruptionBudget.maxUnavailable(2), 3, false)).toEqual([]);
    });

    test('a budget that always blocks warns when created, not again for the replicas', () => {
      // GIVEN
      const chart = Testing.chart();

      // WHEN
      createDisruptionBudget(chart, 'Pdb', TARGET, DisruptionBudget.maxUnavailable(0), undefined);
      checkDisruptionBudget(chart, TARGET, DisruptionBudget.maxUnavailable(0), 3);

      // THEN
      expect(warningsOf(chart).map((w) => w.replace(/^[^:]*: /, ''))).toEqual([
        '\'fe\' is maxUnavailable: 0: no FE pod can ever be evicted, so node drains and upgrades wait until the budget is changed',
      ]);
    });
  });
});

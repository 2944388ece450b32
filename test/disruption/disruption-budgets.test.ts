import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { StarRocksCluster, StarRocksClusterProps, StarRocksConfig } from '../../src';
import { warningsOf } from '../../src/common/warnings';
import { DisruptionBudget, UnhealthyPodEvictionPolicy } from '../../src/disruption/budget';
import { StarRocksDisruptionBudgets } from '../../src/disruption/disruption-budgets';
import { expectValid } from '../util/schema';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

function chartIn(namespace?: string, app: App = Testing.app()): Chart {
  return new Chart(app, 'test', namespace !== undefined ? { namespace } : {});
}

function pdbs(manifest: any[]): { [name: string]: any } {
  const out: { [name: string]: any } = {};
  for (const o of manifest.filter((x) => x.kind === 'PodDisruptionBudget')) {
    out[o.metadata.name] = o;
  }
  return out;
}

function budgetWarnings(b: StarRocksDisruptionBudgets): string[] {
  return warningsOf(b).map((w) => w.replace(/^[^:]*: /, ''));
}

const SHARED_DATA: StarRocksClusterProps = {
  name: 'lake',
  fe: { replicas: 3, config: StarRocksConfig.fromEntries({ run_mode: 'shared_data' }) },
  be: { enabled: false },
  cn: { replicas: 4 },
  feProxy: { replicas: 2 },
};

describe('StarRocksDisruptionBudgets', () => {
  test('defaults: maxUnavailable 1 for FE and BE of a default cluster, selecting exactly their pods', () => {
    // GIVEN
    const chart = chartIn('starrocks');
    const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'sr', fe: { replicas: 3 }, be: { replicas: 3 } });

    // WHEN
    const budgets = new StarRocksDisruptionBudgets(chart, 'Budgets', { cluster });
    const manifest = Testing.synth(chart);

    // THEN
    const found = pdbs(manifest);
    expect(Object.keys(found).sort()).toEqual(['sr-be-pdb', 'sr-fe-pdb']);
    expect(found['sr-fe-pdb']).toStrictEqual({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: {
        name: 'sr-fe-pdb',
        namespace: 'starrocks',
        labels: {
          'app.kubernetes.io/name': 'starrocks',
          'app.kubernetes.io/instance': 'sr',
          'app.kubernetes.io/managed-by': 'cdk8s-starrocks',
          'cluster': 'sr',
        },
      },
      spec: {
        maxUnavailable: 1,
        selector: { matchLabels: { 'app.kubernetes.io/component': 'fe', 'app.starrocks.ownerreference/name': 'sr-fe' } },
      },
    });
    expect(found['sr-fe-pdb'].spec.selector.matchLabels).toStrictEqual(cluster.fe.selectorLabels);
    expect(found['sr-be-pdb'].spec.selector.matchLabels).toStrictEqual(cluster.be!.selectorLabels);
    expect(found['sr-be-pdb'].spec.maxUnavailable).toBe(1);
    expect(budgets.fePdb?.name).toBe('sr-fe-pdb');
    expect(budgets.bePdb?.name).toBe('sr-be-pdb');
    expect(budgets.cnPdb).toBeUndefined();
    expect(budgets.feProxyPdb).toBeUndefined();
    expectValid(manifest);
  });

  test('a shared-data cluster gets FE, CN and FE proxy budgets; the FE proxy selects its Deployment\'s pods', () => {
    // GIVEN
    const chart = chartIn('lake');
    const cluster = new StarRocksCluster(chart, 'Cluster', SHARED_DATA);

    // WHEN
    new StarRocksDisruptionBudgets(chart, 'Budgets', { cluster, labels: { team: 'data' } });
    const manifest = Testing.synth(chart);

    // THEN
    const found = pdbs(manifest);
    expect(Object.keys(found).sort()).toEqual(['lake-cn-pdb', 'lake-fe-pdb', 'lake-fe-proxy-pdb']);
    expect(found['lake-cn-pdb'].spec.selector.matchLabels).toStrictEqual(cluster.cn!.selectorLabels);
    expect(found['lake-fe-proxy-pdb'].spec.selector.matchLabels).toStrictEqual({
      'app.kubernetes.io/component': 'fe-proxy',
      'app.starrocks.ownerreference/name': 'lake-fe-proxy',
    });
    expect(found['lake-cn-pdb'].metadata.labels).toMatchObject({ cluster: 'lake', team: 'data' });
    expectValid(manifest);
  });

  test('custom budgets, none() and the unhealthy pod eviction policy', () => {
    // GIVEN
    const chart = chartIn();
    const cluster = new StarRocksCluster(chart, 'Cluster', SHARED_DATA);

    // WHEN
    new StarRocksDisruptionBudgets(chart, 'Budgets', {
      cluster,
      fe: DisruptionBudget.minAvailable(2),
      cn: DisruptionBudget.maxUnavailablePercent(25),
      feProxy: DisruptionBudget.none(),
      unhealthyPodEvictionPolicy: UnhealthyPodEvictionPolicy.ALWAYS_ALLOW,
    });
    const manifest = Testing.synth(chart);

    // THEN
    const found = pdbs(manifest);
    expect(Object.keys(found).sort()).toEqual(['lake-cn-pdb', 'lake-fe-pdb']);
    expect(found['lake-fe-pdb'].spec).toMatchObject({ minAvailable: 2, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    expect(found['lake-fe-pdb'].spec.maxUnavailable).toBeUndefined();
    expect(found['lake-cn-pdb'].spec).toMatchObject({ maxUnavailable: '25%', unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    expectValid(manifest);
  });

  test('a cluster referenced by name: FE by default, the other components only when given', () => {
    // GIVEN
    const chart = chartIn('default');
    const cluster = StarRocksCluster.fromClusterName(chart, 'Ref', 'kube-starrocks', { namespace: 'starrocks' });

    // WHEN
    new StarRocksDisruptionBudgets(chart, 'Budgets', { cluster, cn: DisruptionBudget.maxUnavailable(2) });
    const manifest = Testing.synth(chart);

    // THEN
    const found = pdbs(manifest);
    expect(Object.keys(found).sort()).toEqual(['kube-starrocks-cn-pdb', 'kube-starrocks-fe-pdb']);
    expect(found['kube-starrocks-fe-pdb'].metadata.namespace).toBe('starrocks');
    expect(found['kube-starrocks-cn-pdb'].spec).toStrictEqual({
      maxUnavailable: 2,
      selector: { matchLabels: { 'app.kubernetes.io/component': 'cn', 'app.starrocks.ownerreference/name': 'kube-starrocks-cn' } },
    });
    expectValid(manifest);
  });

  test('escape hatch: the budgets are ApiObjects that take JSON patches', () => {
    // GIVEN
    const chart = chartIn();
    const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'sr' });
    const budgets = new StarRocksDisruptionBudgets(chart, 'Budgets', { cluster });

    // WHEN
    budgets.fePdb!.addJsonPatch(JsonPatch.add('/metadata/annotations', { 'example.com/a': 'b' }));
    const found = pdbs(Testing.synth(chart));

    // THEN
    expect(budgets.fePdb).toBeInstanceOf(ApiObject);
    expect(found['sr-fe-pdb'].metadata.annotations).toStrictEqual({ 'example.com/a': 'b' });
  });

  describe('rules', () => {
    test.each([
      ['be', { name: 'sr', be: { enabled: false } }, 'BE'],
      ['cn', { name: 'sr' }, 'CN'],
      ['feProxy', { name: 'sr' }, 'FE proxy'],
    ] as Array<[string, StarRocksClusterProps, string]>)('fails for a %s budget when the cluster has no such component', (prop, clusterProps, what) => {
      // GIVEN
      const chart = chartIn();
      const cluster = new StarRocksCluster(chart, 'Cluster', clusterProps);

      // THEN
      expect(() => new StarRocksDisruptionBudgets(chart, 'Budgets', { cluster, [prop]: DisruptionBudget.maxUnavailable(1) }))
        .toThrow(new RegExp(`'${prop}' must be unset or DisruptionBudget.none\\(\\): the cluster has no ${what}, got "maxUnavailable: 1"`));
      expect(() => new StarRocksDisruptionBudgets(chart, 'Other', { cluster, [prop]: DisruptionBudget.none() })).not.toThrow();
    });

    test('fails without a cluster or with a budget that is not a DisruptionBudget', () => {
      // GIVEN
      const chart = chartIn();
      const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'sr' });

      // THEN
      expect(() => new StarRocksDisruptionBudgets(chart, 'A', { cluster: undefined as any })).toThrow(/'cluster' must be the StarRocks cluster/);
      expect(() => new StarRocksDisruptionBudgets(chart, 'B', { cluster, fe: { maxUnavailable: 1 } as any })).toThrow(/'fe' must be a DisruptionBudget/);
    });

    test('no warnings for the defaults on 3 FEs, 3 BEs and autoscaled CN', () => {
      // GIVEN
      const app = Testing.app();
      const chart = chartIn(undefined, app);
      const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'sr', fe: { replicas: 3 }, be: { replicas: 3 }, cn: { autoScaling: { minReplicas: 2, maxReplicas: 8 } } });

      // WHEN
      const budgets = new StarRocksDisruptionBudgets(chart, 'Budgets', { cluster });
      app.synth();

      // THEN
      expect(budgetWarnings(budgets)).toEqual([]);
    });

    test('warns at synth time for budgets that block drains or break the FE majority, from the rendered replicas', () => {
      // GIVEN
      const app = Testing.app();
      const chart = chartIn(undefined, app);
      const cluster = new StarRocksCluster(chart, 'Cluster', {
        name: 'sr',
        fe: { replicas: 3 },
        be: { replicas: 1 },
        cn: { replicas: 6, autoScaling: { minReplicas: 2, maxReplicas: 8 } },
      });

      // WHEN
      const budgets = new StarRocksDisruptionBudgets(chart, 'Budgets', {
        cluster,
        fe: DisruptionBudget.maxUnavailable(2),
        be: DisruptionBudget.minAvailable(1),
        cn: DisruptionBudget.minAvailablePercent(100),
      });
      expect(budgetWarnings(budgets)).toEqual([
        '\'cn\' is minAvailable: 100%: no CN pod can ever be evicted, so node drains and upgrades wait until the budget is changed',
      ]);
      app.synth();
      app.synth();

      // THEN
      expect(budgetWarnings(budgets)).toEqual([
        '\'cn\' is minAvailable: 100%: no CN pod can ever be evicted, so node drains and upgrades wait until the budget is changed',
        '\'fe\' is maxUnavailable: 2 with 3 FE pods: evicting 2 at once leaves fewer than the 2 needed for a majority, and the cluster stops accepting metadata changes',
        '\'be\' is minAvailable: 1 with 1 BE pod(s): no pod can ever be evicted, so node drains and upgrades wait until the budget or the replicas change',
      ]);
    });

    test('a single FE with the default budget gives no warning, minAvailable 1 does', () => {
      // GIVEN a cluster per app (two budgets of one cluster in one app would write one PDB name twice)
      const budgets = (fe?: DisruptionBudget) => {
        const app = Testing.app();
        const chart = chartIn(undefined, app);
        const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'sr' });
        const b = new StarRocksDisruptionBudgets(chart, 'Budgets', { cluster, ...(fe ? { fe } : {}), be: DisruptionBudget.none() });
        app.synth();
        return b;
      };

      // WHEN
      const defaults = budgets();
      const strict = budgets(DisruptionBudget.minAvailable(1));

      // THEN
      expect(budgetWarnings(defaults)).toEqual([]);
      expect(budgetWarnings(strict)).toEqual([
        '\'fe\' is minAvailable: 1 with 1 FE pod(s): no pod can ever be evicted, so node drains and upgrades wait until the budget or the replicas change',
      ]);
    });

    test('the replica check sees replicas set through a JSON patch on the cluster', () => {
      // GIVEN
      const app = Testing.app();
      const chart = chartIn(undefined, app);
      const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'sr', fe: { replicas: 3 } });
      const budgets = new StarRocksDisruptionBudgets(chart, 'Budgets', { cluster, fe: DisruptionBudget.minAvailable(3), be: DisruptionBudget.none() });

      // WHEN
      cluster.apiObject.addJsonPatch(JsonPatch.replace('/spec/starRocksFeSpec/replicas', 5));
      app.synth();

      // THEN
      expect(budgetWarnings(budgets)).toEqual([]);
    });
  });
});

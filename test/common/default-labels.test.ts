import { Chart, Testing } from 'cdk8s';
import {
  InitPasswordJob, RootPasswordSource, StarRocksCluster, StarRocksConfig, StarRocksDisruptionBudgets, StarRocksPrometheusRule,
  StarRocksServiceMonitor, StarRocksWarehouse,
} from '../../src';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

const LIBRARY_LABELS = {
  'app.kubernetes.io/name': 'starrocks',
  'app.kubernetes.io/instance': 'sr',
  'app.kubernetes.io/managed-by': 'cdk8s-starrocks',
};

/** The labels of every object of the chart, by `<kind>/<name>`. */
function labelsOf(chart: Chart): { [object: string]: { [key: string]: string } } {
  const out: { [object: string]: { [key: string]: string } } = {};
  for (const o of Testing.synth(chart)) {
    out[`${o.kind}/${o.metadata.name}`] = o.metadata.labels ?? {};
  }
  return out;
}

/** A shared-data cluster with one of every construct that labels its objects, each given `defaultLabels`. */
function everything(defaultLabels: boolean | undefined): Chart {
  const chart = Testing.chart();
  const cluster = new StarRocksCluster(chart, 'Cluster', {
    name: 'sr',
    defaultLabels,
    fe: { config: StarRocksConfig.fromEntries({ run_mode: 'shared_data' }) },
    be: { enabled: false },
    cn: {},
  });
  const options = defaultLabels === undefined ? {} : { defaultLabels };
  new StarRocksDisruptionBudgets(chart, 'Budgets', { ...options, cluster });
  new StarRocksServiceMonitor(chart, 'Monitor', { ...options, cluster });
  new StarRocksPrometheusRule(chart, 'Rule', { ...options, cluster });
  new InitPasswordJob(chart, 'Password', { ...options, cluster, password: RootPasswordSource.fromValue('secret') });
  const wh = new StarRocksWarehouse(chart, 'Warehouse', {
    ...options,
    cluster,
    name: 'wh',
    image: 'registry.example.com/starrocks/cn-ee:3.3.8',
    config: StarRocksConfig.fromEntries({ a: 'b' }),
  });
  wh.addDisruptionBudgets('Budget');
  return chart;
}

describe('defaultLabels', () => {
  test('by default every object the library defines has the app.kubernetes.io labels', () => {
    // GIVEN
    const withDefault = labelsOf(everything(undefined));

    // THEN
    expect(Object.keys(withDefault)).toHaveLength(13);
    for (const [object, labels] of Object.entries(withDefault)) {
      expect({ object, labels }).toEqual({ object, labels: expect.objectContaining({ ...LIBRARY_LABELS, 'app.kubernetes.io/instance': object.includes('/wh') ? 'wh' : 'sr' }) });
    }
    expect(withDefault).toEqual(labelsOf(everything(true)));
  });

  test('false leaves them out everywhere and keeps the chart\'s cluster, warehouse and app labels', () => {
    // GIVEN
    const labels = labelsOf(everything(false));

    // THEN
    for (const [object, l] of Object.entries(labels)) {
      expect({ object, keys: Object.keys(l).filter((k) => k.startsWith('app.kubernetes.io/')) }).toEqual({ object, keys: [] });
    }
    expect(labels['StarRocksCluster/sr']).toEqual({ cluster: 'sr' });
    expect(labels['ConfigMap/sr-fe-cm']).toEqual({ cluster: 'sr', app: 'fe' });
    expect(labels['StarRocksWarehouse/wh']).toEqual({ warehouse: 'wh' });
    expect(labels['ConfigMap/wh-cm']).toEqual({ warehouse: 'wh', app: 'warehouse' });
    expect(labels['PodDisruptionBudget/wh-warehouse-cn-pdb']).toEqual({ warehouse: 'wh' });
    expect(labels['PodDisruptionBudget/sr-fe-pdb']).toEqual({ cluster: 'sr' });
    expect(labels['ServiceMonitor/sr-fe']).toEqual({ cluster: 'sr' });
    expect(labels['PrometheusRule/sr-alerts']).toEqual({ cluster: 'sr' });
    expect(labels['Job/sr-initpwd']).toEqual({ cluster: 'sr' });
    expect(labels['Secret/sr-credential']).toEqual({ cluster: 'sr' });
  });

  test('what the cluster\'s add-methods create takes the cluster\'s value unless its options set one', () => {
    // GIVEN
    const chart = Testing.chart();
    const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'sr', defaultLabels: false });

    // WHEN
    cluster.addDisruptionBudgets('Budgets');
    cluster.addServiceMonitor('Monitor', { defaultLabels: true });

    // THEN
    const labels = labelsOf(chart);
    expect(labels['PodDisruptionBudget/sr-fe-pdb']).toEqual({ cluster: 'sr' });
    expect(labels['ServiceMonitor/sr-fe']).toEqual({ ...LIBRARY_LABELS, cluster: 'sr' });
  });
});

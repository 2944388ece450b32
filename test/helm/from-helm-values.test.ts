import { App, Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { KubeStarRocks, StarRocksWarehouseChart } from '../../src';
import { compareManifests, expectedManifests, loadConformanceCases } from '../util/conformance';
import { describeShared } from '../util/shared';
import { synthValid } from '../util/synth';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

describeShared('Helm values in a cdk8s app', () => {
  const cases = loadConformanceCases();
  const byName = (name: string) => cases.find((c) => c.name === name)!;

  test('KubeStarRocks gives the chart\'s objects for a release\'s values', () => {
    // GIVEN
    const c = byName('07-storage');
    const chart = new Chart(new App(), 'release', { namespace: c.namespace });

    // WHEN
    new KubeStarRocks(chart, 'Release', { values: parse(c.valuesYaml), releaseName: c.release });

    // THEN
    expect(compareManifests(synthValid(chart), expectedManifests(c), c.namespace)).toEqual([]);
  });

  test('KubeStarRocks.clusterFromValues takes the starrocks subchart\'s values', () => {
    // GIVEN
    const c = byName('13-services');
    const chart = Testing.chart();

    // WHEN
    const cluster = KubeStarRocks.clusterFromValues(chart, 'FromHelm', parse(c.valuesYaml).starrocks, {
      releaseName: c.release, releaseNamespace: c.namespace,
    });

    // THEN
    const expected = expectedManifests(c).filter((o) => ['StarRocksCluster', 'ConfigMap'].includes(o.kind));
    expect(compareManifests(synthValid(chart), expected, c.namespace)).toEqual([]);
    expect(cluster.clusterName).toBe('kube-starrocks');
    expect(cluster.feServiceName).toBe('kube-starrocks-fe-service');
  });

  test('StarRocksWarehouseChart gives the warehouse chart\'s objects', () => {
    // GIVEN
    const c = byName('35-warehouse-full');
    const chart = new Chart(new App(), 'wh', { namespace: c.namespace });

    // WHEN
    new StarRocksWarehouseChart(chart, 'Warehouse', { values: parse(c.valuesYaml), releaseName: c.release });

    // THEN
    expect(compareManifests(synthValid(chart), expectedManifests(c), c.namespace)).toEqual([]);
  });

  test('StarRocksWarehouseChart names the release after its construct id as every construct does', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN: no releaseName, an id that is not a DNS label as it is
    new StarRocksWarehouseChart(chart, 'my_Wh', { values: { spec: { starRocksClusterName: 'sr' } } });

    // THEN: the warehouse is named like a cluster with that id would be
    const warehouse = Testing.synth(chart).find((o) => o.kind === 'StarRocksWarehouse');
    expect(warehouse.metadata.name).toBe('my-wh');
  });

  test('fails for a value of the wrong type given to KubeStarRocks.clusterFromValues, naming the subchart\'s values key', () => {
    expect(() => KubeStarRocks.clusterFromValues(Testing.chart(), 'FromHelm', { starrocksFESpec: { replicas: 'yes' } }))
      .toThrow(/^starrocksFESpec\.replicas must be a whole number/);
  });

  test('fails like the chart refuses: both sidecars and sidecarsMap', () => {
    const c = byName('37-fail-fe-sidecars-both');
    expect(() => new KubeStarRocks(Testing.chart(), 'Release', { values: parse(c.valuesYaml) })).toThrow(c.expectError!);
  });
});

/**
 * Every object name unique per API group, kind and namespace within an app (issue 12, item 3):
 * a synth-time error naming both constructs and the object; different namespaces or kinds may
 * share a name.
 */
import { ApiObject, Chart, Testing } from 'cdk8s';
import { KubeStarRocks, StarRocksCluster, StarRocksConfig } from '../../src';
import { duplicateNames } from '../../src/common/unique-names';
import { RootPasswordSource } from '../../src/init-password/password-source';
import { StarRocksWarehouse } from '../../src/warehouse/warehouse';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

const SHARED_DATA_FE = StarRocksConfig.fromEntries({ run_mode: 'shared_data', cloud_native_meta_port: '6090' });
const ENTERPRISE_IMAGE = 'registry.example.com/starrocks/cn-ubuntu-ee:3.3.8';

const FE_CONFIG = StarRocksConfig.fromEntries({ sys_log_level: 'INFO' });

/** A chart in the namespace "sr" of a new app. */
function chartInNamespace(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'sr' });
}

function synthError(chart: Chart): string {
  try {
    Testing.synth(chart);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('unique object names', () => {
  test('fails for two clusters with one name in a namespace, naming both constructs and the object', () => {
    const chart = chartInNamespace();
    new StarRocksCluster(chart, 'A', { name: 'sr', fe: { config: FE_CONFIG } });
    new StarRocksCluster(chart, 'B', { name: 'sr', fe: { config: FE_CONFIG } });
    const message = synthError(chart);
    expect(message).toMatch(/'test\/A\/Resource' and 'test\/B\/Resource' both write the StarRocksCluster "sr" in namespace "sr" \(starrocks.com\/v1\)/);
    expect(message).toMatch(/'test\/A\/FeConfig' and 'test\/B\/FeConfig' both write the ConfigMap "sr-fe-cm" in namespace "sr"/);
    expect(message).toMatch(/must be unique per kind and namespace/);
  });

  test('fails for two clusters with one name in two charts of one app', () => {
    const app = Testing.app();
    new StarRocksCluster(new Chart(app, 'one', { namespace: 'x' }), 'A', { name: 'sr' });
    const two = new Chart(app, 'two', { namespace: 'x' });
    new StarRocksCluster(two, 'A', { name: 'sr' });
    expect(synthError(two)).toMatch(/'one\/A\/Resource' and 'two\/A\/Resource' both write the StarRocksCluster "sr" in namespace "x"/);
  });

  test('clusters with one name in different namespaces, and objects of different kinds with one name, are fine', () => {
    const app = Testing.app();
    new StarRocksCluster(new Chart(app, 'one', { namespace: 'x' }), 'A', { name: 'sr' });
    const two = new Chart(app, 'two', { namespace: 'y' });
    new StarRocksCluster(two, 'A', { name: 'sr' });
    new ApiObject(two, 'Same', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sr-fe-cm' } });
    expect(duplicateNames(app)).toEqual([]);
    expect(() => Testing.synth(two)).not.toThrow();
  });

  test('fails for addInitPassword called twice', () => {
    const chart = chartInNamespace();
    const cluster = new StarRocksCluster(chart, 'Sr', { name: 'sr' });
    cluster.addInitPassword('One', { password: RootPasswordSource.fromSecretName('root') });
    cluster.addInitPassword('Two', { password: RootPasswordSource.fromSecretName('root') });
    expect(synthError(chart)).toMatch(/'test\/Sr\/One\/Resource' and 'test\/Sr\/Two\/Resource' both write the Job "sr-initpwd" in namespace "sr"/);
  });

  test('fails for addServiceMonitor called twice', () => {
    const chart = Testing.chart();
    const cluster = new StarRocksCluster(chart, 'Sr', { name: 'sr' });
    cluster.addServiceMonitor('One');
    cluster.addServiceMonitor('Two');
    expect(synthError(chart)).toMatch(/'test\/Sr\/One\/.*' and 'test\/Sr\/Two\/.*' both write the ServiceMonitor "sr-fe/);
  });

  test('fails for two warehouses with one name', () => {
    const chart = chartInNamespace();
    const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'sr', fe: { config: SHARED_DATA_FE }, be: { enabled: false }, cn: {} });
    new StarRocksWarehouse(chart, 'One', { image: ENTERPRISE_IMAGE, cluster, name: 'etl' });
    new StarRocksWarehouse(chart, 'Two', { image: ENTERPRISE_IMAGE, cluster, name: 'etl' });
    expect(synthError(chart)).toMatch(/'test\/One\/.*' and 'test\/Two\/.*' both write the StarRocksWarehouse "etl" in namespace "sr"/);
  });

  test('fails for an object of another library with the name of a cluster object', () => {
    const chart = Testing.chart();
    new StarRocksCluster(chart, 'Sr', { name: 'sr', fe: { config: FE_CONFIG } });
    new ApiObject(chart, 'Mine', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'sr-fe-cm' } });
    expect(synthError(chart)).toMatch(/'test\/Sr\/FeConfig' and 'test\/Mine' both write the ConfigMap "sr-fe-cm"/);
  });

  test('fails for a values configMaps entry named like a ConfigMap of the chart, naming the values key', () => {
    const chart = Testing.chart();
    expect(() => KubeStarRocks.clusterFromValues(chart, 'C', {
      starrocksFESpec: { config: 'a = 1' },
      configMaps: [{ name: 'other', data: { a: 'b' } }, { name: 'kube-starrocks-fe-cm', data: { a: 'b' } }],
    })).toThrow(/configMaps\[1\]\.name must differ from the name of the ConfigMap the chart renders for starrocksFESpec\.config: both would be the ConfigMap "kube-starrocks-fe-cm"/);
  });
});

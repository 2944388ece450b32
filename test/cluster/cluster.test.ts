/**
 * Behaviour of StarRocksCluster: what the custom resource and the ConfigMaps look like for each
 * cluster-level option, how shared component settings are inherited and overridden, the config
 * files and their hash, ports, names and the escape hatches.
 *
 * Storage, component mutators, Services and the FE proxy have their own test files; the
 * validation rules of FEATURES.md section 3 are in validation.test.ts.
 */
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import * as YAML from 'yaml';
import { StarRocksCluster, StarRocksClusterProps } from '../../src/cluster/cluster';
import { StarRocksPort } from '../../src/cluster/component-kind';
import { nameFromId } from '../../src/common/names';
import { StarRocksConfig } from '../../src/config/config';
import { expectValidManifests } from '../util/schema';
import { describeShared, readShared } from '../util/shared';
import { find, synthValid } from '../util/synth';

// warnings are asserted through construct metadata; keep them off stderr
process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

function kindsAndNames(manifests: any[]): string[] {
  return manifests.map((o) => `${o.kind} ${o.metadata.name}`).sort();
}

interface Built {
  readonly chart: Chart;
  readonly cluster: StarRocksCluster;
  readonly manifests: any[];
  readonly spec: any;
}

/** Builds one cluster `sr` in a fresh chart and returns the synthesized (and schema-checked) output. */
function synthCluster(props: StarRocksClusterProps = {}, chart: Chart = Testing.chart()): Built {
  const cluster = new StarRocksCluster(chart, 'Sr', props);
  const manifests = synthValid(chart);
  const spec = find(manifests, 'StarRocksCluster', cluster.clusterName).spec;
  return { chart, cluster, manifests, spec };
}

const LIBRARY_LABELS = {
  'app.kubernetes.io/name': 'starrocks',
  'app.kubernetes.io/managed-by': 'cdk8s-starrocks',
};

describe('defaults', () => {
  test('only FE and BE, each with its image and nothing else', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    new StarRocksCluster(chart, 'Sr');

    // THEN
    const manifests = synthValid(chart);
    expect(kindsAndNames(manifests)).toStrictEqual(['StarRocksCluster sr']);
    const cr = find(manifests, 'StarRocksCluster', 'sr');
    expect(cr.apiVersion).toBe('starrocks.com/v1');
    expect(cr.metadata).toStrictEqual({
      name: 'sr',
      labels: { ...LIBRARY_LABELS, 'app.kubernetes.io/instance': 'sr', 'cluster': 'sr' },
    });
    expect(cr.spec).toStrictEqual({
      starRocksFeSpec: { image: 'starrocks/fe-ubuntu:4.1-latest' },
      starRocksBeSpec: { image: 'starrocks/be-ubuntu:4.1-latest' },
    });
  });

  test('the cluster exposes its components, and no BE/CN/proxy it does not have', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    const cluster = new StarRocksCluster(chart, 'Sr', { be: { enabled: false } });

    // THEN
    expect(cluster.fe.componentName).toBe('fe');
    expect(cluster.be).toBeUndefined();
    expect(cluster.cn).toBeUndefined();
    expect(cluster.hasFeProxy).toBe(false);
    expect(cluster.feProxyServiceName).toBeUndefined();
    expect(cluster.sharedData).toBe(false);
    synthValid(chart);
  });
});

describe('name and namespace', () => {
  test('the name comes from the construct id as a DNS label', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    const cluster = new StarRocksCluster(chart, 'MyCluster');

    // THEN
    expect(cluster.clusterName).toBe('my-cluster');
    const manifests = synthValid(chart);
    expect(find(manifests, 'StarRocksCluster', 'my-cluster').metadata.labels).toMatchObject({ 'cluster': 'my-cluster', 'app.kubernetes.io/instance': 'my-cluster' });
  });

  test.each([
    ['MyCluster', 'my-cluster'],
    ['analytics_v2', 'analytics-v2'],
    ['HTTPServer', 'http-server'],
    ['sr', 'sr'],
    ['--Prod..Cluster--', 'prod-cluster'],
  ])('nameFromId(%j) is %j', (id, expected) => {
    expect(nameFromId(id)).toBe(expected);
  });

  test('an explicit name wins over the id', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    const cluster = new StarRocksCluster(chart, 'MyCluster', { name: 'kube-starrocks' });

    // THEN
    expect(cluster.clusterName).toBe('kube-starrocks');
    const manifests = synthValid(chart);
    expect(kindsAndNames(manifests)).toStrictEqual(['StarRocksCluster kube-starrocks']);
  });

  test('the namespace comes from the chart', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test', { namespace: 'analytics' });

    // WHEN
    const { cluster, manifests } = synthCluster({ fe: { config: StarRocksConfig.fromEntries({ a: 'b' }) } }, chart);

    // THEN
    expect(cluster.clusterNamespace).toBe('analytics');
    expect(find(manifests, 'StarRocksCluster', 'sr').metadata.namespace).toBe('analytics');
    expect(find(manifests, 'ConfigMap', 'sr-fe-cm').metadata.namespace).toBe('analytics');
  });

  test('the namespace prop wins over the chart namespace, for the CR and its ConfigMaps', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test', { namespace: 'analytics' });

    // WHEN
    const { cluster, manifests } = synthCluster({
      namespace: 'starrocks',
      fe: { config: StarRocksConfig.fromEntries({ a: 'b' }), entrypointScript: 'echo start' },
    }, chart);

    // THEN
    expect(cluster.clusterNamespace).toBe('starrocks');
    expect(find(manifests, 'StarRocksCluster', 'sr').metadata.namespace).toBe('starrocks');
    expect(find(manifests, 'ConfigMap', 'sr-fe-cm').metadata.namespace).toBe('starrocks');
    expect(find(manifests, 'ConfigMap', 'sr-fe-entrypoint-script').metadata.namespace).toBe('starrocks');
  });

  test('no namespace anywhere leaves metadata.namespace out', () => {
    // GIVEN / WHEN
    const { cluster, manifests } = synthCluster();

    // THEN
    expect(cluster.clusterNamespace).toBeUndefined();
    expect(find(manifests, 'StarRocksCluster', 'sr').metadata).not.toHaveProperty('namespace');
  });
});

describe('labels and annotations', () => {
  test('user labels over the library labels and the chart label cluster: <name>, on the CR and the ConfigMaps', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test', { labels: { team: 'data', owner: 'dba' } });

    // WHEN
    const { manifests } = synthCluster({
      labels: { 'env': 'prod', 'team': 'analytics', 'app.kubernetes.io/name': 'warehouse-db' },
      annotations: { 'starrocks.com/ignored': 'true' },
      fe: { config: StarRocksConfig.fromEntries({ a: 'b' }) },
    }, chart);

    // THEN
    const cr = find(manifests, 'StarRocksCluster', 'sr');
    expect(cr.metadata.labels).toStrictEqual({
      'app.kubernetes.io/name': 'warehouse-db',
      'app.kubernetes.io/managed-by': 'cdk8s-starrocks',
      'app.kubernetes.io/instance': 'sr',
      'cluster': 'sr',
      'env': 'prod',
      'owner': 'dba',
      'team': 'analytics',
    });
    expect(cr.metadata.annotations).toStrictEqual({ 'starrocks.com/ignored': 'true' });
    expect(find(manifests, 'ConfigMap', 'sr-fe-cm').metadata.labels).toStrictEqual({
      'app.kubernetes.io/name': 'warehouse-db',
      'app.kubernetes.io/managed-by': 'cdk8s-starrocks',
      'app.kubernetes.io/instance': 'sr',
      'cluster': 'sr',
      'app': 'fe',
      'env': 'prod',
      'owner': 'dba',
      'team': 'analytics',
    });
  });

  test('chart labels win over the library labels (STYLE 3: library < chart < user)', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test', { labels: { 'app.kubernetes.io/name': 'from-chart', 'app.kubernetes.io/managed-by': 'argocd' } });

    // WHEN
    const { manifests } = synthCluster({ fe: { config: StarRocksConfig.fromEntries({ a: 'b' }) } }, chart);

    // THEN
    expect(find(manifests, 'StarRocksCluster', 'sr').metadata.labels).toMatchObject({
      'app.kubernetes.io/name': 'from-chart',
      'app.kubernetes.io/managed-by': 'argocd',
    });
    expect(find(manifests, 'ConfigMap', 'sr-fe-cm').metadata.labels).toMatchObject({
      'app.kubernetes.io/name': 'from-chart',
      'app.kubernetes.io/managed-by': 'argocd',
    });
  });

  test('the caller\'s label map is copied, not kept', () => {
    // GIVEN
    const chart = Testing.chart();
    const labels: { [key: string]: string } = { env: 'prod' };

    // WHEN
    new StarRocksCluster(chart, 'Sr', { labels });
    labels.env = 'dev';
    labels.extra = 'x';

    // THEN
    const cr = find(synthValid(chart), 'StarRocksCluster', 'sr');
    expect(cr.metadata.labels).toMatchObject({ env: 'prod' });
    expect(cr.metadata.labels).not.toHaveProperty('extra');
  });
});

describe('cluster-level spec fields', () => {
  test('waitForFullRollout is rendered when set', () => {
    // GIVEN / WHEN
    const { spec } = synthCluster({ waitForFullRollout: true });

    // THEN
    expect(spec.waitForFullRollout).toBe(true);
  });

  test('waitForFullRollout: false is kept explicit', () => {
    // GIVEN / WHEN
    const { spec } = synthCluster({ waitForFullRollout: false });

    // THEN
    expect(spec.waitForFullRollout).toBe(false);
  });

  test('disasterRecovery is rendered with enabled defaulting to true', () => {
    // GIVEN / WHEN
    const { spec } = synthCluster({
      disasterRecovery: { generation: 2 },
      fe: {
        config: StarRocksConfig.fromEntries({ run_mode: 'shared_data' }),
        configMaps: [{ name: 'snapshot', mountPath: '/opt/starrocks/fe/conf/cluster_snapshot.yaml', subPath: 'cluster_snapshot.yaml' }],
      },
      be: { enabled: false },
      cn: {},
    });

    // THEN
    expect(spec.disasterRecovery).toStrictEqual({ enabled: true, generation: 2 });
  });

  test('disasterRecovery enabled: false needs no snapshot mount', () => {
    // GIVEN / WHEN
    const { spec } = synthCluster({ disasterRecovery: { enabled: false, generation: 1 } });

    // THEN
    expect(spec.disasterRecovery).toStrictEqual({ enabled: false, generation: 1 });
  });

  test('disasterRecovery omitEnabled prints no enabled field (the operator reads it as false) and needs no snapshot mount', () => {
    // GIVEN / WHEN
    const { spec } = synthCluster({ disasterRecovery: { omitEnabled: true, generation: 4 } });

    // THEN
    expect(spec.disasterRecovery).toStrictEqual({ generation: 4 });
  });

  test('disasterRecovery with snapshotMountedElsewhere is rendered without an FE snapshot mount', () => {
    // GIVEN / WHEN
    const { spec } = synthCluster({ disasterRecovery: { generation: 3, snapshotMountedElsewhere: true } });

    // THEN
    expect(spec.disasterRecovery).toStrictEqual({ enabled: true, generation: 3 });
  });

  test('timeZone is the first environment variable of FE, BE and CN, before the user\'s', () => {
    // GIVEN / WHEN
    const { spec } = synthCluster({
      timeZone: 'Asia/Shanghai',
      fe: { envVars: [{ name: 'LOG_CONSOLE', value: '1' }] },
      cn: { envVars: [{ name: 'A', value: 'a' }, { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] },
    });

    // THEN
    expect(spec.starRocksFeSpec.feEnvVars).toStrictEqual([{ name: 'TZ', value: 'Asia/Shanghai' }, { name: 'LOG_CONSOLE', value: '1' }]);
    expect(spec.starRocksBeSpec.beEnvVars).toStrictEqual([{ name: 'TZ', value: 'Asia/Shanghai' }]);
    expect(spec.starRocksCnSpec.cnEnvVars).toStrictEqual([
      { name: 'TZ', value: 'Asia/Shanghai' },
      { name: 'A', value: 'a' },
      { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    ]);
  });

  test('without timeZone there is no TZ variable', () => {
    // GIVEN / WHEN
    const { spec, cluster } = synthCluster({ fe: { envVars: [{ name: 'A', value: '1' }] } });

    // THEN
    expect(spec.starRocksFeSpec.feEnvVars).toStrictEqual([{ name: 'A', value: '1' }]);
    expect(spec.starRocksBeSpec).not.toHaveProperty('beEnvVars');
    expect(cluster.fe.hasEnvVar('TZ')).toBe(false);
  });
});

describe('shared component settings (componentValues)', () => {
  const tolerations: k8s.Toleration[] = [{ key: 'dedicated', operator: 'Equal', value: 'starrocks', effect: 'NoSchedule' }];
  const spread: k8s.TopologySpreadConstraint[] = [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' }];
  const affinity: k8s.Affinity = {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['starrocks'] }] }],
      },
    },
  };
  const hostAliases: k8s.HostAlias[] = [{ ip: '10.0.0.1', hostnames: ['hdfs.local'] }];
  const shared = {
    imageTag: '3.3.10',
    hostAliases,
    runAsNonRoot: true,
    schedulerName: 'volcano',
    serviceAccount: 'starrocks-sa',
    imagePullSecrets: ['regcred'],
    tolerations,
    topologySpreadConstraints: spread,
    nodeSelector: { pool: 'starrocks' },
    affinity,
    podLabels: { team: 'data' },
  };
  const inherited = {
    hostAliases: [{ ip: '10.0.0.1', hostnames: ['hdfs.local'] }],
    runAsNonRoot: true,
    schedulerName: 'volcano',
    serviceAccount: 'starrocks-sa',
    imagePullSecrets: [{ name: 'regcred' }],
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'starrocks', effect: 'NoSchedule' }],
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' }],
    nodeSelector: { pool: 'starrocks' },
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['starrocks'] }] }],
        },
      },
    },
    podLabels: { team: 'data' },
  };

  test('FE, BE and CN inherit every shared setting; the FE proxy does not', () => {
    // GIVEN / WHEN
    const { spec } = synthCluster({ shared, cn: {}, feProxy: {} });

    // THEN
    expect(spec.starRocksFeSpec).toStrictEqual({ image: 'starrocks/fe-ubuntu:3.3.10', ...inherited });
    expect(spec.starRocksBeSpec).toStrictEqual({ image: 'starrocks/be-ubuntu:3.3.10', ...inherited });
    expect(spec.starRocksCnSpec).toStrictEqual({ image: 'starrocks/cn-ubuntu:3.3.10', ...inherited });
    expect(spec.starRocksFeProxySpec).toStrictEqual({});
  });

  test('a component\'s own value replaces the shared one (no merging of lists or maps)', () => {
    // GIVEN / WHEN
    const { spec } = synthCluster({
      shared,
      be: {
        imageTag: '3.3.11',
        tolerations: [{ key: 'be-only', operator: 'Exists' }],
        nodeSelector: { disk: 'ssd' },
        podLabels: { tier: 'storage' },
        imagePullSecrets: ['be-cred'],
        schedulerName: 'default-scheduler',
      },
    });

    // THEN
    expect(spec.starRocksBeSpec).toMatchObject({
      image: 'starrocks/be-ubuntu:3.3.11',
      tolerations: [{ key: 'be-only', operator: 'Exists' }],
      nodeSelector: { disk: 'ssd' },
      podLabels: { tier: 'storage' },
      imagePullSecrets: [{ name: 'be-cred' }],
      schedulerName: 'default-scheduler',
    });
    expect(spec.starRocksFeSpec).toMatchObject({ image: 'starrocks/fe-ubuntu:3.3.10', nodeSelector: { pool: 'starrocks' } });
  });

  test('an explicit false, empty list or empty map on a component overrides the shared value (V20)', () => {
    // GIVEN / WHEN
    const { spec } = synthCluster({
      shared,
      fe: {
        runAsNonRoot: false,
        hostAliases: [],
        imagePullSecrets: [],
        tolerations: [],
        topologySpreadConstraints: [],
        nodeSelector: {},
        affinity: {},
        podLabels: {},
      },
    });

    // THEN
    expect(spec.starRocksFeSpec).toStrictEqual({
      image: 'starrocks/fe-ubuntu:3.3.10',
      runAsNonRoot: false,
      schedulerName: 'volcano',
      serviceAccount: 'starrocks-sa',
    });
    expect(spec.starRocksBeSpec).toStrictEqual({ image: 'starrocks/be-ubuntu:3.3.10', ...inherited });
  });

  test('an explicit image beats the shared image tag', () => {
    // GIVEN / WHEN
    const { spec, cluster } = synthCluster({ shared: { imageTag: '3.3.10' }, fe: { image: 'registry.local/sr/fe:3.2.1' } });

    // THEN
    expect(spec.starRocksFeSpec.image).toBe('registry.local/sr/fe:3.2.1');
    expect(cluster.fe.image).toBe('registry.local/sr/fe:3.2.1');
    expect(spec.starRocksBeSpec.image).toBe('starrocks/be-ubuntu:3.3.10');
  });
});

describe('components on and off', () => {
  test('BE disabled: no BE spec and no BE ConfigMap', () => {
    // GIVEN / WHEN
    const { spec, manifests, cluster } = synthCluster({
      fe: { config: StarRocksConfig.fromEntries({ run_mode: 'shared_data' }) },
      be: { enabled: false, config: StarRocksConfig.fromEntries({ a: 'b' }) },
      cn: {},
    });

    // THEN
    expect(spec).not.toHaveProperty('starRocksBeSpec');
    expect(cluster.be).toBeUndefined();
    expect(cluster.sharedData).toBe(true);
    expect(kindsAndNames(manifests)).toStrictEqual(['ConfigMap sr-fe-cm', 'StarRocksCluster sr']);
  });

  test('CN is enabled by giving cn; enabled: false leaves it out', () => {
    // GIVEN / WHEN
    const withCn = synthCluster({ cn: { replicas: 2 } });
    const withoutCn = synthCluster({ cn: { enabled: false, replicas: 2, config: StarRocksConfig.fromEntries({ a: 'b' }) } });

    // THEN
    expect(withCn.spec.starRocksCnSpec).toStrictEqual({ image: 'starrocks/cn-ubuntu:4.1-latest', replicas: 2 });
    expect(withCn.cluster.cn?.statefulSetName).toBe('sr-cn');
    expect(withoutCn.spec).not.toHaveProperty('starRocksCnSpec');
    expect(withoutCn.cluster.cn).toBeUndefined();
    expect(kindsAndNames(withoutCn.manifests)).toStrictEqual(['StarRocksCluster sr']);
  });

  test('the FE proxy is rendered when feProxy is given', () => {
    // GIVEN / WHEN
    const { spec, cluster } = synthCluster({ feProxy: { replicas: 2 } });

    // THEN
    expect(spec.starRocksFeProxySpec).toStrictEqual({ replicas: 2 });
    expect(cluster.hasFeProxy).toBe(true);
    expect(cluster.feProxyServiceName).toBe('sr-fe-proxy-service');
  });
});

describe('config files', () => {
  test('a config makes a ConfigMap <c>-<x>-cm with key <x>.conf, configMapInfo and the hash annotation', () => {
    // GIVEN
    const feConfig = StarRocksConfig.fromEntries({ query_port: '9030', sys_log_level: 'INFO' });
    const beConfig = StarRocksConfig.fromText('be_port = 9060\n');
    const cnConfig = StarRocksConfig.fromEntries({ thrift_port: '9060' });

    // WHEN
    const { spec, manifests } = synthCluster({ fe: { config: feConfig }, be: { config: beConfig }, cn: { config: cnConfig } });

    // THEN
    expect(kindsAndNames(manifests)).toStrictEqual(['ConfigMap sr-be-cm', 'ConfigMap sr-cn-cm', 'ConfigMap sr-fe-cm', 'StarRocksCluster sr']);
    expect(find(manifests, 'ConfigMap', 'sr-fe-cm').data).toStrictEqual({ 'fe.conf': 'query_port = 9030\nsys_log_level = INFO\n' });
    expect(find(manifests, 'ConfigMap', 'sr-be-cm').data).toStrictEqual({ 'be.conf': 'be_port = 9060\n' });
    expect(find(manifests, 'ConfigMap', 'sr-cn-cm').data).toStrictEqual({ 'cn.conf': 'thrift_port = 9060\n' });
    expect(spec.starRocksFeSpec).toMatchObject({
      configMapInfo: { configMapName: 'sr-fe-cm', resolveKey: 'fe.conf' },
      annotations: { 'app.starrocks.io/fe-config-hash': feConfig.hash },
    });
    expect(spec.starRocksBeSpec).toMatchObject({
      configMapInfo: { configMapName: 'sr-be-cm', resolveKey: 'be.conf' },
      annotations: { 'app.starrocks.io/be-config-hash': beConfig.hash },
    });
    expect(spec.starRocksCnSpec).toMatchObject({
      configMapInfo: { configMapName: 'sr-cn-cm', resolveKey: 'cn.conf' },
      annotations: { 'app.starrocks.io/cn-config-hash': cnConfig.hash },
    });
  });

  test('the ConfigMap of a component is labelled cluster: <c> and app: <x>', () => {
    // GIVEN / WHEN
    const { manifests } = synthCluster({ be: { config: StarRocksConfig.fromEntries({ a: 'b' }) } });

    // THEN
    expect(find(manifests, 'ConfigMap', 'sr-be-cm').metadata.labels).toStrictEqual({
      ...LIBRARY_LABELS,
      'app.kubernetes.io/instance': 'sr',
      'cluster': 'sr',
      'app': 'be',
    });
  });

  test('rollOnConfigChange: false leaves the hash annotation out', () => {
    // GIVEN / WHEN
    const { spec, manifests } = synthCluster({ fe: { config: StarRocksConfig.fromEntries({ a: 'b' }), rollOnConfigChange: false } });

    // THEN
    expect(spec.starRocksFeSpec).toStrictEqual({
      image: 'starrocks/fe-ubuntu:4.1-latest',
      configMapInfo: { configMapName: 'sr-fe-cm', resolveKey: 'fe.conf' },
    });
    expect(find(manifests, 'ConfigMap', 'sr-fe-cm').data).toStrictEqual({ 'fe.conf': 'a = b\n' });
  });

  test('configMapName names the ConfigMap', () => {
    // GIVEN / WHEN
    const { spec, manifests, cluster } = synthCluster({ fe: { config: StarRocksConfig.fromEntries({ a: 'b' }), configMapName: 'my-fe-config' } });

    // THEN
    expect(cluster.fe.configMapName).toBe('my-fe-config');
    expect(find(manifests, 'ConfigMap', 'my-fe-config').data).toStrictEqual({ 'fe.conf': 'a = b\n' });
    expect(spec.starRocksFeSpec.configMapInfo).toStrictEqual({ configMapName: 'my-fe-config', resolveKey: 'fe.conf' });
  });

  test('configMapName is only set while the library writes that ConfigMap', () => {
    // GIVEN
    const chart = Testing.chart();
    const cluster = new StarRocksCluster(chart, 'Sr', { name: 'sr' });

    // WHEN / THEN: BE has no config yet, so no ConfigMap is written and none is named
    expect(cluster.be!.configMapName).toBeUndefined();
    expect(Testing.synth(chart).filter((o) => o.kind === 'ConfigMap')).toEqual([]);
    cluster.be!.addConfig('mem_limit', '80%');
    expect(cluster.be!.configMapName).toBe('sr-be-cm');
    expect(find(Testing.synth(chart), 'ConfigMap', 'sr-be-cm').data).toStrictEqual({ 'be.conf': 'mem_limit = 80%\n' });
  });

  test('existingConfig points the operator at a ConfigMap managed elsewhere, without creating one or a hash', () => {
    // GIVEN / WHEN
    const { spec, manifests } = synthCluster({ be: { existingConfig: { configMapName: 'shared-be-conf', resolveKey: 'be.conf' } } });

    // THEN
    expect(kindsAndNames(manifests)).toStrictEqual(['StarRocksCluster sr']);
    expect(spec.starRocksBeSpec).toStrictEqual({
      image: 'starrocks/be-ubuntu:4.1-latest',
      configMapInfo: { configMapName: 'shared-be-conf', resolveKey: 'be.conf' },
    });
  });

  test('an empty entries config still gives a ConfigMap with an empty file', () => {
    // GIVEN / WHEN
    const { manifests, spec } = synthCluster({ fe: { config: StarRocksConfig.fromEntries({}) } });

    // THEN
    expect(find(manifests, 'ConfigMap', 'sr-fe-cm').data).toStrictEqual({ 'fe.conf': '' });
    expect(spec.starRocksFeSpec.configMapInfo).toStrictEqual({ configMapName: 'sr-fe-cm', resolveKey: 'fe.conf' });
  });

  describeShared('hash parity with the kube-starrocks chart (conformance case 01-default)', () => {
    const expected = YAML.parseAllDocuments(readShared('conformance/cases/01-default/expected.yaml')).map((d) => d.toJS()).filter((d) => d);
    const defaultFeConf: string = find(expected, 'ConfigMap', 'kube-starrocks-fe-cm').data['fe.conf'];
    const defaultBeConf: string = find(expected, 'ConfigMap', 'kube-starrocks-be-cm').data['be.conf'];

    test('the chart\'s default fe.conf given as text hashes to fa8499a9 and is kept byte for byte', () => {
      // GIVEN / WHEN
      const { spec, manifests } = synthCluster({ name: 'kube-starrocks', fe: { config: StarRocksConfig.fromText(defaultFeConf) } });

      // THEN
      expect(spec.starRocksFeSpec.annotations).toStrictEqual({ 'app.starrocks.io/fe-config-hash': 'fa8499a9' });
      expect(find(manifests, 'ConfigMap', 'kube-starrocks-fe-cm').data['fe.conf']).toBe(defaultFeConf);
    });

    test('the chart\'s default be.conf hashes as the chart does', () => {
      // GIVEN
      const chartCr = find(expected, 'StarRocksCluster', 'kube-starrocks');

      // WHEN
      const { spec } = synthCluster({ name: 'kube-starrocks', be: { config: StarRocksConfig.fromText(defaultBeConf) } });

      // THEN
      expect(spec.starRocksBeSpec.annotations).toStrictEqual({
        'app.starrocks.io/be-config-hash': chartCr.spec.starRocksBeSpec.annotations['app.starrocks.io/be-config-hash'],
      });
    });
  });
});

describe('ports read from the config', () => {
  test('defaults without a config', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    const cluster = new StarRocksCluster(chart, 'Sr', { cn: {} });

    // THEN
    expect(cluster.feQueryPort).toBe(9030);
    expect(cluster.feHttpPort).toBe(8030);
    expect(cluster.fe.port(StarRocksPort.RPC)).toBe(9020);
    expect(cluster.fe.port(StarRocksPort.EDIT_LOG)).toBe(9010);
    expect(cluster.be?.port(StarRocksPort.BE)).toBe(9060);
    expect(cluster.be?.port(StarRocksPort.WEBSERVER)).toBe(8040);
    expect(cluster.be?.port(StarRocksPort.HEARTBEAT)).toBe(9050);
    expect(cluster.be?.port(StarRocksPort.BRPC)).toBe(8060);
    expect(cluster.cn?.port(StarRocksPort.THRIFT)).toBe(9060);
    expect(cluster.cn?.port(StarRocksPort.WEBSERVER)).toBe(8040);
    synthValid(chart);
  });

  test('FE ports come from fe.conf', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    const cluster = new StarRocksCluster(chart, 'Sr', {
      fe: { config: StarRocksConfig.fromText('# ports\nquery_port = 19030\nhttp_port=18030\n') },
    });

    // THEN
    expect(cluster.feQueryPort).toBe(19030);
    expect(cluster.feHttpPort).toBe(18030);
    expect(cluster.fe.port(StarRocksPort.RPC)).toBe(9020);
    synthValid(chart);
  });

  test('BE webserver port from webserver_port, or its alias be_http_port', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    const aliasOnly = new StarRocksCluster(chart, 'A', { be: { config: StarRocksConfig.fromEntries({ be_http_port: '8041' }) } });
    const both = new StarRocksCluster(chart, 'B', { be: { config: StarRocksConfig.fromEntries({ be_http_port: '8041', webserver_port: '8042' }) } });

    // THEN
    expect(aliasOnly.be?.port(StarRocksPort.WEBSERVER)).toBe(8041);
    expect(both.be?.port(StarRocksPort.WEBSERVER)).toBe(8042);
    synthValid(chart);
  });

  test('CN thrift port from thrift_port, or be_port', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    const thrift = new StarRocksCluster(chart, 'A', { cn: { config: StarRocksConfig.fromEntries({ thrift_port: '9061' }) } });
    const bePort = new StarRocksCluster(chart, 'B', { cn: { config: StarRocksConfig.fromEntries({ be_port: '9062' }) } });

    // THEN
    expect(thrift.cn?.port(StarRocksPort.THRIFT)).toBe(9061);
    expect(bePort.cn?.port(StarRocksPort.THRIFT)).toBe(9062);
    synthValid(chart);
  });

  test('the arrow-flight port exists only when configured', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    const cluster = new StarRocksCluster(chart, 'Sr', { fe: { config: StarRocksConfig.fromEntries({ arrow_flight_port: '9408' }) } });

    // THEN
    expect(cluster.fe.port(StarRocksPort.ARROW_FLIGHT)).toBe(9408);
    expect(() => cluster.be?.port(StarRocksPort.ARROW_FLIGHT)).toThrow(/'be port' must be a port the component has: arrow-flight needs "arrow_flight_port" in the be config, got "arrow-flight"/);
    synthValid(chart);
  });

  test('ports follow entries added after construction', () => {
    // GIVEN
    const chart = Testing.chart();
    const cluster = new StarRocksCluster(chart, 'Sr');

    // WHEN
    cluster.fe.addConfig('query_port', '9031');

    // THEN
    expect(cluster.feQueryPort).toBe(9031);
    synthValid(chart);
  });

  test('fails for a port name the component does not have', () => {
    // GIVEN
    const chart = Testing.chart();
    const cluster = new StarRocksCluster(chart, 'Sr');

    // WHEN / THEN
    expect(() => cluster.fe.port(StarRocksPort.WEBSERVER)).toThrow(/'fe port' must be one of "http", "rpc", "query", "edit-log", got "webserver"/);
  });
});

describe('names the operator derives', () => {
  test('StatefulSets, Services and selector labels of each component', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    const cluster = new StarRocksCluster(chart, 'Sr', { name: 'kube-starrocks', cn: {} });

    // THEN
    expect(cluster.fe.statefulSetName).toBe('kube-starrocks-fe');
    expect(cluster.fe.serviceName).toBe('kube-starrocks-fe-service');
    expect(cluster.fe.searchServiceName).toBe('kube-starrocks-fe-search');
    expect(cluster.feServiceName).toBe('kube-starrocks-fe-service');
    expect(cluster.feSearchServiceName).toBe('kube-starrocks-fe-search');
    expect(cluster.be?.statefulSetName).toBe('kube-starrocks-be');
    expect(cluster.cn?.serviceName).toBe('kube-starrocks-cn-service');
    expect(cluster.cn?.searchServiceName).toBe('kube-starrocks-cn-search');
    expect(cluster.fe.configMapName).toBeUndefined(); // no fe.conf: the library writes no ConfigMap, so none is named
    expect(cluster.fe.selectorLabels).toStrictEqual({
      'app.kubernetes.io/component': 'fe',
      'app.starrocks.ownerreference/name': 'kube-starrocks-fe',
    });
    expect(cluster.be?.serviceLabels).toStrictEqual({
      'app.kubernetes.io/component': 'be',
      'app.starrocks.ownerreference/name': 'kube-starrocks',
    });
    synthValid(chart);
  });

  test('selectorLabels returns a copy', () => {
    // GIVEN
    const chart = Testing.chart();
    const cluster = new StarRocksCluster(chart, 'Sr');

    // WHEN
    const labels = cluster.fe.selectorLabels;
    labels['app.kubernetes.io/component'] = 'changed';

    // THEN
    expect(cluster.fe.selectorLabels['app.kubernetes.io/component']).toBe('fe');
  });
});

describe('fromClusterName', () => {
  test('refers to a cluster defined elsewhere with default ports and the chart namespace', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test', { namespace: 'db' });

    // WHEN
    const ref = StarRocksCluster.fromClusterName(chart, 'Ref', 'kube-starrocks');

    // THEN
    expect(ref.clusterName).toBe('kube-starrocks');
    expect(ref.clusterNamespace).toBe('db');
    expect(ref.feServiceName).toBe('kube-starrocks-fe-service');
    expect(ref.feSearchServiceName).toBe('kube-starrocks-fe-search');
    expect(ref.feQueryPort).toBe(9030);
    expect(ref.feHttpPort).toBe(8030);
    expect(synthValid(chart)).toStrictEqual([]);
  });

  test('takes the namespace and ports from the options', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    const ref = StarRocksCluster.fromClusterName(chart, 'Ref', 'sr', { namespace: 'other', feQueryPort: 19030, feHttpPort: 18030 });

    // THEN
    expect(ref.clusterNamespace).toBe('other');
    expect(ref.feQueryPort).toBe(19030);
    expect(ref.feHttpPort).toBe(18030);
  });

  test('fails for a name that is not a DNS-1035 label', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN / THEN
    expect(() => StarRocksCluster.fromClusterName(chart, 'Ref', '1cluster')).toThrow(/'clusterName' must be a DNS-1035 label .* got "1cluster"/);
    expect(() => StarRocksCluster.fromClusterName(chart, 'Ref2', 'Kube_StarRocks')).toThrow(/'clusterName' must be .* got "Kube_StarRocks"/);
  });

  test('fails for a port out of range', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN / THEN
    expect(() => StarRocksCluster.fromClusterName(chart, 'Ref', 'sr', { feQueryPort: 70000 })).toThrow(/'feQueryPort' must be a whole number from 1 to 65535, got 70000/);
  });
});

describe('escape hatches', () => {
  test('ApiObject.of(cluster) is the custom resource', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    const cluster = new StarRocksCluster(chart, 'Sr');

    // THEN
    const obj = ApiObject.of(cluster);
    expect(obj).toBe(cluster.apiObject);
    expect(obj.kind).toBe('StarRocksCluster');
    expect(obj.apiVersion).toBe('starrocks.com/v1');
    expect(obj.name).toBe('sr');
  });

  test('a JsonPatch on the custom resource shows in the output', () => {
    // GIVEN
    const chart = Testing.chart();
    const cluster = new StarRocksCluster(chart, 'Sr', { fe: { replicas: 1 } });

    // WHEN
    ApiObject.of(cluster).addJsonPatch(
      JsonPatch.replace('/spec/starRocksFeSpec/replicas', 3),
      JsonPatch.add('/spec/starRocksFeSpec/schedulerName', 'volcano'),
      JsonPatch.add('/metadata/annotations', { 'starrocks.com/ignored': 'true' }),
    );

    // THEN
    const cr = find(synthValid(chart), 'StarRocksCluster', 'sr');
    expect(cr.spec.starRocksFeSpec).toMatchObject({ replicas: 3, schedulerName: 'volcano' });
    expect(cr.metadata.annotations).toStrictEqual({ 'starrocks.com/ignored': 'true' });
  });

  test('a patch that keeps the schema valid passes the schema check', () => {
    // GIVEN
    const chart = Testing.chart();
    const cluster = new StarRocksCluster(chart, 'Sr');

    // WHEN
    ApiObject.of(cluster).addJsonPatch(JsonPatch.add('/spec/starRocksBeSpec/replicas', 3));

    // THEN
    expect(find(synthValid(chart), 'StarRocksCluster', 'sr').spec.starRocksBeSpec.replicas).toBe(3);
  });
});

describe('determinism', () => {
  function parseYaml(text: string): any[] {
    return YAML.parseAllDocuments(text).map((d) => d.toJS());
  }

  function fullApp(entries: Array<[string, string]>): App {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'db' });
    const cluster = new StarRocksCluster(chart, 'Sr', {
      timeZone: 'UTC',
      fe: { config: StarRocksConfig.fromEntries(Object.fromEntries(entries)), replicas: 3 },
      be: { config: StarRocksConfig.fromEntries(Object.fromEntries([...entries].reverse())) },
      cn: { autoScaling: { maxReplicas: 4 } },
      feProxy: {},
    });
    cluster.fe.addPodAnnotation('b', '2');
    cluster.fe.addPodAnnotation('a', '1');
    ApiObject.of(cluster).addJsonPatch(JsonPatch.add('/spec/starRocksFeSpec/schedulerName', 'volcano'));
    return app;
  }

  test('two synths of the same app give identical YAML', () => {
    // GIVEN
    const app = fullApp([['query_port', '9030'], ['http_port', '8030']]);

    // WHEN
    const first = app.synthYaml();
    const second = app.synthYaml();

    // THEN
    expect(second).toBe(first);
    expect(first).toContain('schedulerName: volcano');
    expectValidManifests(parseYaml(first));
  });

  test('the order in which config entries are given does not change the output', () => {
    // GIVEN
    const entries: Array<[string, string]> = [['query_port', '9030'], ['http_port', '8030'], ['sys_log_level', 'INFO'], ['a.b-c', 'x y']];

    // WHEN
    const forward = fullApp(entries).synthYaml();
    const backward = fullApp([...entries].reverse()).synthYaml();

    // THEN
    expect(backward).toBe(forward);
    expectValidManifests(parseYaml(forward));
  });

  test('the synthesized YAML is valid for every object', () => {
    // GIVEN
    const app = fullApp([['query_port', '9030']]);

    // WHEN
    const docs = parseYaml(app.synthYaml());

    // THEN
    expectValidManifests(docs);
    expect(docs.map((d) => `${d.kind} ${d.metadata.name}`).sort()).toStrictEqual([
      'ConfigMap sr-be-cm',
      'ConfigMap sr-fe-cm',
      'StarRocksCluster sr',
    ]);
  });
});

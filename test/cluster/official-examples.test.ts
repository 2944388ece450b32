/**
 * The six official example manifests of the StarRocks operator (v1.11.5, `examples/starrocks/`,
 * copied read-only to ../shared/examples), rebuilt with the typed API.
 *
 * Each rebuild must give the example's StarRocksCluster custom resource (compared by the rules of
 * ../shared/conformance/README.md) and its ConfigMaps with the same names and the same `data`.
 * Everything synthesized must also validate against the CRD and Kubernetes schemas.
 *
 * The inputs below are written by hand; the example files are only read as the expected output.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Size, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { StarRocksResources, ResourceQuantity, ServiceType, StarRocksCluster, StarRocksConfig } from '../../src';
import { CHART_CN_CONF } from '../util/chart-config';
import { compareManifests, parseManifestStream } from '../util/conformance';
import { expectValidManifests } from '../util/schema';
import { describeShared, readShared, SHARED_DIR } from '../util/shared';

/** The examples use whole CPUs (YAML numbers) and binary memory sizes. */
function resources(cpuRequest: number, memoryRequest: string, cpuLimit: number, memoryLimit: string): StarRocksResources {
  return {
    requests: { cpu: ResourceQuantity.fromNumber(cpuRequest), memory: ResourceQuantity.of(memoryRequest) },
    limits: { cpu: ResourceQuantity.fromNumber(cpuLimit), memory: ResourceQuantity.of(memoryLimit) },
  };
}

/** The examples' config files, as written in their ConfigMaps (a YAML `|` block keeps the final newline). */
const FE_CONF = [
  'LOG_DIR = ${STARROCKS_HOME}/log',
  'DATE = "$(date +%Y%m%d-%H%M%S)"',
  'JAVA_OPTS="-Dlog4j2.formatMsgNoLookups=true -Xmx8192m -XX:+UseG1GC -Xlog:gc*:${LOG_DIR}/fe.gc.log.$DATE:time"',
  'http_port = 8030',
  'rpc_port = 9020',
  'query_port = 9030',
  'edit_log_port = 9010',
  'mysql_service_nio_enabled = true',
  'sys_log_level = INFO',
  '',
].join('\n');

const FE_CONF_SHARED_DATA = FE_CONF + [
  '# config for shared-data mode',
  'run_mode = shared_data',
  'cloud_native_meta_port = 6090',
  '# Whether volume can be created from conf. If it is enabled, a builtin storage volume may be created.',
  'enable_load_volume_from_conf = false',
  '',
].join('\n');

const BE_CONF = [
  'be_port = 9060',
  'webserver_port = 8040',
  'heartbeat_service_port = 9050',
  'brpc_port = 8060',
  'sys_log_level = INFO',
  'default_rowset_type = beta',
  '',
].join('\n');

/**
 * A config file kept under the example's ConfigMap name, without the config-hash pod annotation
 * (the examples have none; the library adds it by default so that a changed config rolls the pods).
 */
function exampleConfig(text: string, configMapName: string) {
  return { config: StarRocksConfig.fromText(text), configMapName, rollOnConfigChange: false };
}

interface OfficialExample {
  readonly file: string;
  readonly build: (chart: Chart) => StarRocksCluster;
}

const EXAMPLES: OfficialExample[] = [
  {
    file: 'deploy_a_starrocks_cluster_with_no_ha.yaml',
    build: (chart) => new StarRocksCluster(chart, 'Cluster', {
      name: 'a-starrocks-with-no-ha',
      shared: { imageTag: 'latest' },
      fe: { replicas: 1, resources: resources(1, '2Gi', 2, '4Gi') },
      be: { replicas: 1, resources: resources(1, '2Gi', 2, '4Gi') },
    }),
  },
  {
    file: 'deploy_a_ha_starrocks_cluster.yaml',
    build: (chart) => new StarRocksCluster(chart, 'Cluster', {
      name: 'a-ha-starrocks',
      shared: { imageTag: 'latest' },
      fe: { replicas: 3, resources: resources(8, '16Gi', 8, '16Gi') },
      be: { replicas: 3, resources: resources(16, '64Gi', 16, '64Gi') },
    }),
  },
  {
    file: 'deploy_a_starrocks_cluster_running_in_shared_data_mode.yaml',
    build: (chart) => new StarRocksCluster(chart, 'Cluster', {
      name: 'a-starrocks-in-share-data-mode',
      shared: { imageTag: 'latest' },
      fe: {
        replicas: 3,
        resources: resources(8, '16Gi', 8, '16Gi'),
        ...exampleConfig(FE_CONF_SHARED_DATA, 'starrockscluster-sample-fe-cm'),
      },
      be: { enabled: false },
      cn: { replicas: 1, resources: resources(16, '64Gi', 16, '64Gi') },
    }),
  },
  {
    file: 'deploy_a_starrocks_cluster_with_cn.yaml',
    build: (chart) => new StarRocksCluster(chart, 'Cluster', {
      name: 'a-starrocks-with-cn',
      shared: { imageTag: 'latest' },
      fe: {
        replicas: 3,
        resources: resources(4, '8Gi', 4, '8Gi'),
        metaStorage: { size: Size.gibibytes(10) },
        logStorage: { size: Size.gibibytes(5) },
      },
      be: {
        replicas: 3,
        resources: resources(4, '8Gi', 4, '8Gi'),
        dataStorage: { size: Size.tebibytes(1) },
        logStorage: { size: Size.gibibytes(1) },
      },
      cn: {
        resources: resources(4, '8Gi', 4, '8Gi'),
        // The CN volumes are not the standard `cn-data`/`cn-log` pair (a hostPath volume named
        // `cn-cache-data` with a size, listed before the log volume), so they are given raw.
        storageVolumes: [
          {
            name: 'cn-cache-data',
            storageClassName: 'hostPath',
            hostPath: { path: '/storage' },
            storageSize: Size.tebibytes(1),
            mountPath: '/opt/starrocks/cn/storage',
          },
          { name: 'cn-log', storageSize: Size.gibibytes(1), mountPath: '/opt/starrocks/cn/log' },
        ],
        autoScaling: {
          maxReplicas: 10,
          minReplicas: 1,
          metrics: [
            { type: 'Resource', resource: { name: 'memory', target: { averageUtilization: 60, type: 'Utilization' } } },
            { type: 'Resource', resource: { name: 'cpu', target: { averageUtilization: 60, type: 'Utilization' } } },
          ] satisfies k8s.MetricSpecV2[],
          behavior: {
            scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 10 }] },
            scaleDown: { selectPolicy: 'Disabled' },
          } satisfies k8s.HorizontalPodAutoscalerBehaviorV2,
        },
      },
    }),
  },
  {
    file: 'deploy_a_starrocks_cluster_with_custom_configurations.yaml',
    build: (chart) => new StarRocksCluster(chart, 'Cluster', {
      name: 'a-starrocks-with-custom-config',
      shared: { imageTag: 'latest' },
      fe: { replicas: 3, resources: resources(8, '16Gi', 8, '16Gi'), ...exampleConfig(FE_CONF, 'starrockscluster-sample-fe-cm') },
      be: { replicas: 3, resources: resources(16, '64Gi', 16, '64Gi'), ...exampleConfig(BE_CONF, 'starrockscluster-sample-be-cm') },
      cn: { replicas: 1, resources: resources(16, '64Gi', 16, '64Gi'), ...exampleConfig(CHART_CN_CONF, 'starrockscluster-sample-cn-cm') },
    }),
  },
  {
    file: 'deploy_a_starrocks_cluster_with_fe_proxy.yaml',
    build: (chart) => new StarRocksCluster(chart, 'Cluster', {
      name: 'a-starrocks-with-fe-proxy',
      shared: { imageTag: 'latest' },
      fe: {
        replicas: 3,
        resources: resources(8, '16Gi', 8, '16Gi'),
        service: { type: ServiceType.NODE_PORT, ports: [{ name: 'query', nodePort: 32755, port: 9030, containerPort: 9030 }] },
      },
      be: { replicas: 3, resources: resources(16, '64Gi', 16, '64Gi') },
      feProxy: {
        replicas: 1,
        resources: resources(1, '2Gi', 1, '2Gi'),
        service: { type: ServiceType.NODE_PORT, ports: [{ name: 'http-port', containerPort: 8080, nodePort: 30180, port: 8080 }] },
        resolver: 'kube-dns.kube-system.svc.cluster.local',
      },
    }),
  },
];

/**
 * The example's ConfigMaps are labelled `cluster: starrockscluster-sample`, a name left over from
 * the operator's sample cluster that matches none of the example clusters. The library labels a
 * cluster's ConfigMaps `cluster: <cluster name>` (as the Helm chart does), so ConfigMap labels are
 * left out of the comparison: the names and the `data` must still be the same.
 */
function withoutConfigMapLabels(objs: any[]): any[] {
  return objs.map((o) => {
    if (o.apiVersion !== 'v1' || o.kind !== 'ConfigMap') {
      return o;
    }
    const { labels, ...metadata } = o.metadata;
    void labels;
    return { ...o, metadata };
  });
}

describeShared('official StarRocks operator examples (v1.11.5), rebuilt with the typed API', () => {
  test('every example in ../shared/examples is rebuilt here', () => {
    const files = fs.readdirSync(path.join(SHARED_DIR, 'examples')).filter((f) => f.endsWith('.yaml')).sort();
    expect(EXAMPLES.map((e) => e.file).sort()).toEqual(files);
  });

  test.each(EXAMPLES.map((e) => [e.file, e] as const))('%s', (_file, example) => {
    // GIVEN the example's objects
    const expected = parseManifestStream(readShared(`examples/${example.file}`));
    const expectedCr = expected.filter((o) => o.kind === 'StarRocksCluster');
    expect(expectedCr).toHaveLength(1);
    expect(expectedCr[0].metadata.namespace).toBeUndefined();

    // WHEN the example is rebuilt in a chart without namespace, like the example's objects
    const chart = Testing.chart();
    const cluster = example.build(chart);
    const manifest = Testing.synth(chart);

    // THEN the custom resource and the ConfigMaps (name and data) are the example's, and nothing else
    expect(compareManifests(manifest, withoutConfigMapLabels(expected), 'default')).toEqual([]);
    expect(manifest.find((o) => o.kind === 'StarRocksCluster').metadata.name).toBe(cluster.clusterName);
    expect(manifest.filter((o) => o.kind === 'ConfigMap').map((o) => [o.metadata.name, o.data]))
      .toEqual(expected.filter((o) => o.kind === 'ConfigMap').map((o) => [o.metadata.name, o.data]));
    expectValidManifests(manifest);
  });
});

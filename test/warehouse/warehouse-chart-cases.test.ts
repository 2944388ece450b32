/**
 * The warehouse chart's conformance cases (../shared/conformance, chart 1.11.5), rebuilt with the
 * typed API: the library must give the same StarRocksWarehouse and `<release>-cm` ConfigMap as
 * `helm template`, and refuse what the API server would reject.
 *
 * The inputs are written by hand from each case's values.yaml; only expected.yaml is read.
 *
 * Not reproduced here, and left to the Helm layer (fromHelmValues for the warehouse chart):
 * - the top-level `secrets` / `configMaps` of the chart (a Secret `wh-secret` and a ConfigMap
 *   `wh-config`): plain user objects, without namespace, not part of the warehouse construct;
 * - the Datadog settings (`datadog.log`, `datadog.metrics`): given below as the plain pod
 *   annotation, environment variable and Service annotations the chart derives from them. The
 *   chart's log annotation key is `ad.datadoghq.com/warehouse.logs`, but the container is named
 *   `cn`, so Datadog ignores it; the Helm layer must keep that key for parity and should warn;
 * - `spec.service.loadbalancerIP` with a NodePort Service: the chart drops it silently, the typed
 *   API refuses it (it is only valid for LoadBalancer), so the Helm layer must drop it (and warn);
 * - values the chart always prints (`runAsNonRoot: false`, `minReadySeconds: 0`, `TZ`,
 *   `service.type: ClusterIP`): the typed API leaves them to the operator unless given, as case 02
 *   gives them here.
 */
import { Chart, Duration, Size, Testing } from 'cdk8s';
import { HpaVersion, ResourceQuantity, ServiceType, StarRocksCluster, StarRocksConfig, StarRocksPort } from '../../src';
import { StarRocksWarehouse } from '../../src/warehouse/warehouse';
import { CHART_CN_CONF } from '../util/chart-config';
import { compareManifests, ConformanceCase, expectedManifests, loadConformanceCases } from '../util/conformance';
import { expectValidManifests } from '../util/schema';
import { describeShared } from '../util/shared';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

function loadCase(name: string): ConformanceCase {
  const c = loadConformanceCases().find((x) => x.name === name);
  if (!c) {
    throw new Error(`conformance case ${name} not found`);
  }
  return c;
}

/** The expected objects the warehouse construct is responsible for: the custom resource and its config ConfigMap. */
function warehouseObjects(c: ConformanceCase): any[] {
  return expectedManifests(c).filter((o) => o.kind === 'StarRocksWarehouse' || (o.kind === 'ConfigMap' && o.metadata.name === `${c.release}-cm`));
}

describeShared('warehouse chart conformance cases', () => {
  test('02-warehouse-default: fails without a cluster, naming the values key (libraryExpectError)', () => {
    // GIVEN
    const c = loadCase('02-warehouse-default');
    const chart = new Chart(Testing.app(), 'test', { namespace: c.namespace });

    // THEN
    expect(c.libraryExpectError).toBe('starRocksClusterName');
    expect(() => new StarRocksWarehouse(chart, 'Warehouse', {
      cluster: undefined as any,
      name: c.release,
      config: StarRocksConfig.fromText(CHART_CN_CONF),
    })).toThrow(new RegExp(`spec\\.${c.libraryExpectError}`));
  });

  test('02-warehouse-default: with a cluster, the rest of the chart\'s output is reproduced', () => {
    // GIVEN
    const c = loadCase('02-warehouse-default');
    const chart = new Chart(Testing.app(), 'test', { namespace: c.namespace });
    const cluster = StarRocksCluster.fromClusterName(chart, 'Cluster', 'kube-starrocks');

    // WHEN
    new StarRocksWarehouse(chart, 'Warehouse', {
      cluster,
      name: c.release,
      // what the chart always prints
      timeZone: 'Asia/Shanghai',
      runAsNonRoot: false,
      minReady: Duration.seconds(0),
      service: { type: ServiceType.CLUSTER_IP },
      resources: {
        limits: { cpu: ResourceQuantity.fromNumber(8), memory: ResourceQuantity.size(Size.gibibytes(8)) },
        requests: { cpu: ResourceQuantity.fromNumber(4), memory: ResourceQuantity.size(Size.gibibytes(8)) },
      },
      config: StarRocksConfig.fromText(CHART_CN_CONF),
    });
    const manifest = Testing.synth(chart);

    // THEN: the chart prints `starRocksCluster:` with no value, which the CRD rejects
    const expected = warehouseObjects(c).map((o) => (o.kind === 'StarRocksWarehouse'
      ? { ...o, spec: { ...o.spec, starRocksCluster: 'kube-starrocks' } }
      : o));
    expect(compareManifests(manifest, expected, c.namespace)).toEqual([]);
    expectValidManifests(manifest);
  });

  test('35-warehouse-full: the custom resource and the ConfigMap match the chart\'s', () => {
    // GIVEN
    const c = loadCase('35-warehouse-full');
    const chart = new Chart(Testing.app(), 'test', { namespace: c.namespace });
    const cluster = StarRocksCluster.fromClusterName(chart, 'Cluster', 'kube-starrocks');

    // WHEN
    const wh = new StarRocksWarehouse(chart, 'Warehouse', {
      cluster,
      name: c.release,
      timeZone: 'America/New_York',
      replicas: 2,
      image: 'registry.example.com/starrocks/cn-ubuntu:3.3.8',
      serviceAccount: 'wh-sa',
      podAnnotations: {
        'example.com/warehouse': 'analytics',
        // chart: datadog.log.enabled with logConfig '{"app": "starrocks-wh", "tags": ["wh:analytics"]}'
        'ad.datadoghq.com/warehouse.logs': '[{"app":"starrocks-wh","service":"warehouse","tags":["wh:analytics"]}]',
      },
      runAsNonRoot: true,
      service: {
        type: ServiceType.NODE_PORT,
        // chart: loadbalancerIP 203.0.113.50, dropped for NodePort
        annotations: {
          'example.com/svc': 'wh',
          // chart: datadog.metrics.enabled, port from webserver_port of the config
          'prometheus.io/path': '/metrics',
          'prometheus.io/port': '8045',
          'prometheus.io/scrape': 'true',
        },
        labels: { exposure: 'nodeport' },
        ports: [{ name: 'webserver', nodePort: 30041, containerPort: 8040, port: 8040 }],
      },
      imagePullSecrets: ['wh-pull-secret'],
      nodeSelector: { pool: 'warehouse' },
      podLabels: { warehouse: 'analytics' },
      hostAliases: [{ ip: '10.1.1.1', hostnames: ['s3.local'] }],
      schedulerName: 'volcano',
      envVars: [
        // chart: datadog.log.enabled
        { name: 'LOG_CONSOLE', value: '1' },
        { name: 'DEMO_GREETING', value: 'Hello from the environment' },
        { name: 'USERNAME', valueFrom: { secretKeyRef: { name: 'mysecret', key: 'username' } } },
      ],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['target-host-name'] }] }],
          },
        },
      },
      tolerations: [{ key: 'warehouse', operator: 'Equal', value: 'analytics', effect: 'NoSchedule' }],
      minReady: Duration.seconds(15),
      autoScaling: {
        version: HpaVersion.V2,
        minReplicas: 2,
        maxReplicas: 8,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { averageUtilization: 70, type: 'Utilization' } } }],
      },
      resources: {
        limits: { cpu: ResourceQuantity.fromNumber(16), memory: ResourceQuantity.of('32Gi') },
        requests: { cpu: ResourceQuantity.fromNumber(8), memory: ResourceQuantity.of('16Gi') },
      },
      config: StarRocksConfig.fromText([
        'sys_log_level = INFO',
        'thrift_port = 9060',
        'webserver_port = 8045',
        'heartbeat_service_port = 9050',
        'brpc_port = 8060',
        '',
      ].join('\n')),
      secrets: [
        { name: 'wh-secret', mountPath: '/etc/wh-secret' },
        { name: 'wh-secret', mountPath: '/etc/wh-token', subPath: 'token' },
      ],
      configMaps: [{ name: 'wh-config', mountPath: '/etc/wh-config', subPath: 'extra.conf' }],
      volumeNamePrefix: 'wh',
      dataStorage: { storageClassName: 'fast-ssd', size: Size.gibibytes(500) },
      logStorage: { storageClassName: 'fast-ssd', size: Size.gibibytes(5) },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' },
    });
    const manifest = Testing.synth(chart);

    // THEN
    expect(compareManifests(manifest, warehouseObjects(c), c.namespace)).toEqual([]);
    expect(wh.port(StarRocksPort.WEBSERVER)).toBe(8045);
    expectValidManifests(manifest);
  });
});

import { ApiObject, Chart, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { HpaVersion, ImagePullPolicy, PodManagementPolicy, ResourceQuantity, ServiceType, StarRocksCluster, StarRocksConfig, StarRocksPort } from '../../src';
import { propProblems } from '../../src/common/prop-validation';
import { warningsOf } from '../../src/common/warnings';
import { DisruptionBudget, UnhealthyPodEvictionPolicy } from '../../src/disruption/budget';
import { StarRocksWarehouse, StarRocksWarehouseProps } from '../../src/warehouse/warehouse';
import { expectValid } from '../util/schema';

// warnings are asserted through construct metadata; keep them off stderr
process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

const SHARED_DATA_FE = StarRocksConfig.fromEntries({ run_mode: 'shared_data', cloud_native_meta_port: '6090' });
const ENTERPRISE_IMAGE = 'registry.example.com/starrocks/cn-ubuntu-ee:3.3.8';

function chartIn(namespace?: string): Chart {
  return new Chart(Testing.app(), 'test', namespace !== undefined ? { namespace } : {});
}

function sharedDataCluster(chart: Chart, name = 'sr'): StarRocksCluster {
  return new StarRocksCluster(chart, 'Cluster', { name, fe: { config: SHARED_DATA_FE }, be: { enabled: false }, cn: {} });
}

function warehouse(chart: Chart, props: Partial<StarRocksWarehouseProps> = {}, id = 'Etl'): StarRocksWarehouse {
  const cluster = props.cluster ?? (chart.node.tryFindChild('Cluster') as StarRocksCluster | undefined) ?? sharedDataCluster(chart);
  return new StarRocksWarehouse(chart, id, { image: ENTERPRISE_IMAGE, ...props, cluster });
}

function find(manifest: any[], kind: string, name: string): any {
  const found = manifest.filter((o) => o.kind === kind && o.metadata?.name === name);
  expect(found).toHaveLength(1);
  return found[0];
}

function warehouseWarnings(wh: StarRocksWarehouse): string[] {
  return warningsOf(wh).map((w) => w.replace(/^[^:]*: /, ''));
}

describe('StarRocksWarehouse', () => {
  test('the caller\'s lists and maps are copied on the way in, not read at synthesis', () => {
    // GIVEN
    const chart = chartIn('analytics');
    const command = ['/bin/run'];
    const configMaps = [{ name: 'hooks', mountPath: '/etc/hooks' }];

    // WHEN
    warehouse(chart, { command, configMaps });
    command.push('--changed');
    configMaps.push({ name: 'Not_A_Name', mountPath: 'relative' });

    // THEN
    const spec = find(Testing.synth(chart), 'StarRocksWarehouse', 'etl').spec.template;
    expect(spec.command).toStrictEqual(['/bin/run']);
    expect(spec.configMaps).toStrictEqual([{ name: 'hooks', mountPath: '/etc/hooks' }]);
  });

  test('defaults: a custom resource naming its cluster, with only the image in the template', () => {
    // GIVEN
    const chart = chartIn('analytics');
    const cluster = sharedDataCluster(chart);

    // WHEN
    new StarRocksWarehouse(chart, 'Etl', { cluster });
    const manifest = Testing.synth(chart);

    // THEN
    const cr = find(manifest, 'StarRocksWarehouse', 'etl');
    expect(cr).toStrictEqual({
      apiVersion: 'starrocks.com/v1',
      kind: 'StarRocksWarehouse',
      metadata: {
        name: 'etl',
        namespace: 'analytics',
        labels: {
          'app.kubernetes.io/name': 'starrocks',
          'app.kubernetes.io/instance': 'etl',
          'app.kubernetes.io/managed-by': 'cdk8s-starrocks',
          'warehouse': 'etl',
        },
      },
      spec: { starRocksCluster: 'sr', template: { image: 'starrocks/cn-ubuntu:4.1-latest' } },
    });
    expect(manifest.filter((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('etl'))).toEqual([]);
    expectValid(manifest);
  });

  test('exposes the names the operator derives', () => {
    // GIVEN
    const chart = chartIn();

    // WHEN
    const wh = warehouse(chart, { name: 'etl-night' });

    // THEN
    expect(wh.warehouseName).toBe('etl-night');
    expect(wh.statefulSetName).toBe('etl-night-warehouse-cn');
    expect(wh.serviceName).toBe('etl-night-warehouse-cn-service');
    expect(wh.searchServiceName).toBe('etl-night-warehouse-cn-search');
    expect(wh.configMapName).toBe('etl-night-cm');
    expect(wh.warehouseNameInStarRocks).toBe('etl_night');
    expect(wh.selectorLabels).toStrictEqual({
      'app.kubernetes.io/component': 'cn',
      'app.starrocks.ownerreference/name': 'etl-night-warehouse-cn',
    });
    expect(wh.serviceLabels).toStrictEqual({
      'app.kubernetes.io/component': 'cn',
      'app.starrocks.ownerreference/name': 'etl-night-warehouse',
    });
    expect(wh.image).toBe(ENTERPRISE_IMAGE);
    expect(wh.port(StarRocksPort.WEBSERVER)).toBe(8040);
  });

  test('the name defaults to the construct id as a DNS label', () => {
    // GIVEN
    const chart = chartIn();

    // WHEN
    const wh = warehouse(chart, {}, 'NightlyEtl');

    // THEN
    expect(wh.warehouseName).toBe('nightly-etl');
    expect(wh.warehouseNameInStarRocks).toBe('nightly_etl');
  });

  test('escape hatch: ApiObject.of() finds the custom resource and JSON patches apply', () => {
    // GIVEN
    const chart = chartIn();
    const wh = warehouse(chart);

    // WHEN
    ApiObject.of(wh).addJsonPatch(JsonPatch.add('/spec/template/priorityClassName', 'high'));
    const cr = find(Testing.synth(chart), 'StarRocksWarehouse', 'etl');

    // THEN
    expect(ApiObject.of(wh)).toBe(wh.apiObject);
    expect(cr.spec.template.priorityClassName).toBe('high');
  });

  test('the namespace defaults to the cluster\'s, even in a chart of another namespace', () => {
    // GIVEN
    const app = Testing.app();
    const clusterChart = new Chart(app, 'clusters', { namespace: 'starrocks' });
    const cluster = sharedDataCluster(clusterChart);
    const whChart = new Chart(app, 'warehouses', { namespace: 'tenants' });

    // WHEN
    const wh = new StarRocksWarehouse(whChart, 'Etl', { cluster, image: ENTERPRISE_IMAGE, config: StarRocksConfig.fromEntries({ a: 'b' }) });
    const manifest = Testing.synth(whChart);

    // THEN
    expect(wh.warehouseNamespace).toBe('starrocks');
    expect(find(manifest, 'StarRocksWarehouse', 'etl').metadata.namespace).toBe('starrocks');
    expect(find(manifest, 'ConfigMap', 'etl-cm').metadata.namespace).toBe('starrocks');
  });

  test('a cluster referenced by name gives its name and namespace', () => {
    // GIVEN
    const chart = chartIn('default');
    const cluster = StarRocksCluster.fromClusterName(chart, 'Ref', 'kube-starrocks', { namespace: 'starrocks' });

    // WHEN
    new StarRocksWarehouse(chart, 'Etl', { cluster, image: ENTERPRISE_IMAGE });
    const manifest = Testing.synth(chart);

    // THEN
    const cr = find(manifest, 'StarRocksWarehouse', 'etl');
    expect(cr.metadata.namespace).toBe('starrocks');
    expect(cr.spec.starRocksCluster).toBe('kube-starrocks');
    expectValid(manifest);
  });

  test('config: a ConfigMap <name>-cm with the chart\'s labels, configMapInfo and the config-hash annotation', () => {
    // GIVEN
    const chart = chartIn('starrocks');
    const config = StarRocksConfig.fromEntries({ sys_log_level: 'INFO', webserver_port: '8045' });

    // WHEN
    const wh = warehouse(chart, { config, labels: { team: 'etl' } });
    const manifest = Testing.synth(chart);

    // THEN
    const cm = find(manifest, 'ConfigMap', 'etl-cm');
    expect(cm.metadata.namespace).toBe('starrocks');
    expect(cm.metadata.labels).toMatchObject({ warehouse: 'etl', app: 'warehouse', team: 'etl' });
    expect(cm.data).toStrictEqual({ 'cn.conf': 'sys_log_level = INFO\nwebserver_port = 8045\n' });
    const template = find(manifest, 'StarRocksWarehouse', 'etl').spec.template;
    expect(template.configMapInfo).toStrictEqual({ configMapName: 'etl-cm', resolveKey: 'cn.conf' });
    expect(template.annotations).toStrictEqual({ 'app.starrocks.io/cn-config-hash': config.hash });
    expect(wh.port(StarRocksPort.WEBSERVER)).toBe(8045);
    expect(wh.config).toBe(config);
    expectValid(manifest);
  });

  test('addConfig after construction creates the ConfigMap', () => {
    // GIVEN
    const chart = chartIn();
    const wh = warehouse(chart);

    // WHEN
    wh.addConfig('sys_log_level', 'WARN');
    wh.addConfig('brpc_port', '8061');
    const manifest = Testing.synth(chart);

    // THEN
    expect(find(manifest, 'ConfigMap', 'etl-cm').data['cn.conf']).toBe('brpc_port = 8061\nsys_log_level = WARN\n');
    expect(find(manifest, 'StarRocksWarehouse', 'etl').spec.template.configMapInfo.configMapName).toBe('etl-cm');
  });

  test('configMapName and existingConfig are honoured', () => {
    // GIVEN
    const chart = chartIn();

    // WHEN
    warehouse(chart, { configMapName: 'etl-conf', config: StarRocksConfig.fromText('a = b\n') }, 'Etl');
    warehouse(chart, { cluster: StarRocksCluster.fromClusterName(chart, 'Ref', 'sr'), existingConfig: { configMapName: 'shared-cn', resolveKey: 'cn.conf' } }, 'Adhoc');
    const manifest = Testing.synth(chart);

    // THEN
    expect(find(manifest, 'ConfigMap', 'etl-conf').data['cn.conf']).toBe('a = b\n');
    const adhoc = find(manifest, 'StarRocksWarehouse', 'adhoc').spec.template;
    expect(adhoc.configMapInfo).toStrictEqual({ configMapName: 'shared-cn', resolveKey: 'cn.conf' });
    expect(adhoc.annotations).toBeUndefined();
    expect(manifest.filter((o) => o.kind === 'ConfigMap' && o.metadata.name === 'adhoc-cm')).toEqual([]);
  });

  test('storage: <prefix>-data and <prefix>-log volumes at the CN paths, plus emptyDirs, hostPaths and raw volumes', () => {
    // GIVEN
    const chart = chartIn();

    // WHEN
    warehouse(chart, {
      volumeNamePrefix: 'wh',
      dataStorage: { size: Size.gibibytes(500), storageClassName: 'fast-ssd' },
      logStorage: { size: Size.gibibytes(5), storageClassName: 'fast-ssd' },
      spillStorage: { size: Size.gibibytes(100) },
      emptyDirs: [{ name: 'scratch', mountPath: '/scratch' }],
      hostPaths: [{ name: 'udf', mountPath: '/opt/udf', path: '/data/udf', type: 'Directory' }],
      storageVolumes: [{ name: 'cache', mountPath: '/cache', storageSize: Size.gibibytes(20), storageClassName: 'local' }],
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Delete' },
    });
    const manifest = Testing.synth(chart);

    // THEN
    const template = find(manifest, 'StarRocksWarehouse', 'etl').spec.template;
    expect(template.storageVolumes).toStrictEqual([
      { name: 'wh-data', mountPath: '/opt/starrocks/cn/storage', storageSize: '500Gi', storageClassName: 'fast-ssd' },
      { name: 'wh-log', mountPath: '/opt/starrocks/cn/log', storageSize: '5Gi', storageClassName: 'fast-ssd' },
      { name: 'wh-spill', mountPath: '/opt/starrocks/cn/spill', storageSize: '100Gi' },
      { name: 'scratch', mountPath: '/scratch', storageClassName: 'emptyDir' },
      { name: 'udf', mountPath: '/opt/udf', storageClassName: 'hostPath', hostPath: { path: '/data/udf', type: 'Directory' } },
      { name: 'cache', mountPath: '/cache', storageSize: '20Gi', storageClassName: 'local' },
    ]);
    expect(template.persistentVolumeClaimRetentionPolicy).toStrictEqual({ whenDeleted: 'Delete', whenScaled: 'Delete' });
    expectValid(manifest);
  });

  test('a non-default data path is added to a config made of entries', () => {
    // GIVEN
    const chart = chartIn();

    // WHEN
    warehouse(chart, { config: StarRocksConfig.fromEntries({ sys_log_level: 'INFO' }), dataStorage: { mountPath: '/data' } });
    const manifest = Testing.synth(chart);

    // THEN
    expect(find(manifest, 'ConfigMap', 'etl-cm').data['cn.conf']).toBe('storage_root_path = /data\nsys_log_level = INFO\n');
  });

  test('every template field of the CRD that the operator applies to CN', () => {
    // GIVEN
    const chart = chartIn('starrocks');
    const lifecycle: k8s.Lifecycle = { preStop: { exec: { command: ['/opt/starrocks/cn_prestop.sh'] } } };

    // WHEN
    const wh = warehouse(chart, {
      replicas: 2,
      image: ENTERPRISE_IMAGE,
      imagePullPolicy: ImagePullPolicy.ALWAYS,
      imagePullSecrets: ['pull'],
      resources: {
        requests: { cpu: ResourceQuantity.fromNumber(4), memory: ResourceQuantity.of('8Gi') },
        limits: { cpu: ResourceQuantity.of('8'), memory: ResourceQuantity.size(Size.gibibytes(16)) },
      },
      timeZone: 'UTC',
      envVars: [{ name: 'STARROCKS_ROOT', value: '/writable' }],
      podAnnotations: { 'example.com/a': 'b' },
      podLabels: { tier: 'etl' },
      service: {
        type: ServiceType.LOAD_BALANCER,
        loadBalancerIp: '10.0.0.9',
        loadBalancerSourceRanges: ['10.0.0.0/8'],
        annotations: { 'example.com/lb': 'internal' },
        labels: { exposure: 'lb' },
        ports: [{ name: 'webserver', port: 80 }],
      },
      nodeSelector: { pool: 'etl' },
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } },
      tolerations: [{ key: 'etl', operator: 'Exists', effect: 'NoSchedule' }],
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'app.starrocks.ownerreference/name': 'etl-warehouse-cn' } } }],
      schedulerName: 'volcano',
      hostAliases: [{ ip: '10.1.1.1', hostnames: ['s3.local'] }],
      serviceAccount: 'etl-sa',
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      capabilities: { add: ['SYS_NICE'] },
      sysctls: [{ name: 'net.core.somaxconn', value: '1024' }],
      startupProbeFailureTime: Duration.seconds(600),
      livenessProbeFailureTime: Duration.seconds(30),
      readinessProbeFailureTime: Duration.seconds(20),
      terminationGracePeriod: Duration.seconds(300),
      minReady: Duration.seconds(10),
      podManagementPolicy: PodManagementPolicy.ORDERED_READY,
      lifecycle,
      sidecars: [{ name: 'logs', image: 'busybox:1.36', command: ['tail', '-F', '/opt/starrocks/cn/log/cn.INFO'] }],
      initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['true'] }],
      command: ['/opt/starrocks/cn_entrypoint.sh'],
      args: ['$(FE_SERVICE_NAME)'],
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      shareProcessNamespace: true,
      configMaps: [{ name: 'extra', mountPath: '/etc/extra' }],
      secrets: [{ name: 'token', mountPath: '/etc/token', subPath: 'token' }],
      autoScaling: { minReplicas: 2, maxReplicas: 6, version: HpaVersion.V2, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] },
    });
    wh.addEnvVar({ name: 'EXTRA', value: '1' });
    wh.addPodAnnotation('example.com/c', 'd');
    wh.addPodLabel('owner', 'data');
    wh.addServiceAnnotation('example.com/scrape', 'true');
    wh.addCapability('SYS_PTRACE');
    wh.addSidecar({ name: 'agent', image: 'busybox:1.36' });
    wh.addInitContainer({ name: 'wait', image: 'busybox:1.36' });
    const manifest = Testing.synth(chart);

    // THEN
    const template = find(manifest, 'StarRocksWarehouse', 'etl').spec.template;
    expect(template).toStrictEqual({
      image: ENTERPRISE_IMAGE,
      replicas: 2,
      imagePullPolicy: 'Always',
      imagePullSecrets: [{ name: 'pull' }],
      requests: { cpu: 4, memory: '8Gi' },
      limits: { cpu: '8', memory: '16Gi' },
      service: {
        type: 'LoadBalancer',
        loadBalancerIP: '10.0.0.9',
        loadBalancerSourceRanges: ['10.0.0.0/8'],
        ports: [{ name: 'webserver', port: 80 }],
        annotations: { 'example.com/lb': 'internal', 'example.com/scrape': 'true' },
        labels: { exposure: 'lb' },
      },
      annotations: { 'example.com/a': 'b', 'example.com/c': 'd' },
      podLabels: { tier: 'etl', owner: 'data' },
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      capabilities: { add: ['SYS_NICE', 'SYS_PTRACE'] },
      sysctls: [{ name: 'net.core.somaxconn', value: '1024' }],
      envVars: [
        { name: 'TZ', value: 'UTC' },
        { name: 'STARROCKS_ROOT', value: '/writable' },
        { name: 'EXTRA', value: '1' },
      ],
      terminationGracePeriodSeconds: 300,
      startupProbeFailureSeconds: 600,
      livenessProbeFailureSeconds: 30,
      readinessProbeFailureSeconds: 20,
      minReadySeconds: 10,
      podManagementPolicy: 'OrderedReady',
      lifecycle: { preStop: { exec: { command: ['/opt/starrocks/cn_prestop.sh'] } } },
      sidecars: [
        { name: 'logs', image: 'busybox:1.36', command: ['tail', '-F', '/opt/starrocks/cn/log/cn.INFO'] },
        { name: 'agent', image: 'busybox:1.36' },
      ],
      initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['true'] }, { name: 'wait', image: 'busybox:1.36' }],
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      shareProcessNamespace: true,
      command: ['/opt/starrocks/cn_entrypoint.sh'],
      args: ['$(FE_SERVICE_NAME)'],
      configMaps: [{ name: 'extra', mountPath: '/etc/extra' }],
      secrets: [{ name: 'token', mountPath: '/etc/token', subPath: 'token' }],
      hostAliases: [{ ip: '10.1.1.1', hostnames: ['s3.local'] }],
      schedulerName: 'volcano',
      serviceAccount: 'etl-sa',
      tolerations: [{ key: 'etl', operator: 'Exists', effect: 'NoSchedule' }],
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'app.starrocks.ownerreference/name': 'etl-warehouse-cn' } } }],
      nodeSelector: { pool: 'etl' },
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } },
      autoScalingPolicy: {
        maxReplicas: 6,
        minReplicas: 2,
        version: 'v2',
        hpaPolicy: { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] },
      },
    });
    expect(wh.hasEnvVar('TZ')).toBe(true);
    expect(wh.hasEnvVar('EXTRA')).toBe(true);
    expectValid(manifest);
  });

  test('an entrypoint script gets its ConfigMap and mount', () => {
    // GIVEN
    const chart = chartIn('starrocks');

    // WHEN
    warehouse(chart, { entrypointScript: '#!/bin/bash\nexec /opt/starrocks/cn_entrypoint.sh "$@"\n' });
    const manifest = Testing.synth(chart);

    // THEN
    const cm = find(manifest, 'ConfigMap', 'etl-warehouse-cn-entrypoint-script');
    expect(cm.metadata.namespace).toBe('starrocks');
    expect(cm.metadata.labels).toMatchObject({ warehouse: 'etl', app: 'warehouse' });
    expect(cm.data['entrypoint.sh']).toContain('cn_entrypoint.sh');
    const template = find(manifest, 'StarRocksWarehouse', 'etl').spec.template;
    expect(template.command).toEqual(['bash', '-c']);
    expect(template.configMaps).toEqual([{ name: 'etl-warehouse-cn-entrypoint-script', mountPath: '/etc/starrocks/entrypoint.sh', subPath: 'entrypoint.sh' }]);
    expect(template.annotations['app.starrocks.io/cn-entrypoint-hash']).toMatch(/^[0-9a-f]{8}$/);
    expectValid(manifest);
  });

  test('resource labels and annotations', () => {
    // GIVEN
    const chart = chartIn();

    // WHEN
    warehouse(chart, { labels: { team: 'etl' }, annotations: { 'starrocks.com/ignored': 'true' } });
    const cr = find(Testing.synth(chart), 'StarRocksWarehouse', 'etl');

    // THEN
    expect(cr.metadata.labels).toMatchObject({ warehouse: 'etl', team: 'etl' });
    expect(cr.metadata.annotations).toStrictEqual({ 'starrocks.com/ignored': 'true' });
  });

  describe('rules', () => {
    test('fails without a cluster, naming spec.starRocksClusterName (V06)', () => {
      // GIVEN
      const chart = chartIn();

      // THEN
      expect(() => new StarRocksWarehouse(chart, 'Etl', { cluster: undefined as any })).toThrow(/'cluster' must be .*spec\.starRocksClusterName.*got nothing \(it is not set\)/);
    });

    test('fails when the name is the cluster\'s (V33)', () => {
      // GIVEN
      const chart = chartIn();
      const cluster = sharedDataCluster(chart, 'analytics');

      // THEN
      expect(() => warehouse(chart, { cluster, name: 'analytics' })).toThrow(/'name' must be different from the name of its cluster "analytics"/);
    });

    test('fails when <name>-warehouse is the cluster\'s name', () => {
      // GIVEN
      const chart = chartIn();
      const cluster = StarRocksCluster.fromClusterName(chart, 'Ref', 'etl-warehouse');

      // THEN
      expect(() => warehouse(chart, { cluster, name: 'etl' })).toThrow(/"etl-warehouse" is not the name of its cluster/);
    });

    test('fails when the warehouse ConfigMap would be a cluster ConfigMap', () => {
      // GIVEN
      const chart = chartIn();
      const cluster = sharedDataCluster(chart, 'sr');

      // THEN
      expect(() => warehouse(chart, { cluster, name: 'sr-fe' })).toThrow(/ConfigMap "sr-fe-cm" is not the cluster's FE ConfigMap/);
      expect(() => warehouse(chart, { cluster, name: 'sr-fe', configMapName: 'sr-fe-wh-cm' }, 'Other')).not.toThrow();
    });

    test('fails at synth when the cluster gets the clashing ConfigMap after the warehouse', () => {
      // GIVEN a CN without a config file, so without a ConfigMap yet
      const chart = chartIn();
      const cluster = sharedDataCluster(chart, 'sr');
      warehouse(chart, { cluster, name: 'sr-cn' });

      // WHEN the CN gets its first config entry, and with it the ConfigMap sr-cn-cm
      cluster.cn!.addConfig('thrift_port', '9061');

      // THEN
      expect(() => Testing.synth(chart)).toThrow(/\[test\/Etl\] 'name' must be such that the warehouse's ConfigMap "sr-cn-cm" is not the cluster's CN ConfigMap \(or set configMapName\), got "sr-cn"/);
    });

    test('fails when the name is longer than 39 characters (the StatefulSet <name>-warehouse-cn must fit 52)', () => {
      // GIVEN
      const chart = chartIn();
      const ok = 'w'.repeat(39);

      // THEN
      expect(warehouse(chart, { name: ok }).statefulSetName).toHaveLength(52);
      expect(() => warehouse(chart, { name: 'w'.repeat(40) }, 'Long')).toThrow(/'name' must be at most 39 characters, so that "w{40}-warehouse-cn" fits 52/);
    });

    test('fails when the name is longer than 27 characters with an entrypoint script', () => {
      // GIVEN
      const chart = chartIn();
      const script = 'exec /opt/starrocks/cn_entrypoint.sh\n';

      // THEN
      expect(() => warehouse(chart, { name: 'w'.repeat(27), entrypointScript: script })).not.toThrow();
      expect(() => warehouse(chart, { name: 'w'.repeat(28), entrypointScript: script }, 'Long')).toThrow(/at most 27 characters, so that "w{28}-warehouse-cn-entrypoint-script-NNNN" fits 63/);
    });

    test.each(['1etl', 'Etl', 'etl_night', 'etl-', ''])('fails for the name %p (not a DNS-1035 label)', (name) => {
      // GIVEN
      const chart = chartIn();

      // THEN
      expect(() => warehouse(chart, { name })).toThrow(/'name' must be a DNS-1035 label/);
    });

    test('fails when the namespace differs from the cluster\'s (V33)', () => {
      // GIVEN
      const chart = chartIn('starrocks');
      const cluster = sharedDataCluster(chart);

      // THEN
      expect(() => warehouse(chart, { cluster, namespace: 'other' })).toThrow(/'namespace' must be the namespace of its cluster "sr", "starrocks"/);
      expect(warehouse(chart, { cluster, namespace: 'starrocks' }, 'Same').warehouseNamespace).toBe('starrocks');
    });

    test('fails for a namespace that is not a DNS label', () => {
      // GIVEN
      const chart = chartIn();

      // THEN
      expect(() => warehouse(chart, { namespace: 'Star_Rocks' })).toThrow(/'namespace' must be a DNS-1123 label/);
    });

    test('warns when the namespace is set and the cluster\'s is not known', () => {
      // GIVEN
      const chart = chartIn();
      const cluster = StarRocksCluster.fromClusterName(chart, 'Ref', 'sr');

      // WHEN
      const wh = warehouse(chart, { cluster, namespace: 'starrocks' });

      // THEN
      expect(warehouseWarnings(wh)).toEqual([
        '\'namespace\' is starrocks but the namespace of cluster sr is not known; the operator only finds the cluster if it is in starrocks too',
      ]);
    });

    test('fails when enabled is false (not a prop of a warehouse; from JavaScript or JSON)', () => {
      // GIVEN
      const chart = chartIn();
      const untyped = (props: object) => props as Partial<StarRocksWarehouseProps>;

      // THEN
      expect(() => warehouse(chart, untyped({ enabled: false }))).toThrow(/'enabled' must be unset for a warehouse/);
      expect(() => warehouse(chart, untyped({ enabled: true }), 'Enabled')).not.toThrow();
    });

    test('fails for an empty time zone', () => {
      // GIVEN
      const chart = chartIn();

      // THEN
      expect(() => warehouse(chart, { timeZone: '' })).toThrow(/'timeZone' must be a time zone name/);
    });

    test('fails for what the CN renderer refuses (selector pod labels, unmatched service ports, bad autoscaling)', () => {
      // GIVEN
      const chart = chartIn();

      // THEN
      expect(() => warehouse(chart, { podLabels: { 'app.kubernetes.io/component': 'x' } })).toThrow(/podLabels/);
      expect(() => warehouse(chart, { replicas: -1 }, 'A')).toThrow(/replicas/);
      expect(() => warehouse(chart, { autoScaling: { maxReplicas: 1, minReplicas: 2 } }, 'B')).toThrow(/maxReplicas/);
      expect(() => {
        warehouse(chart, { service: { type: ServiceType.NODE_PORT, ports: [{ name: 'nope', port: 1 }] } }, 'C');
        Testing.synth(chart);
      }).toThrow(/to match one of the component's ports/);
    });

    test('fails at construction for a Service the props alone make invalid; port overrides are matched at synthesis', () => {
      // GIVEN
      const chart = chartIn();

      // THEN: no synthesis needed
      expect(() => warehouse(chart, { service: { ports: [{ name: 'webserver', nodePort: 30040 }] } }))
        .toThrow(/'cn.service.ports\[0\].nodePort' must be set only with service type NodePort or LoadBalancer, got 30040/);
      // a port the config gets later is matched
      const wh = warehouse(chart, { service: { type: ServiceType.NODE_PORT, ports: [{ containerPort: 9999, nodePort: 30999 }] } }, 'Later');
      wh.addConfig('webserver_port', '9999');
      expect(find(Testing.synth(chart), 'StarRocksWarehouse', 'later').spec.template.service.ports).toStrictEqual([{ containerPort: 9999, nodePort: 30999 }]);
    });

    test('the synth-time problems keep their property path as data', () => {
      // GIVEN
      const chart = chartIn();

      // WHEN
      const wh = warehouse(chart, { service: { type: ServiceType.NODE_PORT, ports: [{ name: 'nope', port: 1 }] } });

      // THEN
      expect(propProblems(wh).map((e) => [e.prop, e.problem])).toStrictEqual([
        ['cn.service.ports[0]', expect.stringMatching(/^must be to match one of the component's ports by containerPort or name \(thrift=9060, .*got \{"name":"nope","port":1\}$/)],
      ]);
    });

    test('fails when addConfig conflicts or the warehouse uses an existing config', () => {
      // GIVEN
      const chart = chartIn();
      const wh = warehouse(chart, { config: StarRocksConfig.fromEntries({ a: '1' }) });
      const existing = warehouse(chart, { existingConfig: { configMapName: 'cn-conf', resolveKey: 'cn.conf' } }, 'Other');

      // THEN
      expect(() => wh.addConfig('a', '2')).toThrow(/already set/);
      expect(() => existing.addConfig('a', '2')).toThrow(/existing ConfigMap/);
    });

    test('warns that the default image is the community edition (V64)', () => {
      // GIVEN
      const chart = chartIn();
      const cluster = sharedDataCluster(chart);

      // WHEN
      const wh = new StarRocksWarehouse(chart, 'Etl', { cluster });

      // THEN
      expect(warehouseWarnings(wh)).toEqual([
        '\'image\' is not set, so the warehouse runs starrocks/cn-ubuntu:4.1-latest, a community edition image; warehouses need a StarRocks enterprise edition CN image, 3.2 or later',
      ]);
    });

    test.each([
      ['ee.example.com/cn:3.1.5', true],
      ['ee.example.com/cn:v2.5-latest', true],
      ['ee.example.com/cn:3.2.0', false],
      ['ee.example.com:5000/cn:4.0.1-ee', false],
      ['ee.example.com/cn:latest', false],
      [`ee.example.com/cn@sha256:${'a'.repeat(64)}`, false],
    ])('warns for image %s older than 3.2: %p (V64)', (image, warns) => {
      // GIVEN
      const chart = chartIn();

      // WHEN
      const wh = warehouse(chart, { image });

      // THEN
      expect(warehouseWarnings(wh)).toEqual(warns ? [`'image' is ${image}; warehouses need StarRocks enterprise edition 3.2 or later`] : []);
    });

    test('warns at synth time when the cluster in the app has an FE config without shared_data (V33)', () => {
      // GIVEN
      const app = Testing.app();
      const chart = new Chart(app, 'test');
      const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'sr', fe: { config: StarRocksConfig.fromEntries({ sys_log_level: 'INFO' }) } });

      // WHEN
      const wh = warehouse(chart, { cluster });
      app.synth();
      app.synth();

      // THEN
      expect(warehouseWarnings(wh)).toEqual([
        'cluster sr is not in shared-data mode (its fe.conf has no run_mode = shared_data); the operator only adds warehouses to shared-data clusters',
      ]);
    });

    test('does not warn when run_mode is added to the cluster after the warehouse, or the FE config is unknown', () => {
      // GIVEN
      const app = Testing.app();
      const chart = new Chart(app, 'test');
      const late = new StarRocksCluster(chart, 'Late', { name: 'late', fe: { config: StarRocksConfig.fromEntries({ sys_log_level: 'INFO' }) }, be: { enabled: false }, cn: {} });
      const noConfig = new StarRocksCluster(chart, 'NoConfig', { name: 'plain' });
      const byName = StarRocksCluster.fromClusterName(chart, 'Ref', 'elsewhere');

      // WHEN
      const a = warehouse(chart, { cluster: late }, 'A');
      late.fe.addConfig('run_mode', 'shared_data');
      const b = warehouse(chart, { cluster: noConfig }, 'B');
      const c = warehouse(chart, { cluster: byName }, 'C');
      app.synth();

      // THEN
      expect([...warehouseWarnings(a), ...warehouseWarnings(b), ...warehouseWarnings(c)]).toEqual([]);
    });
  });

  describe('addDisruptionBudgets', () => {
    test('a PodDisruptionBudget selecting exactly the warehouse\'s CN pods', () => {
      // GIVEN
      const chart = chartIn('starrocks');
      const wh = warehouse(chart, { replicas: 3 });

      // WHEN
      const pdb = wh.addDisruptionBudgets('DisruptionBudgets', { unhealthyPodEvictionPolicy: UnhealthyPodEvictionPolicy.ALWAYS_ALLOW, labels: { team: 'etl' } }).cnPdb;
      const manifest = Testing.synth(chart);

      // THEN
      const obj = find(manifest, 'PodDisruptionBudget', 'etl-warehouse-cn-pdb');
      expect(pdb.name).toBe('etl-warehouse-cn-pdb');
      expect(obj.metadata.namespace).toBe('starrocks');
      expect(obj.metadata.labels).toMatchObject({ warehouse: 'etl', team: 'etl' });
      expect(obj.spec).toStrictEqual({
        maxUnavailable: 1,
        selector: { matchLabels: wh.selectorLabels },
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      });
      expect(warehouseWarnings(wh)).toEqual([]);
      expectValid(manifest);
    });

    test('warns when the budget blocks every eviction of the autoscaler\'s minimum', () => {
      // GIVEN
      const chart = chartIn();
      const wh = warehouse(chart, { autoScaling: { minReplicas: 2, maxReplicas: 10 } });

      // WHEN
      wh.addDisruptionBudgets('DisruptionBudgets', { budget: DisruptionBudget.minAvailable(2) });

      // THEN
      expect(warehouseWarnings(wh)).toEqual([
        '\'budget\' is minAvailable: 2 with 2 warehouse CN pod(s): no pod can ever be evicted, so node drains and upgrades wait until the budget or the replicas change',
      ]);
    });

    test('fails when added twice or with DisruptionBudget.none()', () => {
      // GIVEN
      const chart = chartIn();
      const wh = warehouse(chart);
      const other = warehouse(chart, {}, 'Other');

      // WHEN
      wh.addDisruptionBudgets('DisruptionBudgets');

      // THEN
      expect(() => wh.addDisruptionBudgets('Again')).toThrow(/already has a PodDisruptionBudget/);
      expect(() => other.addDisruptionBudgets('DisruptionBudgets', { budget: DisruptionBudget.none() })).toThrow(/'budget' must be a DisruptionBudget with a limit/);
    });
  });
});

test('an app with a warehouse synthesizes to valid YAML', () => {
  // GIVEN
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace: 'starrocks' });
  warehouse(chart, { config: StarRocksConfig.fromEntries({ a: 'b' }) });

  // THEN
  expect(app.synthYaml()).toContain('kind: StarRocksWarehouse');
});

test('fails for a circular object in affinity, naming the prop (issue 12)', () => {
  // GIVEN
  const chart = chartIn('sr');
  const term: any = { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] };
  term.matchExpressions[0].term = term;

  // THEN
  expect(() => warehouse(chart, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } } } }))
    .toThrow(/'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms\[0\].matchExpressions\[0\].term' must be plain data without cycles/);
});

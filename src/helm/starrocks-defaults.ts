/**
 * Default values of the `starrocks` subchart of kube-starrocks 1.11.5 (its `values.yaml`), as
 * data: user values are merged over them the way Helm does. Keys the templates read but
 * `values.yaml` only mentions in comments are left out (they default to nothing). The config
 * texts are the chart's own, ports included: data copied from the chart, not the library's port
 * defaults (`PORTS` in `common/constants.ts`).
 *
 * @internal
 */
import { ValuesMap, ReadonlyValuesMap } from './values';
import { CHART_CN_CONFIG } from './warehouse-defaults';

const FE_CONFIG = `LOG_DIR = \${STARROCKS_HOME}/log
DATE = "$(date +%Y%m%d-%H%M%S)"
JAVA_OPTS="-Dlog4j2.formatMsgNoLookups=true -Xmx8192m -XX:+UseG1GC -Xlog:gc*:\${LOG_DIR}/fe.gc.log.$DATE:time"
http_port = 8030
rpc_port = 9020
query_port = 9030
edit_log_port = 9010
mysql_service_nio_enabled = true
sys_log_level = INFO
# When shutting down FE, it will wait for min_graceful_exit_time_second seconds before refusing new requests. If you
# want to ensure that queries, writes, and other operations complete smoothly, you need to ensure that the time it
# takes for the Pod to become Not Ready is less than min_graceful_exit_time_second. The default Pod configuration is
# probe.FailureThreshold = 3, probe.PeriodSeconds = 5, so in the worst case, the Pod will have (3+1)*5 = 20s to
# transition to Node Not Ready state. Since the default value of min_graceful_exit_time_second is 15, we change it to a larger value.
# Note: StarRocks version must be greater than or equal to 3.4.2 to support this configuration, otherwise it will not take effect.
min_graceful_exit_time_second = 25
`;

const BE_CONFIG = `be_port = 9060
webserver_port = 8040
heartbeat_service_port = 9050
brpc_port = 8060
sys_log_level = INFO
default_rowset_type = beta
`;

function service(): ValuesMap {
  return { type: 'ClusterIP', loadbalancerIP: '', annotations: {}, labels: {}, ports: [], loadBalancerSourceRanges: [] };
}

/** `storageSpec` of BE and CN. */
function dataStorage(storageSize: string, logStorageSize: string, spillStorageSize: string): ValuesMap {
  return {
    name: '',
    storageClassName: '',
    storageSize,
    storageCount: 1,
    storageMountPath: '',
    logStorageClassName: '',
    logStorageSize,
    logMountPath: '',
    spillStorageClassName: '',
    spillStorageSize,
    spillMountPath: '',
  };
}

function component(repository: string, config: string, resources: ValuesMap, storage: ValuesMap): ValuesMap {
  return {
    image: { repository, tag: '' },
    imagePullPolicy: 'IfNotPresent',
    annotations: {},
    runAsNonRoot: false,
    service: service(),
    imagePullSecrets: [],
    serviceAccount: '',
    nodeSelector: {},
    podLabels: {},
    hostAliases: [],
    schedulerName: '',
    affinity: {},
    tolerations: [],
    topologySpreadConstraints: [],
    resources,
    storageSpec: storage,
    emptyDirs: [],
    hostPaths: [],
    config,
    configyaml: {},
    secrets: [],
    configMaps: [],
    terminationGracePeriodSeconds: 120,
    startupProbeFailureSeconds: null,
    livenessProbeFailureSeconds: null,
    readinessProbeFailureSeconds: null,
    minReadySeconds: 0,
    podManagementPolicy: 'Parallel',
    lifecycle: {},
    sidecars: [],
    sidecarsMap: {},
    initContainers: [],
    entrypoint: {},
    readOnlyRootFilesystem: false,
    capabilities: {},
    sysctls: [],
    // the chart's values.yaml has the key with no value
    shareProcessNamespace: null,
  };
}

/**
 * The starrocks subchart's default values: a new tree on each call, never changed by the merge.
 *
 * @internal
 */
export function starrocksChartDefaults(): ReadonlyValuesMap {
  const fe = component('starrocks/fe-ubuntu', FE_CONFIG,
    { requests: { cpu: 4, memory: '4Gi' }, limits: { cpu: 8, memory: '8Gi' } },
    { name: '', storageClassName: '', storageSize: '10Gi', storageMountPath: '', logStorageClassName: '', logStorageSize: '5Gi', logMountPath: '' });
  fe.replicas = 1;
  const be = component('starrocks/be-ubuntu', BE_CONFIG,
    { requests: { cpu: 4, memory: '4Gi' }, limits: { cpu: 8, memory: '8Gi' } },
    dataStorage('1Ti', '20Gi', '0Gi'));
  be.replicas = 1;
  const cn = component('starrocks/cn-ubuntu', CHART_CN_CONFIG,
    { requests: { cpu: 4, memory: '8Gi' }, limits: { cpu: 8, memory: '8Gi' } },
    dataStorage('1Ti', '20Gi', '0Gi'));
  cn.autoScalingPolicy = {};
  return {
    nameOverride: 'kube-starrocks',
    initPassword: {
      enabled: false,
      isInstall: true,
      password: '',
      passwordSecret: '',
      image: '',
      annotations: {},
      podAnnotations: {},
      resources: {},
    },
    timeZone: 'Asia/Shanghai',
    datadog: {
      log: { enabled: false, logConfig: '{}', enableMultilineLogParsing: false },
      metrics: { enabled: false },
      profiling: { fe: false, be: false, cn: false, env: 'starrocks-default', configMode: 'service' },
    },
    metrics: {
      serviceMonitor: {
        enabled: false,
        labels: {},
        interval: '15s',
        basicAuth: { enabled: false, usernameSecretName: '', usernameSecretKey: '', passwordSecretName: '', passwordSecretKey: '' },
        endpointParam: { enabled: false, params: {} },
      },
    },
    starrocksCluster: {
      name: '',
      namespace: '',
      annotations: {},
      enabledBe: true,
      enabledCn: false,
      waitForFullRollout: false,
      disasterRecovery: null, // the chart's values.yaml has only commented keys under it
      componentValues: {
        image: { tag: '4.1-latest' },
        hostAliases: [],
        runAsNonRoot: false,
        schedulerName: '',
        serviceAccount: '',
        imagePullSecrets: [],
        tolerations: [],
        topologySpreadConstraints: [],
        nodeSelector: {},
        affinity: {},
        podLabels: {},
      },
    },
    starrocksFESpec: fe,
    starrocksBeSpec: be,
    starrocksCnSpec: cn,
    starrocksFeProxySpec: {
      enabled: false,
      replicas: 1,
      imagePullPolicy: 'IfNotPresent',
      image: { repository: '', tag: '' },
      resources: { requests: { cpu: 1, memory: '2Gi' }, limits: { cpu: 1, memory: '2Gi' } },
      resolver: '',
      service: service(),
      imagePullSecrets: [],
      nodeSelector: {},
      affinity: {},
      tolerations: [],
      livenessProbeFailureSeconds: null,
      readinessProbeFailureSeconds: null,
      emptyDirs: [],
      podLabels: {},
    },
    secrets: [],
    configMaps: [],
    resources: [],
  };
}

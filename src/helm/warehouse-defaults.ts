/**
 * Default values of the warehouse chart 1.11.5 (its `values.yaml`), as data: user values are
 * merged over them the way Helm does for the chart being rendered (a user `null` removes a
 * default).
 *
 * They follow the chart's `values.yaml` (a copy is in `../shared/charts`).
 * Keys the templates read but
 * `values.yaml` only mentions in comments (`spec.replicas`, the fields of
 * `spec.autoScalingPolicy` and `spec.persistentVolumeClaimRetentionPolicy`) are left out: they
 * default to nothing. The config text is the chart's own, ports included: data copied from the
 * chart, not the library's port defaults (`PORTS` in `common/constants.ts`).
 *
 * @internal
 */
import { deepFreeze, ReadonlyValuesMap } from './values';

/**
 * The default cn.conf of both charts: the warehouse chart's `spec.config` and kube-starrocks'
 * `starrocksCnSpec.config.cnConfig` hold the same text (their config hashes are computed over it).
 *
 * @internal
 */
export const CHART_CN_CONFIG = `sys_log_level = INFO
# ports for admin, web, heartbeat service
thrift_port = 9060
webserver_port = 8040
heartbeat_service_port = 9050
brpc_port = 8060
`;

/**
 * The warehouse chart's default values. Frozen: merge user values over it with
 * `coalesceValues`, which copies.
 *
 * @internal
 */
export const WAREHOUSE_CHART_DEFAULTS: ReadonlyValuesMap = deepFreeze({
  timeZone: 'Asia/Shanghai',
  datadog: {
    log: {
      enabled: false,
      logConfig: '{}',
    },
    metrics: {
      enabled: false,
    },
  },
  spec: {
    // no default: the StarRocksWarehouse CRD requires it
    starRocksClusterName: null,
    image: {
      repository: 'starrocks/cn-ubuntu',
      tag: '4.1-latest',
    },
    serviceAccount: '',
    annotations: {},
    runAsNonRoot: false,
    service: {
      type: 'ClusterIP',
      loadbalancerIP: '',
      annotations: {},
      labels: {},
      ports: [],
    },
    imagePullSecrets: [],
    nodeSelector: {},
    podLabels: {},
    hostAliases: [],
    schedulerName: '',
    envVars: [],
    affinity: {},
    tolerations: [],
    minReadySeconds: 0,
    autoScalingPolicy: {},
    resources: {
      limits: { cpu: 8, memory: '8Gi' },
      requests: { cpu: 4, memory: '8Gi' },
    },
    config: CHART_CN_CONFIG,
    secrets: [],
    configMaps: [],
    storageSpec: {
      name: '',
      storageClassName: '',
      storageSize: '100Gi',
      logStorageSize: '1Gi',
    },
    persistentVolumeClaimRetentionPolicy: null,
  },
  secrets: [],
  configMaps: [],
});

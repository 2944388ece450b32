/**
 * The declared types of the warehouse chart's values (chart 1.11.5: its `values.yaml`, and the
 * keys its templates read that the file only mentions in comments: `spec.replicas`, the fields of
 * `spec.autoScalingPolicy` and `spec.persistentVolumeClaimRetentionPolicy`), as
 * `warehouse-chart.ts` reads them.
 *
 * @internal
 */
import {
  bool, envVar, image, int32, listOf, mapOf, mountList, oneOf, pullSecrets, quantity, str, stringMap, struct, StructSchema, valueObjects, wireMap,
} from './dsl';

const PVC_RETENTION = str({ oneOf: ['Retain', 'Delete'] });

/** The warehouse chart's values. @internal */
export const WAREHOUSE_VALUES_SCHEMA: StructSchema = struct({
  timeZone: str(),
  datadog: struct({
    log: struct({
      enabled: bool(),
      logConfig: oneOf(str(), wireMap('a map')),
    }),
    metrics: struct({ enabled: bool() }),
  }),
  spec: struct({
    starRocksClusterName: str(),
    // printed with {{ }}: a quoted number loses its quotes
    replicas: int32({ digitString: true }),
    image: image(),
    serviceAccount: str(),
    annotations: stringMap(),
    runAsNonRoot: bool(),
    service: struct({
      type: str({ oneOf: ['ClusterIP', 'NodePort', 'LoadBalancer', ''] }),
      loadbalancerIP: str(),
      annotations: stringMap(),
      labels: stringMap(),
      ports: listOf(struct({ name: str(), containerPort: int32({ max: 65535 }), port: int32({ max: 65535 }), nodePort: int32({ max: 65535 }) })),
    }),
    imagePullSecrets: pullSecrets(),
    nodeSelector: stringMap(),
    podLabels: stringMap(),
    hostAliases: listOf(wireMap('a host alias (ip, hostnames)')),
    schedulerName: str(),
    envVars: listOf(envVar()),
    affinity: wireMap('an affinity (nodeAffinity, podAffinity, podAntiAffinity)'),
    tolerations: listOf(wireMap('a toleration (key, operator, value, effect)')),
    minReadySeconds: int32({ digitString: true }),
    autoScalingPolicy: struct({
      version: str({ oneOf: ['v1', 'v2beta2', 'v2', ''] }),
      minReplicas: int32({ min: 1 }),
      maxReplicas: int32({ min: 1 }),
      hpaPolicy: struct({
        metrics: listOf(wireMap('a MetricSpec')),
        behavior: wireMap('a HorizontalPodAutoscalerBehavior'),
      }),
    }),
    resources: struct({
      limits: mapOf(quantity()),
      requests: mapOf(quantity()),
    }),
    config: str({ multiline: true }),
    secrets: mountList(),
    configMaps: mountList(),
    storageSpec: struct({
      name: str(),
      storageClassName: str(),
      storageSize: str(),
      logStorageSize: str(),
    }),
    persistentVolumeClaimRetentionPolicy: struct({ whenDeleted: PVC_RETENTION, whenScaled: PVC_RETENTION }),
  }),
  secrets: valueObjects(true),
  configMaps: valueObjects(false),
});

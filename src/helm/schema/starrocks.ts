/**
 * The declared types of every values key the kube-starrocks chart's `starrocks` subchart (1.11.5)
 * reads: its values.yaml, the keys its comments mention and its templates read (`feEnvVars`,
 * `entrypoint.script`, `autoScalingPolicy`, the legacy `resource`, ...), as precise as the chart,
 * the StarRocks operator and the API server accept. The components' sections are in
 * `./starrocks-component.ts`.
 *
 * @internal
 */
import { anything, bool, int, listOf, mapOf, oneOf, resources, secretStr, str, stringMap, struct, StructSchema, valueObjects, wireMap } from './dsl';
import { beSpecSchema, cnSpecSchema, componentValuesSchema, feProxySpecSchema, feSpecSchema } from './starrocks-component';

/** `initPassword`: the root password Secret and the Job that sets it. */
function initPassword(): StructSchema {
  return struct({
    enabled: bool(),
    isInstall: bool(),
    password: secretStr(),
    passwordSecret: str(),
    image: str(),
    annotations: stringMap(),
    podAnnotations: stringMap(),
    resources: resources(),
  });
}

/** `datadog`: log collection, Prometheus scrape annotations and profiling. */
function datadog(): StructSchema {
  return struct({
    log: struct({
      enabled: bool(),
      // a JSON object as text, or the map itself
      logConfig: oneOf(str({ multiline: true }), mapOf(anything())),
      enableMultilineLogParsing: bool(),
    }),
    metrics: struct({ enabled: bool() }),
    profiling: struct({ fe: bool(), be: bool(), cn: bool(), env: str(), configMode: str() }),
  });
}

/** `metrics.serviceMonitor`: printed into ServiceMonitors as given (`toYaml`). */
function serviceMonitor(): StructSchema {
  return struct({
    enabled: bool(),
    labels: stringMap(),
    interval: str(),
    basicAuth: struct({
      enabled: bool(),
      usernameSecretName: str(),
      usernameSecretKey: str(),
      passwordSecretName: str(),
      passwordSecretKey: str(),
    }),
    // Prometheus' endpoint params: each a list of strings
    endpointParam: struct({ enabled: bool(), params: mapOf(listOf(str())) }),
  });
}

/** `starrocksCluster`: the StarRocksCluster's metadata and cluster-wide switches. */
function starrocksCluster(): StructSchema {
  return struct({
    name: str(),
    namespace: str(),
    annotations: stringMap(),
    enabledBe: bool(),
    enabledCn: bool(),
    waitForFullRollout: bool(),
    disasterRecovery: struct({ enabled: bool(), generation: int({ min: 0, max: Number.MAX_SAFE_INTEGER }) }),
    componentValues: componentValuesSchema(),
  });
}

/**
 * The `starrocks` subchart's values (under `starrocks:` in the kube-starrocks chart).
 *
 * @internal
 */
export const STARROCKS_VALUES_SCHEMA: StructSchema = struct({
  nameOverride: str(),
  initPassword: initPassword(),
  timeZone: str(),
  datadog: datadog(),
  metrics: struct({ serviceMonitor: serviceMonitor() }),
  starrocksCluster: starrocksCluster(),
  starrocksFESpec: feSpecSchema(),
  starrocksBeSpec: beSpecSchema(),
  starrocksCnSpec: cnSpecSchema(),
  starrocksFeProxySpec: feProxySpecSchema(),
  // Secrets and ConfigMaps the chart creates (without a namespace), their data printed with `{{ }}`
  secrets: valueObjects(true),
  configMaps: valueObjects(false),
  // any Kubernetes objects, printed as given
  resources: listOf(wireMap('a Kubernetes object')),
  // Helm's global values, shared with the umbrella chart (its schema declares them); the subchart reads none
  global: anything(),
});

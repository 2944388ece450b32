/**
 * The warehouse chart 1.11.5, translated into the props of a `StarRocksWarehouse`: the same
 * StarRocksWarehouse, `<release>-cm` ConfigMap and top-level Secrets/ConfigMaps as the chart's
 * templates print for the same values.
 *
 * @internal
 */
import { Duration, Size } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { addValueObjects, chartConfig, configTextValue, datadogLogConfig, envList, imageRef, literalBlock, mounts, printedNumber, prometheusAnnotations, pullSecrets, resourceRequirements, storageSize, wholeNumber, withUserAnnotations } from './common';
import { HelmContext, HelmValuesError } from './context';
import { coalesceValues } from './merge';
import { checkValues } from './schema/check';
import { WAREHOUSE_VALUES_SCHEMA } from './schema/warehouse';
import {
  asWire, Building, isMap, listAt, listOfMaps, mapAt, PropToValuesKey, scalar, section, stringMap, text, trimAll, truthy, ValuesMap,
  valuesError, wireMap,
} from './values';
import { WAREHOUSE_CHART_DEFAULTS } from './warehouse-defaults';
import { StarRocksCluster } from '../cluster/cluster';
import { defaultPort } from '../common/constants';
import { propProblems } from '../common/prop-validation';
import { show } from '../common/validate';
import { warn } from '../common/warnings';
import { CnAutoScalingOptions, ComponentServiceOptions, HpaVersion, ServicePortOptions, ServiceType } from '../components/options';
import { renderLogsAnnotation } from '../monitoring/datadog';
import { PersistentStorageOptions } from '../storage/storage';
import { StarRocksWarehouse, WarehouseOptions } from '../warehouse/warehouse';

/** The service the chart puts into the Datadog log configuration. */
const DATADOG_SERVICE = 'warehouse';
/**
 * The chart's Datadog log annotation key. The warehouse's container is named `cn`, so Datadog
 * does not apply it; kept for parity.
 */
const DATADOG_LOGS_ANNOTATION = 'ad.datadoghq.com/warehouse.logs';
const CONFIG_HASH_ANNOTATION = 'app.starrocks.io/cn-config-hash';
/** The chart's ConfigMap key of the config file. */
const CONFIG_KEY = 'cn.conf';
/** The chart's fallback of `prometheus.io/port` when the config has no `webserver_port`: CN's default. */
const DEFAULT_WEBSERVER_PORT = String(defaultPort('cn', 'webserver'));

const SERVICE_TYPES = Object.values(ServiceType) as string[];
const SERVICE_PORT_KEYS = ['name', 'containerPort', 'port', 'nodePort'] as const;
const AUTOSCALING_KEYS = ['version', 'minReplicas', 'maxReplicas', 'hpaPolicy'];
const HPA_POLICY_KEYS = ['metrics', 'behavior'];
const RESOURCE_KEYS = ['limits', 'requests'];

/**
 * The props of `StarRocksWarehouse` (and of the imported cluster) named in the constructs' errors,
 * and the values keys they come from (more specific first).
 */
const PROP_TO_VALUES_KEY: PropToValuesKey = [
  ['cn.service.loadBalancerIp', 'spec.service.loadbalancerIP'],
  ['cn.autoScaling.metrics', 'spec.autoScalingPolicy.hpaPolicy.metrics'],
  ['cn.autoScaling.behavior', 'spec.autoScalingPolicy.hpaPolicy.behavior'],
  ['cn.autoScaling', 'spec.autoScalingPolicy'],
  ['cn.podAnnotations', 'spec.annotations'],
  ['cn.minReady', 'spec.minReadySeconds'],
  ['cn.dataStorage.size', 'spec.storageSpec.storageSize'],
  ['cn.logStorage.size', 'spec.storageSpec.logStorageSize'],
  ['cn.dataStorage', 'spec.storageSpec'],
  ['cn.logStorage', 'spec.storageSpec'],
  ['cn.volumeNamePrefix', 'spec.storageSpec.name'],
  ['cn mount paths', 'spec.secrets, spec.configMaps and spec.storageSpec mount paths'],
  ['cn volume names', 'spec.secrets, spec.configMaps and spec.storageSpec volume names'],
  ['cn', 'spec'],
  ['clusterName', 'spec.starRocksClusterName'],
  ['cluster', 'spec.starRocksClusterName'],
  ['namespace', 'the release namespace'],
  ['timeZone', 'timeZone'],
  ['name', 'the release name (the warehouse\'s name)'],
];

/**
 * Adds what the warehouse chart renders: a `StarRocksWarehouse` named after the release, its
 * `<release>-cm` ConfigMap, and the Secrets and ConfigMaps of the top-level `secrets` and
 * `configMaps` lists.
 *
 * The values are merged over the chart's defaults first (the warehouse chart is rendered on its
 * own, so a `null` removes a default). Where the chart would print a StarRocksWarehouse the API
 * server rejects (no `spec.starRocksClusterName`), a `HelmValuesError` names the values key.
 *
 * @param scope where to add the objects
 * @param values the user's values (not merged over the chart's defaults)
 * @param ctx the release
 * @internal
 */
export function addWarehouseChart(scope: Construct, values: unknown, ctx: HelmContext): void {
  if (values !== null && values !== undefined && !isMap(values)) {
    throw new HelmValuesError(`the warehouse chart's values must be a map, got ${show(values)}`);
  }
  checkValues(values ?? {}, WAREHOUSE_VALUES_SCHEMA, '', (m) => warn(scope, m));
  const v = section(coalesceValues(WAREHOUSE_CHART_DEFAULTS, values ?? {}, { nullRemoves: true, onWarning: (m) => warn(scope, `values: ${m}`) }));
  // not checked again: the user's values are (above), the defaults in test/helm/schema-defaults.test.ts
  const spec = mapAt('spec', v.spec) ?? {};

  const clusterName = truthy(spec.starRocksClusterName) ? scalar('spec.starRocksClusterName', spec.starRocksClusterName) : '';
  if (clusterName === '') {
    throw new HelmValuesError('spec.starRocksClusterName must be set: the StarRocksWarehouse CRD requires spec.starRocksCluster, '
      + 'the name of the shared-data StarRocksCluster (in the release namespace) the warehouse belongs to '
      + '(the chart would print the warehouse without it, which the API server rejects)');
  }

  let warehouse: StarRocksWarehouse;
  try {
    const cluster = StarRocksCluster.fromClusterName(scope, 'Cluster', clusterName, { namespace: ctx.namespace });
    const props = warehousePropsFromValues(scope, v, ctx);
    warehouse = new StarRocksWarehouse(scope, 'Warehouse', { ...props, cluster });
    // the synth-time checks, now, so that their problems name the values key
    const problems = propProblems(warehouse);
    if (problems.length > 0) {
      throw problems[0];
    }
  } catch (e) {
    throw valuesError(e, PROP_TO_VALUES_KEY);
  }
  if (truthy(datadog(v, 'log').enabled)) {
    warn(warehouse, `datadog.log.enabled: the chart's log annotation key is "${DATADOG_LOGS_ANNOTATION}" (kept for parity), but the `
      + 'warehouse\'s container is named "cn", so the Datadog agent does not apply it; add an "ad.datadoghq.com/cn.logs" '
      + 'annotation through spec.annotations to collect the logs');
  }
  const rendered = warehouse.config !== undefined
    ? [{ kind: 'ConfigMap' as const, name: warehouse.configMapName, by: 'the warehouse\'s config (spec.config)' }]
    : [];
  addValueObjects(scope, v, ctx.namespace, rendered);
}

/**
 * Reads the warehouse chart's values (merged over its defaults) into the props of a
 * `StarRocksWarehouse` (all but `cluster`), as the chart's templates print them.
 *
 * @internal
 */
export function warehousePropsFromValues(scope: Construct, v: ValuesMap, ctx: HelmContext): WarehouseOptions {
  const spec = mapAt('spec', v.spec) ?? {};
  const datadogLogs = truthy(datadog(v, 'log').enabled);
  const datadogMetrics = truthy(datadog(v, 'metrics').enabled);
  const o: Building<WarehouseOptions> = {
    name: ctx.release,
    namespace: ctx.namespace,
    // the chart's labels besides `warehouse: <release>` (which the construct adds)
    labels: { 'app.kubernetes.io/instance': ctx.release, 'app.kubernetes.io/managed-by': 'Helm' },
    image: imageRef('spec.image', spec.image),
  };
  if (truthy(spec.replicas)) {
    o.replicas = printedNumber('spec.replicas', spec.replicas);
  }
  if (truthy(spec.serviceAccount)) {
    o.serviceAccount = scalar('spec.serviceAccount', spec.serviceAccount);
  }
  // always printed
  if (spec.runAsNonRoot !== null && spec.runAsNonRoot !== undefined) {
    o.runAsNonRoot = bool('spec.runAsNonRoot', spec.runAsNonRoot);
  }
  if (truthy(spec.podLabels)) {
    o.podLabels = stringMap('spec.podLabels', spec.podLabels);
  }
  if (truthy(spec.hostAliases)) {
    o.hostAliases = asWire<k8s.HostAlias[]>(listOfMaps('spec.hostAliases', spec.hostAliases));
  }
  if (truthy(spec.schedulerName)) {
    o.schedulerName = scalar('spec.schedulerName', spec.schedulerName);
  }
  if (truthy(spec.nodeSelector)) {
    o.nodeSelector = stringMap('spec.nodeSelector', spec.nodeSelector);
  }
  Object.assign(o, environment(scope, v, spec, datadogLogs));
  if (truthy(spec.affinity)) {
    o.affinity = wireMap<k8s.Affinity>('spec.affinity', spec.affinity);
  }
  if (truthy(spec.tolerations)) {
    o.tolerations = asWire<k8s.Toleration[]>(listOfMaps('spec.tolerations', spec.tolerations));
  }
  // always printed
  if (spec.minReadySeconds !== null && spec.minReadySeconds !== undefined) {
    o.minReady = Duration.seconds(printedNumber('spec.minReadySeconds', spec.minReadySeconds));
  }
  if (truthy(spec.autoScalingPolicy)) {
    o.autoScaling = autoScaling(spec.autoScalingPolicy);
  }
  if (truthy(spec.resources)) {
    o.resources = resourceRequirements('spec.resources', spec.resources, RESOURCE_KEYS,
      'the chart prints the keys of resources directly into spec.template; the library supports only these two');
  }
  const config = configFile(v.configMaps, spec.config, ctx.release, scope);
  Object.assign(o, config.props);
  const service = serviceOptions(scope, spec, datadogMetrics);
  if (service) {
    o.service = service;
  }
  const chartAnnotations: { [key: string]: string } = { ...config.annotations };
  if (datadogLogs) {
    chartAnnotations[DATADOG_LOGS_ANNOTATION] = datadogLogsAnnotation(datadog(v, 'log').logConfig);
  }
  if (isMap(spec.annotations) && CONFIG_HASH_ANNOTATION in spec.annotations) {
    throw new HelmValuesError(`spec.annotations.${CONFIG_HASH_ANNOTATION} must not be set: the chart sets this pod annotation itself and would print the key twice`);
  }
  const annotations = withUserAnnotations(chartAnnotations, 'spec.annotations', spec.annotations);
  if (Object.keys(annotations).length > 0) {
    o.podAnnotations = annotations;
  }
  if (truthy(spec.imagePullSecrets)) {
    o.imagePullSecrets = pullSecrets('spec.imagePullSecrets', spec.imagePullSecrets);
  }
  if (truthy(spec.secrets)) {
    o.secrets = mounts('spec.secrets', spec.secrets);
  }
  if (truthy(spec.configMaps)) {
    o.configMaps = mounts('spec.configMaps', spec.configMaps);
  }
  Object.assign(o, storage(scope, spec.storageSpec));
  if (truthy(spec.persistentVolumeClaimRetentionPolicy)) {
    o.persistentVolumeClaimRetentionPolicy = wireMap<k8s.StatefulSetPersistentVolumeClaimRetentionPolicy>(
      'spec.persistentVolumeClaimRetentionPolicy', spec.persistentVolumeClaimRetentionPolicy);
  }
  return o;
}

/**
 * `envVars`: `TZ` (the time zone), `LOG_CONSOLE` (Datadog logs), then the user's list. A user
 * variable of the same name as one of the chart's replaces it: the chart prints both and
 * Kubernetes uses the last one, the typed API refuses duplicates.
 */
function environment(scope: Construct, v: ValuesMap, spec: ValuesMap, datadogLogs: boolean): Pick<WarehouseOptions, 'timeZone' | 'envVars'> {
  const user: k8s.EnvVar[] = truthy(spec.envVars) ? envList('spec.envVars', spec.envVars) : [];
  const names = new Set<string>();
  user.forEach((e, i) => {
    if (names.has(e.name)) {
      throw new HelmValuesError(`spec.envVars[${i}].name must be unique in spec.envVars, but ${show(e.name)} is there twice`);
    }
    names.add(e.name);
  });
  const chartEnv: k8s.EnvVar[] = [];
  const out: Building<Pick<WarehouseOptions, 'timeZone' | 'envVars'>> = {};
  const timeZone = text(v.timeZone);
  if (names.has('TZ')) {
    warn(scope, 'spec.envVars sets TZ, which the chart also sets from timeZone (the chart prints both, Kubernetes uses the last); '
      + 'only the spec.envVars entry is kept');
  } else if (timeZone !== '') {
    out.timeZone = timeZone;
  } else {
    // the chart prints `value:` with nothing: TZ is set to the empty string
    chartEnv.push({ name: 'TZ' });
  }
  if (datadogLogs) {
    if (names.has('LOG_CONSOLE')) {
      warn(scope, 'spec.envVars sets LOG_CONSOLE, which the chart also sets for datadog.log.enabled (the chart prints both, Kubernetes uses the last); '
        + 'only the spec.envVars entry is kept');
    } else {
      chartEnv.push({ name: 'LOG_CONSOLE', value: '1' });
    }
  }
  const env = [...chartEnv, ...user];
  if (env.length > 0) {
    out.envVars = env;
  }
  return out;
}

/**
 * `autoScalingPolicy` is printed as given: `version`, `minReplicas`, `maxReplicas` and
 * `hpaPolicy` (`metrics`, `behavior`).
 */
function autoScaling(value: unknown): CnAutoScalingOptions {
  const p = 'spec.autoScalingPolicy';
  const a = mapAt(p, value)!;
  for (const k of Object.keys(a)) {
    if (!AUTOSCALING_KEYS.includes(k)) {
      throw new HelmValuesError(`${p} may only have ${AUTOSCALING_KEYS.join(', ')} (the StarRocksWarehouse CRD has no other field), got ${show(k)}`);
    }
  }
  if (a.maxReplicas === null || a.maxReplicas === undefined) {
    throw new HelmValuesError(`${p}.maxReplicas must be set: the StarRocksWarehouse CRD requires it in an autoScalingPolicy`);
  }
  const out: Building<CnAutoScalingOptions> = { maxReplicas: wholeNumber(`${p}.maxReplicas`, a.maxReplicas, 1) };
  if (a.minReplicas !== null && a.minReplicas !== undefined) {
    out.minReplicas = wholeNumber(`${p}.minReplicas`, a.minReplicas, 1);
  }
  if (truthy(a.version)) {
    out.version = scalar(`${p}.version`, a.version) as HpaVersion;
  }
  const policy = a.hpaPolicy === null || a.hpaPolicy === undefined ? {} : mapAt(`${p}.hpaPolicy`, a.hpaPolicy)!;
  for (const k of Object.keys(policy)) {
    if (!HPA_POLICY_KEYS.includes(k)) {
      throw new HelmValuesError(`${p}.hpaPolicy may only have ${HPA_POLICY_KEYS.join(', ')} (the StarRocksWarehouse CRD has no other field), got ${show(k)}`);
    }
  }
  if (truthy(policy.metrics)) {
    out.metrics = asWire<k8s.MetricSpecV2[]>(listOfMaps(`${p}.hpaPolicy.metrics`, policy.metrics));
  }
  if (truthy(policy.behavior)) {
    out.behavior = wireMap<k8s.HorizontalPodAutoscalerBehaviorV2>(`${p}.hpaPolicy.behavior`, policy.behavior);
  }
  return out;
}

/**
 * The config file: the ConfigMap `<release>-cm` (key `cn.conf`) holds `spec.config` as a YAML
 * literal block prints it (exactly one final newline); the hash is over the value as given. An
 * empty config renders no ConfigMap, but the chart still points the warehouse at `<release>-cm`
 * and prints the hash `no-config`.
 */
function configFile(topConfigMaps: unknown, config: unknown, release: string, scope: Construct):
{ props: Pick<WarehouseOptions, 'config' | 'existingConfig'>; annotations: { [key: string]: string } } {
  const configMapName = `${release}-cm`;
  if (!truthy(config)) {
    const provided = Array.isArray(topConfigMaps) && topConfigMaps.some((c) => isMap(c) && text(c.name) === configMapName);
    if (!provided) {
      warn(scope, `spec.config is empty: as in the chart, the warehouse reads ${CONFIG_KEY} from the ConfigMap "${configMapName}", `
        + 'which the chart does not create: create it (e.g. through the top-level configMaps) or set spec.config');
    }
    return {
      props: { existingConfig: { configMapName, resolveKey: CONFIG_KEY } },
      annotations: { [CONFIG_HASH_ANNOTATION]: 'no-config' },
    };
  }
  if (typeof config !== 'string') {
    throw new HelmValuesError(`spec.config must be the text of cn.conf (a string), got ${show(config)}`);
  }
  return {
    props: { config: chartConfig(literalBlock(config), config) },
    annotations: {},
  };
}

/**
 * The Service block, printed only with a `type`: the load balancer IP only for `LoadBalancer`,
 * the ports as given, the Prometheus annotations (Datadog metrics) before the user's.
 */
function serviceOptions(scope: Construct, spec: ValuesMap, datadogMetrics: boolean): ComponentServiceOptions | undefined {
  const p = 'spec.service';
  const s = mapAt(p, spec.service) ?? {};
  if (!truthy(s.type)) {
    return undefined;
  }
  const type = scalar(`${p}.type`, s.type);
  if (!SERVICE_TYPES.includes(type)) {
    throw new HelmValuesError(`${p}.type must be one of ${SERVICE_TYPES.map((t) => show(t)).join(', ')} (the API server rejects the operator's Service otherwise), got ${show(s.type)}`);
  }
  const out: Building<ComponentServiceOptions> = { type: type as ServiceType };
  if (truthy(s.loadbalancerIP)) {
    if (type === ServiceType.LOAD_BALANCER) {
      out.loadBalancerIp = scalar(`${p}.loadbalancerIP`, s.loadbalancerIP);
    } else {
      warn(scope, `${p}.loadbalancerIP is ignored for a ${type} Service (as in the chart, it applies to LoadBalancer only)`);
    }
  }
  if (truthy(s.ports)) {
    out.ports = listAt(`${p}.ports`, s.ports).map((port, i) => servicePort(`${p}.ports[${i}]`, port));
  }
  const metrics = datadogMetrics ? prometheusAnnotations(configTextValue(spec.config, 'webserver_port') ?? DEFAULT_WEBSERVER_PORT) : {};
  const annotations = withUserAnnotations(metrics, `${p}.annotations`, s.annotations, ' with datadog.metrics.enabled');
  if (Object.keys(annotations).length > 0) {
    out.annotations = annotations;
  }
  if (truthy(s.labels)) {
    out.labels = stringMap(`${p}.labels`, s.labels);
  }
  return out;
}

function servicePort(prop: string, value: unknown): ServicePortOptions {
  if (!isMap(value)) {
    throw new HelmValuesError(`${prop} must be a map of name, containerPort, port and nodePort, got ${show(value)}`);
  }
  const out: Building<ServicePortOptions> = {};
  for (const [k, val] of Object.entries(value)) {
    const key = SERVICE_PORT_KEYS.find((known) => known === k);
    if (key === undefined) {
      throw new HelmValuesError(`${prop} may only have ${SERVICE_PORT_KEYS.join(', ')} (the StarRocksWarehouse CRD has no other field), got ${show(k)}`);
    }
    if (val === null || val === undefined) {
      continue;
    }
    if (key === 'name') {
      out.name = scalar(`${prop}.name`, val);
    } else {
      out[key] = wholeNumber(`${prop}.${k}`, val, 0);
    }
  }
  return out;
}

/**
 * The Datadog log annotation value as the chart builds it: it strips spaces and braces from both
 * ends of `logConfig`, wraps the rest as `{<rest>, "service": "warehouse"}`, parses that as JSON
 * (so `service` always wins) and prints it, keys sorted, in a one-element list.
 */
function datadogLogsAnnotation(logConfig: unknown): string {
  if (logConfig !== null && logConfig !== undefined && typeof logConfig !== 'string' && !isMap(logConfig)) {
    throw new HelmValuesError(`datadog.log.logConfig must be a JSON object as a string, got ${show(logConfig)}`);
  }
  const config = datadogLogConfig(logConfig, (json) => {
    const inner = trimAll(json, ' {}');
    return inner === '' ? undefined : `{${inner}, "service": "${DATADOG_SERVICE}"}`;
  }, 'such as \'{"app": "starrocks", "tags": ["a"]}\' (the chart strips spaces and braces from both ends of it, so an object ending '
    + 'with a nested object breaks and the chart would print a Datadog configuration holding only an error)');
  return renderLogsAnnotation({ service: DATADOG_SERVICE }, config, undefined);
}

/**
 * `storageSpec`: with a `name`, a data volume `<name>-data` at the CN storage path and, when
 * `logStorageSize` is set, a log volume `<name>-log` at the CN log path, both of the storage class.
 */
function storage(scope: Construct, value: unknown): Pick<WarehouseOptions, 'volumeNamePrefix' | 'dataStorage' | 'logStorage'> {
  const p = 'spec.storageSpec';
  const s = mapAt(p, value) ?? {};
  const storageClassName = truthy(s.storageClassName) ? scalar(`${p}.storageClassName`, s.storageClassName) : undefined;
  if (!truthy(s.name)) {
    if (storageClassName !== undefined) {
      warn(scope, `${p}.storageClassName is ignored without ${p}.name (as in the chart, no persistent volume is used)`);
    }
    return {};
  }
  if (!truthy(s.storageSize)) {
    throw new HelmValuesError(`${p}.storageSize must be set when ${p}.name is set (the API server rejects a volume claim without a size)`);
  }
  const volume = (size: Size): PersistentStorageOptions => (storageClassName === undefined ? { size } : { size, storageClassName });
  const out: Building<Pick<WarehouseOptions, 'volumeNamePrefix' | 'dataStorage' | 'logStorage'>> = {
    volumeNamePrefix: scalar(`${p}.name`, s.name),
    dataStorage: volume(storageSize(`${p}.storageSize`, s.storageSize)),
  };
  if (truthy(s.logStorageSize)) {
    out.logStorage = volume(storageSize(`${p}.logStorageSize`, s.logStorageSize));
  }
  return out;
}

/** `datadog.<part>` (`log`, `metrics`): a map, or no value; another value is an error naming the key. */
function datadog(v: ValuesMap, part: 'log' | 'metrics'): ValuesMap {
  const dd = mapAt('datadog', v.datadog) ?? {};
  return mapAt(`datadog.${part}`, dd[part]) ?? {};
}

/** A boolean printed with `{{ }}`: unquoted true or false (the schema refuses quoted ones). */
function bool(prop: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new HelmValuesError(`${prop} must be unquoted true or false (the StarRocksWarehouse CRD rejects others), got ${show(value)}`);
  }
  return value;
}

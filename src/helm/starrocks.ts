/**
 * The `starrocks` subchart of kube-starrocks 1.11.5, translated into a `StarRocksCluster` and what
 * builds on it (the root password, ServiceMonitors, the top-level `secrets`, `configMaps` and
 * `resources`), through the constructs' typed props.
 *
 * @internal
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { addValueObjects, RenderedObject, typedResources } from './common';
import { HelmContext, HelmValuesError } from './context';
import { componentOptions, ENV_KEY, passwordSecretName, SPEC_KEY } from './starrocks-component';
import { feProxyEnabled, feProxyOptions } from './starrocks-fe-proxy';
import { countAt, flagAt, mapsAt, requiredText, sectionAt, textAt, textListAt } from './starrocks-readers';
import { removeNamespace } from './typed-api-gaps';
import { isMap, PropToValuesKey, section, stringMap, truthy, ValuesMap, valuesError } from './values';
import { DisasterRecoveryOptions, StarRocksCluster, StarRocksClusterProps } from '../cluster/cluster';
import { ComponentKind } from '../cluster/component-kind';
import { mountsClusterSnapshot } from '../cluster/props';
import { StarRocksApiObject } from '../common/api-object';
import { ComponentKey } from '../common/constants';
import { propProblems } from '../common/prop-validation';
import { warn } from '../common/warnings';
import { FeOptions } from '../components/options';
import { InitPasswordJobOptions } from '../init-password/init-password-job';
import { RootPasswordSource } from '../init-password/password-source';
import { ScrapeInterval, StarRocksServiceMonitorOptions } from '../monitoring/service-monitor';

const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume',
  'StorageClass', 'PriorityClass', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'APIService']);
const COMPONENTS: readonly ComponentKey[] = ['fe', 'be', 'cn'];

/** The props of one component and the values keys they come from, more specific first. */
function componentPropKeys(x: ComponentKey): PropToValuesKey {
  const s = SPEC_KEY[x];
  const storage = `${s}.storageSpec`;
  return [
    [`${x}.volumeNamePrefix`, `${storage}.name`],
    [`${x}.dataVolumeCount`, `${storage}.storageCount`],
    [`${x}.metaStorage.size`, `${storage}.storageSize`],
    [`${x}.metaStorage.mountPath`, `${storage}.storageMountPath`],
    [`${x}.metaStorage.storageClassName`, `${storage}.storageClassName`],
    [`${x}.dataStorage.size`, `${storage}.storageSize`],
    [`${x}.dataStorage.mountPath`, `${storage}.storageMountPath`],
    [`${x}.dataStorage.storageClassName`, `${storage}.storageClassName`],
    [`${x}.logStorage.size`, `${storage}.logStorageSize`],
    [`${x}.logStorage.mountPath`, `${storage}.logMountPath`],
    [`${x}.logStorage.storageClassName`, `${storage}.logStorageClassName`],
    [`${x}.spillStorage.size`, `${storage}.spillStorageSize`],
    [`${x}.spillStorage.mountPath`, `${storage}.spillMountPath`],
    [`${x}.spillStorage.storageClassName`, `${storage}.spillStorageClassName`],
    [`${x}.updateStrategy`, `${s}.maxUnavailablePods`],
    [`${x}.entrypointScript`, `${s}.entrypoint.script`],
    [`${x}.existingConfig`, `${s}.config`],
    [`${x}.service.loadBalancerIp`, `${s}.service.loadbalancerIP`],
    [`${x}.autoScaling.metrics`, `${s}.autoScalingPolicy.hpaPolicy.metrics`],
    [`${x}.autoScaling.behavior`, `${s}.autoScalingPolicy.hpaPolicy.behavior`],
    [`${x}.autoScaling`, `${s}.autoScalingPolicy`],
    [`${x}.podAnnotations`, `${s}.annotations`],
    [`${x}.terminationGracePeriod`, `${s}.terminationGracePeriodSeconds`],
    [`${x}.startupProbeFailureTime`, `${s}.startupProbeFailureSeconds`],
    [`${x}.livenessProbeFailureTime`, `${s}.livenessProbeFailureSeconds`],
    [`${x}.readinessProbeFailureTime`, `${s}.readinessProbeFailureSeconds`],
    [`${x}.minReady`, `${s}.minReadySeconds`],
    [`${x} mount paths`, `${s}.secrets, .configMaps and .storageSpec mount paths`],
    [`${x} volume names`, `${s}.secrets, .configMaps and .storageSpec volume names`],
    [x, s],
  ];
}

/**
 * The props of one component that depend on the values: list items whose typed index or field is
 * not the values key's (the user's env vars follow the chart's, host paths nest their path),
 * sidecars from `sidecarsMap`, and what a component inherits from `componentValues`.
 */
function valuesPropKeys(x: ComponentKey, v: ValuesMap, envVars: readonly unknown[] | undefined): PropToValuesKey {
  const s = SPEC_KEY[x];
  const c = section(v[s]);
  const cv = section(section(v.starrocksCluster).componentValues);
  const out: Array<readonly [string, string]> = [];
  const envKey = `${s}.${ENV_KEY[x]}`;
  const user = c[ENV_KEY[x]];
  const names = Array.isArray(user) ? user.map((_e, i) => `[${i}]`) : isMap(user) ? Object.keys(user).sort().map((n) => `.${n}`) : [];
  // the chart's own variables (TZ, LOG_CONSOLE, MYSQL_PWD, Datadog's) come first
  const offset = (envVars?.length ?? 0) - names.length;
  names.forEach((n, i) => out.push([`${x}.envVars[${offset + i}]`, `${envKey}${n}`]));
  out.push([`${x}.envVars`, envKey]);
  (Array.isArray(c.hostPaths) ? c.hostPaths : []).forEach((_h, i) => {
    out.push([`${x}.hostPaths[${i}].path`, `${s}.hostPaths[${i}].hostPath.path`], [`${x}.hostPaths[${i}].type`, `${s}.hostPaths[${i}].hostPath.type`]);
  });
  if (truthy(c.sidecarsMap)) {
    out.push([`${x}.sidecars`, `${s}.sidecarsMap`]);
  }
  for (const key of INHERITED_KEYS) {
    if (!truthy(c[key]) && truthy(cv[key])) {
      out.push([`${x}.${key}`, `starrocksCluster.componentValues.${key}`]);
    }
  }
  if (!truthy(section(c.image).tag) && truthy(section(cv.image).tag)) {
    out.push([`${x}.image`, `${s}.image.repository and starrocksCluster.componentValues.image.tag`]);
  }
  return out;
}

/** The keys a component inherits from `starrocksCluster.componentValues` (the image tag aside). */
const INHERITED_KEYS = ['hostAliases', 'runAsNonRoot', 'schedulerName', 'serviceAccount', 'imagePullSecrets', 'tolerations',
  'topologySpreadConstraints', 'nodeSelector', 'affinity', 'podLabels'];

/**
 * The props of `StarRocksCluster` named in its errors, and the values keys they come from (more
 * specific first). `name` and `namespace` name the key that gave them.
 */
function clusterPropKeys(v: ValuesMap, props?: StarRocksClusterProps): PropToValuesKey {
  const sc = section(v.starrocksCluster);
  return [
    // a config key's error names the values key it comes from: configyaml wins over config
    ...COMPONENTS.map((x): readonly [string, string] => [`${x}.config`, `${SPEC_KEY[x]}.${truthy(section(v[SPEC_KEY[x]]).configyaml) ? 'configyaml' : 'config'}`]),
    ...COMPONENTS.flatMap((x) => valuesPropKeys(x, v, props?.[x]?.envVars)),
    ...COMPONENTS.flatMap(componentPropKeys),
    ['feProxy.livenessProbeFailureTime', 'starrocksFeProxySpec.livenessProbeFailureSeconds'],
    ['feProxy.readinessProbeFailureTime', 'starrocksFeProxySpec.readinessProbeFailureSeconds'],
    ['feProxy', 'starrocksFeProxySpec'],
    ['name', truthy(sc.name) ? 'starrocksCluster.name' : 'nameOverride'],
    ['namespace', truthy(sc.namespace) ? 'starrocksCluster.namespace' : 'the release namespace'],
    ['annotations', 'starrocksCluster.annotations'],
    ['disasterRecovery', 'starrocksCluster.disasterRecovery'],
    ['waitForFullRollout', 'starrocksCluster.waitForFullRollout'],
  ];
}

/** The props of `InitPasswordJob` (and its `RootPasswordSource`) and their values keys. */
const INIT_PASSWORD_PROP_KEYS: PropToValuesKey = [
  ['password.secretName', 'initPassword.passwordSecret'],
  ['password', 'initPassword.password'],
  ['image', 'initPassword.image'],
  ['resourceClaims', 'initPassword.resources.claims'],
  ['resources', 'initPassword.resources'],
  ['annotations', 'initPassword.annotations'],
  ['podAnnotations', 'initPassword.podAnnotations'],
];

/** The props of `StarRocksServiceMonitor` and their values keys. */
const SERVICE_MONITOR_PROP_KEYS: PropToValuesKey = [
  ['basicAuth.usernameSecretName', 'metrics.serviceMonitor.basicAuth.usernameSecretName'],
  ['basicAuth.usernameSecret', 'metrics.serviceMonitor.basicAuth.usernameSecretName'],
  ['basicAuth.usernameKey', 'metrics.serviceMonitor.basicAuth.usernameSecretKey'],
  ['basicAuth.passwordSecretName', 'metrics.serviceMonitor.basicAuth.passwordSecretName'],
  ['basicAuth.passwordSecret', 'metrics.serviceMonitor.basicAuth.passwordSecretName'],
  ['basicAuth.passwordKey', 'metrics.serviceMonitor.basicAuth.passwordSecretKey'],
  ['endpointParams', 'metrics.serviceMonitor.endpointParam.params'],
  ['interval', 'metrics.serviceMonitor.interval'],
  ['labels', 'metrics.serviceMonitor.labels'],
];

/** Runs `f`, a construct's constructor or mutator, naming the values key in its errors. */
function named<T>(keys: PropToValuesKey, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw valuesError(e, keys);
  }
}

/** What the starrocks subchart rendered, for the parts that build on the cluster. @internal */
export interface StarRocksChartResult {
  readonly cluster: StarRocksCluster;
  /** The name of the root-password Secret when `initPassword.enabled`. */
  readonly passwordSecretName?: string;
}

/**
 * Reads the starrocks subchart's values (already merged over the chart defaults) into the props of
 * a StarRocksCluster, as the chart's templates would print them.
 *
 * @internal
 */
export function clusterPropsFromValues(v: ValuesMap, ctx: HelmContext): StarRocksClusterProps {
  const sc = sectionAt('starrocksCluster', v.starrocksCluster);
  const name = clusterName(v);
  const fe: FeOptions = componentOptions('fe', v, name);
  const dr = typedDisasterRecovery(sc.disasterRecovery, fe);
  return {
    name,
    namespace: textAt('starrocksCluster.namespace', sc.namespace) || ctx.namespace,
    labels: { 'cluster': name, 'app.kubernetes.io/instance': ctx.release, 'app.kubernetes.io/managed-by': 'Helm' },
    annotations: stringMap('starrocksCluster.annotations', sc.annotations),
    fe,
    be: flagAt('starrocksCluster.enabledBe', sc.enabledBe) ? componentOptions('be', v, name) : { enabled: false },
    cn: flagAt('starrocksCluster.enabledCn', sc.enabledCn) ? componentOptions('cn', v, name) : undefined,
    ...(flagAt('starrocksCluster.waitForFullRollout', sc.waitForFullRollout) ? { waitForFullRollout: true } : {}),
    ...(dr !== undefined ? { disasterRecovery: dr } : {}),
    ...(feProxyEnabled(v.starrocksFeProxySpec) ? { feProxy: feProxyOptions(v.starrocksFeProxySpec) } : {}),
  };
}

/**
 * `disasterRecovery` as the chart prints it: `enabled` only when given (`omitEnabled`), and printed
 * although FE mounts no cluster snapshot (`snapshotMountedElsewhere`; the translation warns).
 */
function typedDisasterRecovery(value: unknown, fe: FeOptions): DisasterRecoveryOptions | undefined {
  const p = 'starrocksCluster.disasterRecovery';
  const dr = sectionAt(p, value);
  if (!truthy(dr)) {
    return undefined;
  }
  const generation = countAt(`${p}.generation`, dr.generation) ?? 0;
  if (dr.enabled === undefined || dr.enabled === null) {
    return { omitEnabled: true, generation };
  }
  const enabled = flagAt(`${p}.enabled`, dr.enabled);
  return enabled && !snapshotMounted(fe) ? { enabled, generation, snapshotMountedElsewhere: true } : { enabled, generation };
}

/** Whether FE mounts a cluster snapshot, as disaster recovery needs. */
function snapshotMounted(fe: FeOptions): boolean {
  return mountsClusterSnapshot(fe.configMaps ?? []);
}

/** The cluster name: `starrocksCluster.name`, else `nameOverride`, else the chart name. @internal */
export function clusterName(v: ValuesMap): string {
  const n = textAt('starrocksCluster.name', sectionAt('starrocksCluster', v.starrocksCluster).name);
  if (n) {
    return n;
  }
  return textAt('nameOverride', v.nameOverride) || 'starrocks';
}

/**
 * Adds what the starrocks subchart renders, for values already merged over its defaults. Its
 * errors name the values key under `root` (`starrocks` in the kube-starrocks chart's values; ''
 * for the subchart's own values).
 *
 * @internal
 */
export function addStarRocksFromValues(scope: Construct, v: ValuesMap, ctx: HelmContext, root = 'starrocks'): StarRocksChartResult {
  try {
    return addStarRocks(scope, v, ctx);
  } catch (e) {
    throw e instanceof HelmValuesError && root !== '' ? new HelmValuesError(`${root}.${e.message}`) : e;
  }
}

function addStarRocks(scope: Construct, v: ValuesMap, ctx: HelmContext): StarRocksChartResult {
  const props = clusterPropsFromValues(v, ctx);
  const keys = clusterPropKeys(v, props);
  const cluster = named(keys, () => new StarRocksCluster(scope, 'StarRocksCluster', props));
  const dr = props.disasterRecovery;
  if (dr !== undefined && dr.enabled !== false && !snapshotMounted(props.fe ?? {})) {
    // the chart prints disaster recovery without a cluster snapshot mounted into FE, so the translation does too
    warn(cluster, 'starrocksCluster.disasterRecovery is set but starrocksFESpec.configMaps mounts no cluster_snapshot.yaml; '
      + 'the operator will not start the recovery (rendered as the chart does)');
  }
  const ip = sectionAt('initPassword', v.initPassword);
  const initPassword = flagAt('initPassword.enabled', ip.enabled);
  if (initPassword) {
    addInitPassword(cluster, ip);
  }
  const sm = sectionAt('metrics.serviceMonitor', sectionAt('metrics', v.metrics).serviceMonitor);
  if (flagAt('metrics.serviceMonitor.enabled', sm.enabled)) {
    if (ctx.apiVersions.includes('monitoring.coreos.com/v1')) {
      addServiceMonitors(cluster, sm, flagAt('starrocksCluster.enabledCn', sectionAt('starrocksCluster', v.starrocksCluster).enabledCn));
    } else {
      warn(scope, 'metrics.serviceMonitor.enabled is set but the cluster does not serve monitoring.coreos.com/v1 '
        + '(pass --api-versions monitoring.coreos.com/v1 once the Prometheus operator is installed); no ServiceMonitor is rendered');
    }
  }
  // the cluster's synth-time checks, now that every call is made, so that their problems name the values key
  const problems = propProblems(cluster);
  if (problems.length > 0) {
    throw valuesError(problems[0], keys);
  }
  addValueObjects(scope, v, ctx.namespace, renderedByCluster(cluster, ctx.namespace));
  addExtraResources(scope, v, ctx.namespace);
  return { cluster, passwordSecretName: initPassword ? passwordSecretName(v, cluster.clusterName) : undefined };
}

/** What renders each ConfigMap and Secret of the cluster, by construct path below it, for the message. */
const RENDERED_BY: { [path: string]: string } = {
  FeConfig: 'starrocksFESpec.config', BeConfig: 'starrocksBeSpec.config', CnConfig: 'starrocksCnSpec.config',
};

/**
 * The ConfigMaps and Secrets the chart renders for the cluster in the release namespace (its
 * configs, the root password's), whose names the values' `configMaps` and `secrets` must not take.
 */
function renderedByCluster(cluster: StarRocksCluster, namespace: string): RenderedObject[] {
  const out: RenderedObject[] = [];
  const prefix = cluster.node.path.length + 1;
  for (const c of cluster.node.findAll()) {
    if (ApiObject.isApiObject(c) && (c.kind === 'ConfigMap' || c.kind === 'Secret') && c.metadata.namespace === namespace) {
      const path = c.node.path.slice(prefix);
      const by = RENDERED_BY[path] ?? (path.startsWith('InitPassword/') ? 'initPassword' : path);
      out.push({ kind: c.kind, name: c.name, by: `the ${c.kind} the chart renders for ${by}` });
    }
  }
  return out;
}

function addInitPassword(cluster: StarRocksCluster, ip: ValuesMap): void {
  const p = 'initPassword';
  let password: RootPasswordSource;
  const secretName = textAt(`${p}.passwordSecret`, ip.passwordSecret);
  const plaintext = textAt(`${p}.password`, ip.password, true);
  if (secretName) {
    password = named(INIT_PASSWORD_PROP_KEYS, () => RootPasswordSource.fromSecretName(secretName, 'password'));
  } else if (plaintext) {
    password = named(INIT_PASSWORD_PROP_KEYS, () => RootPasswordSource.fromValue(plaintext));
  } else {
    throw new HelmValuesError(`${p}.password or ${p}.passwordSecret must be set when ${p}.enabled is true `
      + '(the chart would create the root password Secret with an empty password)');
  }
  const options: InitPasswordJobOptions = {
    password,
    emitJob: flagAt(`${p}.isInstall`, ip.isInstall),
    // the chart keeps the script ConfigMap when it leaves the Job out
    emitScriptConfigMap: true,
    image: textAt(`${p}.image`, ip.image) || undefined,
    // printed as given (`toYaml`)
    ...(truthy(ip.resources) ? typedResources(`${p}.resources`, ip.resources) : {}),
    annotations: stringMap(`${p}.annotations`, ip.annotations),
    podAnnotations: stringMap(`${p}.podAnnotations`, ip.podAnnotations),
  };
  named(INIT_PASSWORD_PROP_KEYS, () => cluster.addInitPassword('InitPassword', options));
}

function addServiceMonitors(cluster: StarRocksCluster, sm: ValuesMap, cn: boolean): void {
  const components = [ComponentKind.FE, ComponentKind.BE];
  if (cn) {
    components.push(ComponentKind.CN);
  }
  const p = 'metrics.serviceMonitor';
  const ba = sectionAt(`${p}.basicAuth`, sm.basicAuth);
  const ep = sectionAt(`${p}.endpointParam`, sm.endpointParam);
  const params = flagAt(`${p}.endpointParam.enabled`, ep.enabled) ? sectionAt(`${p}.endpointParam.params`, ep.params) : undefined;
  named(SERVICE_MONITOR_PROP_KEYS, () => cluster.addServiceMonitor('ServiceMonitor', serviceMonitorOptions(sm, ba, params, components)));
}

function serviceMonitorOptions(
  sm: ValuesMap, ba: ValuesMap, params: ValuesMap | undefined, components: ComponentKind[],
): StarRocksServiceMonitorOptions {
  const p = 'metrics.serviceMonitor';
  const b = `${p}.basicAuth`;
  const interval = textAt(`${p}.interval`, sm.interval);
  return {
    labels: stringMap(`${p}.labels`, sm.labels),
    components,
    basicAuth: flagAt(`${b}.enabled`, ba.enabled) ? {
      usernameSecretName: textAt(`${b}.usernameSecretName`, ba.usernameSecretName) ?? '',
      usernameKey: textAt(`${b}.usernameSecretKey`, ba.usernameSecretKey) ?? '',
      passwordSecretName: textAt(`${b}.passwordSecretName`, ba.passwordSecretName) ?? '',
      passwordKey: textAt(`${b}.passwordSecretKey`, ba.passwordSecretKey) ?? '',
    } : undefined,
    // the interval as the chart prints it (`60s` stays `60s`)
    interval: interval ? ScrapeInterval.fromText(interval) : ScrapeInterval.prometheusDefault(),
    // Prometheus takes a list of strings per parameter, printed as given
    endpointParams: params && truthy(params)
      ? Object.fromEntries(Object.entries(params).map(([k, val]) => [k, textListAt(`${p}.endpointParam.params.${k}`, val)]))
      : undefined,
  };
}

/** The top-level `resources` list: objects printed as given, in the release namespace unless cluster-scoped or given one. */
function addExtraResources(scope: Construct, v: ValuesMap, namespace: string): void {
  mapsAt('resources', v.resources ?? [], (_p, r) => r).forEach((r, i) => {
    const p = `resources[${i}]`;
    if (!r.apiVersion || !r.kind || !isMap(r.metadata) || !r.metadata.name) {
      throw new HelmValuesError(`${p} must be a Kubernetes object with apiVersion, kind and metadata.name`);
    }
    const { apiVersion, kind, metadata, ...rest } = r;
    requiredText(`${p}.metadata.name`, metadata.name);
    textAt(`${p}.metadata.namespace`, metadata.namespace);
    const kindText = requiredText(`${p}.kind`, kind);
    const scoped = CLUSTER_SCOPED.has(kindText);
    const obj = new StarRocksApiObject(scope, `Resource${i}`, {
      apiVersion: requiredText(`${p}.apiVersion`, apiVersion), kind: kindText, metadata: { namespace: scoped ? undefined : namespace, ...metadata }, ...rest,
    });
    if (metadata.namespace === undefined && scoped) {
      // cdk8s gives every object the chart's namespace; a cluster-scoped object has none
      removeNamespace(obj);
    }
  });
}

/**
 * One component of the starrocks subchart (`starrocksFESpec`, `starrocksBeSpec`,
 * `starrocksCnSpec`, with `starrocksCluster.componentValues`), read into the typed options of the
 * cluster's components.
 *
 * @internal
 */
import { Duration } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-27';
import { chartConfig, configTextValue, datadogLogConfig, literalBlock, mounts, prometheusAnnotations, pullSecrets, quantities, storageSize, withUserAnnotations } from './common';
import { HelmValuesError } from './context';
import { asWire, Building, dig, goPrint, isMap, listAt, mapAt, scalar, section, stringMap, truthy, ValuesMap, wireList, wireMap } from './values';
import { ComponentKind } from '../cluster/component-kind';
import { ComponentKey, defaultPort } from '../common/constants';
import { helmValueHash } from '../common/hash';
import { ImageReference } from '../common/image';
import { show } from '../common/validate';
import {
  CnAutoScalingOptions, CnOptions, StarRocksResources, ComponentServiceOptions, ExistingConfigMap, FeOptions,
  HpaVersion, ImagePullPolicy, PodManagementPolicy, ServicePortOptions, ServiceType,
} from '../components/options';
import { renderEntries, StarRocksConfig } from '../config/config';
import { DatadogLogConfig, DatadogProfilingOptions, StarRocksDatadog } from '../monitoring/datadog';
import { EmptyDirVolume, HostPathVolume, PersistentStorageOptions } from '../storage/storage';

/** The values key of each component's section. @internal */
export const SPEC_KEY: Record<ComponentKey, string> = { fe: 'starrocksFESpec', be: 'starrocksBeSpec', cn: 'starrocksCnSpec' };
const ENV_KEY: Record<ComponentKey, string> = { fe: 'feEnvVars', be: 'beEnvVars', cn: 'cnEnvVars' };

/** What any of FE, BE and CN takes (each component reads only its own fields). */
type AnyComponentOptions = FeOptions & CnOptions;

/** The part of a component's options that is its storage. */
type StorageFields = Pick<AnyComponentOptions,
'volumeNamePrefix' | 'metaStorage' | 'logStorage' | 'dataStorage' | 'dataVolumeCount' | 'spillStorage' | 'emptyDirs' | 'hostPaths'>;

/** `Number` of a value the chart prints with `{{ }}` (read as the typed prop checks it). @internal */
export function num(value: unknown): number {
  return Number(value);
}

/**
 * A number of seconds the chart prints with `{{ }}`, as a `Duration`; anything but a whole
 * number from 0 is an error naming `prop`.
 *
 * @internal
 */
export function seconds(prop: string, value: unknown): Duration {
  const n = num(value);
  if (!Number.isInteger(n) || n < 0 || n > 2147483647) {
    throw new HelmValuesError(`${prop} must be a whole number of seconds from 0 to 2147483647, got ${show(value)}`);
  }
  return Duration.seconds(n);
}

/**
 * The liveness and readiness probe budgets the chart takes for components and the FE proxy
 * alike (`livenessProbeFailureSeconds`, `readinessProbeFailureSeconds` under `p`), when given.
 *
 * @internal
 */
export function probeFailureTimes(p: string, v: ValuesMap): { livenessProbeFailureTime?: Duration; readinessProbeFailureTime?: Duration } {
  const out: { livenessProbeFailureTime?: Duration; readinessProbeFailureTime?: Duration } = {};
  if (truthy(v.livenessProbeFailureSeconds)) {
    out.livenessProbeFailureTime = seconds(`${p}.livenessProbeFailureSeconds`, v.livenessProbeFailureSeconds);
  }
  if (truthy(v.readinessProbeFailureSeconds)) {
    out.readinessProbeFailureTime = seconds(`${p}.readinessProbeFailureSeconds`, v.readinessProbeFailureSeconds);
  }
  return out;
}

/** A number given as a number (the typed prop checks its range); anything else is an error naming `prop`. */
function givenNumber(prop: string, value: unknown): number {
  if (typeof value !== 'number') {
    throw new HelmValuesError(`${prop} must be a number, got ${show(value)}`);
  }
  return value;
}

/** A value as text, or undefined when there is none. */
function optionalText(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : goPrint(value);
}

/**
 * The options of one component (FE, BE or CN) as the chart prints its section of the
 * StarRocksCluster.
 *
 * @param x the component
 * @param v the subchart's values, merged over its defaults
 * @param name the cluster's name
 * @internal
 */
export function componentOptions(x: ComponentKey, v: ValuesMap, name: string): AnyComponentOptions {
  const p = SPEC_KEY[x];
  const c = section(v[p]);
  const cv = section(dig(v, 'starrocksCluster', 'componentValues'));
  const o: Building<AnyComponentOptions> = {};

  const tag = truthy(dig(c, 'image', 'tag')) ? dig(c, 'image', 'tag') : dig(cv, 'image', 'tag');
  if (!truthy(tag)) {
    throw new HelmValuesError(`${p}.image.tag (or starrocksCluster.componentValues.image.tag) must be set: the image "${dig(c, 'image', 'repository')}:" has no tag`);
  }
  const image = ImageReference.of(goPrint(dig(c, 'image', 'repository')), goPrint(tag)).toString();
  o.image = image;
  if (x !== 'cn' || ('replicas' in c && c.replicas !== null)) {
    if (c.replicas !== null && c.replicas !== undefined) {
      o.replicas = num(c.replicas);
    }
  }
  if (truthy(c.imagePullPolicy)) {
    o.imagePullPolicy = scalar(`${p}.imagePullPolicy`, c.imagePullPolicy) as ImagePullPolicy;
  }
  if (truthy(c.maxUnavailablePods)) {
    o.updateStrategy = asWire<k8s.StatefulSetUpdateStrategy>({ rollingUpdate: { maxUnavailable: c.maxUnavailablePods } });
  }
  const resources = componentResources(p, c);
  if (resources) {
    o.resources = resources;
  }

  // the pod annotations: the config hash, Datadog logs, the entrypoint hash, then the user's
  const annotations: { [key: string]: string } = {};
  const { config, existing, hash } = componentConfig(x, c, name);
  if (config) {
    o.config = config;
  } else if (existing) {
    o.existingConfig = existing;
  }
  if (hash !== undefined) {
    annotations[`app.starrocks.io/${x}-config-hash`] = hash;
  }
  if (truthy(c.entrypoint)) {
    const script = dig(c, 'entrypoint', 'script');
    if (typeof script !== 'string') {
      throw new HelmValuesError(`${p}.entrypoint.script must be a string (the entrypoint script)`);
    }
    // the ConfigMap holds the script as a YAML literal block prints it; the annotation hashes it as given
    o.entrypointScript = literalBlock(script);
    o.entrypointScriptHash = helmValueHash(script);
  }
  if (truthy(dig(v, 'datadog', 'log', 'enabled'))) {
    annotations[StarRocksDatadog.logsAnnotationKey(x as ComponentKind)] = StarRocksDatadog.logsAnnotationValue(x as ComponentKind, {
      config: logConfig(v),
      multilineLogParsing: truthy(dig(v, 'datadog', 'log', 'enableMultilineLogParsing')),
    });
  }
  const podAnnotations = withUserAnnotations(annotations, `${p}.annotations`, c.annotations);
  if (Object.keys(podAnnotations).length > 0) {
    o.podAnnotations = podAnnotations;
  }

  const service = componentService(p, c.service);
  if (service) {
    if (truthy(dig(v, 'datadog', 'metrics', 'enabled'))) {
      const port = configTextValue(c.config, x === 'fe' ? 'http_port' : 'webserver_port') ?? String(defaultPort(x, x === 'fe' ? 'http' : 'webserver'));
      o.service = {
        ...service,
        annotations: withUserAnnotations(prometheusAnnotations(port), `${p}.service.annotations`, dig(c, 'service', 'annotations'),
          ' with datadog.metrics.enabled'),
      };
    } else {
      o.service = service;
    }
  }
  const inherited = (key: string): [string, unknown] | undefined => {
    if (truthy(c[key])) {
      return [`${p}.${key}`, c[key]];
    }
    return truthy(cv[key]) ? [`starrocksCluster.componentValues.${key}`, cv[key]] : undefined;
  };
  const pullSecretsValue = inherited('imagePullSecrets');
  if (pullSecretsValue) {
    o.imagePullSecrets = pullSecrets(...pullSecretsValue);
  }
  const serviceAccount = inherited('serviceAccount');
  if (serviceAccount) {
    o.serviceAccount = String(serviceAccount[1]);
  }
  o.runAsNonRoot = Boolean(truthy(c.runAsNonRoot) ? c.runAsNonRoot : cv.runAsNonRoot);
  if (truthy(c.readOnlyRootFilesystem)) {
    o.readOnlyRootFilesystem = Boolean(c.readOnlyRootFilesystem);
  }
  const profiled = truthy(dig(v, 'datadog', 'profiling', x));
  if (truthy(c.capabilities) || (profiled && x !== 'fe')) {
    o.capabilities = capabilities(c.capabilities, profiled && x !== 'fe');
  }
  if (truthy(c.sysctls)) {
    o.sysctls = asWire<k8s.Sysctl[]>(listAt(`${p}.sysctls`, c.sysctls).map((s) => ({ name: dig(s, 'name'), value: goPrint(dig(s, 'value')) })));
  }
  const nodeSelector = inherited('nodeSelector');
  if (nodeSelector) {
    o.nodeSelector = stringMap(...nodeSelector);
  }
  const podLabels = inherited('podLabels');
  if (podLabels) {
    o.podLabels = stringMap(...podLabels);
  }
  if (profiled) {
    o.podLabels = { ...(o.podLabels ?? {}), ...StarRocksDatadog.profilingPodLabels(profilingOptions(v)) };
  }
  const hostAliases = inherited('hostAliases');
  if (hostAliases) {
    o.hostAliases = wireList<k8s.HostAlias[]>(...hostAliases);
  }
  const schedulerName = inherited('schedulerName');
  if (schedulerName) {
    o.schedulerName = String(schedulerName[1]);
  }
  const affinity = inherited('affinity');
  if (affinity) {
    o.affinity = wireMap<k8s.Affinity>(...affinity);
  }
  const tolerations = inherited('tolerations');
  if (tolerations) {
    o.tolerations = wireList<k8s.Toleration[]>(...tolerations);
  }
  const spread = inherited('topologySpreadConstraints');
  if (spread) {
    o.topologySpreadConstraints = wireList<k8s.TopologySpreadConstraint[]>(...spread);
  }
  o.envVars = componentEnv(x, c, v, image, name);
  if (c.terminationGracePeriodSeconds !== null && c.terminationGracePeriodSeconds !== undefined) {
    o.terminationGracePeriod = seconds(`${p}.terminationGracePeriodSeconds`, c.terminationGracePeriodSeconds);
  }
  if (truthy(c.startupProbeFailureSeconds)) {
    o.startupProbeFailureTime = seconds(`${p}.startupProbeFailureSeconds`, c.startupProbeFailureSeconds);
  }
  Object.assign(o, probeFailureTimes(p, c));
  if (c.minReadySeconds !== null && c.minReadySeconds !== undefined) {
    o.minReady = seconds(`${p}.minReadySeconds`, c.minReadySeconds);
  }
  if (truthy(c.podManagementPolicy)) {
    o.podManagementPolicy = scalar(`${p}.podManagementPolicy`, c.podManagementPolicy) as PodManagementPolicy;
  }
  if (truthy(c.lifecycle)) {
    o.lifecycle = wireMap<k8s.Lifecycle>(`${p}.lifecycle`, c.lifecycle);
  }
  if (truthy(c.sidecarsMap) && truthy(c.sidecars)) {
    throw new HelmValuesError(`${p}.sidecarsMap and ${p}.sidecars cannot be set at the same time`);
  }
  if (truthy(c.sidecarsMap)) {
    const byName = mapAt(`${p}.sidecarsMap`, c.sidecarsMap)!;
    o.sidecars = asWire<k8s.Container[]>(Object.keys(byName).sort().map((n) => ({ name: n, ...mapAt(`${p}.sidecarsMap.${n}`, byName[n]) })));
  } else if (truthy(c.sidecars)) {
    o.sidecars = wireList<k8s.Container[]>(`${p}.sidecars`, c.sidecars);
  }
  if (truthy(c.initContainers)) {
    o.initContainers = wireList<k8s.Container[]>(`${p}.initContainers`, c.initContainers);
  }
  if (truthy(c.shareProcessNamespace)) {
    o.shareProcessNamespace = Boolean(c.shareProcessNamespace);
  }
  if (truthy(c.secrets)) {
    o.secrets = mounts(`${p}.secrets`, c.secrets);
  }
  if (truthy(c.configMaps)) {
    o.configMaps = mounts(`${p}.configMaps`, c.configMaps);
  }
  Object.assign(o, storageOptions(x, p, c));
  if (truthy(c.persistentVolumeClaimRetentionPolicy)) {
    o.persistentVolumeClaimRetentionPolicy = wireMap<k8s.StatefulSetPersistentVolumeClaimRetentionPolicy>(
      `${p}.persistentVolumeClaimRetentionPolicy`, c.persistentVolumeClaimRetentionPolicy);
  }
  if (x === 'cn' && truthy(c.autoScalingPolicy)) {
    o.autoScaling = autoScaling(`${p}.autoScalingPolicy`, c.autoScalingPolicy);
  }
  return o;
}

/** `capabilities` as given; the Datadog profiler (BE and CN) needs `PERFMON` and `SYS_PTRACE` added. */
function capabilities(value: unknown, profiled: boolean): k8s.Capabilities {
  const caps: ValuesMap = isMap(value) ? { ...value } : {};
  if (profiled) {
    const add: string[] = Array.isArray(caps.add) ? caps.add.map(String) : [];
    for (const cap of ['PERFMON', 'SYS_PTRACE']) {
      if (!add.includes(cap)) {
        add.push(cap);
      }
    }
    caps.add = add;
  }
  return asWire<k8s.Capabilities>(caps);
}

/** `autoScalingPolicy` of CN: the HPA settings, `hpaPolicy` printed as given. */
function autoScaling(p: string, value: unknown): CnAutoScalingOptions {
  const a = section(value);
  if (a.maxReplicas === undefined || a.maxReplicas === null) {
    throw new HelmValuesError(`${p}.maxReplicas must be set (the CRD requires it)`);
  }
  const metrics = dig(a, 'hpaPolicy', 'metrics');
  const behavior = dig(a, 'hpaPolicy', 'behavior');
  return {
    maxReplicas: givenNumber(`${p}.maxReplicas`, a.maxReplicas),
    minReplicas: a.minReplicas === undefined || a.minReplicas === null ? undefined : givenNumber(`${p}.minReplicas`, a.minReplicas),
    version: truthy(a.version) ? scalar(`${p}.version`, a.version) as HpaVersion : undefined,
    metrics: metrics === undefined || metrics === null ? undefined : wireList<k8s.MetricSpecV2[]>(`${p}.hpaPolicy.metrics`, metrics),
    behavior: behavior === undefined || behavior === null ? undefined : wireMap<k8s.HorizontalPodAutoscalerBehaviorV2>(`${p}.hpaPolicy.behavior`, behavior),
  };
}

/**
 * `resources` (limits of `unlimited` left out, as the chart does), else the older `resource`; both
 * as `requests` and `limits`.
 */
function componentResources(p: string, c: ValuesMap): StarRocksResources | undefined {
  const key = truthy(c.resources) ? 'resources' : truthy(c.resource) ? 'resource' : undefined;
  if (key === undefined) {
    return undefined;
  }
  const r = mapAt(`${p}.${key}`, c[key])!;
  const limited = (q: unknown) => key === 'resource' || goPrint(q) !== 'unlimited';
  return { requests: quantities(`${p}.${key}.requests`, r.requests), limits: quantities(`${p}.${key}.limits`, r.limits, limited) };
}

/**
 * The component's config file as the chart renders it: `configyaml` (a map) as sorted
 * `key = value` lines, else the `config` text; the hash over what the chart hashes. The BE and CN
 * ConfigMaps exist only while `config` is set (FE's always), but `configMapInfo` always points at
 * them: without a ConfigMap the library points at the name as an existing one and prints the
 * chart's hash itself.
 */
function componentConfig(x: ComponentKey, c: ValuesMap, clusterNameValue: string):
{ readonly config?: StarRocksConfig; readonly existing?: ExistingConfigMap; readonly hash?: string } {
  const yamlConfig = c.configyaml;
  if (truthy(yamlConfig) && !isMap(yamlConfig)) {
    throw new HelmValuesError('configyaml must be a map');
  }
  let text: string;
  let hashInput: unknown;
  let fixedHash: string | undefined;
  if (isMap(yamlConfig) && truthy(yamlConfig)) {
    const lines: { [key: string]: string } = {};
    for (const k of Object.keys(yamlConfig)) {
      const val = yamlConfig[k];
      lines[k] = val === null || val === undefined ? '' : goPrint(val);
    }
    text = renderEntries(lines);
    hashInput = yamlConfig;
  } else if (truthy(c.config)) {
    text = literalBlock(String(c.config));
    hashInput = String(c.config);
  } else {
    text = '';
    fixedHash = 'no-config';
  }
  if (x === 'fe' || truthy(c.config)) {
    return { config: chartConfig(text, hashInput, fixedHash) };
  }
  const hash = chartConfig(text, hashInput, fixedHash).hash;
  return { existing: { configMapName: `${clusterNameValue}-${x}-cm`, resolveKey: `${x}.conf` }, hash };
}

/** The Service block, printed only with a `type`; the load balancer settings only for `LoadBalancer`. */
/** @internal */
export function componentService(p: string, value: unknown): ComponentServiceOptions | undefined {
  if (!isMap(value) || !truthy(value.type)) {
    return undefined;
  }
  const s = value;
  const type = String(s.type) as ServiceType;
  const out: Building<ComponentServiceOptions> = { type };
  if (type === ServiceType.LOAD_BALANCER && truthy(s.loadbalancerIP)) {
    out.loadBalancerIp = String(s.loadbalancerIP);
  }
  if (type === ServiceType.LOAD_BALANCER && truthy(s.loadBalancerSourceRanges)) {
    out.loadBalancerSourceRanges = listAt(`${p}.service.loadBalancerSourceRanges`, s.loadBalancerSourceRanges).map(String);
  }
  if (truthy(s.ports)) {
    out.ports = wireList<ServicePortOptions[]>(`${p}.service.ports`, s.ports);
  }
  if (truthy(s.annotations)) {
    out.annotations = stringMap(`${p}.service.annotations`, s.annotations);
  }
  if (truthy(s.labels)) {
    out.labels = stringMap(`${p}.service.labels`, s.labels);
  }
  return out;
}

/**
 * The environment as the chart prints it: `TZ`, `LOG_CONSOLE` with Datadog logs, `MYSQL_PWD` with
 * the root password (unless the user's list mentions it), the Datadog profiling variables, then
 * the user's variables (a list, or a map sorted by name).
 */
function componentEnv(x: ComponentKey, c: ValuesMap, v: ValuesMap, image: string, clusterNameValue: string): k8s.EnvVar[] {
  const env: k8s.EnvVar[] = [{ name: 'TZ', value: goPrint(v.timeZone) }];
  const user = c[ENV_KEY[x]];
  if (truthy(dig(v, 'datadog', 'log', 'enabled'))) {
    env.push({ name: 'LOG_CONSOLE', value: '1' });
  }
  if (truthy(dig(v, 'initPassword', 'enabled')) && !JSON.stringify(user ?? null, (_k, val) => (typeof val === 'bigint' ? val.toString() : val)).includes('MYSQL_PWD')) {
    env.push({ name: 'MYSQL_PWD', valueFrom: { secretKeyRef: { name: passwordSecretName(v, clusterNameValue), key: 'password' } } });
  }
  if (truthy(dig(v, 'datadog', 'profiling', x))) {
    const profiling = profilingOptions(v);
    for (const [name, value] of Object.entries(StarRocksDatadog.profilingEnv(x as ComponentKind, profiling, image))) {
      env.push({ name, value });
    }
  }
  if (!truthy(user)) {
    return env;
  }
  if (isMap(user)) {
    for (const name of Object.keys(user).sort()) {
      const val = user[name];
      env.push(isMap(val) ? asWire<k8s.EnvVar>({ name, ...val }) : { name, value: goPrint(val) });
    }
  } else if (Array.isArray(user)) {
    env.push(...asWire<k8s.EnvVar[]>(user));
  } else {
    throw new HelmValuesError(`${SPEC_KEY[x]}.${ENV_KEY[x]} must be a list of environment variables or a map of name to value`);
  }
  return env;
}

/** `storageSpec` (with a `name`: persistent volumes), `emptyDirs` and `hostPaths`. */
function storageOptions(x: ComponentKey, p: string, c: ValuesMap): StorageFields {
  const out: Building<StorageFields> = {};
  const s = section(c.storageSpec);
  if (truthy(s.name)) {
    out.volumeNamePrefix = String(s.name);
    const cls = truthy(s.storageClassName) ? String(s.storageClassName) : undefined;
    const vol = (size: unknown, sizeKey: string, klass: unknown, path: unknown): PersistentStorageOptions => ({
      size: storageSize(`${p}.storageSpec.${sizeKey}`, size),
      storageClassName: truthy(klass) ? String(klass) : cls,
      mountPath: truthy(path) ? String(path) : undefined,
    });
    if (x === 'fe') {
      out.metaStorage = vol(s.storageSize, 'storageSize', undefined, s.storageMountPath);
      out.logStorage = vol(s.logStorageSize, 'logStorageSize', s.logStorageClassName, s.logMountPath);
    } else {
      out.dataStorage = vol(s.storageSize, 'storageSize', undefined, s.storageMountPath);
      const count = Number(s.storageCount ?? 1);
      if (count > 1) {
        out.dataVolumeCount = count;
      }
      out.logStorage = vol(s.logStorageSize, 'logStorageSize', s.logStorageClassName, s.logMountPath);
      out.spillStorage = vol(s.spillStorageSize, 'spillStorageSize', s.spillStorageClassName, s.spillMountPath);
    }
  } else if (truthy(s.storageClassName)) {
    throw new HelmValuesError(`${p}.storageSpec.name must be set when storageSpec.storageClassName is set (the chart ignores the storage otherwise)`);
  }
  if (truthy(c.emptyDirs)) {
    out.emptyDirs = emptyDirs(`${p}.emptyDirs`, c.emptyDirs);
  }
  if (truthy(c.hostPaths)) {
    out.hostPaths = listAt(`${p}.hostPaths`, c.hostPaths).map((h, i): HostPathVolume => ({
      name: String(dig(h, 'name')),
      mountPath: String(dig(h, 'mountPath')),
      path: scalar(`${p}.hostPaths[${i}].hostPath.path`, dig(h, 'hostPath', 'path')),
      type: optionalText(dig(h, 'hostPath', 'type')),
    }));
  }
  return out;
}

/** `emptyDirs`: a name and a mount path each. @internal */
export function emptyDirs(prop: string, value: unknown): EmptyDirVolume[] {
  return listAt(prop, value).map((e) => ({ name: String(dig(e, 'name')), mountPath: String(dig(e, 'mountPath')) }));
}

/**
 * `datadog.log.logConfig` as the chart reads it: a map, or the whole text as a JSON object (a text
 * of spaces and braces only gives no attributes).
 */
function logConfig(v: ValuesMap): DatadogLogConfig | undefined {
  const json = (t: string) => (t.replace(/[\s{}]/g, '') === '' ? undefined : t);
  return datadogLogConfig(dig(v, 'datadog', 'log', 'logConfig'), json, '(as a string or a map)');
}

function profilingOptions(v: ValuesMap): DatadogProfilingOptions {
  const pr = section(dig(v, 'datadog', 'profiling'));
  return {
    env: truthy(pr.env) ? goPrint(pr.env) : undefined,
    configMode: truthy(pr.configMode) ? goPrint(pr.configMode) : undefined,
  };
}

/**
 * The name of the root password Secret: `initPassword.passwordSecret`, else `<cluster>-credential`.
 *
 * @internal
 */
export function passwordSecretName(v: ValuesMap, clusterNameValue: string): string {
  const secret = dig(v, 'initPassword', 'passwordSecret');
  return truthy(secret) ? goPrint(secret) : `${clusterNameValue}-credential`;
}

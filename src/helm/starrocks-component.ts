/**
 * One component of the starrocks subchart (`starrocksFESpec`, `starrocksBeSpec`,
 * `starrocksCnSpec`, with `starrocksCluster.componentValues`), read into the typed options of the
 * cluster's components.
 *
 * @internal
 */
import type { k8s } from 'cdk8s-plus-27';
import { chartConfig, configTextValue, datadogLogConfig, literalBlock, mounts, prometheusAnnotations, pullSecrets, quantities, storageSize, withUserAnnotations } from './common';
import { HelmValuesError } from './context';
import {
  componentService, countAt, emptyDirsAt, flagAt, mapsAt, probeFailureTimes, requiredText, secondsAt, sectionAt, sysctlsAt, textAt,
  textListAt, userEnvAt,
} from './starrocks-readers';
import { asWire, Building, goPrint, isMap, mapAt, stringMap, truthy, ValuesMap, wireMap } from './values';
import { ComponentKind } from '../cluster/component-kind';
import { ComponentKey, defaultPort } from '../common/constants';
import { StarRocksPropError } from '../common/errors';
import { helmValueHash } from '../common/hash';
import { ImageReference } from '../common/image';
import { checkDnsSubdomain, show } from '../common/validate';
import {
  CnAutoScalingOptions, CnOptions, StarRocksResources, ExistingConfigMap, FeOptions, HpaVersion, ImagePullPolicy, PodManagementPolicy,
} from '../components/options';
import { renderEntries, StarRocksConfig } from '../config/config';
import { DatadogLogConfig, DatadogProfilingOptions, StarRocksDatadog } from '../monitoring/datadog';
import { HostPathVolume, PersistentStorageOptions } from '../storage/storage';

/** The values key of each component's section. @internal */
export const SPEC_KEY: Record<ComponentKey, string> = { fe: 'starrocksFESpec', be: 'starrocksBeSpec', cn: 'starrocksCnSpec' };
/** The values key of each component's environment variables. @internal */
export const ENV_KEY: Record<ComponentKey, string> = { fe: 'feEnvVars', be: 'beEnvVars', cn: 'cnEnvVars' };

/** What any of FE, BE and CN takes (each component reads only its own fields). */
type AnyComponentOptions = FeOptions & CnOptions;

/** The part of a component's options that is its storage. */
type StorageFields = Pick<AnyComponentOptions,
'volumeNamePrefix' | 'metaStorage' | 'logStorage' | 'dataStorage' | 'dataVolumeCount' | 'spillStorage' | 'emptyDirs' | 'hostPaths'>;

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
  const c = sectionAt(p, v[p]);
  const cvKey = 'starrocksCluster.componentValues';
  const cv = sectionAt(cvKey, sectionAt('starrocksCluster', v.starrocksCluster).componentValues);
  const dd = datadogSections(v);
  const o: Building<AnyComponentOptions> = {};

  const ownImage = sectionAt(`${p}.image`, c.image);
  const ownTag = textAt(`${p}.image.tag`, ownImage.tag);
  const tag = ownTag ? ownTag : textAt(`${cvKey}.image.tag`, sectionAt(`${cvKey}.image`, cv.image).tag);
  const repository = requiredText(`${p}.image.repository`, ownImage.repository);
  if (!tag) {
    throw new HelmValuesError(`${p}.image.tag (or ${cvKey}.image.tag) must be set: the image "${repository}:" has no tag`);
  }
  const image = ImageReference.of(repository, tag).toString();
  o.image = image;
  const replicas = countAt(`${p}.replicas`, c.replicas);
  if (replicas !== undefined) {
    o.replicas = replicas;
  }
  if (truthy(c.imagePullPolicy)) {
    o.imagePullPolicy = textAt(`${p}.imagePullPolicy`, c.imagePullPolicy) as ImagePullPolicy;
  }
  if (truthy(c.maxUnavailablePods)) {
    o.updateStrategy = asWire<k8s.StatefulSetUpdateStrategy>({ rollingUpdate: { maxUnavailable: maxUnavailable(`${p}.maxUnavailablePods`, c.maxUnavailablePods) } });
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
  const entrypoint = sectionAt(`${p}.entrypoint`, c.entrypoint);
  if (truthy(entrypoint)) {
    const script = textAt(`${p}.entrypoint.script`, entrypoint.script);
    if (script === undefined) {
      throw new HelmValuesError(`${p}.entrypoint.script must be set when ${p}.entrypoint is (the entrypoint script)`);
    }
    // the ConfigMap holds the script as a YAML literal block prints it; the annotation hashes it as given
    o.entrypointScript = literalBlock(script);
    o.entrypointScriptHash = helmValueHash(script);
  }
  if (flagAt('datadog.log.enabled', dd.log.enabled)) {
    annotations[StarRocksDatadog.logsAnnotationKey(x as ComponentKind)] = StarRocksDatadog.logsAnnotationValue(x as ComponentKind, {
      config: logConfig(dd.log.logConfig),
      multilineLogParsing: flagAt('datadog.log.enableMultilineLogParsing', dd.log.enableMultilineLogParsing),
    });
  }
  const podAnnotations = withUserAnnotations(annotations, `${p}.annotations`, c.annotations);
  if (Object.keys(podAnnotations).length > 0) {
    o.podAnnotations = podAnnotations;
  }

  const service = componentService(p, c.service);
  if (service) {
    if (flagAt('datadog.metrics.enabled', dd.metrics.enabled)) {
      const port = configTextValue(c.config, x === 'fe' ? 'http_port' : 'webserver_port') ?? String(defaultPort(x, x === 'fe' ? 'http' : 'webserver'));
      o.service = {
        ...service,
        annotations: withUserAnnotations(prometheusAnnotations(port), `${p}.service.annotations`, sectionAt(`${p}.service`, c.service).annotations,
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
    return truthy(cv[key]) ? [`${cvKey}.${key}`, cv[key]] : undefined;
  };
  const pullSecretsValue = inherited('imagePullSecrets');
  if (pullSecretsValue) {
    o.imagePullSecrets = pullSecrets(...pullSecretsValue);
  }
  const serviceAccount = inherited('serviceAccount');
  if (serviceAccount) {
    o.serviceAccount = textAt(...serviceAccount);
  }
  // inherited by truthiness, as the chart does: a component's false falls back to the shared value
  o.runAsNonRoot = flagAt(`${p}.runAsNonRoot`, c.runAsNonRoot) || flagAt(`${cvKey}.runAsNonRoot`, cv.runAsNonRoot);
  if (flagAt(`${p}.readOnlyRootFilesystem`, c.readOnlyRootFilesystem)) {
    o.readOnlyRootFilesystem = true;
  }
  const profiled = flagAt(`datadog.profiling.${x}`, dd.profiling[x]);
  const caps = sectionAt(`${p}.capabilities`, c.capabilities);
  if (truthy(caps) || (profiled && x !== 'fe')) {
    o.capabilities = capabilities(`${p}.capabilities`, caps, profiled && x !== 'fe');
  }
  if (truthy(c.sysctls)) {
    o.sysctls = sysctlsAt(`${p}.sysctls`, c.sysctls);
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
    o.podLabels = { ...(o.podLabels ?? {}), ...StarRocksDatadog.profilingPodLabels(profilingOptions(dd.profiling)) };
  }
  const hostAliases = inherited('hostAliases');
  if (hostAliases) {
    o.hostAliases = wireMaps<k8s.HostAlias[]>(...hostAliases);
  }
  const schedulerName = inherited('schedulerName');
  if (schedulerName) {
    o.schedulerName = textAt(...schedulerName);
  }
  const affinity = inherited('affinity');
  if (affinity) {
    o.affinity = wireMap<k8s.Affinity>(...affinity);
  }
  const tolerations = inherited('tolerations');
  if (tolerations) {
    o.tolerations = wireMaps<k8s.Toleration[]>(...tolerations);
  }
  const spread = inherited('topologySpreadConstraints');
  if (spread) {
    o.topologySpreadConstraints = wireMaps<k8s.TopologySpreadConstraint[]>(...spread);
  }
  o.envVars = componentEnv(x, c, v, image, name, dd);
  if (c.terminationGracePeriodSeconds !== null && c.terminationGracePeriodSeconds !== undefined) {
    o.terminationGracePeriod = secondsAt(`${p}.terminationGracePeriodSeconds`, c.terminationGracePeriodSeconds);
  }
  if (truthy(c.startupProbeFailureSeconds)) {
    o.startupProbeFailureTime = secondsAt(`${p}.startupProbeFailureSeconds`, c.startupProbeFailureSeconds);
  }
  Object.assign(o, probeFailureTimes(p, c));
  if (c.minReadySeconds !== null && c.minReadySeconds !== undefined) {
    o.minReady = secondsAt(`${p}.minReadySeconds`, c.minReadySeconds);
  }
  if (truthy(c.podManagementPolicy)) {
    o.podManagementPolicy = textAt(`${p}.podManagementPolicy`, c.podManagementPolicy) as PodManagementPolicy;
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
    o.sidecars = containers(`${p}.sidecars`, c.sidecars);
  }
  if (truthy(c.initContainers)) {
    o.initContainers = containers(`${p}.initContainers`, c.initContainers);
  }
  if (flagAt(`${p}.shareProcessNamespace`, c.shareProcessNamespace)) {
    o.shareProcessNamespace = true;
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
function capabilities(p: string, value: ValuesMap, profiled: boolean): k8s.Capabilities {
  const caps: ValuesMap = { ...value };
  for (const key of ['add', 'drop']) {
    if (caps[key] !== null && caps[key] !== undefined) {
      caps[key] = textListAt(`${p}.${key}`, caps[key]);
    }
  }
  if (profiled) {
    const add: string[] = Array.isArray(caps.add) ? caps.add.map((cap) => String(cap)) : [];
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
  const a = sectionAt(p, value);
  const maxReplicas = countAt(`${p}.maxReplicas`, a.maxReplicas, 1);
  if (maxReplicas === undefined) {
    throw new HelmValuesError(`${p}.maxReplicas must be set (the CRD requires it)`);
  }
  const hpa = sectionAt(`${p}.hpaPolicy`, a.hpaPolicy);
  const metrics = hpa.metrics;
  const behavior = hpa.behavior;
  return {
    maxReplicas,
    minReplicas: countAt(`${p}.minReplicas`, a.minReplicas, 1),
    version: truthy(a.version) ? textAt(`${p}.version`, a.version) as HpaVersion : undefined,
    metrics: metrics === undefined || metrics === null ? undefined : wireMaps<k8s.MetricSpecV2[]>(`${p}.hpaPolicy.metrics`, metrics),
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
  const limited = (q: unknown) => key === 'resource' || q !== 'unlimited';
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
  const p = SPEC_KEY[x];
  const yamlConfig = c.configyaml;
  if (truthy(yamlConfig) && !isMap(yamlConfig)) {
    throw new HelmValuesError(`${p}.configyaml must be a map of config keys to values, got ${show(yamlConfig)}`);
  }
  const configText = textAt(`${p}.config`, c.config);
  let text: string;
  let hashInput: unknown;
  let fixedHash: string | undefined;
  if (isMap(yamlConfig) && truthy(yamlConfig)) {
    const lines: { [key: string]: string } = {};
    for (const k of Object.keys(yamlConfig)) {
      lines[k] = configLine(`${p}.configyaml.${k}`, yamlConfig[k]);
    }
    text = renderEntries(lines);
    hashInput = yamlConfig;
  } else if (configText) {
    text = literalBlock(configText);
    hashInput = configText;
  } else {
    text = '';
    fixedHash = 'no-config';
  }
  if (x === 'fe' || configText) {
    return { config: chartConfig(text, hashInput, fixedHash) };
  }
  const hash = chartConfig(text, hashInput, fixedHash).hash;
  return { existing: { configMapName: `${clusterNameValue}-${x}-cm`, resolveKey: `${x}.conf` }, hash };
}

/** A value of `configyaml`, printed with `{{ }}` into one line of the config file. */
function configLine(prop: string, value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (isMap(value) || Array.isArray(value)) {
    throw new HelmValuesError(`${prop} must be a string, a number or a boolean, got ${show(value)}`);
  }
  const line = goPrint(value);
  if (/[\r\n]/.test(line)) {
    throw new HelmValuesError(`${prop} must be on one line (a line break would add its own lines to the config file), got ${show(value)}`);
  }
  return line;
}

/**
 * The environment as the chart prints it: `TZ`, `LOG_CONSOLE` with Datadog logs, `MYSQL_PWD` with
 * the root password (unless the user's list mentions it), the Datadog profiling variables, then
 * the user's variables (a list, or a map sorted by name).
 */
function componentEnv(x: ComponentKey, c: ValuesMap, v: ValuesMap, image: string, clusterNameValue: string, dd: DatadogSections): k8s.EnvVar[] {
  const env: k8s.EnvVar[] = [{ name: 'TZ', value: textAt('timeZone', v.timeZone) ?? '' }];
  const user = c[ENV_KEY[x]];
  if (flagAt('datadog.log.enabled', dd.log.enabled)) {
    env.push({ name: 'LOG_CONSOLE', value: '1' });
  }
  if (flagAt('initPassword.enabled', sectionAt('initPassword', v.initPassword).enabled)
    && !JSON.stringify(user ?? null, (_k, val) => (typeof val === 'bigint' ? val.toString() : val)).includes('MYSQL_PWD')) {
    env.push({ name: 'MYSQL_PWD', valueFrom: { secretKeyRef: { name: passwordSecretName(v, clusterNameValue), key: 'password' } } });
  }
  if (flagAt(`datadog.profiling.${x}`, dd.profiling[x])) {
    const profiling = profilingOptions(dd.profiling);
    for (const [name, value] of Object.entries(StarRocksDatadog.profilingEnv(x as ComponentKind, profiling, image))) {
      env.push({ name, value });
    }
  }
  if (truthy(user)) {
    env.push(...userEnvAt(`${SPEC_KEY[x]}.${ENV_KEY[x]}`, user));
  }
  return env;
}

/** `storageSpec` (with a `name`: persistent volumes), `emptyDirs` and `hostPaths`. */
function storageOptions(x: ComponentKey, p: string, c: ValuesMap): StorageFields {
  const out: Building<StorageFields> = {};
  const k = `${p}.storageSpec`;
  const s = sectionAt(k, c.storageSpec);
  const optional = (key: string) => textAt(`${k}.${key}`, s[key]) || undefined;
  const name = optional('name');
  if (name) {
    out.volumeNamePrefix = name;
    const cls = optional('storageClassName');
    const vol = (sizeKey: string, classKey: string | undefined, pathKey: string): PersistentStorageOptions => ({
      size: storageSize(`${k}.${sizeKey}`, s[sizeKey]),
      storageClassName: (classKey ? optional(classKey) : undefined) ?? cls,
      mountPath: optional(pathKey),
    });
    if (x === 'fe') {
      out.metaStorage = vol('storageSize', undefined, 'storageMountPath');
      out.logStorage = vol('logStorageSize', 'logStorageClassName', 'logMountPath');
    } else {
      out.dataStorage = vol('storageSize', undefined, 'storageMountPath');
      const count = countAt(`${k}.storageCount`, s.storageCount) ?? 1;
      if (count > 1) {
        out.dataVolumeCount = count;
      }
      out.logStorage = vol('logStorageSize', 'logStorageClassName', 'logMountPath');
      out.spillStorage = vol('spillStorageSize', 'spillStorageClassName', 'spillMountPath');
    }
  } else if (optional('storageClassName')) {
    throw new HelmValuesError(`${p}.storageSpec.name must be set when storageSpec.storageClassName is set (the chart ignores the storage otherwise)`);
  }
  if (truthy(c.emptyDirs)) {
    out.emptyDirs = emptyDirsAt(`${p}.emptyDirs`, c.emptyDirs);
  }
  if (truthy(c.hostPaths)) {
    out.hostPaths = mapsAt(`${p}.hostPaths`, c.hostPaths, (hp, h): HostPathVolume => {
      const hostPath = sectionAt(`${hp}.hostPath`, h.hostPath);
      return {
        name: requiredText(`${hp}.name`, h.name),
        mountPath: requiredText(`${hp}.mountPath`, h.mountPath),
        path: requiredText(`${hp}.hostPath.path`, hostPath.path),
        type: textAt(`${hp}.hostPath.type`, hostPath.type),
      };
    });
  }
  return out;
}

/**
 * `datadog.log.logConfig` as the chart reads it: a map, or the whole text as a JSON object (a text
 * of spaces and braces only gives no attributes).
 */
function logConfig(value: unknown): DatadogLogConfig | undefined {
  if (value !== null && value !== undefined && typeof value !== 'string' && !isMap(value)) {
    throw new HelmValuesError(`datadog.log.logConfig must be a JSON object as a string, or a map, got ${show(value)}`);
  }
  const json = (t: string) => (t.replace(/[\s{}]/g, '') === '' ? undefined : t);
  return datadogLogConfig(value, json, '(as a string or a map)');
}

function profilingOptions(pr: ValuesMap): DatadogProfilingOptions {
  return {
    env: textAt('datadog.profiling.env', pr.env) || undefined,
    configMode: textAt('datadog.profiling.configMode', pr.configMode) || undefined,
  };
}

/** The sections of `datadog`, each a map (or none). */
interface DatadogSections {
  readonly log: ValuesMap;
  readonly metrics: ValuesMap;
  readonly profiling: ValuesMap;
}

function datadogSections(v: ValuesMap): DatadogSections {
  const dd = sectionAt('datadog', v.datadog);
  return {
    log: sectionAt('datadog.log', dd.log),
    metrics: sectionAt('datadog.metrics', dd.metrics),
    profiling: sectionAt('datadog.profiling', dd.profiling),
  };
}

/** `maxUnavailablePods`: a number of pods or a percentage (`"25%"`), as the API server takes it. */
function maxUnavailable(prop: string, value: unknown): number | string {
  if (typeof value === 'string' && /^[0-9]+%$/.test(value)) {
    return value;
  }
  return countAt(prop, value) ?? 0;
}

/** Containers printed as given, each a map with a name (the API server checks the rest). */
function containers(prop: string, value: unknown): k8s.Container[] {
  return asWire<k8s.Container[]>(mapsAt(prop, value, (p, m) => {
    requiredText(`${p}.name`, m.name);
    return m;
  }));
}

/** A list of maps the chart prints as given, each item checked to be a map (its index named). */
function wireMaps<T>(prop: string, value: unknown): T {
  return asWire<T>(mapsAt(prop, value, (_p, m) => m));
}

/**
 * The name of the root password Secret: `initPassword.passwordSecret`, else `<cluster>-credential`.
 *
 * @internal
 */
export function passwordSecretName(v: ValuesMap, clusterNameValue: string): string {
  const secret = textAt('initPassword.passwordSecret', sectionAt('initPassword', v.initPassword).passwordSecret);
  if (!secret) {
    return `${clusterNameValue}-credential`;
  }
  // checked here, before the components' env vars refer to it, so that the error names this key
  try {
    return checkDnsSubdomain('initPassword.passwordSecret', secret);
  } catch (e) {
    throw e instanceof StarRocksPropError ? new HelmValuesError(`${e.prop} ${e.problem}`) : e;
  }
}

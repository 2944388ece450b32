import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import {
  addValueObjects, configTextValue, datadogLogConfig, literalBlock, mounts, prometheusAnnotations, pullSecrets, quantities, storageSize,
  withUserAnnotations,
} from './common';
import { HelmContext, HelmValuesError } from './context';
import { dig, goPrint, isMap, mapAt, stringMap, truthy } from './values';
import { StarRocksCluster, StarRocksClusterProps } from '../cluster/cluster';
import { StarRocksApiObject } from '../common/api-object';
import { ComponentKey } from '../common/constants';
import { warn } from '../common/warnings';
import {
  ComponentOptions, ComponentResources, ComponentServiceOptions, DataComponentOptions, FeOptions,
  HpaVersion, ImagePullPolicy, PodManagementPolicy, ServiceType,
} from '../components/options';
import { renderEntries, StarRocksConfig } from '../config/config';
import { FeProxyOptions } from '../fe-proxy/fe-proxy';
import { RootPasswordSource } from '../init-password/password-source';
import { Datadog, DatadogLogConfig, DatadogProfilingOptions } from '../monitoring/datadog';
import { MonitoredComponent } from '../monitoring/monitored-component';
import { PersistentStorageOptions } from '../storage/storage';

const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume',
  'StorageClass', 'PriorityClass', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'APIService']);
const SPEC_KEY: Record<ComponentKey, string> = { fe: 'starrocksFESpec', be: 'starrocksBeSpec', cn: 'starrocksCnSpec' };
const ENV_KEY: Record<ComponentKey, string> = { fe: 'feEnvVars', be: 'beEnvVars', cn: 'cnEnvVars' };

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
export function clusterPropsFromValues(v: { [key: string]: any }, ctx: HelmContext): StarRocksClusterProps {
  const sc = v.starrocksCluster ?? {};
  const name = clusterName(v);
  const namespace = truthy(sc.namespace) ? String(sc.namespace) : ctx.namespace;
  const fe = componentOptions('fe', v, name) as FeOptions;
  const props: { [key: string]: any } = {
    name,
    namespace,
    labels: { 'cluster': name, 'app.kubernetes.io/instance': ctx.release, 'app.kubernetes.io/managed-by': 'Helm' },
    annotations: stringMap('starrocksCluster.annotations', sc.annotations),
    fe,
    be: truthy(sc.enabledBe) ? componentOptions('be', v, name) : { enabled: false },
    cn: truthy(sc.enabledCn) ? componentOptions('cn', v, name) : undefined,
  };
  if (truthy(sc.waitForFullRollout)) {
    props.waitForFullRollout = Boolean(sc.waitForFullRollout);
  }
  if (truthy(sc.disasterRecovery) && snapshotMounted(fe)) {
    props.disasterRecovery = disasterRecovery(sc.disasterRecovery);
  }
  if (truthy(dig(v, 'starrocksFeProxySpec', 'enabled'))) {
    props.feProxy = feProxyOptions(v.starrocksFeProxySpec);
  }
  return props as StarRocksClusterProps;
}

function disasterRecovery(dr: any): { enabled?: boolean; generation: number } {
  return { enabled: dr.enabled === undefined || dr.enabled === null ? undefined : Boolean(dr.enabled), generation: Number(dr.generation ?? 0) };
}

/** Whether FE mounts a cluster snapshot, as disaster recovery needs (V34). */
function snapshotMounted(fe: FeOptions): boolean {
  return (fe.configMaps ?? []).some((m) => (m.subPath ?? '').includes('cluster_snapshot.yaml') || m.mountPath.replace(/\/+$/, '').endsWith('fe/conf'));
}

/** The cluster name: `starrocksCluster.name`, else `nameOverride`, else the chart name. @internal */
export function clusterName(v: { [key: string]: any }): string {
  const n = dig(v, 'starrocksCluster', 'name');
  if (truthy(n)) {
    return String(n);
  }
  return truthy(v.nameOverride) ? String(v.nameOverride) : 'starrocks';
}

function componentOptions(x: ComponentKey, v: { [key: string]: any }, name: string): ComponentOptions {
  const key = SPEC_KEY[x];
  const c: { [key: string]: any } = v[key] ?? {};
  const cv: { [key: string]: any } = dig(v, 'starrocksCluster', 'componentValues') ?? {};
  const p = `${key}`;
  const o: { [key: string]: any } = {};

  const tag = truthy(dig(c, 'image', 'tag')) ? dig(c, 'image', 'tag') : dig(cv, 'image', 'tag');
  if (!truthy(tag)) {
    throw new HelmValuesError(`${p}.image.tag (or starrocksCluster.componentValues.image.tag) must be set: the image "${dig(c, 'image', 'repository')}:" has no tag`);
  }
  o.image = `${goPrint(dig(c, 'image', 'repository'))}:${goPrint(tag)}`;
  if (x !== 'cn' || ('replicas' in c && c.replicas !== null)) {
    if (c.replicas !== null && c.replicas !== undefined) {
      o.replicas = Number(c.replicas);
    }
  }
  if (truthy(c.imagePullPolicy)) {
    o.imagePullPolicy = c.imagePullPolicy as ImagePullPolicy;
  }
  if (truthy(c.maxUnavailablePods)) {
    o.updateStrategy = { rollingUpdate: { maxUnavailable: c.maxUnavailablePods } };
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
    if (typeof dig(c, 'entrypoint', 'script') !== 'string') {
      throw new HelmValuesError(`${p}.entrypoint.script must be a string (the entrypoint script)`);
    }
    o.entrypointScript = c.entrypoint.script;
  }
  if (truthy(dig(v, 'datadog', 'log', 'enabled'))) {
    annotations[Datadog.logsAnnotationKey(x as MonitoredComponent)] = Datadog.logsAnnotationValue(x as MonitoredComponent, {
      config: logConfig(v),
      multilineLogParsing: truthy(dig(v, 'datadog', 'log', 'enableMultilineLogParsing')),
    });
  }
  const podAnnotations = withUserAnnotations(annotations, `${p}.annotations`, c.annotations);
  if (Object.keys(podAnnotations).length > 0) {
    o.annotations = podAnnotations;
  }

  const service = componentService(p, c.service);
  if (service) {
    if (truthy(dig(v, 'datadog', 'metrics', 'enabled'))) {
      const port = configTextValue(c.config, x === 'fe' ? 'http_port' : 'webserver_port') ?? (x === 'fe' ? '8030' : '8040');
      (service as any).annotations = withUserAnnotations(prometheusAnnotations(port), `${p}.service.annotations`, c.service.annotations,
        ' with datadog.metrics.enabled');
    }
    o.service = service;
  }
  inherit(o, 'imagePullSecrets', p, c, cv, pullSecrets);
  inherit(o, 'serviceAccount', p, c, cv, (_prop, n) => String(n));
  o.runAsNonRoot = Boolean(truthy(c.runAsNonRoot) ? c.runAsNonRoot : cv.runAsNonRoot);
  if (truthy(c.readOnlyRootFilesystem)) {
    o.readOnlyRootFilesystem = Boolean(c.readOnlyRootFilesystem);
  }
  const profiled = truthy(dig(v, 'datadog', 'profiling', x));
  if (truthy(c.capabilities) || (profiled && x !== 'fe')) {
    const caps = isMap(c.capabilities) ? { ...c.capabilities } : {};
    if (profiled && x !== 'fe') {
      const add: string[] = Array.isArray(caps.add) ? caps.add.map(String) : [];
      for (const cap of ['PERFMON', 'SYS_PTRACE']) {
        if (!add.includes(cap)) {
          add.push(cap);
        }
      }
      caps.add = add;
    }
    o.capabilities = caps;
  }
  if (truthy(c.sysctls)) {
    o.sysctls = c.sysctls.map((s: any) => ({ name: s.name, value: goPrint(s.value) }));
  }
  inherit(o, 'nodeSelector', p, c, cv, (prop, m) => stringMap(prop, m));
  inherit(o, 'podLabels', p, c, cv, (prop, m) => stringMap(prop, m));
  if (profiled) {
    o.podLabels = { ...(o.podLabels ?? {}), ...Datadog.profilingPodLabels(profilingOptions(v)) };
  }
  inherit(o, 'hostAliases', p, c, cv, (_prop, h) => h);
  inherit(o, 'schedulerName', p, c, cv, (_prop, n) => String(n));
  inherit(o, 'affinity', p, c, cv, (_prop, a) => a);
  inherit(o, 'tolerations', p, c, cv, (_prop, t) => t);
  inherit(o, 'topologySpreadConstraints', p, c, cv, (_prop, t) => t);
  o.envVars = componentEnv(x, c, v, o.image, name);
  if (c.terminationGracePeriodSeconds !== null && c.terminationGracePeriodSeconds !== undefined) {
    o.terminationGracePeriodSeconds = Number(c.terminationGracePeriodSeconds);
  }
  for (const k of ['startupProbeFailureSeconds', 'livenessProbeFailureSeconds', 'readinessProbeFailureSeconds']) {
    if (truthy(c[k])) {
      o[k] = Number(c[k]);
    }
  }
  if (c.minReadySeconds !== null && c.minReadySeconds !== undefined) {
    o.minReadySeconds = Number(c.minReadySeconds);
  }
  if (truthy(c.podManagementPolicy)) {
    o.podManagementPolicy = c.podManagementPolicy as PodManagementPolicy;
  }
  if (truthy(c.lifecycle)) {
    o.lifecycle = c.lifecycle;
  }
  if (truthy(c.sidecarsMap) && truthy(c.sidecars)) {
    throw new HelmValuesError(`${p}.sidecarsMap and ${p}.sidecars cannot be set at the same time`);
  }
  if (truthy(c.sidecarsMap)) {
    o.sidecars = Object.keys(c.sidecarsMap).sort().map((n) => ({ name: n, ...c.sidecarsMap[n] }));
  } else if (truthy(c.sidecars)) {
    o.sidecars = c.sidecars;
  }
  if (truthy(c.initContainers)) {
    o.initContainers = c.initContainers;
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
    o.persistentVolumeClaimRetentionPolicy = c.persistentVolumeClaimRetentionPolicy;
  }
  if (x === 'cn' && truthy(c.autoScalingPolicy)) {
    const a = c.autoScalingPolicy;
    (o as { [key: string]: any }).autoScaling = {
      maxReplicas: a.maxReplicas,
      minReplicas: a.minReplicas ?? undefined,
      version: a.version ? (a.version as HpaVersion) : undefined,
      metrics: dig(a, 'hpaPolicy', 'metrics') ?? undefined,
      behavior: dig(a, 'hpaPolicy', 'behavior') ?? undefined,
    };
    if (a.maxReplicas === undefined || a.maxReplicas === null) {
      throw new HelmValuesError(`${p}.autoScalingPolicy.maxReplicas must be set (the CRD requires it)`);
    }
  }
  return o as ComponentOptions;
}

/**
 * A value of the component (`<p>.<key>`), else the shared `componentValues` one, by Go truthiness
 * (the chart's fallback); `conv` gets the values key it reads and the value.
 */
function inherit(o: { [key: string]: any }, key: string, p: string, c: any, cv: any, conv: (prop: string, v: any) => any) {
  if (truthy(c[key])) {
    o[key] = conv(`${p}.${key}`, c[key]);
  } else if (truthy(cv[key])) {
    o[key] = conv(`starrocksCluster.componentValues.${key}`, cv[key]);
  }
}

/**
 * `resources` (limits of `unlimited` left out, as the chart does), else the older `resource`; both
 * as `requests` and `limits`.
 */
function componentResources(p: string, c: any): ComponentResources | undefined {
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
function componentConfig(x: ComponentKey, c: any, clusterNameValue: string):
{ config?: StarRocksConfig; existing?: { configMapName: string; resolveKey: string }; hash?: string } {
  const yamlConfig = c.configyaml;
  if (truthy(yamlConfig) && !isMap(yamlConfig)) {
    throw new HelmValuesError('configyaml must be a map');
  }
  let text: string;
  let hashInput: unknown;
  let fixedHash: string | undefined;
  if (truthy(yamlConfig)) {
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
    return { config: StarRocksConfig._fromHelm(text, hashInput, fixedHash) };
  }
  const hash = StarRocksConfig._fromHelm(text, hashInput, fixedHash).hash;
  return { existing: { configMapName: `${clusterNameValue}-${x}-cm`, resolveKey: `${x}.conf` }, hash };
}

function componentService(p: string, s: any): ComponentServiceOptions | undefined {
  if (!isMap(s) || !truthy(s.type)) {
    return undefined;
  }
  const type = String(s.type) as ServiceType;
  const out: { [key: string]: any } = { type };
  if (type === 'LoadBalancer' && truthy(s.loadbalancerIP)) {
    out.loadBalancerIp = String(s.loadbalancerIP);
  }
  if (type === 'LoadBalancer' && truthy(s.loadBalancerSourceRanges)) {
    out.loadBalancerSourceRanges = s.loadBalancerSourceRanges.map(String);
  }
  if (truthy(s.ports)) {
    out.ports = s.ports;
  }
  if (truthy(s.annotations)) {
    out.annotations = stringMap(`${p}.service.annotations`, s.annotations);
  }
  if (truthy(s.labels)) {
    out.labels = stringMap(`${p}.service.labels`, s.labels);
  }
  return out as ComponentServiceOptions;
}

/**
 * The environment as the chart prints it: `TZ`, `LOG_CONSOLE` with Datadog logs, `MYSQL_PWD` with
 * the root password (unless the user's list mentions it), the Datadog profiling variables, then
 * the user's variables (a list, or a map sorted by name).
 */
function componentEnv(x: ComponentKey, c: any, v: any, image: string, clusterNameValue: string): any[] {
  const env: any[] = [{ name: 'TZ', value: goPrint(v.timeZone) }];
  const user = c[ENV_KEY[x]];
  if (truthy(dig(v, 'datadog', 'log', 'enabled'))) {
    env.push({ name: 'LOG_CONSOLE', value: '1' });
  }
  if (truthy(dig(v, 'initPassword', 'enabled')) && !JSON.stringify(user ?? null, (_k, val) => (typeof val === 'bigint' ? val.toString() : val)).includes('MYSQL_PWD')) {
    env.push({ name: 'MYSQL_PWD', valueFrom: { secretKeyRef: { name: passwordSecretName(v, clusterNameValue), key: 'password' } } });
  }
  if (truthy(dig(v, 'datadog', 'profiling', x))) {
    const profiling = profilingOptions(v);
    for (const [name, value] of Object.entries(Datadog.profilingEnv(x as MonitoredComponent, profiling, image))) {
      env.push({ name, value });
    }
  }
  if (!truthy(user)) {
    return env;
  }
  if (isMap(user)) {
    for (const name of Object.keys(user).sort()) {
      const val = user[name];
      env.push(isMap(val) ? { name, ...val } : { name, value: goPrint(val) });
    }
  } else if (Array.isArray(user)) {
    for (const e of user) {
      env.push(e);
    }
  } else {
    throw new HelmValuesError(`${SPEC_KEY[x]}.${ENV_KEY[x]} must be a list of environment variables or a map of name to value`);
  }
  return env;
}

function storageOptions(x: ComponentKey, p: string, c: any): { [key: string]: any } {
  const out: { [key: string]: any } = {};
  const s = c.storageSpec ?? {};
  if (truthy(s.name)) {
    out.volumeNamePrefix = String(s.name);
    const cls = truthy(s.storageClassName) ? String(s.storageClassName) : undefined;
    const vol = (size: any, sizeKey: string, klass: any, path: any): PersistentStorageOptions => ({
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
    out.emptyDirs = c.emptyDirs.map((e: any) => ({ name: String(e.name), mountPath: String(e.mountPath) }));
  }
  if (truthy(c.hostPaths)) {
    out.hostPaths = c.hostPaths.map((h: any) => ({
      name: String(h.name),
      mountPath: String(h.mountPath),
      path: dig(h, 'hostPath', 'path'),
      type: dig(h, 'hostPath', 'type') ?? undefined,
    }));
  }
  return out as Partial<DataComponentOptions>;
}

function feProxyOptions(px: any): FeProxyOptions {
  const p = 'starrocksFeProxySpec';
  const o: { [key: string]: any } = {};
  const repo = dig(px, 'image', 'repository');
  if (truthy(repo)) {
    const tag = dig(px, 'image', 'tag');
    if (!truthy(tag)) {
      throw new HelmValuesError(`${p}.image.tag must be set when ${p}.image.repository is set (the chart would print "${repo}:")`);
    }
    o.image = `${goPrint(repo)}:${goPrint(tag)}`;
  }
  if (truthy(px.imagePullSecrets)) {
    o.imagePullSecrets = pullSecrets(`${p}.imagePullSecrets`, px.imagePullSecrets);
  }
  if (px.replicas !== null && px.replicas !== undefined) {
    o.replicas = Number(px.replicas);
  }
  if (truthy(px.imagePullPolicy)) {
    o.imagePullPolicy = px.imagePullPolicy;
  }
  o.resolver = px.resolver === null || px.resolver === undefined ? '' : goPrint(px.resolver);
  if (truthy(px.resources)) {
    const r = mapAt(`${p}.resources`, px.resources)!;
    o.resources = { requests: quantities(`${p}.resources.requests`, r.requests), limits: quantities(`${p}.resources.limits`, r.limits) };
  }
  const service = componentService(p, px.service);
  if (service) {
    o.service = service;
  }
  for (const k of ['nodeSelector', 'affinity', 'tolerations']) {
    if (truthy(px[k])) {
      o[k] = px[k];
    }
  }
  for (const k of ['livenessProbeFailureSeconds', 'readinessProbeFailureSeconds']) {
    if (truthy(px[k])) {
      o[k] = Number(px[k]);
    }
  }
  if (truthy(px.emptyDirs)) {
    o.emptyDirs = px.emptyDirs.map((e: any) => ({ name: String(e.name), mountPath: String(e.mountPath) }));
  }
  if (truthy(px.podLabels)) {
    o.podLabels = stringMap(`${p}.podLabels`, px.podLabels);
  }
  return o as FeProxyOptions;
}

/**
 * `datadog.log.logConfig` as the chart reads it: a map, or the whole text as a JSON object (a text
 * of spaces and braces only gives no attributes).
 */
function logConfig(v: any): DatadogLogConfig | undefined {
  const json = (t: string) => (t.replace(/[\s{}]/g, '') === '' ? undefined : t);
  return datadogLogConfig(dig(v, 'datadog', 'log', 'logConfig'), json, '(as a string or a map)');
}

function profilingOptions(v: any): DatadogProfilingOptions {
  const pr = dig(v, 'datadog', 'profiling') ?? {};
  return {
    env: truthy(pr.env) ? goPrint(pr.env) : undefined,
    configMode: truthy(pr.configMode) ? goPrint(pr.configMode) : undefined,
  };
}

function passwordSecretName(v: any, clusterNameValue: string): string {
  const secret = dig(v, 'initPassword', 'passwordSecret');
  return truthy(secret) ? goPrint(secret) : `${clusterNameValue}-credential`;
}

/**
 * Adds what the starrocks subchart renders, for values already merged over its defaults.
 *
 * @internal
 */
export function addStarRocksFromValues(scope: Construct, v: { [key: string]: any }, ctx: HelmContext): StarRocksChartResult {
  const props = clusterPropsFromValues(v, ctx);
  const cluster = new StarRocksCluster(scope, 'StarRocksCluster', props);
  const dr = dig(v, 'starrocksCluster', 'disasterRecovery');
  if (truthy(dr) && props.disasterRecovery === undefined) {
    // The typed API refuses disaster recovery without a cluster snapshot mounted into FE (the
    // operator would wait forever); the chart prints it anyway, so the translation does too.
    warn(cluster, 'starrocksCluster.disasterRecovery is set but starrocksFESpec.configMaps mounts no cluster_snapshot.yaml; '
      + 'the operator will not start the recovery (rendered as the chart does)');
    cluster.apiObject.addJsonPatch(JsonPatch.add('/spec/disasterRecovery', disasterRecovery(dr)));
  }
  for (const x of ['fe', 'be', 'cn'] as ComponentKey[]) {
    const script = dig(v, SPEC_KEY[x], 'entrypoint', 'script');
    const entrypoint = cluster.node.tryFindChild(`${x.charAt(0).toUpperCase()}${x.charAt(1)}Entrypoint`) as ApiObject | undefined;
    if (entrypoint && typeof script === 'string' && literalBlock(script) !== script) {
      // the chart writes the script as a YAML literal block, which ends it with exactly one
      // newline; the pod annotation keeps the hash of the script as given
      entrypoint.addJsonPatch(JsonPatch.replace('/data/entrypoint.sh', literalBlock(script)));
    }
  }
  const ip = v.initPassword ?? {};
  if (truthy(ip.enabled)) {
    addInitPassword(cluster, ip);
  }
  const sm = dig(v, 'metrics', 'serviceMonitor') ?? {};
  if (truthy(sm.enabled)) {
    if (ctx.apiVersions.includes('monitoring.coreos.com/v1')) {
      addServiceMonitors(cluster, sm, truthy(dig(v, 'starrocksCluster', 'enabledCn')));
    } else {
      warn(scope, 'metrics.serviceMonitor.enabled is set but the cluster does not serve monitoring.coreos.com/v1 '
        + '(pass --api-versions monitoring.coreos.com/v1 once the Prometheus operator is installed); no ServiceMonitor is rendered');
    }
  }
  addValueObjects(scope, v, ctx.namespace);
  addExtraResources(scope, v, ctx.namespace);
  return { cluster, passwordSecretName: truthy(ip.enabled) ? passwordSecretName(v, cluster.clusterName) : undefined };
}

function addInitPassword(cluster: StarRocksCluster, ip: any): void {
  const p = 'initPassword';
  let password: RootPasswordSource;
  if (truthy(ip.passwordSecret)) {
    password = RootPasswordSource.fromSecretName(goPrint(ip.passwordSecret), 'password');
  } else if (truthy(ip.password)) {
    password = RootPasswordSource.fromValue(goPrint(ip.password));
  } else {
    throw new HelmValuesError(`${p}.password or ${p}.passwordSecret must be set when ${p}.enabled is true `
      + '(the chart would create the root password Secret with an empty password)');
  }
  const job = cluster.addInitPassword('InitPassword', {
    password,
    emitJob: truthy(ip.isInstall),
    image: truthy(ip.image) ? goPrint(ip.image) : undefined,
    resources: truthy(ip.resources) ? ip.resources : undefined,
    annotations: stringMap(`${p}.annotations`, ip.annotations),
    podAnnotations: stringMap(`${p}.podAnnotations`, ip.podAnnotations),
  });
  if (!truthy(ip.isInstall)) {
    // the chart keeps the script ConfigMap when it leaves the Job out
    job._ensureScriptConfigMap();
  }
}

function addServiceMonitors(cluster: StarRocksCluster, sm: any, cn: boolean): void {
  const p = 'metrics.serviceMonitor';
  const components = [MonitoredComponent.FE, MonitoredComponent.BE];
  if (cn) {
    components.push(MonitoredComponent.CN);
  }
  const ba = sm.basicAuth ?? {};
  const params = truthy(dig(sm, 'endpointParam', 'enabled')) ? dig(sm, 'endpointParam', 'params') : undefined;
  const monitors = cluster.addServiceMonitor('ServiceMonitor', {
    labels: stringMap(`${p}.labels`, sm.labels),
    components,
    basicAuth: truthy(ba.enabled) ? {
      usernameSecret: { name: goPrint(ba.usernameSecretName) } as any,
      usernameKey: goPrint(ba.usernameSecretKey),
      passwordSecret: { name: goPrint(ba.passwordSecretName) } as any,
      passwordKey: goPrint(ba.passwordSecretKey),
    } : undefined,
    endpointParams: truthy(params)
      ? Object.fromEntries(Object.entries(params).map(([k, val]) => [k, Array.isArray(val) ? val.map(goPrint) : [goPrint(val)]]))
      : undefined,
  });
  monitors._setIntervalText(truthy(sm.interval) ? goPrint(sm.interval) : undefined);
}

/** The top-level `resources` list: objects printed as given, in the release namespace unless cluster-scoped or given one. */
function addExtraResources(scope: Construct, v: { [key: string]: any }, namespace: string): void {
  (Array.isArray(v.resources) ? v.resources : []).forEach((r: any, i: number) => {
    if (!isMap(r) || !r.apiVersion || !r.kind || !isMap(r.metadata) || !r.metadata.name) {
      throw new HelmValuesError(`resources[${i}] must be a Kubernetes object with apiVersion, kind and metadata.name`);
    }
    const { apiVersion, kind, metadata, ...rest } = r;
    const scoped = CLUSTER_SCOPED.has(kind);
    const obj = new StarRocksApiObject(scope, `Resource${i}`, { apiVersion, kind, metadata: { namespace: scoped ? undefined : namespace, ...metadata }, ...rest });
    if (metadata.namespace === undefined && scoped) {
      // cdk8s gives every object the chart's namespace; a cluster-scoped object has none
      obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    }
  });
}

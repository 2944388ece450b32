/**
 * The checks of one component spec of a StarRocksCluster (`starRocksFeSpec`, ...) or of a
 * StarRocksWarehouse's `template`: the API server's rules for what the operator builds from it
 * (src/common/k8s-rules.ts, src/common/quantity.ts) and the operator's own rules (FEATURES.md
 * section 3, `V<nn>`), on the manifest's data as written.
 *
 * @internal
 */
import { FindingSink } from './findings';
import { DataMap, isMap, listOf, mapOf, numOf, stringMapOf, strOf } from './read';
import { ComponentKey, configMountPath, FE_PROXY_PORT, NAME_BUDGET, PORTS, PROBE_PERIOD_SECONDS, SERVICE_TYPES } from '../common/constants';
import { StarRocksPropError } from '../common/errors';
import {
  checkAffinity, checkAnnotations, checkDnsLabel, checkEnvVar, checkIp, checkLabels, checkObjectName, checkPortNumber, checkSysctlName,
  checkToleration, EnvVarRuleInput, TolerationRuleInput,
} from '../common/k8s-rules';
import { LABEL_COMPONENT, LABEL_OWNER } from '../common/labels';
import { checkResourceRequirements, ResourceQuantity } from '../common/quantity';
import { checkTopologySpreadConstraints } from '../common/topology-spread-rules';
import { show } from '../common/validate';

/** Which component a spec is: its key in derived names, or `fe-proxy`. @internal */
export type LintComponent = ComponentKey | 'fe-proxy';

/** The env var list field of each component spec. @internal */
export const ENV_FIELDS: { readonly [field: string]: true } = { feEnvVars: true, beEnvVars: true, cnEnvVars: true, envVars: true };

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const POD_MANAGEMENT_POLICIES = ['OrderedReady', 'Parallel'];
const UPDATE_STRATEGIES = ['RollingUpdate', 'OnDelete'];
const HPA_VERSIONS = ['v1', 'v2beta2', 'v2'];
const RETENTION = ['Retain', 'Delete'];
const PROBE_FIELDS = ['livenessProbeFailureSeconds', 'readinessProbeFailureSeconds', 'startupProbeFailureSeconds'];

/**
 * Checks one component spec at `prefix` (`spec.starRocksFeSpec`).
 *
 * @internal
 */
export function checkComponent(spec: DataMap, prefix: string, component: LintComponent, sink: FindingSink): void {
  checkMetadataMaps(spec, prefix, sink);
  checkPodRules(spec, prefix, sink);
  checkResources(spec, prefix, sink);
  checkStorageVolumes(spec, prefix, component, sink);
  checkService(spec, prefix, component, sink);
  checkEnums(spec, prefix, sink);
  checkOperatorRules(spec, prefix, component, sink);
  checkMounts(spec, prefix, component, sink);
}

function checkMetadataMaps(spec: DataMap, p: string, sink: FindingSink): void {
  const podLabels = stringMapOf(spec.podLabels);
  sink.attempt('k8s/labels', () => checkLabels(`${p}.podLabels`, podLabels));
  sink.attempt('k8s/annotations', () => checkAnnotations(`${p}.annotations`, stringMapOf(spec.annotations)));
  sink.attempt('k8s/node-selector', () => checkLabels(`${p}.nodeSelector`, stringMapOf(spec.nodeSelector)));
  for (const key of [LABEL_COMPONENT, LABEL_OWNER]) {
    if (podLabels !== undefined && key in podLabels) {
      sink.error(`${p}.podLabels`, 'V37', `must not set ${show(key)}: the operator appends it to its selector labels, and the StatefulSet's selector then no longer matches its pods`);
    }
  }
}

function checkPodRules(spec: DataMap, p: string, sink: FindingSink): void {
  for (const field of Object.keys(ENV_FIELDS)) {
    listOf(spec[field]).forEach((env, i) => {
      if (isMap(env)) sink.attempt('k8s/env', () => checkEnvVar(`${p}.${field}[${i}]`, env as EnvVarRuleInput));
    });
  }
  listOf(spec.tolerations).forEach((t, i) => {
    if (isMap(t)) sink.attempt('k8s/tolerations', () => checkToleration(`${p}.tolerations[${i}]`, t as TolerationRuleInput));
  });
  if (isMap(spec.affinity)) sink.attempt('k8s/affinity', () => checkAffinity(`${p}.affinity`, spec.affinity));
  const spread = listOf(spec.topologySpreadConstraints);
  if (spread.length > 0) {
    sink.attempt('k8s/topology-spread', () => checkTopologySpreadConstraints(`${p}.topologySpreadConstraints`, spread));
  }
  listOf(spec.sysctls).forEach((s, i) => {
    const name = strOf(mapOf(s).name);
    if (name !== undefined) sink.attempt('k8s/sysctls', () => checkSysctlName(`${p}.sysctls[${i}].name`, name));
  });
  listOf(spec.hostAliases).forEach((h, i) => {
    const ip = strOf(mapOf(h).ip);
    if (ip !== undefined) sink.attempt('k8s/host-aliases', () => checkIp(`${p}.hostAliases[${i}].ip`, ip));
  });
  const sa = strOf(spec.serviceAccount);
  if (sa !== undefined && sa !== '') sink.attempt('k8s/names', () => checkObjectName(`${p}.serviceAccount`, sa));
}

/** `requests` / `limits` as quantities (values the schema refuses are left out). */
function quantities(spec: DataMap, p: string, field: 'requests' | 'limits', sink: FindingSink): { [name: string]: ResourceQuantity } | undefined {
  if (!isMap(spec[field])) return undefined;
  const out: { [name: string]: ResourceQuantity } = {};
  for (const [name, v] of Object.entries(mapOf(spec[field]))) {
    try {
      if (typeof v === 'string') out[name] = ResourceQuantity.of(v);
      else if (typeof v === 'number' && Number.isInteger(v)) out[name] = ResourceQuantity.fromNumber(v);
    } catch (e) {
      if (!(e instanceof StarRocksPropError)) throw e;
      sink.error(`${p}.${field}.${name}`, 'k8s/resources', e.problem);
    }
  }
  return out;
}

function checkResources(spec: DataMap, p: string, sink: FindingSink): void {
  const requests = quantities(spec, p, 'requests', sink);
  const limits = quantities(spec, p, 'limits', sink);
  sink.attempt('k8s/resources', () => checkResourceRequirements(p, requests, limits));
}

function checkStorageVolumes(spec: DataMap, p: string, component: LintComponent, sink: FindingSink): void {
  listOf(spec.storageVolumes).forEach((raw, i) => {
    const v = mapOf(raw);
    const vp = `${p}.storageVolumes[${i}]`;
    const name = strOf(v.name);
    if (name !== undefined) sink.attempt('V02', () => checkDnsLabel(`${vp}.name`, name));
    const cls = strOf(v.storageClassName) ?? '';
    const hostPath = isMap(v.hostPath) ? strOf(v.hostPath.path) : undefined;
    if (cls.toLowerCase() === 'hostpath' && !hostPath) {
      sink.error(`${vp}.hostPath.path`, 'V26', 'is required when storageClassName is "hostPath" (the operator refuses the cluster)');
    }
    const size = strOf(v.storageSize);
    if (size !== undefined && size.startsWith('0')) {
      sink.warning(`${vp}.storageSize`, 'V35', `is ${show(size)}: the operator skips a volume whose size starts with 0 (no PVC, no mount)`);
    }
    const ephemeral = hostPath !== undefined || ['hostpath', 'emptydir'].includes(cls.toLowerCase());
    if (!ephemeral && (size === undefined || size === '')) {
      sink.error(`${vp}.storageSize`, 'V36', 'is required for a volume backed by a PersistentVolumeClaim (the API server refuses a claim without a storage request)');
    }
    if (component === 'fe' && size !== undefined && /^[1-9]/.test(size) && (name?.endsWith('-meta') || strOf(v.mountPath) === '/opt/starrocks/fe/meta')) {
      const gi = /^([0-9]+)(Mi|Gi|Ti|Pi|Ei)$/.exec(size);
      if (gi && ((gi[2] === 'Mi' && Number(gi[1]) < 10240) || (gi[2] === 'Gi' && Number(gi[1]) < 10))) {
        sink.warning(`${vp}.storageSize`, 'V50', `is ${show(size)}: an FE meta volume should be at least 10Gi (FE stops when less than 5Gi is free)`);
      }
    }
  });
}

function checkService(spec: DataMap, p: string, component: LintComponent, sink: FindingSink): void {
  if (!isMap(spec.service)) return;
  const s = spec.service;
  const sp = `${p}.service`;
  const type = strOf(s.type);
  if (type !== undefined && type !== '' && !SERVICE_TYPES.includes(type)) {
    sink.error(`${sp}.type`, 'V58', `must be one of ${SERVICE_TYPES.map((t) => show(t)).join(', ')}, got ${show(type)}`);
  }
  const labels = stringMapOf(s.labels);
  sink.attempt('k8s/labels', () => checkLabels(`${sp}.labels`, labels));
  sink.attempt('k8s/annotations', () => checkAnnotations(`${sp}.annotations`, stringMapOf(s.annotations)));
  for (const key of [LABEL_COMPONENT, LABEL_OWNER]) {
    if (labels !== undefined && key in labels) {
      sink.warning(`${sp}.labels`, 'V38', `sets ${show(key)}: ServiceMonitors that select the operator's labels no longer find this Service`);
    }
  }
  const lb = type === 'LoadBalancer';
  const lbIp = strOf(s.loadBalancerIP);
  if (lbIp !== undefined && lbIp !== '') {
    if (!lb) sink.error(`${sp}.loadBalancerIP`, 'V15', `is set, but the service type is ${show(type ?? 'ClusterIP')}: only a LoadBalancer Service has one`);
    sink.attempt('k8s/ip', () => checkIp(`${sp}.loadBalancerIP`, lbIp));
  }
  if (listOf(s.loadBalancerSourceRanges).length > 0 && !lb) {
    sink.error(`${sp}.loadBalancerSourceRanges`, 'V15', `are set, but the service type is ${show(type ?? 'ClusterIP')}: the API server refuses source ranges on a Service that is not a LoadBalancer`);
  }
  const names = component === 'fe-proxy' ? [FE_PROXY_PORT.name] : [...PORTS[component].map((f) => f.name), 'arrow-flight'];
  const defaults = component === 'fe-proxy' ? [FE_PROXY_PORT.containerPort] : PORTS[component].map((f) => f.defaultPort);
  listOf(s.ports).forEach((raw, i) => {
    const port = mapOf(raw);
    const pp = `${sp}.ports[${i}]`;
    for (const field of ['port', 'containerPort', 'nodePort']) {
      const n = numOf(port[field]);
      if (n !== undefined && Number.isInteger(n)) sink.attempt('k8s/ports', () => checkPortNumber(`${pp}.${field}`, n));
    }
    const nodePort = numOf(port.nodePort);
    if (nodePort !== undefined && type !== 'NodePort' && type !== 'LoadBalancer') {
      sink.error(`${pp}.nodePort`, 'V39', `is set, but the service type is ${show(type ?? 'ClusterIP')}: only NodePort and LoadBalancer Services have node ports`);
    } else if (nodePort !== undefined && (nodePort < 30000 || nodePort > 32767)) {
      sink.warning(`${pp}.nodePort`, 'V39', `is ${nodePort}, outside the default node port range 30000-32767 (the API server refuses it unless its range was changed)`);
    }
    const name = strOf(port.name);
    const containerPort = numOf(port.containerPort);
    if ((name === undefined || !names.includes(name)) && (containerPort === undefined || !defaults.includes(containerPort))) {
      sink.warning(pp, 'V39', `matches no port of the component by name (${names.map((n) => show(n)).join(', ')}) or default containerPort: the operator drops it`);
    }
  });
}

function checkEnums(spec: DataMap, p: string, sink: FindingSink): void {
  const check = (value: unknown, path: string, allowed: readonly string[]): void => {
    if (typeof value === 'string' && value !== '' && !allowed.includes(value)) {
      sink.error(path, 'V59', `must be one of ${allowed.map((a) => show(a)).join(', ')}, got ${show(value)}`);
    }
  };
  check(spec.imagePullPolicy, `${p}.imagePullPolicy`, PULL_POLICIES);
  check(spec.podManagementPolicy, `${p}.podManagementPolicy`, POD_MANAGEMENT_POLICIES);
  check(mapOf(spec.updateStrategy).type, `${p}.updateStrategy.type`, UPDATE_STRATEGIES);
  const retention = mapOf(spec.persistentVolumeClaimRetentionPolicy);
  for (const field of ['whenDeleted', 'whenScaled']) {
    const v = retention[field];
    if (typeof v === 'string' && !RETENTION.includes(v)) {
      sink.error(`${p}.persistentVolumeClaimRetentionPolicy.${field}`, 'V42', `must be ${show('Retain')} or ${show('Delete')}, got ${show(v)}`);
    }
  }
}

function checkOperatorRules(spec: DataMap, p: string, component: LintComponent, sink: FindingSink): void {
  const image = strOf(spec.image);
  if (image !== undefined && image.endsWith(':')) {
    sink.error(`${p}.image`, component === 'fe-proxy' ? 'V45' : 'V46', `must name a tag after the ':', got ${show(image)}`);
  }
  const maxUnavailable = mapOf(mapOf(spec.updateStrategy).rollingUpdate).maxUnavailable;
  if ((typeof maxUnavailable === 'string' || typeof maxUnavailable === 'number') && String(maxUnavailable).startsWith('0')) {
    sink.error(`${p}.updateStrategy.rollingUpdate.maxUnavailable`, 'V27', `must be more than 0 (the operator refuses ${show(maxUnavailable)})`);
  }
  if (isMap(spec.configMapInfo)) {
    const name = strOf(spec.configMapInfo.configMapName) ?? '';
    const key = strOf(spec.configMapInfo.resolveKey) ?? '';
    if ((name === '') !== (key === '')) {
      sink.error(`${p}.configMapInfo`, 'V56', `needs both configMapName and resolveKey: with only one the operator silently uses the default config (got ${name === '' ? 'no configMapName' : 'no resolveKey'})`);
    }
  }
  for (const field of PROBE_FIELDS) {
    const v = numOf(spec[field]);
    if (v === undefined) continue;
    if (v < 0) {sink.error(`${p}.${field}`, 'V57', `must be 0 or more (0 disables the probe), got ${v}`);} else if (v % PROBE_PERIOD_SECONDS !== 0) {
      sink.warning(`${p}.${field}`, 'V57', `is ${v}: the operator rounds it up to a multiple of ${PROBE_PERIOD_SECONDS} seconds (${Math.ceil(v / PROBE_PERIOD_SECONDS) * PROBE_PERIOD_SECONDS})`);
    }
  }
  if (isMap(spec.persistentVolumeClaimRetentionPolicy) && spec.persistentVolumeClaimRetentionPolicy.whenScaled !== undefined && (component === 'fe' || component === 'be')) {
    sink.warning(`${p}.persistentVolumeClaimRetentionPolicy.whenScaled`, 'V42', `is ignored: the operator applies it to CN only, not ${component.toUpperCase()}`);
  }
  if (isMap(spec.autoScalingPolicy)) {
    const a = spec.autoScalingPolicy;
    const ap = `${p}.autoScalingPolicy`;
    const min = numOf(a.minReplicas) ?? 1;
    const max = numOf(a.maxReplicas);
    if (min < 1) sink.error(`${ap}.minReplicas`, 'V28', `must be at least 1, got ${min}`);
    if (max !== undefined && max < min) sink.error(`${ap}.maxReplicas`, 'V28', `must be at least minReplicas (${min}), got ${max}`);
    const version = strOf(a.version);
    if (version !== undefined && version !== '' && !HPA_VERSIONS.includes(version)) {
      sink.error(`${ap}.version`, 'V29', `must be one of ${HPA_VERSIONS.map((v) => show(v)).join(', ')} (or unset), got ${show(version)}: the operator builds no HPA otherwise`);
    } else if (version === 'v2beta2') {
      sink.warning(`${ap}.version`, 'V29', 'is "v2beta2", which Kubernetes 1.26 and later do not serve');
    } else if (version === 'v1' && a.hpaPolicy !== undefined) {
      sink.warning(`${ap}.hpaPolicy`, 'V29', 'is ignored with version "v1"');
    }
    if (spec.replicas !== undefined) {
      sink.warning(`${p}.replicas`, 'V60', 'is set together with autoScalingPolicy: every apply resets the replica count the HPA chose');
    }
  }
}

function checkMounts(spec: DataMap, p: string, component: LintComponent, sink: FindingSink): void {
  const seen = new Map<string, string>();
  const mount = (path: unknown, where: string): void => {
    if (typeof path !== 'string' || path === '') return;
    const first = seen.get(path);
    if (first !== undefined) {
      sink.error(where, 'V30', `mounts at ${show(path)} like ${first}: the operator refuses duplicate mount paths`);
    } else {
      seen.set(path, where);
    }
  };
  if (component !== 'fe-proxy' && isMap(spec.configMapInfo) && strOf(spec.configMapInfo.configMapName)) {
    mount(configMountPath(component), `${p}.configMapInfo`);
  }
  listOf(spec.storageVolumes).forEach((v, i) => {
    if (!/^0/.test(strOf(mapOf(v).storageSize) ?? '')) mount(mapOf(v).mountPath, `${p}.storageVolumes[${i}].mountPath`);
  });
  for (const field of ['configMaps', 'secrets']) {
    listOf(spec[field]).forEach((raw, i) => {
      const m = mapOf(raw);
      mount(m.mountPath, `${p}.${field}[${i}].mountPath`);
      const name = strOf(m.name);
      if (name === undefined) return;
      if (name.length > NAME_BUDGET.volume) {
        sink.error(`${p}.${field}[${i}].name`, 'V51', `is ${name.length} characters: the operator names the volume after it, and a volume name has at most ${NAME_BUDGET.volume}`);
      } else if (name.length > NAME_BUDGET.hashedMountName) {
        sink.warning(`${p}.${field}[${i}].name`, 'V51', `is ${name.length} characters: with --volume-name-with-hash the operator's volume name (name + "-" + hash) exceeds ${NAME_BUDGET.volume}; keep it within ${NAME_BUDGET.hashedMountName}`);
      }
    });
  }
}

import type { ComponentOptions, ComponentServiceOptions, MountOptions, SharedComponentOptions } from './options';
import { ComponentKey, configFileKey, configHashAnnotation, ENTRYPOINT_MOUNT_PATH, entrypointHashAnnotation } from '../common/constants';
import type { CommonComponentSpecWire, ContainerWire, EnvVarWire, MountWire, ServiceWire, StorageVolumeWire } from '../common/crd-types';
import { wholeSeconds } from '../common/duration';
import { helmValueHash } from '../common/hash';
import { renderSpecResources } from '../common/quantity';
import {
  affinityToWire, capabilitiesToWire, hostAliasesToWire, lifecycleToWire, pvcRetentionPolicyToWire, sysctlsToWire,
  tolerationsToWire, topologySpreadToWire, updateStrategyToWire,
} from '../common/wire';
import type { StarRocksConfig } from '../config/config';

/**
 * What rendering a component's spec reads of the component: its options and what was added to it.
 * Rendering is pure: the same state gives the same spec.
 *
 * @internal
 */
export interface ComponentRenderState {
  readonly key: ComponentKey;
  readonly opts: ComponentOptions;
  readonly image: string;
  readonly config: StarRocksConfig | undefined;
  readonly rollsOnConfigChange: boolean;
  readonly configMapName: string;
  readonly entrypointConfigMapName: string;
  readonly timeZone: string | undefined;
  readonly env: readonly EnvVarWire[];
  readonly annotations: { readonly [key: string]: string };
  readonly serviceAnnotations: { readonly [key: string]: string };
  readonly podLabels: { readonly [key: string]: string };
  readonly capabilitiesAdded: readonly string[];
  readonly sidecars: readonly ContainerWire[];
  readonly initContainers: readonly ContainerWire[];
  readonly storageVolumes: readonly StorageVolumeWire[];
  /** A shared setting as the component resolves it: its own value, else the cluster's. */
  inherit<K extends keyof SharedComponentOptions>(k: K): SharedComponentOptions[K];
  /** The property `inherit(k)` takes its value from. */
  propOf(k: keyof SharedComponentOptions): string;
  /** The component's Service options, rendered. */
  renderService(s: ComponentServiceOptions | undefined): ServiceWire | undefined;
}

/** A component's spec without the environment and the kind's own fields. @internal */
export function renderCommonSpec(c: ComponentRenderState): CommonComponentSpecWire {
  const o = c.opts;
  const x = c.key;
  const spec: CommonComponentSpecWire = {};
  spec.image = c.image;
  if (o.replicas !== undefined) {
    spec.replicas = o.replicas;
  }
  if (o.imagePullPolicy !== undefined) {
    spec.imagePullPolicy = o.imagePullPolicy;
  }
  const pullSecrets = c.inherit('imagePullSecrets');
  if (pullSecrets && pullSecrets.length > 0) {
    spec.imagePullSecrets = pullSecrets.map((name) => ({ name }));
  }
  Object.assign(spec, renderSpecResources(`${x}.resources`, o.resources));
  const service = c.renderService(serviceOf(o, c.serviceAnnotations));
  if (service) {
    spec.service = service;
  }
  const annotations = renderPodAnnotations(c);
  if (Object.keys(annotations).length > 0) {
    spec.annotations = annotations;
  }
  if (Object.keys(c.podLabels).length > 0) {
    spec.podLabels = { ...c.podLabels };
  }
  const runAsNonRoot = c.inherit('runAsNonRoot');
  if (runAsNonRoot !== undefined) {
    spec.runAsNonRoot = runAsNonRoot;
  }
  if (o.readOnlyRootFilesystem !== undefined) {
    spec.readOnlyRootFilesystem = o.readOnlyRootFilesystem;
  }
  if (o.capabilities !== undefined || c.capabilitiesAdded.length > 0) {
    const caps = capabilitiesToWire(o.capabilities ?? {}, `${x}.capabilities`);
    const add = (caps.add ?? []).slice();
    for (const cap of c.capabilitiesAdded) {
      if (!add.includes(cap)) {
        add.push(cap);
      }
    }
    spec.capabilities = add.length > 0 ? { ...caps, add } : caps;
  }
  if (o.sysctls && o.sysctls.length > 0) {
    spec.sysctls = sysctlsToWire(o.sysctls, `${x}.sysctls`);
  }
  if (o.terminationGracePeriod !== undefined) spec.terminationGracePeriodSeconds = wholeSeconds(`${x}.terminationGracePeriod`, o.terminationGracePeriod);
  if (o.startupProbeFailureTime !== undefined) spec.startupProbeFailureSeconds = wholeSeconds(`${x}.startupProbeFailureTime`, o.startupProbeFailureTime);
  if (o.livenessProbeFailureTime !== undefined) spec.livenessProbeFailureSeconds = wholeSeconds(`${x}.livenessProbeFailureTime`, o.livenessProbeFailureTime);
  if (o.readinessProbeFailureTime !== undefined) spec.readinessProbeFailureSeconds = wholeSeconds(`${x}.readinessProbeFailureTime`, o.readinessProbeFailureTime);
  if (o.minReady !== undefined) spec.minReadySeconds = wholeSeconds(`${x}.minReady`, o.minReady);
  if (o.podManagementPolicy !== undefined) {
    spec.podManagementPolicy = o.podManagementPolicy;
  }
  if (o.lifecycle !== undefined) {
    spec.lifecycle = lifecycleToWire(o.lifecycle, `${x}.lifecycle`);
  }
  if (c.sidecars.length > 0) {
    spec.sidecars = c.sidecars.slice();
  }
  if (c.initContainers.length > 0) {
    spec.initContainers = c.initContainers.slice();
  }
  if (o.updateStrategy !== undefined) {
    spec.updateStrategy = updateStrategyToWire(o.updateStrategy, `${x}.updateStrategy`);
  }
  if (o.shareProcessNamespace !== undefined) {
    spec.shareProcessNamespace = o.shareProcessNamespace;
  }
  if (o.entrypointScript !== undefined) {
    spec.command = ['bash', '-c'];
    spec.args = [ENTRYPOINT_MOUNT_PATH];
  } else {
    if (o.command !== undefined) {
      spec.command = o.command.slice();
    }
    if (o.args !== undefined) {
      spec.args = o.args.slice();
    }
  }
  renderVolumes(c, spec);
  if (o.persistentVolumeClaimRetentionPolicy !== undefined) {
    spec.persistentVolumeClaimRetentionPolicy = pvcRetentionPolicyToWire(o.persistentVolumeClaimRetentionPolicy, `${x}.persistentVolumeClaimRetentionPolicy`);
  }
  renderScheduling(c, spec);
  return spec;
}

/** The pod annotations: the user's and the config and entrypoint hashes. @internal */
export function renderPodAnnotations(c: ComponentRenderState): { [key: string]: string } {
  const annotations: { [key: string]: string } = { ...c.annotations };
  if (c.config && c.rollsOnConfigChange) {
    // a user's own value of the annotation is reported by _problems()
    annotations[configHashAnnotation(c.key)] = c.config.hash;
  }
  if (c.opts.entrypointScript !== undefined) {
    annotations[entrypointHashAnnotation(c.key)] = c.opts.entrypointScriptHash ?? helmValueHash(c.opts.entrypointScript);
  }
  return annotations;
}

/** Sets the volumes and mounts of a component's spec: storage volumes, config, ConfigMaps and Secrets. @internal */
export function renderVolumes(c: ComponentRenderState, spec: CommonComponentSpecWire): CommonComponentSpecWire {
  const o = c.opts;
  const configMaps = mounts(o.configMaps);
  if (o.entrypointScript !== undefined) {
    configMaps.push({ name: c.entrypointConfigMapName, mountPath: ENTRYPOINT_MOUNT_PATH, subPath: 'entrypoint.sh' });
  }
  if (configMaps.length > 0) {
    spec.configMaps = configMaps;
  }
  const secrets = mounts(o.secrets);
  if (secrets.length > 0) {
    spec.secrets = secrets;
  }
  if (c.config) {
    spec.configMapInfo = { configMapName: c.configMapName, resolveKey: configFileKey(c.key) };
  } else if (o.existingConfig) {
    spec.configMapInfo = { configMapName: o.existingConfig.configMapName, resolveKey: o.existingConfig.resolveKey };
  }
  if (c.storageVolumes.length > 0) {
    spec.storageVolumes = c.storageVolumes.map((v) => ({ ...v }));
  }
  return spec;
}

/** The scheduling options a component inherits from the cluster's shared ones, when not empty. */
function renderScheduling(c: ComponentRenderState, spec: CommonComponentSpecWire): void {
  const hostAliases = c.inherit('hostAliases');
  if (hostAliases !== undefined && hostAliases.length > 0) spec.hostAliases = hostAliasesToWire(hostAliases, c.propOf('hostAliases'));
  const schedulerName = c.inherit('schedulerName');
  if (schedulerName !== undefined) spec.schedulerName = schedulerName;
  const serviceAccount = c.inherit('serviceAccount');
  if (serviceAccount !== undefined) spec.serviceAccount = serviceAccount;
  const tolerations = c.inherit('tolerations');
  if (tolerations !== undefined && tolerations.length > 0) spec.tolerations = tolerationsToWire(tolerations, c.propOf('tolerations'));
  const spread = c.inherit('topologySpreadConstraints');
  if (spread !== undefined && spread.length > 0) spec.topologySpreadConstraints = topologySpreadToWire(spread, c.propOf('topologySpreadConstraints'));
  const nodeSelector = c.inherit('nodeSelector');
  if (nodeSelector !== undefined && Object.keys(nodeSelector).length > 0) spec.nodeSelector = { ...nodeSelector };
  const affinity = c.inherit('affinity');
  if (affinity !== undefined && Object.keys(affinity).length > 0) spec.affinity = affinityToWire(affinity, c.propOf('affinity'));
}


/** The environment of the StarRocks container: the cluster's `TZ` first, then the variables added. @internal */
export function renderEnv(c: ComponentRenderState): EnvVarWire[] {
  const env: EnvVarWire[] = [];
  if (c.timeZone !== undefined && !c.env.some((e) => e.name === 'TZ')) {
    env.push({ name: 'TZ', value: c.timeZone });
  }
  for (const e of c.env) {
    env.push(e);
  }
  return env;
}

function mounts(list: MountOptions[] | undefined): MountWire[] {
  return (list ?? []).map((m) => {
    const r: MountWire = { name: m.name, mountPath: m.mountPath };
    if (m.subPath !== undefined) {
      r.subPath = m.subPath;
    }
    return r;
  });
}

/** The Service options a component renders: its own, else none unless annotations were added. @internal */
export function serviceOf(o: ComponentOptions, serviceAnnotations: { readonly [key: string]: string }): ComponentServiceOptions | undefined {
  return o.service ?? (Object.keys(serviceAnnotations).length > 0 ? {} : undefined);
}

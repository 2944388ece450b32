import type { ComponentKindBehavior } from './kind';
import { ComponentOptions, ImagePullPolicy, PodManagementPolicy, SharedComponentOptions } from './options';
import { ComponentKey, configFileKey, NAME_BUDGET, PROBE_PERIOD_SECONDS } from '../common/constants';
import { wholeSeconds } from '../common/duration';
import { checkImage, isImageTag } from '../common/image';
import {
  checkAffinity, checkConfigMapData, checkDnsSubdomain, checkIp, checkMaxUnavailable, checkLabels, checkObjectName, checkSysctlName, checkToleration,
} from '../common/k8s-rules';
import { checkResourceRequirements } from '../common/quantity';
import { checkTopologySpreadConstraints } from '../common/topology-spread-rules';
import { checkDnsLabel, checkInt, checkMountPath, checkOneOf, fail } from '../common/validate';
import { affinityToWire, pvcRetentionPolicyToWire, topologySpreadToWire, updateStrategyToWire } from '../common/wire';
import { StarRocksConfig } from '../config/config';

/** What the scalar checks need of the component. @internal */
export interface ScalarCheckContext {
  readonly kind: ComponentKindBehavior;
  readonly opts: ComponentOptions;
  /** The image tag the component inherits and the property it comes from. */
  readonly imageTag: { readonly value?: string; readonly prop: string };
  readonly volumeNameWithHash: boolean;
  warn(message: string): void;
}

/**
 * The checks of a component's config options: one config file, from `config` (optionally in a
 * ConfigMap named `configMapName`) or from `existingConfig`.
 *
 * @internal
 */
export function checkConfigOptions(key: ComponentKey, opts: ComponentOptions): void {
  if (opts.configMapName !== undefined) {
    checkDnsLabel(`${key}.configMapName`, opts.configMapName);
  }
  if (opts.existingConfig !== undefined) {
    if (opts.config !== undefined || opts.configMapName !== undefined) {
      fail(`${key}.existingConfig`, 'unset when config or configMapName is set (one config file per component)', opts.existingConfig);
    }
    checkDnsLabel(`${key}.existingConfig.configMapName`, opts.existingConfig.configMapName);
    if (!opts.existingConfig.resolveKey) {
      fail(`${key}.existingConfig.resolveKey`, `the ConfigMap key of the config file, e.g. "${configFileKey(key)}" (the operator silently ignores a configMapInfo without it)`, opts.existingConfig.resolveKey);
    }
  }
  if (opts.config !== undefined && !(opts.config instanceof StarRocksConfig)) {
    fail(`${key}.config`, 'a StarRocksConfig (StarRocksConfig.fromEntries({...}) or StarRocksConfig.fromText(...))', opts.config);
  }
}

/**
 * The eager checks of a component's own options: numbers, enums, image, update strategy, PVC
 * retention, entrypoint script, mounts, and the kind's own (CN autoscaling).
 *
 * @internal
 */
export function checkScalars(c: ScalarCheckContext): void {
  const o = c.opts;
  const x = c.kind.key;
  if (o.replicas !== undefined) {
    checkInt(`${x}.replicas`, o.replicas, 0);
  }
  if (o.image !== undefined) {
    checkImage(`${x}.image`, o.image);
  }
  if (o.resources !== undefined) {
    checkResourceRequirements(`${x}.resources`, o.resources.requests, o.resources.limits);
  }
  const tag = c.imageTag.value;
  if (tag !== undefined && !isImageTag(tag)) {
    fail(c.imageTag.prop, 'an image tag (letters, digits, \'_\', \'.\' and \'-\', at most 128 characters)', tag);
  }
  if (o.imagePullPolicy !== undefined) {
    checkOneOf(`${x}.imagePullPolicy`, o.imagePullPolicy, Object.values(ImagePullPolicy));
  }
  if (o.podManagementPolicy !== undefined) {
    checkOneOf(`${x}.podManagementPolicy`, o.podManagementPolicy, Object.values(PodManagementPolicy));
  }
  for (const k of ['startupProbeFailureTime', 'livenessProbeFailureTime', 'readinessProbeFailureTime'] as const) {
    const d = o[k];
    if (d !== undefined) {
      const v = wholeSeconds(`${x}.${k}`, d);
      if (v % PROBE_PERIOD_SECONDS !== 0) {
        c.warn(`'${x}.${k}' is ${v} seconds; the operator probes every ${PROBE_PERIOD_SECONDS} seconds, so it allows ${Math.ceil(v / PROBE_PERIOD_SECONDS) * PROBE_PERIOD_SECONDS}`);
      }
    }
  }
  if (o.terminationGracePeriod !== undefined) {
    wholeSeconds(`${x}.terminationGracePeriod`, o.terminationGracePeriod);
  }
  if (o.minReady !== undefined) {
    const minReady = wholeSeconds(`${x}.minReady`, o.minReady);
    if (minReady > 0 && o.podManagementPolicy !== PodManagementPolicy.ORDERED_READY) {
      c.warn(`'${x}.minReady' is ${minReady} seconds but podManagementPolicy is not OrderedReady; with Parallel (the operator's default) pods do not wait for each other to be ready`);
    }
  }
  if (o.updateStrategy !== undefined) {
    const u = updateStrategyToWire(o.updateStrategy, `${x}.updateStrategy`);
    if (u.type !== undefined) {
      checkOneOf(`${x}.updateStrategy.type`, u.type, ['RollingUpdate', 'OnDelete']);
    }
    const mu = u.rollingUpdate?.maxUnavailable;
    if (mu !== undefined) {
      checkMaxUnavailable(`${x}.updateStrategy.rollingUpdate.maxUnavailable`, mu);
    }
    if (u.rollingUpdate?.partition !== undefined) {
      checkInt(`${x}.updateStrategy.rollingUpdate.partition`, u.rollingUpdate.partition, 0);
    }
  }
  if (o.persistentVolumeClaimRetentionPolicy !== undefined) {
    const r = pvcRetentionPolicyToWire(o.persistentVolumeClaimRetentionPolicy, `${x}.persistentVolumeClaimRetentionPolicy`);
    for (const k of ['whenDeleted', 'whenScaled'] as const) {
      const v = r[k];
      if (v !== undefined) {
        checkOneOf(`${x}.persistentVolumeClaimRetentionPolicy.${k}`, v, ['Retain', 'Delete']);
      }
    }
    if (r.whenScaled !== undefined && !c.kind.appliesWhenScaled) {
      c.warn(`'${x}.persistentVolumeClaimRetentionPolicy.whenScaled' is ignored by the operator for ${c.kind.upper} (only CN applies it)`);
    }
  }
  if (o.entrypointScript !== undefined) {
    if (typeof o.entrypointScript !== 'string' || o.entrypointScript.length === 0) {
      fail(`${x}.entrypointScript`, 'a non-empty script', o.entrypointScript);
    }
    checkConfigMapData(`${x}.entrypointScript`, { 'entrypoint.sh': o.entrypointScript });
    if (o.command !== undefined || o.args !== undefined) {
      fail(`${x}.command`, 'unset when entrypointScript is set (the script is run with bash -c)', o.command ?? o.args);
    }
  }
  if (o.entrypointScriptHash !== undefined) {
    if (o.entrypointScript === undefined) {
      fail(`${x}.entrypointScriptHash`, 'set only with entrypointScript', o.entrypointScriptHash);
    }
    if (typeof o.entrypointScriptHash !== 'string' || o.entrypointScriptHash.length === 0) {
      fail(`${x}.entrypointScriptHash`, 'a non-empty annotation value', o.entrypointScriptHash);
    }
  }
  (o.sysctls ?? []).forEach((sc, i) => checkSysctlName(`${x}.sysctls[${i}].name`, sc.name));
  for (const kind of ['configMaps', 'secrets'] as const) {
    (o[kind] ?? []).forEach((m, i) => {
      const budget = c.volumeNameWithHash ? NAME_BUDGET.hashedMountName : NAME_BUDGET.volume;
      checkDnsLabel(`${x}.${kind}[${i}].name`, m.name, budget);
      checkMountPath(`${x}.${kind}[${i}].mountPath`, m.mountPath);
    });
  }
  c.kind.check(c.warn);
}

/**
 * The API server's rules for the pod fields a component inherits from the cluster's shared
 * options (`inherit`), each error naming the property the value comes from (`propOf`).
 *
 * @internal
 */
export function checkInheritedPodFields(
  inherit: <K extends keyof SharedComponentOptions>(k: K) => SharedComponentOptions[K],
  propOf: (k: keyof SharedComponentOptions) => string,
): void {
  const nodeSelector = inherit('nodeSelector');
  if (nodeSelector !== undefined) {
    checkLabels(propOf('nodeSelector'), nodeSelector);
  }
  (inherit('tolerations') ?? []).forEach((t, i) => checkToleration(`${propOf('tolerations')}[${i}]`, t));
  const affinity = inherit('affinity');
  if (affinity !== undefined) {
    checkAffinity(propOf('affinity'), affinityToWire(affinity, propOf('affinity')));
  }
  const spread = inherit('topologySpreadConstraints');
  if (spread !== undefined && spread.length > 0) {
    checkTopologySpreadConstraints(propOf('topologySpreadConstraints'), topologySpreadToWire(spread, propOf('topologySpreadConstraints')));
  }
  // core `validateHostAliases`: an IP and DNS-subdomain host names
  (inherit('hostAliases') ?? []).forEach((h, i) => {
    const p = `${propOf('hostAliases')}[${i}]`;
    checkIp(`${p}.ip`, h.ip as string);
    (h.hostnames ?? []).forEach((n, j) => checkDnsSubdomain(`${p}.hostnames[${j}]`, n));
  });
  // names of other objects: DNS subdomains, never empty (the operator would write "")
  for (const k of ['schedulerName', 'serviceAccount'] as const) {
    const v = inherit(k);
    if (v !== undefined) {
      checkObjectName(propOf(k), v);
    }
  }
}

import type { Construct } from 'constructs';
import type { SharedComponentOptions } from './options';
import type { ComponentKind } from '../cluster/component-kind';
import type { ComponentKey } from '../common/constants';
import type { AutoScalingPolicyWire, EnvVarWire, StorageVolumeWire } from '../common/crd-types';

/**
 * What differs between FE, BE and CN: names, spec keys, standard volumes, own checks and own spec
 * fields. `fe.ts`, `be.ts` and `cn.ts` each make one from the component's options.
 *
 * @internal
 */
export interface ComponentKindBehavior {
  /** `fe`, `be` or `cn`. */
  readonly key: ComponentKey;
  /** The kind in the public enum. */
  readonly kind: ComponentKind;
  /** `FE`, `BE` or `CN`, for messages. */
  readonly upper: string;
  /** The prefix of the ids of the component's constructs (`Fe`, `Be`, `Cn`). */
  readonly idPrefix: string;
  /** The key of the component's spec in the StarRocksCluster spec. */
  readonly specKey: 'starRocksFeSpec' | 'starRocksBeSpec' | 'starRocksCnSpec';
  /** The key of the environment variables in the component's spec. */
  readonly envKey: EnvKey;
  /** Whether the operator applies `persistentVolumeClaimRetentionPolicy.whenScaled` to the kind. */
  readonly appliesWhenScaled: boolean;
  /** The standard persistent volumes (FE meta and log; BE/CN data, log and spill). */
  standardVolumes(prefix: string, ctx: VolumeContext): StorageVolumeWire[];
  /** The kind's own checks of its options (eager), warnings through `warn`. */
  check(warn: (message: string) => void): void;
  /** The kind's own fields of the spec. */
  renderOwn(): KindSpecFields;
}

/** Keys of the environment variables in a component spec or warehouse template. @internal */
export type EnvKey = 'feEnvVars' | 'beEnvVars' | 'cnEnvVars' | 'envVars';

/** Fields only some kinds have. @internal */
export interface KindSpecFields {
  autoScalingPolicy?: AutoScalingPolicyWire;
}

/** The environment of a spec under its key. @internal */
export type EnvFields = { [K in EnvKey]?: EnvVarWire[] };

/**
 * Context a component needs from its cluster.
 *
 * @internal
 */
export interface ComponentContext {
  readonly scope: Construct;
  readonly clusterName: string;
  readonly namespace?: string;
  readonly timeZone?: string;
  readonly shared: SharedComponentOptions;
  readonly volumeNameWithHash: boolean;
  /** Labels of the ConfigMaps besides the library's (default `cluster: <name>`, `app: <component>`). */
  readonly configMapLabels?: { [key: string]: string };
  /** The spec key of the environment variables (default `feEnvVars`, `beEnvVars`, `cnEnvVars`). */
  readonly envKey?: 'envVars';
}

/**
 * What the builders of a component's standard volumes (FE meta and log, BE/CN data, log and
 * spill) need from the component.
 *
 * @internal
 */
export interface VolumeContext {
  /** Records a warning on the component's construct. */
  warn(message: string): void;
  /**
   * A standard directory moved to `path` needs the StarRocks setting `key` that points there
   * (`prop` is the mount path's property, for messages).
   */
  configurePath(prop: string, key: string, path: string, defaultPath: string): void;
}

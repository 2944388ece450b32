import type { VolumeContext } from './storage-volumes';
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

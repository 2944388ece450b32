import type { Duration } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-27';
import { StarRocksResources, ComponentServiceOptions, ExistingConfigMap, ImagePullPolicy, MountOptions, PodManagementPolicy } from './pod-options';
import { StarRocksConfig } from '../config/config';

// the pods' and Services' option types, re-exported: they were declared here
export * from './pod-options';
import { EmptyDirVolume, HostPathVolume, PersistentStorageOptions, StorageVolume } from '../storage/storage';

/**
 * Settings that FE, BE and CN can share: set once on the cluster (`shared`), overridden per
 * component. A component's own value replaces the shared one (lists and maps are not merged);
 * an explicit `false`, empty list or empty map on a component also replaces it.
 */
export interface SharedComponentOptions {
  /**
   * Image tag for components whose `image` is not set.
   *
   * @default '4.1-latest' (the chart's default)
   */
  readonly imageTag?: string;
  /**
   * Extra `/etc/hosts` entries of the pods: IP addresses and DNS-1123 host names.
   *
   * @default - none
   */
  readonly hostAliases?: k8s.HostAlias[];
  /**
   * Run the StarRocks container as user and group 1000 instead of root (the operator also sets
   * `fsGroup: 1000`). Switching this on for a cluster whose volumes were written as root causes
   * permission errors.
   *
   * @default - not set; the operator runs the container as root
   */
  readonly runAsNonRoot?: boolean;
  /**
   * Scheduler of the pods (a DNS-1123 subdomain, not empty).
   *
   * @default - the default scheduler
   */
  readonly schedulerName?: string;
  /**
   * Service account of the pods (for cloud IAM), a DNS-1123 subdomain, not empty. The operator
   * does not mount its token.
   *
   * @default - the namespace's default service account
   */
  readonly serviceAccount?: string;
  /**
   * Names of Secrets used to pull the images.
   *
   * @default - none
   */
  readonly imagePullSecrets?: string[];
  /**
   * Tolerations of the pods.
   *
   * @default - none
   */
  readonly tolerations?: k8s.Toleration[];
  /**
   * Topology spread constraints of the pods. Select the pods with the component's
   * `selectorLabels`.
   *
   * @default - none
   */
  readonly topologySpreadConstraints?: k8s.TopologySpreadConstraint[];
  /**
   * Node selector of the pods: qualified-name keys and label values, as the API server requires.
   *
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Affinity of the pods. Select the pods with the component's `selectorLabels`
   * (`app.starrocks.ownerreference/name: <cluster>-<component>`), not with the cluster name.
   *
   * @default - none
   */
  readonly affinity?: k8s.Affinity;
  /**
   * Extra labels of the pods. They must not redefine the selector labels
   * `app.kubernetes.io/component` and `app.starrocks.ownerreference/name`.
   *
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };
}

/** Options of a StarRocks component (FE, BE or CN). */
export interface ComponentOptions extends SharedComponentOptions {
  /**
   * Number of pods.
   *
   * @default - not set; the CRD default (1) applies
   */
  readonly replicas?: number;
  /**
   * Container image, with a tag or digest.
   *
   * @default - `starrocks/<fe|be|cn>-ubuntu:<imageTag>`
   */
  readonly image?: string;
  /**
   * When to pull the image.
   *
   * @default - not set; Kubernetes pulls `IfNotPresent` unless the tag is `latest`
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * CPU and memory requests and limits.
   *
   * @default - none; the operator passes none to the pods (BestEffort QoS)
   */
  readonly resources?: StarRocksResources;
  /**
   * The component's configuration file (`fe.conf`, `be.conf` or `cn.conf`). The library puts it
   * into a ConfigMap `<cluster>-<component>-cm`, points the operator at it and adds the
   * `app.starrocks.io/<component>-config-hash` pod annotation so a change rolls the pods.
   * The ports the operator exposes are read from it.
   *
   * @default - no ConfigMap; the image's own configuration file and the default ports are used
   */
  readonly config?: StarRocksConfig;
  /**
   * Name of the ConfigMap the library creates for `config`.
   *
   * @default `<cluster>-<component>-cm`
   */
  readonly configMapName?: string;
  /**
   * Whether a change of `config` rolls the pods: the library adds the config's hash as the pod
   * annotation `app.starrocks.io/<component>-config-hash`, as the Helm chart does.
   *
   * @default true
   */
  readonly rollOnConfigChange?: boolean;
  /**
   * A config file in a ConfigMap managed elsewhere; the operator mounts it at
   * `/etc/starrocks/<component>/conf` and reads the ports from it. Conflicts with `config`.
   * The library cannot see its contents: the ports it reports are the defaults, and pods do not
   * roll when the ConfigMap changes.
   *
   * @default - none
   */
  readonly existingConfig?: ExistingConfigMap;
  /**
   * Environment variables of the container, after the cluster's `TZ`.
   *
   * @default - none
   */
  readonly envVars?: k8s.EnvVar[];
  /**
   * Annotations of the pods (`annotations` of the component's spec; the operator puts them on
   * the pod template).
   *
   * @default - none (besides the config-hash annotations the library adds)
   */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * Make the container's root filesystem read-only. StarRocks then needs writable volumes for
   * every path it writes and `STARROCKS_ROOT` pointing at a writable copy.
   *
   * @default - not set (writable)
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Linux capabilities to add to or drop from the container.
   *
   * @default - the container runtime's defaults
   */
  readonly capabilities?: k8s.Capabilities;
  /**
   * Namespaced kernel parameters of the pods.
   *
   * @default - none
   */
  readonly sysctls?: k8s.Sysctl[];
  /**
   * How long a pod gets to shut down (`terminationGracePeriodSeconds`), in whole seconds.
   *
   * @default - not set; the operator uses 120 seconds
   */
  readonly terminationGracePeriod?: Duration;
  /**
   * How long the startup probe may fail before the container is restarted
   * (`startupProbeFailureSeconds`), in whole seconds; zero removes the probe. Rounded up to a
   * multiple of 5 seconds (the probe period).
   *
   * @default - not set; the operator allows 300 seconds
   */
  readonly startupProbeFailureTime?: Duration;
  /**
   * How long the liveness probe may fail before the container is restarted
   * (`livenessProbeFailureSeconds`), in whole seconds; zero removes the probe.
   *
   * @default - not set; the operator allows 15 seconds
   */
  readonly livenessProbeFailureTime?: Duration;
  /**
   * How long the readiness probe may fail before the pod is taken out of the Services
   * (`readinessProbeFailureSeconds`), in whole seconds; zero removes the probe.
   *
   * @default - not set; the operator allows 15 seconds
   */
  readonly readinessProbeFailureTime?: Duration;
  /**
   * How long a new pod must be ready before it counts as available (`minReadySeconds`), in
   * whole seconds.
   *
   * @default - not set (0)
   */
  readonly minReady?: Duration;
  /**
   * How the StatefulSet starts and stops pods. Cannot be changed on an existing StatefulSet.
   *
   * @default - not set; the operator uses `Parallel`
   */
  readonly podManagementPolicy?: PodManagementPolicy;
  /**
   * Lifecycle hooks. A `preStop` hook replaces the operator's graceful stop script.
   *
   * @default - the operator's graceful `preStop` hook
   */
  readonly lifecycle?: k8s.Lifecycle;
  /**
   * Extra containers in the pods, after the StarRocks container.
   *
   * @default - none
   */
  readonly sidecars?: k8s.Container[];
  /**
   * Init containers of the pods.
   *
   * @default - none
   */
  readonly initContainers?: k8s.Container[];
  /**
   * StatefulSet update strategy. `rollingUpdate.maxUnavailable` needs the
   * `MaxUnavailableStatefulSet` feature gate.
   *
   * @default - rolling update, one pod at a time
   */
  readonly updateStrategy?: k8s.StatefulSetUpdateStrategy;
  /**
   * Share one process namespace between the containers of a pod.
   *
   * @default - not set (false)
   */
  readonly shareProcessNamespace?: boolean;
  /**
   * A shell script to run instead of the image's entrypoint. The library puts it into a
   * ConfigMap `<cluster>-<component>-entrypoint-script`, mounts it at
   * `/etc/starrocks/entrypoint.sh` and runs it with `bash -c`. Conflicts with `command`/`args`.
   *
   * @default - the image's entrypoint
   */
  readonly entrypointScript?: string;
  /**
   * The value of the pod annotation `app.starrocks.io/<component>-entrypoint-hash`, which rolls
   * the pods when it changes. Give it to keep the value another tool computes for the same
   * script (the kube-starrocks chart hashes the script as given in its values, while its
   * ConfigMap holds the script with exactly one final line break). Needs `entrypointScript`.
   *
   * @default - the kube-starrocks chart's hash of `entrypointScript`
   */
  readonly entrypointScriptHash?: string;
  /**
   * Command of the StarRocks container.
   *
   * @default - the image's entrypoint script
   */
  readonly command?: string[];
  /**
   * Arguments of the StarRocks container.
   *
   * @default - `$(FE_SERVICE_NAME)`
   */
  readonly args?: string[];
  /**
   * The component's external Service.
   *
   * @default - a ClusterIP Service created by the operator
   */
  readonly service?: ComponentServiceOptions;
  /**
   * Existing ConfigMaps to mount.
   *
   * @default - none
   */
  readonly configMaps?: MountOptions[];
  /**
   * Existing Secrets to mount.
   *
   * @default - none
   */
  readonly secrets?: MountOptions[];
  /**
   * Extra `emptyDir` volumes.
   *
   * @default - none
   */
  readonly emptyDirs?: EmptyDirVolume[];
  /**
   * Extra `hostPath` volumes.
   *
   * @default - none
   */
  readonly hostPaths?: HostPathVolume[];
  /**
   * Storage volumes in the CRD's own form, after those of the other storage options.
   *
   * @default - none
   */
  readonly storageVolumes?: StorageVolume[];
  /**
   * Prefix of the names of the standard persistent volumes (`<prefix>-meta`, `<prefix>-data`,
   * `<prefix>-log`, `<prefix>-spill`); the chart's `storageSpec.name`. PVCs are named
   * `<volume>-<cluster>-<component>-<ordinal>`.
   *
   * @default - the component's short name (`fe`, `be`, `cn`), the names of the operator's own
   *   default volumes
   */
  readonly volumeNamePrefix?: string;
  /**
   * Whether the StatefulSet deletes the PVCs when it is deleted (`whenDeleted`) or scaled in
   * (`whenScaled`, CN only: FE and BE keep their data volumes when scaled in).
   *
   * @default - PVCs are retained
   */
  readonly persistentVolumeClaimRetentionPolicy?: k8s.StatefulSetPersistentVolumeClaimRetentionPolicy;
}

/** Options of the FE (frontend) component. */
export interface FeOptions extends ComponentOptions {
  /**
   * Persistent volume for the FE metadata (`<prefix>-meta`). Without it, metadata lives in an
   * emptyDir and is lost when a pod is deleted. Keep at least 10Gi: FE stops below 5Gi free.
   *
   * @default - no PVC; an emptyDir
   */
  readonly metaStorage?: PersistentStorageOptions;
  /**
   * Persistent volume for the FE logs (`<prefix>-log`).
   *
   * @default - no PVC; an emptyDir
   */
  readonly logStorage?: PersistentStorageOptions;
}

/** Options of BE, CN and warehouse CN pods: those of every component plus the data volumes. */
export interface DataComponentOptions extends ComponentOptions {
  /**
   * Persistent volume(s) for data (`<prefix>-data`; BE tablets, CN cache).
   *
   * @default - no PVC; BE data in an emptyDir (lost when a pod is deleted), CN cache in the
   *   container's filesystem
   */
  readonly dataStorage?: PersistentStorageOptions;
  /**
   * Number of data volumes per pod; with more than one they are named `<prefix><i>-data` and
   * mounted at `<mountPath><i>` (the chart's `storageCount`).
   *
   * @default 1
   */
  readonly dataVolumeCount?: number;
  /**
   * Persistent volume for logs (`<prefix>-log`).
   *
   * @default - no PVC; an emptyDir
   */
  readonly logStorage?: PersistentStorageOptions;
  /**
   * Persistent volume for query spill (`<prefix>-spill`).
   *
   * @default - no spill volume
   */
  readonly spillStorage?: PersistentStorageOptions;
}

/** Options of the BE (backend) component. */
export interface BeOptions extends DataComponentOptions {
  /**
   * Whether the cluster has BE; `false` for a shared-data cluster.
   *
   * @default true
   */
  readonly enabled?: boolean;
}

/** Version of the HorizontalPodAutoscaler API the operator creates for CN. */
export enum HpaVersion {
  /** `autoscaling/v1`: only min/max replicas and CPU (ignores `hpaPolicy`). */
  V1 = 'v1',
  /** `autoscaling/v2beta2`: removed in Kubernetes 1.26. */
  V2BETA2 = 'v2beta2',
  /** `autoscaling/v2`. */
  V2 = 'v2',
}

/** Autoscaling of the CN pods by a HorizontalPodAutoscaler the operator creates. */
export interface CnAutoScalingOptions {
  /** Most CN pods. */
  readonly maxReplicas: number;
  /**
   * Fewest CN pods.
   *
   * @default 1
   */
  readonly minReplicas?: number;
  /**
   * HPA API version.
   *
   * @default - not set; the operator picks v2 on Kubernetes 1.26 and later, v2beta2 before
   */
  readonly version?: HpaVersion;
  /**
   * Metrics the HPA scales on.
   *
   * @default - the HPA's default (80% average CPU utilisation)
   */
  readonly metrics?: k8s.MetricSpecV2[];
  /**
   * Scaling behaviour (stabilisation windows, rate policies).
   *
   * @default - the HPA's default behaviour
   */
  readonly behavior?: k8s.HorizontalPodAutoscalerBehaviorV2;
}

/**
 * Options of a group of CN pods: the cluster's CN (`CnOptions`) and a warehouse
 * (`WarehouseOptions`) both take these.
 */
export interface CnBaseOptions extends DataComponentOptions {
  /**
   * Scale CN with a HorizontalPodAutoscaler. Leave `replicas` unset with it: every apply of a
   * manifest with `replicas` resets what the HPA chose.
   *
   * @default - no autoscaling
   */
  readonly autoScaling?: CnAutoScalingOptions;
}

/** Options of the CN (compute node) component of a cluster. */
export interface CnOptions extends CnBaseOptions {
  /**
   * Whether the cluster has CN (`false` keeps the settings but leaves CN out).
   *
   * @default true (when `cn` is given)
   */
  readonly enabled?: boolean;
}

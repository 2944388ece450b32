/**
 * The wire shapes the renderers return, from the types generated from the CRDs (`imports/`,
 * `npx projen import`). Only renderers use them; public props and methods never do.
 *
 * @internal
 */
import type * as crd from '../../imports/starrocks.com';

/** `spec` of a StarRocksCluster. @internal */
export type ClusterSpecWire = crd.StarRocksClusterSpec;
/** `spec.starRocksFeSpec`. @internal */
export type FeSpecWire = crd.StarRocksClusterSpecStarRocksFeSpec;
/** `spec.starRocksBeSpec`. @internal */
export type BeSpecWire = crd.StarRocksClusterSpecStarRocksBeSpec;
/** `spec.starRocksCnSpec`. @internal */
export type CnSpecWire = crd.StarRocksClusterSpecStarRocksCnSpec;
/** `spec.starRocksFeProxySpec`. @internal */
export type FeProxySpecWire = crd.StarRocksClusterSpecStarRocksFeProxySpec;
/** `spec` of a StarRocksWarehouse. @internal */
export type WarehouseSpecWire = crd.StarRocksWarehouseSpec;
/** `spec.template` of a StarRocksWarehouse: a CN spec whose environment is `envVars`. @internal */
export type WarehouseTemplateWire = crd.StarRocksWarehouseSpecTemplate;

/** What the FE, BE and CN specs (and a warehouse's template) have in common. @internal */
export type CommonComponentSpecWire = Omit<CnSpecWire, 'cnEnvVars' | 'autoScalingPolicy'>;
/** A component spec of any kind. @internal */
export type ComponentSpecWire = FeSpecWire | BeSpecWire | CnSpecWire | WarehouseTemplateWire;

/** An environment variable of a component (`feEnvVars`, `beEnvVars`, `cnEnvVars`, `envVars`). @internal */
export type EnvVarWire = crd.StarRocksClusterSpecStarRocksFeSpecFeEnvVars;
/** A sidecar or init container. @internal */
export type ContainerWire = crd.Sidecars;
/** A storage volume (`storageVolumes`) of a component or the FE proxy. @internal */
export type StorageVolumeWire = crd.StorageVolumes;
/** The Service options of a component or the FE proxy. @internal */
export type ServiceWire = crd.Service;
/** A port override of such a Service. @internal */
export type ServicePortWire = crd.ServicePorts;
/** A ConfigMap or Secret mount. @internal */
export type MountWire = crd.ConfigMaps;
/** The CN autoscaler. @internal */
export type AutoScalingPolicyWire = crd.AutoScalingPolicy;
/** Container capabilities. @internal */
export type CapabilitiesWire = crd.Capabilities;
/** A sysctl. @internal */
export type SysctlWire = crd.Sysctls;
/** Lifecycle hooks. @internal */
export type LifecycleWire = crd.Lifecycle;
/** The StatefulSet update strategy. @internal */
export type UpdateStrategyWire = crd.UpdateStrategy;
/** The StatefulSet's PVC retention policy. @internal */
export type PvcRetentionPolicyWire = crd.PersistentVolumeClaimRetentionPolicy;
/** Pod affinity. @internal */
export type AffinityWire = crd.Affinity;
/** A toleration. @internal */
export type TolerationWire = crd.Tolerations;
/** A topology spread constraint. @internal */
export type TopologySpreadConstraintWire = crd.TopologySpreadConstraints;
/** A host alias. @internal */
export type HostAliasWire = crd.HostAliases;
/** An HPA metric. @internal */
export type HpaMetricWire = crd.AutoScalingPolicyHpaPolicyMetrics;
/** The HPA behaviour. @internal */
export type HpaBehaviorWire = crd.AutoScalingPolicyHpaPolicyBehavior;

import type { k8s } from 'cdk8s-plus-27';
import { CircularData, circularError, PlainDataRules, walkPlainData } from './copy';
import type {
  AffinityWire, CapabilitiesWire, ContainerWire, EnvVarWire, HostAliasWire, HpaBehaviorWire, HpaMetricWire, LifecycleWire,
  PvcRetentionPolicyWire, SysctlWire, TolerationWire, TopologySpreadConstraintWire, UpdateStrategyWire,
} from './crd-types';
import { StarRocksPropError } from './errors';

/**
 * Turns a value typed with the cdk8s L1 "props" shapes (for example `k8s.Container` from
 * cdk8s-plus-27) into its wire form, without loading the generated code that defines them.
 *
 * The L1 shapes of the core Kubernetes types use the wire names for every key; only the
 * `IntOrString` and `Quantity` unions differ: they are class instances that hold the real value in
 * `value`. Every other class instance is rejected rather than silently mangled.
 *
 * @internal
 */
export function wireValue(value: unknown, path: string): unknown {
  const keys: string[] = [];
  try {
    return wire(value, [], keys);
  } catch (e) {
    if (e instanceof CircularData) {
      throw circularError(path, e.keys, e.back);
    }
    if (!(e instanceof NotPlainData)) throw e;
    const name = e.instance.constructor?.name ?? 'an unknown class';
    throw new StarRocksPropError(`${path}${e.keys.join('')}`, `must be plain data (an object literal), got an instance of ${name}`);
  }
}

/**
 * The one cast between the L1 shapes and the CRD's wire types: an L1 shape of a core Kubernetes
 * type names the same fields as the CRD's copy of that type (the tests check every synthesized
 * custom resource against the CRD schemas), and `wireValue` turns its unions into their values.
 */
function convert<W>(value: object, path: string): W {
  return wireValue(value, path) as W;
}

/** A `k8s.EnvVar` in the CRD's form. @internal */
export const envVarToWire = (v: k8s.EnvVar, path: string) => convert<EnvVarWire>(v, path);
/** A `k8s.Container` in the CRD's form (sidecars, init containers). @internal */
export const containerToWire = (v: k8s.Container, path: string) => convert<ContainerWire>(v, path);
/** `k8s.Capabilities` in the CRD's form. @internal */
export const capabilitiesToWire = (v: k8s.Capabilities, path: string) => convert<CapabilitiesWire>(v, path);
/** `k8s.Sysctl`s in the CRD's form. @internal */
export const sysctlsToWire = (v: k8s.Sysctl[], path: string) => convert<SysctlWire[]>(v, path);
/** `k8s.Lifecycle` in the CRD's form. @internal */
export const lifecycleToWire = (v: k8s.Lifecycle, path: string) => convert<LifecycleWire>(v, path);
/** `k8s.StatefulSetUpdateStrategy` in the CRD's form. @internal */
export const updateStrategyToWire = (v: k8s.StatefulSetUpdateStrategy, path: string) => convert<UpdateStrategyWire>(v, path);
/** `k8s.StatefulSetPersistentVolumeClaimRetentionPolicy` in the CRD's form. @internal */
export const pvcRetentionPolicyToWire = (v: k8s.StatefulSetPersistentVolumeClaimRetentionPolicy, path: string) =>
  convert<PvcRetentionPolicyWire>(v, path);
/** `k8s.Affinity` in the CRD's form. @internal */
export const affinityToWire = (v: k8s.Affinity, path: string) => convert<AffinityWire>(v, path);
/** `k8s.Toleration`s in the CRD's form. @internal */
export const tolerationsToWire = (v: k8s.Toleration[], path: string) => convert<TolerationWire[]>(v, path);
/** `k8s.TopologySpreadConstraint`s in the CRD's form. @internal */
export const topologySpreadToWire = (v: k8s.TopologySpreadConstraint[], path: string) => convert<TopologySpreadConstraintWire[]>(v, path);
/** `k8s.HostAlias`es in the CRD's form. @internal */
export const hostAliasesToWire = (v: k8s.HostAlias[], path: string) => convert<HostAliasWire[]>(v, path);
/** `k8s.MetricSpecV2`s in the CRD's form. @internal */
export const hpaMetricsToWire = (v: k8s.MetricSpecV2[], path: string) => convert<HpaMetricWire[]>(v, path);
/** `k8s.HorizontalPodAutoscalerBehaviorV2` in the CRD's form. @internal */
export const hpaBehaviorToWire = (v: k8s.HorizontalPodAutoscalerBehaviorV2, path: string) => convert<HpaBehaviorWire>(v, path);

/** Thrown by `wire` for a class instance that is not a number-or-string union, with the keys to it. */
class NotPlainData {
  constructor(readonly instance: object, readonly keys: readonly string[]) {}
}

/**
 * The wire form: plain data copied, null and undefined left out, an `IntOrString` or `Quantity`
 * replaced by its value, any other class instance refused (`NotPlainData`).
 */
const WIRE_RULES: PlainDataRules = {
  dropEmpty: true,
  instance: (value, keys) => {
    const union = unionValue(value);
    if (union === undefined) {
      throw new NotPlainData(value, keys.slice());
    }
    return union;
  },
};

function wire(value: unknown, ancestors: object[], keys: string[]): unknown {
  return walkPlainData(value, WIRE_RULES, ancestors, keys);
}

/** The value of an `IntOrString` or `Quantity` of the L1 shapes (a class instance holding it in `value`), else undefined. */
function unionValue(value: object): string | number | undefined {
  const v: unknown = 'value' in value ? value.value : undefined;
  return typeof v === 'string' || typeof v === 'number' ? v : undefined;
}

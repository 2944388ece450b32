import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { PodDisruptionBudgetSpec } from './k8s-wire';
import { StarRocksApiObject } from '../common/api-object';
import { checkInt, checkOneOf } from '../common/validate';
import { warn } from '../common/warnings';

/**
 * Whether pods that are running but not ready may be evicted when the budget is not met
 * (`spec.unhealthyPodEvictionPolicy` of a PodDisruptionBudget, beta in Kubernetes 1.27, GA in 1.31).
 */
export enum UnhealthyPodEvictionPolicy {
  /** Evict not-ready pods only while the budget is met (Kubernetes' default). */
  IF_HEALTHY_BUDGET = 'IfHealthyBudget',
  /**
   * Always allow not-ready pods to be evicted, so that a crash-looping pod never blocks a node
   * drain.
   */
  ALWAYS_ALLOW = 'AlwaysAllow',
}

/**
 * How many pods of a component a voluntary disruption (node drain, cluster autoscaler, Karpenter
 * consolidation) may take down at once: the `maxUnavailable` or `minAvailable` of a
 * `policy/v1` PodDisruptionBudget.
 *
 * A budget only limits evictions. The operator updates its StatefulSets by deleting pods, which a
 * PodDisruptionBudget does not block, so rolling updates are unaffected.
 */
export class DisruptionBudget {
  /**
   * At most `pods` pods may be unavailable at once.
   *
   * @param pods a whole number of pods, 0 or more (0 blocks every eviction)
   */
  public static maxUnavailable(pods: number): DisruptionBudget {
    return new DisruptionBudget('maxUnavailable', checkInt('maxUnavailable', pods, 0));
  }

  /**
   * At most `percent` percent of the pods may be unavailable at once (Kubernetes rounds up: 34%
   * of 3 pods is 2 pods).
   *
   * @param percent a whole number from 0 to 100
   */
  public static maxUnavailablePercent(percent: number): DisruptionBudget {
    return new DisruptionBudget('maxUnavailable', `${checkInt('maxUnavailablePercent', percent, 0, 100)}%`);
  }

  /**
   * At least `pods` pods must stay available.
   *
   * @param pods a whole number of pods, 0 or more (the number of replicas or more blocks every eviction)
   */
  public static minAvailable(pods: number): DisruptionBudget {
    return new DisruptionBudget('minAvailable', checkInt('minAvailable', pods, 0));
  }

  /**
   * At least `percent` percent of the pods must stay available (Kubernetes rounds up).
   *
   * @param percent a whole number from 0 to 100 (100 blocks every eviction)
   */
  public static minAvailablePercent(percent: number): DisruptionBudget {
    return new DisruptionBudget('minAvailable', `${checkInt('minAvailablePercent', percent, 0, 100)}%`);
  }

  /** No PodDisruptionBudget for this component. */
  public static none(): DisruptionBudget {
    return new DisruptionBudget(undefined, undefined);
  }

  /** @internal */
  public readonly _field?: 'maxUnavailable' | 'minAvailable';
  /** @internal */
  public readonly _value?: number | string;

  private constructor(field: 'maxUnavailable' | 'minAvailable' | undefined, value: number | string | undefined) {
    this._field = field;
    this._value = value;
  }

  /** Whether a PodDisruptionBudget is created (false for `none()`). */
  public get enabled(): boolean {
    return this._field !== undefined;
  }

  /** The budget as it appears in the PodDisruptionBudget's spec, e.g. `maxUnavailable: 1`. */
  public toString(): string {
    return this._field === undefined ? 'none' : `${this._field}: ${this._value}`;
  }

  /**
   * How many of `replicas` healthy pods the budget lets be evicted at once, as the disruption
   * controller computes it (percentages rounded up).
   *
   * @internal
   */
  public _allowedDisruptions(replicas: number): number {
    if (this._field === undefined || this._value === undefined) {
      return replicas;
    }
    const scaled = typeof this._value === 'number'
      ? this._value
      : Math.ceil((Number(this._value.slice(0, -1)) * replicas) / 100);
    const allowed = this._field === 'maxUnavailable' ? scaled : replicas - scaled;
    return Math.max(0, Math.min(replicas, allowed));
  }

  /**
   * Whether the budget blocks every eviction whatever the number of pods.
   *
   * @internal
   */
  public get _alwaysBlocks(): boolean {
    return (this._field === 'maxUnavailable' && (this._value === 0 || this._value === '0%'))
      || (this._field === 'minAvailable' && this._value === '100%');
  }
}

/**
 * What a PodDisruptionBudget protects.
 *
 * @internal
 */
export interface DisruptionTarget {
  /** the property named in messages, e.g. `fe` */
  readonly prop: string;
  /** the component as users know it, e.g. `FE` */
  readonly what: string;
  readonly name: string;
  readonly namespace?: string;
  readonly labels: { [key: string]: string };
  /** labels that select exactly the component's pods */
  readonly selector: { [key: string]: string };
  /** whether the pods form a majority quorum (FE followers) */
  readonly quorum?: boolean;
}

/**
 * Creates a `policy/v1` PodDisruptionBudget for a component's pods.
 *
 * @internal
 */
export function createDisruptionBudget(
  scope: Construct,
  id: string,
  target: DisruptionTarget,
  budget: DisruptionBudget,
  policy: UnhealthyPodEvictionPolicy | undefined,
): ApiObject {
  if (!(budget instanceof DisruptionBudget) || !budget.enabled) {
    throw new Error(`'${target.prop}' must be a DisruptionBudget with a limit (DisruptionBudget.maxUnavailable(1), ...), got ${String(budget)}`);
  }
  if (policy !== undefined) {
    checkOneOf('unhealthyPodEvictionPolicy', policy, Object.values(UnhealthyPodEvictionPolicy));
  }
  const spec: PodDisruptionBudgetSpec = {
    [budget._field!]: budget._value,
    selector: { matchLabels: { ...target.selector } },
    unhealthyPodEvictionPolicy: policy,
  };
  if (budget._alwaysBlocks) {
    warn(scope, `'${target.prop}' is ${budget}: no ${target.what} pod can ever be evicted, so node drains and upgrades wait until the budget is changed`);
  }
  return new StarRocksApiObject(scope, id, {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: target.name, namespace: target.namespace, labels: { ...target.labels } },
    spec,
  });
}

/**
 * Warns when a budget, for the given number of pods, blocks every eviction or lets a quorum be
 * lost.
 *
 * @internal
 */
export function checkDisruptionBudget(scope: Construct, target: DisruptionTarget, budget: DisruptionBudget, replicas: number): void {
  if (!budget.enabled || replicas <= 0 || budget._alwaysBlocks) {
    return;
  }
  const allowed = budget._allowedDisruptions(replicas);
  if (allowed === 0) {
    warn(scope, `'${target.prop}' is ${budget} with ${replicas} ${target.what} pod(s): no pod can ever be evicted, so node drains and upgrades wait until the budget or the replicas change`);
    return;
  }
  if (target.quorum && replicas > 1) {
    const majority = Math.floor(replicas / 2) + 1;
    if (replicas - allowed < majority) {
      warn(scope, `'${target.prop}' is ${budget} with ${replicas} ${target.what} pods: evicting ${allowed} at once leaves fewer than the ${majority} needed for a majority, and the cluster stops accepting metadata changes`);
    }
  }
}

/**
 * The parts of a rendered component spec (or warehouse template) that say how many pods it runs;
 * read from rendered (untyped) output, so every field is checked before use.
 *
 * @internal
 */
export interface ReplicaFields {
  readonly replicas?: unknown;
  readonly autoScalingPolicy?: unknown;
}

/**
 * The number of pods a rendered component spec (or warehouse template) asks for: with an
 * autoscaler its minimum (the HPA may scale down to it), else `replicas`, else the CRD default 1.
 *
 * @internal
 */
export function replicasOf(spec: ReplicaFields): number {
  const policy = spec.autoScalingPolicy;
  if (policy !== undefined && policy !== null) {
    const min = typeof policy === 'object' ? (policy as { minReplicas?: unknown }).minReplicas : undefined;
    return typeof min === 'number' ? min : 1;
  }
  return typeof spec.replicas === 'number' ? spec.replicas : 1;
}

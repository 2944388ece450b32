import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { checkDisruptionBudget, createDisruptionBudget, DisruptionBudget, DisruptionTarget, ReplicaFields, replicasOf, UnhealthyPodEvictionPolicy } from './budget';
import { ComponentKind } from '../cluster/component-kind';
import { IStarRocksCluster } from '../cluster/reference';
import { LABEL_CLUSTER, LABEL_COMPONENT, LABEL_OWNER, libraryLabels, mergeLabels } from '../common/labels';
import { copyStringMap, fail } from '../common/validate';

/**
 * PodDisruptionBudgets for the components of a cluster.
 *
 * The defaults take down one pod of a component at a time. For FE that keeps the majority of 3
 * (or more) followers; a cluster with a single FE is unavailable while its FE pod moves, whatever
 * the budget, and a budget that allows no eviction at all (`maxUnavailable(0)`, or `minAvailable`
 * of every replica) makes node drains wait forever.
 */
export interface DisruptionBudgetsOptions {
  /**
   * Budget of the FE pods (`<cluster>-fe-pdb`).
   *
   * @default DisruptionBudget.maxUnavailable(1)
   */
  readonly fe?: DisruptionBudget;
  /**
   * Budget of the BE pods (`<cluster>-be-pdb`). Set only when the cluster has BE.
   *
   * @default - `DisruptionBudget.maxUnavailable(1)` when the cluster is defined in this app and
   *   has BE; none for a cluster referenced by name
   */
  readonly be?: DisruptionBudget;
  /**
   * Budget of the CN pods (`<cluster>-cn-pdb`). Set only when the cluster has CN.
   *
   * @default - `DisruptionBudget.maxUnavailable(1)` when the cluster is defined in this app and
   *   has CN; none for a cluster referenced by name
   */
  readonly cn?: DisruptionBudget;
  /**
   * Budget of the FE proxy pods (`<cluster>-fe-proxy-pdb`). Set only when the cluster has the
   * FE proxy.
   *
   * @default - `DisruptionBudget.maxUnavailable(1)` when the cluster is defined in this app and
   *   has the FE proxy; none for a cluster referenced by name
   */
  readonly feProxy?: DisruptionBudget;
  /**
   * Whether running pods that are not ready may be evicted when a budget is not met.
   *
   * @default - not set; Kubernetes uses `IfHealthyBudget`
   */
  readonly unhealthyPodEvictionPolicy?: UnhealthyPodEvictionPolicy;
  /**
   * Labels of the PodDisruptionBudgets, added to `cluster: <cluster>` and the library's
   * `app.kubernetes.io/*` labels.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Whether the PodDisruptionBudgets carry the labels the library adds by default:
   * `app.kubernetes.io/name: starrocks`, `app.kubernetes.io/instance: <name>` and
   * `app.kubernetes.io/managed-by: cdk8s-starrocks`. `false` leaves them out; the `cluster:
   * <cluster>` label stay either way.
   *
   * @default true
   */
  readonly defaultLabels?: boolean;
}

/** Properties of the PodDisruptionBudgets of a cluster. */
export interface StarRocksDisruptionBudgetsProps extends DisruptionBudgetsOptions {
  /** The cluster whose pods the budgets protect. */
  readonly cluster: IStarRocksCluster;
}

type Part = 'fe' | 'be' | 'cn' | 'feProxy';

const PARTS: ReadonlyArray<{ part: Part; component: ComponentKind; what: string; id: string }> = [
  { part: 'fe', component: ComponentKind.FE, what: 'FE', id: 'Fe' },
  { part: 'be', component: ComponentKind.BE, what: 'BE', id: 'Be' },
  { part: 'cn', component: ComponentKind.CN, what: 'CN', id: 'Cn' },
  { part: 'feProxy', component: ComponentKind.FE_PROXY, what: 'FE proxy', id: 'FeProxy' },
];

/**
 * PodDisruptionBudgets (`policy/v1`) for the FE, BE, CN and FE proxy pods of a StarRocks cluster,
 * which the StarRocks operator does not create (StarRocks/starrocks-kubernetes-operator PR #733).
 *
 * Each budget is named `<cluster>-<component>-pdb` (`<cluster>-fe-proxy-pdb` for the FE proxy)
 * and selects exactly the pods the operator creates for that component, by
 * `app.kubernetes.io/component` and `app.starrocks.ownerreference/name: <cluster>-<component>`.
 *
 * For a `StarRocksCluster` defined in the app, every component it has gets a budget unless
 * `DisruptionBudget.none()` is given; for a cluster referenced with `fromClusterName` the library
 * cannot see which components exist, so only FE gets a default budget and the others only when
 * given. Warnings (at synth time) point out budgets that block every eviction or let the FE
 * followers lose their majority.
 *
 * Labels: the library adds `app.kubernetes.io/name: starrocks`, `app.kubernetes.io/instance:
 * <name>` and `app.kubernetes.io/managed-by: cdk8s-starrocks` to the PodDisruptionBudgets, besides
 * `cluster: <cluster>`, which stays; `defaultLabels: false` leaves them out.
 */
export class StarRocksDisruptionBudgets extends Construct {
  /** The FE PodDisruptionBudget, unless disabled. */
  public readonly fePdb?: ApiObject;
  /** The BE PodDisruptionBudget, if any. */
  public readonly bePdb?: ApiObject;
  /** The CN PodDisruptionBudget, if any. */
  public readonly cnPdb?: ApiObject;
  /** The FE proxy PodDisruptionBudget, if any. */
  public readonly feProxyPdb?: ApiObject;

  constructor(scope: Construct, id: string, props: StarRocksDisruptionBudgetsProps) {
    super(scope, id);
    const cluster = props?.cluster;
    if (!cluster || typeof cluster.clusterName !== 'string' || cluster.clusterName.length === 0) {
      fail('cluster', 'the StarRocks cluster whose pods the budgets protect', cluster);
    }
    const c = cluster.clusterName;
    const local = cluster.definedInApp;
    const labels = mergeLabels(libraryLabels(c, props.defaultLabels), { [LABEL_CLUSTER]: c }, copyStringMap('labels', props.labels));
    const created: { [part: string]: ApiObject } = {};
    const checks: Array<{ target: DisruptionTarget; budget: DisruptionBudget; part: Part }> = [];

    for (const p of PARTS) {
      const given = props[p.part];
      if (given !== undefined && !(given instanceof DisruptionBudget)) {
        fail(p.part, 'a DisruptionBudget (DisruptionBudget.maxUnavailable(1), ...)', given);
      }
      const exists = local ? componentExists(cluster, p.part) : undefined;
      if (exists === false) {
        if (given !== undefined && given.enabled) {
          fail(p.part, `unset or DisruptionBudget.none(): the cluster has no ${p.what}`, given.toString());
        }
        continue;
      }
      const budget = given ?? (exists || p.part === 'fe' ? DisruptionBudget.maxUnavailable(1) : DisruptionBudget.none());
      if (!budget.enabled) {
        continue;
      }
      const target: DisruptionTarget = {
        prop: p.part,
        what: p.what,
        name: `${c}-${p.component}-pdb`,
        namespace: cluster.clusterNamespace,
        labels,
        selector: cluster.tryFindComponent(p.component)?.selectorLabels ?? podSelectorLabels(c, p.component),
        quorum: p.part === 'fe',
      };
      created[p.part] = createDisruptionBudget(this, p.id, target, budget, props.unhealthyPodEvictionPolicy);
      checks.push({ target, budget, part: p.part });
    }
    this.fePdb = created.fe;
    this.bePdb = created.be;
    this.cnPdb = created.cn;
    this.feProxyPdb = created.feProxy;

    if (local) {
      // Replicas can still change after this construct (JSON patches on the cluster's resource),
      // so the checks that depend on them run at synth time, on the rendered resource.
      let checked = false;
      this.node.addValidation({
        validate: () => {
          if (!checked) {
            checked = true;
            const spec = renderedSpec(cluster);
            for (const { target, budget, part } of checks) {
              checkDisruptionBudget(this, target, budget, podCount(spec, part));
            }
          }
          return [];
        },
      });
    }
  }
}

function componentExists(cluster: IStarRocksCluster, part: Part): boolean {
  switch (part) {
    case 'fe': return true;
    case 'be': return cluster.tryFindComponent(ComponentKind.BE) !== undefined;
    case 'cn': return cluster.tryFindComponent(ComponentKind.CN) !== undefined;
    case 'feProxy': return cluster.hasFeProxy;
  }
}

/**
 * Labels that select exactly the pods the operator creates for a component
 * (`app.kubernetes.io/component`, `app.starrocks.ownerreference/name: <cluster>-<component>`).
 */
function podSelectorLabels(clusterName: string, component: ComponentKind): { [key: string]: string } {
  return { [LABEL_COMPONENT]: component, [LABEL_OWNER]: `${clusterName}-${component}` };
}

const SPEC_KEYS: Record<Part, string> = {
  fe: 'starRocksFeSpec',
  be: 'starRocksBeSpec',
  cn: 'starRocksCnSpec',
  feProxy: 'starRocksFeProxySpec',
};

/** The spec of the cluster's StarRocksCluster resource as it is synthesized (JSON patches applied). */
function renderedSpec(cluster: IStarRocksCluster): { [key: string]: unknown } {
  const json: unknown = ApiObject.of(cluster).toJson();
  const spec = isRecord(json) ? json.spec : undefined;
  return isRecord(spec) ? spec : {};
}

/** The number of pods a component runs, from the rendered StarRocksCluster spec. */
function podCount(spec: { [key: string]: unknown }, part: Part): number {
  const s = spec[SPEC_KEYS[part]];
  return replicasOf(isRecord(s) ? s as ReplicaFields : {});
}

function isRecord(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

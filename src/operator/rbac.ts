/**
 * The operator's RBAC objects in both modes: least privilege (the default) and the
 * kube-starrocks chart's rules (`OperatorRbacRules.CHART_COMPATIBLE`).
 *
 * The least-privilege rules follow what operator v1.11.5 does (StarRocks/starrocks-kubernetes-operator,
 * `pkg/controllers`, `pkg/subcontrollers`, `pkg/k8sutils`): its controller-runtime client reads
 * through the informer cache (so every kind it gets also needs `list` and `watch`), writes the
 * objects it owns with Create, Update and Delete (never Patch), merge-patches its own custom
 * resources, updates their `/status` and records events. Leader election uses a Lease.
 *
 * @internal
 */
import { leaderElectionRules, operatorRules, PolicyRuleWire } from './facts';
import type { ObjectBody, Subject } from './k8s-wire';
import { OperatorRbacRules } from './props';

/** Verbs of a kind the operator only reads, through the informer cache. */
const READ = ['get', 'list', 'watch'];
/** Verbs of a kind the operator owns: read through the cache, created, updated in place, deleted. */
const OWN = [...READ, 'create', 'update', 'delete'];

/**
 * The least-privilege rules of the ClusterRole (all namespaces) or the Role in the watched
 * namespace. Each rule says why the operator needs it.
 *
 * @internal
 */
export function leastPrivilegeOperatorRules(): PolicyRuleWire[] {
  return [
    // StatefulSets of FE, BE, CN and of each warehouse's CN; the Deployment of the FE proxy. Created,
    // updated in place and deleted when a component is removed; watched, as the controllers own them.
    { apiGroups: ['apps'], resources: ['deployments', 'statefulsets'], verbs: [...OWN] },
    // The CN and warehouse autoscalers, in autoscaling/v1, v2beta2 or v2 as the cluster serves them:
    // a rule grants its group in every version. Written with Update, falling back to Create.
    { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: [...OWN] },
    // The Services of each component and the FE proxy's nginx ConfigMap; the config ConfigMaps
    // mounted into FE, BE and CN are read (get) to hash them and to find the ports.
    { apiGroups: [''], resources: ['configmaps', 'services'], verbs: [...OWN] },
    // Read only: pods (component status), endpoints (whether FE serves) and secrets (the values
    // that env vars such as MYSQL_PWD refer to, to log in to FE).
    { apiGroups: [''], resources: ['endpoints', 'pods', 'secrets'], verbs: [...READ] },
    // Its own resources: reconciled from a watch, metadata and spec merge-patched or updated; never
    // created or deleted by the operator.
    { apiGroups: ['starrocks.com'], resources: ['starrocksclusters', 'starrockswarehouses'], verbs: [...READ, 'update', 'patch'] },
    // Owner references with blockOwnerDeletion on the objects it creates (required where the
    // OwnerReferencesPermissionEnforcement admission plugin runs, e.g. OpenShift).
    { apiGroups: ['starrocks.com'], resources: ['starrocksclusters/finalizers', 'starrockswarehouses/finalizers'], verbs: ['update'] },
    // The phase and per-component status it reports.
    { apiGroups: ['starrocks.com'], resources: ['starrocksclusters/status', 'starrockswarehouses/status'], verbs: ['get', 'update', 'patch'] },
    // Events about the resources it reconciles (e.g. a failed FE sync), recorded in their namespace.
    { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
  ];
}

/**
 * The least-privilege rules of the leader-election Role in the operator's namespace.
 *
 * @internal
 */
export function leastPrivilegeLeaderElectionRules(): PolicyRuleWire[] {
  return [
    // The Lease `c6c79638.starrocks.com`: client-go's lease lock gets, creates and renews it.
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] },
    // The "became leader" events, recorded in the operator's namespace (outside a watched one).
    { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
  ];
}

/**
 * The one cluster-wide need of an operator that watches one namespace: at start it lists
 * StarRocksWarehouses in all namespaces, uncached, to learn whether their CRD is installed, and
 * only then starts the warehouse controller. Without it that list is forbidden.
 *
 * @internal
 */
export function warehouseCrdCheckRules(): PolicyRuleWire[] {
  return [{ apiGroups: ['starrocks.com'], resources: ['starrockswarehouses'], verbs: ['list'] }];
}

/** One RBAC object to define. @internal */
export interface RbacObject {
  readonly id: string;
  readonly kind: 'ClusterRole' | 'ClusterRoleBinding' | 'Role' | 'RoleBinding';
  readonly name: string;
  /** Undefined for cluster-scoped objects. */
  readonly namespace?: string;
  readonly labels?: { [key: string]: string };
  readonly body: ObjectBody;
}

/** What decides the operator's RBAC objects. @internal */
export interface RbacPlan {
  readonly rules: OperatorRbacRules;
  /** `<name>-operator`. */
  readonly fullName: string;
  readonly operatorNamespace?: string;
  readonly watchNamespace?: string;
  /** Where the namespaced Role goes with a watched namespace (the chart puts it in the operator's). */
  readonly roleNamespace?: string;
  readonly subjects: Subject[];
  readonly leaderElectionRole: string;
  readonly leaderElectionRoleBinding: string;
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/**
 * The RBAC objects of the operator, in output order.
 *
 * @internal
 */
export function rbacObjects(plan: RbacPlan): RbacObject[] {
  const chart = plan.rules === OperatorRbacRules.CHART_COMPATIBLE;
  const rules = chart ? operatorRules() : leastPrivilegeOperatorRules();
  const labels = { app: plan.fullName };
  const binding = (id: string, kind: 'ClusterRoleBinding' | 'RoleBinding', name: string, namespace: string | undefined, roleName: string): RbacObject => ({
    id,
    kind,
    name,
    namespace,
    body: { roleRef: { apiGroup: RBAC_GROUP, kind: kind === 'RoleBinding' ? 'Role' : 'ClusterRole', name: roleName }, subjects: plan.subjects },
  });
  const objects: RbacObject[] = [];
  if (plan.watchNamespace === undefined) {
    objects.push({ id: 'ClusterRole', kind: 'ClusterRole', name: plan.fullName, labels, body: { rules } });
    objects.push(binding('ClusterRoleBinding', 'ClusterRoleBinding', plan.fullName, undefined, plan.fullName));
  } else {
    objects.push({ id: 'Role', kind: 'Role', name: plan.fullName, namespace: plan.roleNamespace, labels, body: { rules } });
    objects.push(binding('RoleBinding', 'RoleBinding', plan.fullName, plan.roleNamespace, plan.fullName));
    if (!chart) {
      // one per watched namespace: ':' cannot occur in a namespace, so names never clash
      const name = `${plan.fullName}:${plan.watchNamespace}`;
      objects.push({ id: 'WarehouseCheckClusterRole', kind: 'ClusterRole', name, labels, body: { rules: warehouseCrdCheckRules() } });
      objects.push(binding('WarehouseCheckClusterRoleBinding', 'ClusterRoleBinding', name, undefined, name));
    }
  }
  objects.push({
    id: 'LeaderElectionRole',
    kind: 'Role',
    name: plan.leaderElectionRole,
    namespace: plan.operatorNamespace,
    body: { rules: chart ? leaderElectionRules() : leastPrivilegeLeaderElectionRules() },
  });
  objects.push(binding('LeaderElectionRoleBinding', 'RoleBinding', plan.leaderElectionRoleBinding, plan.operatorNamespace, plan.leaderElectionRole));
  return objects;
}

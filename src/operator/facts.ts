/**
 * Facts of the kube-starrocks chart 1.11.5 (subchart `operator`) that the operator construct
 * reproduces: default values, fixed names and the RBAC rules.
 *
 * Sources (StarRocks/starrocks-kubernetes-operator, tag v1.11.5,
 * `helm-charts/charts/kube-starrocks/charts/operator/`):
 * - defaults: `values.yaml`
 * - Deployment: `templates/deployment.yaml`
 * - RBAC: `templates/clusterrole.yaml`, `templates/role.yaml`, `templates/leader-election-role.yaml`
 *   and their bindings
 *
 * @internal
 */
import { ImageReference } from '../common/image';

/** The chart version, rendered as the pod label `version`. @internal */
export const OPERATOR_CHART_VERSION = '1.11.5';

/** `nameOverride` default: the umbrella chart's name. @internal */
export const DEFAULT_OPERATOR_NAME = 'kube-starrocks';

/** Suffix of the Deployment, ClusterRole(Binding) and Role(Binding) names. @internal */
export const OPERATOR_NAME_SUFFIX = '-operator';

/** `starrocksOperator.image.repository` + `:` + `starrocksOperator.image.tag`. @internal */
export const DEFAULT_OPERATOR_IMAGE = ImageReference.of('starrocks/operator', 'v1.11.5').toString();

/** `global.rbac.serviceAccount.name`. @internal */
export const DEFAULT_SERVICE_ACCOUNT_NAME = 'starrocks';

/** `timeZone`. @internal */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** `starrocksOperator.log`. @internal */
export const DEFAULT_LOG_FLAGS: readonly string[] = ['--zap-time-encoding=iso8601', '--zap-encoder=console'];

/** `starrocksOperator.resources`. @internal */
export const DEFAULT_RESOURCES = {
  limits: { cpu: '500m', memory: '800Mi' },
  requests: { cpu: '500m', memory: '400Mi' },
};

/** `starrocksOperator.securityContext`. @internal */
export const DEFAULT_SECURITY_CONTEXT = {
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
};

/** Name of the operator container (also the pod's default-container annotation). @internal */
export const MANAGER_CONTAINER = 'manager';

/** Fixed names of the leader-election Role and RoleBinding (not prefixed by the chart). @internal */
export const LEADER_ELECTION_ROLE = 'cn-leader-election-role';
/** @internal */
export const LEADER_ELECTION_ROLE_BINDING = 'cn-leader-election-rolebinding';

/** The RBAC API version of every role and binding. @internal */
export const RBAC_API_VERSION = 'rbac.authorization.k8s.io/v1';

/** A policy rule as the API server takes it. @internal */
export interface PolicyRuleWire {
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly verbs: string[];
}

/**
 * The rules of the ClusterRole (all namespaces) or Role (one watched namespace), exactly as the
 * chart grants them: what the operator reconciles (StatefulSets, Deployments for the FE proxy,
 * HPAs, Services, ConfigMaps, ServiceAccounts, CronJobs), what it only reads (Endpoints, Pods,
 * Secrets) and its own custom resources.
 *
 * @internal
 */
export function operatorRules(): PolicyRuleWire[] {
  return [
    { apiGroups: ['apps'], resources: ['deployments', 'statefulsets'], verbs: ['*'] },
    { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ['*'] },
    { apiGroups: ['batch'], resources: ['cronjobs'], verbs: ['*'] },
    { apiGroups: [''], resources: ['configmaps', 'serviceaccounts', 'services'], verbs: ['*'] },
    { apiGroups: [''], resources: ['endpoints', 'pods', 'secrets'], verbs: ['get', 'list', 'watch'] },
    { apiGroups: ['starrocks.com'], resources: ['starrocksclusters', 'starrockswarehouses'], verbs: ['*'] },
    // OpenShift needs update on the finalizers subresource to set owner references with blockOwnerDeletion.
    { apiGroups: ['starrocks.com'], resources: ['starrocksclusters/finalizers', 'starrockswarehouses/finalizers'], verbs: ['update'] },
    { apiGroups: ['starrocks.com'], resources: ['starrocksclusters/status', 'starrockswarehouses/status'], verbs: ['get', 'patch', 'update'] },
  ];
}

/** The rules of the leader-election Role in the operator's namespace. @internal */
export function leaderElectionRules(): PolicyRuleWire[] {
  const all = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
  return [
    { apiGroups: [''], resources: ['configmaps'], verbs: [...all] },
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: [...all] },
    { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
  ];
}

/** The release assets of the two CRDs. @internal */
export const CRD_RELEASE_URLS = {
  starRocksCluster: 'https://github.com/StarRocks/starrocks-kubernetes-operator/releases/download/v1.11.5/starrocks.com_starrocksclusters.yaml',
  starRocksWarehouse: 'https://github.com/StarRocks/starrocks-kubernetes-operator/releases/download/v1.11.5/starrocks.com_starrockswarehouses.yaml',
};

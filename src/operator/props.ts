import type { k8s } from 'cdk8s-plus-27';
import type { OperatorCrdSource } from './crds';
import { ImagePullPolicy, StarRocksResources } from '../components/options';

/**
 * The ServiceAccount the operator runs as.
 *
 * Mirrors the chart's `global.rbac.serviceAccount` values.
 */
export interface OperatorServiceAccountOptions {
  /**
   * Whether to define the ServiceAccount. Set to `false` to run the operator as an existing
   * ServiceAccount called `name` in the operator's namespace.
   *
   * @default true (chart: `global.rbac.create`, which also switches the RBAC objects)
   */
  readonly create?: boolean;

  /**
   * Name of the ServiceAccount, created or existing.
   *
   * @default 'starrocks' (chart: `global.rbac.serviceAccount.name`)
   */
  readonly name?: string;

  /**
   * Annotations of the ServiceAccount, e.g. `eks.amazonaws.com/role-arn`. Ignored when `create` is false.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };

  /**
   * Labels of the ServiceAccount. Ignored when `create` is false.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/**
 * Which permissions the operator's roles grant.
 */
export enum OperatorRbacRules {
  /**
   * Only what operator v1.11.5 uses, with explicit verbs and no wildcard: it creates, updates and
   * deletes StatefulSets, Deployments (FE proxy), HorizontalPodAutoscalers, Services and ConfigMaps;
   * reads pods, endpoints and secrets; reads, updates and patches StarRocksClusters and
   * StarRocksWarehouses and their `/status`, updates their `/finalizers`; records events; holds a
   * Lease for leader election. No CronJobs, no ServiceAccounts, no ConfigMap-based leader lock.
   *
   * With a watched namespace everything namespaced goes into a Role there; the one cluster-wide
   * need left is `list` on StarRocksWarehouses (ClusterRole `<name>-operator:<watchNamespace>`):
   * the operator lists them once at start to learn whether their CRD is installed.
   */
  LEAST_PRIVILEGE = 'LEAST_PRIVILEGE',

  /**
   * The kube-starrocks chart 1.11.5's rules, unchanged: `*` on Deployments, StatefulSets,
   * HorizontalPodAutoscalers, CronJobs, ConfigMaps, ServiceAccounts, Services and the StarRocks
   * resources, and a leader-election Role with every verb on ConfigMaps and Leases.
   */
  CHART_COMPATIBLE = 'CHART_COMPATIBLE',
}

/**
 * The RBAC objects that grant the operator its permissions.
 *
 * Without a watched namespace these are a ClusterRole and ClusterRoleBinding `<name>-operator`;
 * with one, a Role and RoleBinding `<name>-operator` (and, for least privilege, a ClusterRole and
 * ClusterRoleBinding `<name>-operator:<watchNamespace>` that only list StarRocksWarehouses). The
 * leader-election Role `cn-leader-election-role` and RoleBinding `cn-leader-election-rolebinding`
 * always go into the operator's namespace.
 */
export interface OperatorRbacOptions {
  /**
   * Which permissions the roles grant: only what the operator uses, or the chart's rules.
   *
   * @default OperatorRbacRules.LEAST_PRIVILEGE, or OperatorRbacRules.CHART_COMPATIBLE when
   *   `namespacedRbacInOperatorNamespace` is true (that option reproduces a chart release)
   */
  readonly rules?: OperatorRbacRules;

  /**
   * Whether to define the RBAC objects. Set to `false` when they are managed elsewhere; the
   * Deployment still runs as the configured ServiceAccount.
   *
   * @default true (chart: `global.rbac.create`)
   */
  readonly create?: boolean;

  /**
   * Chart compatibility: put the Role and RoleBinding of a watched namespace into the operator's
   * namespace, as kube-starrocks 1.11.5 does.
   *
   * That placement is a chart bug (StarRocks/starrocks-kubernetes-operator#710): the operator then
   * lacks permissions in the namespace it watches unless both are the same. Only turn this on to
   * reproduce a Helm release object for object.
   *
   * @default false - the Role and RoleBinding go into `watchNamespace`
   */
  readonly namespacedRbacInOperatorNamespace?: boolean;
}

/**
 * Properties of a `StarRocksOperator`.
 *
 * Each property names the kube-starrocks chart value it corresponds to (operator subchart), and the
 * defaults are that chart's (version 1.11.5).
 */
export interface StarRocksOperatorProps {
  /**
   * Base name of the operator's objects: the Deployment, ClusterRole(Binding) and Role(Binding)
   * are called `<name>-operator`. At most 54 characters.
   *
   * @default 'kube-starrocks' (chart: `nameOverride`)
   */
  readonly name?: string;

  /**
   * Namespace of the operator's Deployment, ServiceAccount and leader-election RBAC.
   *
   * @default - the chart's namespace (chart: `starrocksOperator.namespaceOverride`, else the
   *   release namespace). If neither is set, RBAC cannot be defined, because role bindings must
   *   name the ServiceAccount's namespace.
   */
  readonly namespace?: string;

  /**
   * Operator image reference.
   *
   * @default 'starrocks/operator:v1.11.5' (chart: `starrocksOperator.image.repository` and `.tag`)
   */
  readonly image?: string;

  /**
   * Image pull policy of the operator container.
   *
   * @default ImagePullPolicy.ALWAYS (chart: `starrocksOperator.imagePullPolicy`)
   */
  readonly imagePullPolicy?: ImagePullPolicy;

  /**
   * Names of Secrets in the operator's namespace used to pull the image.
   *
   * @default - none (chart: `starrocksOperator.imagePullSecrets`)
   */
  readonly imagePullSecrets?: string[];

  /**
   * Number of operator pods. Only the leader reconciles; more replicas only shorten fail-over.
   *
   * @default 1 (chart: `starrocksOperator.replicaCount`)
   */
  readonly replicas?: number;

  /**
   * CPU and memory of the operator container. Replaces the default as a whole: leave out a key
   * (e.g. `limits.cpu`) to have no value for it, or pass `{}` for no requests and limits at all.
   *
   * @default - limits `cpu: 500m`, `memory: 800Mi`; requests `cpu: 500m`, `memory: 400Mi`
   *   (chart: `starrocksOperator.resources`)
   */
  readonly resources?: StarRocksResources;

  /**
   * Names of the pod's resource claims (dynamic resource allocation) the operator container
   * uses: its `resources.claims`.
   *
   * @default - none (chart: `starrocksOperator.resources.claims`)
   */
  readonly resourceClaims?: string[];

  /**
   * Security context of the operator container, merged key by key over the default: a key given
   * here replaces the default's value for that key (e.g. `readOnlyRootFilesystem: false`), the
   * other default keys stay.
   *
   * @default - `runAsNonRoot: true`, `allowPrivilegeEscalation: false`,
   *   `readOnlyRootFilesystem: true` (chart: `starrocksOperator.securityContext`)
   */
  readonly securityContext?: k8s.SecurityContext;

  /**
   * Node labels the operator pod must match.
   *
   * @default - none (chart: `starrocksOperator.nodeSelector`)
   */
  readonly nodeSelector?: { [key: string]: string };

  /**
   * Affinity rules of the operator pod.
   *
   * @default - none (chart: `starrocksOperator.affinity`)
   */
  readonly affinity?: k8s.Affinity;

  /**
   * Tolerations of the operator pod.
   *
   * @default - none (chart: `starrocksOperator.tolerations`)
   */
  readonly tolerations?: k8s.Toleration[];

  /**
   * Annotations of the operator's Deployment. The chart puts its `starrocksOperator.annotations`
   * on both the Deployment and the pods: give them as `annotations` and `podAnnotations`.
   *
   * @default - none (chart: `starrocksOperator.annotations`)
   */
  readonly annotations?: { [key: string]: string };

  /**
   * Annotations of the operator's pods, after `kubectl.kubernetes.io/default-container: manager`.
   *
   * @default - only `kubectl.kubernetes.io/default-container: manager`
   *   (chart: `starrocksOperator.annotations`)
   */
  readonly podAnnotations?: { [key: string]: string };

  /**
   * Extra environment variables of the operator container, after `TZ`. For example
   * `KUBE_STARROCKS_UNSUPPORTED_ENVS` (a comma-separated list) stops the operator from injecting
   * those default variables into FE/BE/CN pods.
   *
   * @default - none (chart: `starrocksOperator.env`)
   */
  readonly envVars?: k8s.EnvVar[];

  /**
   * Time zone of the operator (env `TZ`), an IANA name such as `UTC` or `Europe/Berlin`.
   *
   * @default 'Asia/Shanghai' (chart: `timeZone`)
   */
  readonly timeZone?: string;

  /**
   * Logging flags passed to the operator, replacing the default list. Each must start with `-`.
   *
   * @default ['--zap-time-encoding=iso8601', '--zap-encoder=console'] (chart: `starrocksOperator.log`)
   */
  readonly logFlags?: string[];

  /**
   * The single namespace the operator watches (flag `--namespace`). Switches the ClusterRole and
   * ClusterRoleBinding to a Role and RoleBinding in that namespace.
   *
   * @default - all namespaces (chart: `starrocksOperator.watchNamespace`)
   */
  readonly watchNamespace?: string;

  /**
   * Namespaces whose events the operator ignores (flag `--deny-list`). Takes precedence over
   * `watchNamespace`.
   *
   * @default - none (chart: `starrocksOperator.denyList`, a comma-separated string)
   */
  readonly denyList?: string[];

  /**
   * DNS domain of the Kubernetes cluster (flag `--dns-domain-suffix`), used by the FE proxy to
   * reach FE.
   *
   * @default - the operator's default, `cluster.local` (chart: `starrocksOperator.dnsDomainSuffix`)
   */
  readonly dnsDomainSuffix?: string;

  /**
   * Whether the operator adds a hash suffix to the names of volumes for mounted ConfigMaps and
   * Secrets (flag `--volume-name-with-hash`). Set to `false` so sidecars can mount them by name.
   *
   * @default true (chart: `starrocksOperator.volumeNameWithHash`)
   */
  readonly volumeNameWithHash?: boolean;

  /**
   * The ServiceAccount the operator runs as.
   *
   * @default - a ServiceAccount `starrocks` is created
   */
  readonly serviceAccount?: OperatorServiceAccountOptions;

  /**
   * The RBAC objects of the operator.
   *
   * @default - created, cluster-wide unless `watchNamespace` is set
   */
  readonly rbac?: OperatorRbacOptions;

  /**
   * CustomResourceDefinitions to add to the chart (StarRocksCluster, StarRocksWarehouse). They are
   * read when the construct is created and ordered before the operator Deployment. The operator
   * only starts its warehouse controller if the StarRocksWarehouse CRD exists when it starts.
   *
   * @default - none; install the CRDs separately (the chart ships them in `crds/`, which
   *   `helm upgrade` never updates)
   */
  readonly crds?: OperatorCrdSource[];
}

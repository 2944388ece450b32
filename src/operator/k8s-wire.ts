/**
 * Wire shapes of the Kubernetes objects the operator construct writes (`apps/v1` Deployment,
 * `v1` ServiceAccount, `rbac.authorization.k8s.io/v1` roles and bindings): only the fields it
 * sets, with the API's field names. Values that come from the caller as cdk8s-plus-27 types
 * (affinity, tolerations, env, resources) are kept as the plain data `wireValue` gives and typed as
 * opaque wire objects.
 *
 * @internal
 */
import type { PolicyRuleWire } from './facts';

/** A Kubernetes object in wire form whose fields this module passes through unchanged. @internal */
export interface WireObject {
  readonly [key: string]: unknown;
}

/** The fields of `SecurityContext` the construct reads; the rest passes through. @internal */
export interface SecurityContext {
  readonly allowPrivilegeEscalation?: boolean;
  readonly privileged?: boolean;
  readonly capabilities?: { readonly add?: unknown };
  readonly [key: string]: unknown;
}

/** An HTTP probe. @internal */
export interface HttpProbe {
  readonly httpGet: { readonly path: string; readonly port: number };
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
}

/** The operator's container. @internal */
export interface Container {
  readonly name: string;
  readonly image: string;
  readonly imagePullPolicy: string;
  readonly command: string[];
  readonly args: string[];
  readonly env: WireObject[];
  readonly securityContext: SecurityContext;
  readonly livenessProbe: HttpProbe;
  readonly readinessProbe: HttpProbe;
  readonly resources?: WireObject;
}

/** `Deployment.spec`. @internal */
export interface DeploymentSpec {
  readonly selector: { readonly matchLabels: { [key: string]: string } };
  readonly replicas: number;
  readonly template: {
    readonly metadata: { readonly annotations: { [key: string]: string }; readonly labels: { [key: string]: string } };
    readonly spec: PodSpec;
  };
}

/** The fields of `PodSpec` the construct sets. @internal */
export interface PodSpec {
  readonly automountServiceAccountToken: boolean;
  readonly imagePullSecrets?: Array<{ readonly name: string }>;
  readonly containers: Container[];
  readonly serviceAccountName: string;
  readonly terminationGracePeriodSeconds: number;
  readonly nodeSelector?: { [key: string]: string };
  readonly affinity?: WireObject;
  readonly tolerations?: WireObject[];
}

/** `RoleRef` of a (Cluster)RoleBinding. @internal */
export interface RoleRef {
  readonly apiGroup: string;
  readonly kind: 'Role' | 'ClusterRole';
  readonly name: string;
}

/** A ServiceAccount subject of a (Cluster)RoleBinding. @internal */
export interface Subject {
  readonly kind: 'ServiceAccount';
  readonly name: string;
  readonly namespace: string;
}

/**
 * The top-level fields besides `apiVersion`, `kind` and `metadata` of the objects the construct
 * defines: a Deployment's `spec`, a role's `rules`, a binding's `roleRef` and `subjects`; none for
 * a ServiceAccount.
 *
 * @internal
 */
export interface ObjectBody {
  readonly spec?: DeploymentSpec;
  readonly rules?: PolicyRuleWire[];
  readonly roleRef?: RoleRef;
  readonly subjects?: Subject[];
}

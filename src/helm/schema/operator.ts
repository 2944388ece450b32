/**
 * The declared types of the kube-starrocks chart's `operator` subchart values (chart 1.11.5: its
 * `values.yaml` and the `operator:` part of the umbrella's), as `operator-values.ts` reads them.
 *
 * @internal
 */
import { bool, envVar, image, int32, listOf, mapOf, pullSecrets, quantity, str, stringMap, struct, StructSchema, wireMap } from './dsl';

/** `global`: the RBAC switch and the operator's ServiceAccount. @internal */
export const OPERATOR_GLOBAL_SCHEMA: StructSchema = struct({
  rbac: struct({
    create: bool(),
    serviceAccount: struct({
      name: str(),
      annotations: stringMap(),
      labels: stringMap(),
    }),
  }),
});

/** A container's securityContext, printed as given (its fields as Kubernetes declares them). */
const SECURITY_CONTEXT = struct({
  allowPrivilegeEscalation: bool(),
  appArmorProfile: wireMap('an AppArmorProfile'),
  capabilities: wireMap('a Capabilities map (add, drop)'),
  privileged: bool(),
  procMount: str(),
  readOnlyRootFilesystem: bool(),
  runAsGroup: int32(),
  runAsNonRoot: bool(),
  runAsUser: int32(),
  seLinuxOptions: wireMap('an SELinuxOptions map'),
  seccompProfile: wireMap('a SeccompProfile map'),
  windowsOptions: wireMap('a WindowsSecurityContextOptions map'),
});

/** The operator subchart's values. @internal */
export const OPERATOR_VALUES_SCHEMA: StructSchema = struct({
  global: OPERATOR_GLOBAL_SCHEMA,
  timeZone: str(),
  nameOverride: str(),
  starrocksOperator: struct({
    enabled: bool(),
    annotations: stringMap(),
    namespaceOverride: str(),
    image: image(),
    // '' prints no policy: the API server defaults it from the tag
    imagePullPolicy: str({ oneOf: ['Always', 'IfNotPresent', 'Never', ''] }),
    // printed with {{ }}: a quoted number loses its quotes
    replicaCount: int32({ digitString: true }),
    resources: struct({
      limits: mapOf(quantity()),
      requests: mapOf(quantity()),
      claims: listOf(struct({ name: str() })),
    }),
    securityContext: SECURITY_CONTEXT,
    imagePullSecrets: pullSecrets(),
    nodeSelector: stringMap(),
    affinity: wireMap('an affinity (nodeAffinity, podAffinity, podAntiAffinity)'),
    tolerations: listOf(wireMap('a toleration (key, operator, value, effect)')),
    watchNamespace: str(),
    denyList: str(),
    env: listOf(envVar()),
    log: listOf(str()),
    dnsDomainSuffix: str(),
    volumeNameWithHash: bool(),
  }),
});

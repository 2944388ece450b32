/**
 * The `operator` subchart of kube-starrocks 1.11.5, translated into the props of a
 * `StarRocksOperator`: the same Deployment, ServiceAccount and RBAC objects as the chart's
 * templates print for the same values.
 *
 * @internal
 */
import type { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { envList, imageRef, printedNumber, pullSecrets, typedResources } from './common';
import { HelmContext, HelmValuesError } from './context';
import {
  asWire, listAt, listOfMaps, mapAt, PropToValuesKey, scalar, stringMap, text, truthy, ValuesMap, valuesError, wireMap, withoutNulls,
} from './values';
import { ImageReference } from '../common/image';
import { show } from '../common/validate';
import { warn } from '../common/warnings';
import { ImagePullPolicy } from '../components/options';
import { StarRocksOperator } from '../operator/operator';
import { OperatorRbacRules, StarRocksOperatorProps } from '../operator/props';

/** Where the operator subchart's values sit in the kube-starrocks values. */
const ROOT = 'operator';
const OP = `${ROOT}.starrocksOperator`;

/** The subchart's own name, the fallback of an empty `nameOverride`. */
const SUBCHART_NAME = 'operator';
/** The chart's fallback of an empty `global.rbac.serviceAccount.name`. */
const DEFAULT_SERVICE_ACCOUNT = 'starrocks';

const PULL_POLICIES = Object.values(ImagePullPolicy) as string[];
const SECURITY_CONTEXT_BOOLEANS = ['runAsNonRoot', 'allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'privileged'];

/**
 * The props of `StarRocksOperator` named in its errors, and the values keys they come from
 * (longest first, so that `operator.namespace` is not taken for `operator.name`).
 */
const PROP_TO_VALUES_KEY: PropToValuesKey = [
  ['operator.rbac.namespacedRbacInOperatorNamespace', `${ROOT}.global.rbac.create`],
  ['operator.serviceAccount.annotations', `${ROOT}.global.rbac.serviceAccount.annotations`],
  ['operator.serviceAccount.labels', `${ROOT}.global.rbac.serviceAccount.labels`],
  ['operator.serviceAccount.create', `${ROOT}.global.rbac.create`],
  ['operator.serviceAccount.name', `${ROOT}.global.rbac.serviceAccount.name`],
  ['operator.volumeNameWithHash', `${OP}.volumeNameWithHash`],
  ['operator.imagePullSecrets', `${OP}.imagePullSecrets`],
  ['operator.dnsDomainSuffix', `${OP}.dnsDomainSuffix`],
  ['operator.imagePullPolicy', `${OP}.imagePullPolicy`],
  ['operator.securityContext', `${OP}.securityContext`],
  ['operator.watchNamespace', `${OP}.watchNamespace`],
  ['operator.nodeSelector', `${OP}.nodeSelector`],
  ['operator.annotations', `${OP}.annotations`],
  ['operator.podAnnotations', `${OP}.annotations`],
  ['operator.tolerations', `${OP}.tolerations`],
  ['operator.rbac.create', `${ROOT}.global.rbac.create`],
  ['operator.namespace', `${OP}.namespaceOverride`],
  ['operator.resourceClaims', `${OP}.resources.claims`],
  ['operator.resources', `${OP}.resources`],
  ['operator.denyList', `${OP}.denyList`],
  ['operator.logFlags', `${OP}.log`],
  ['operator.affinity', `${OP}.affinity`],
  ['operator.timeZone', `${ROOT}.timeZone`],
  ['operator.replicas', `${OP}.replicaCount`],
  ['operator.image', `${OP}.image`],
  ['operator.name', `${ROOT}.nameOverride`],
  ['operator.envVars', `${OP}.env`],
];

/**
 * Adds what the kube-starrocks chart's `operator` subchart renders: nothing when
 * `starrocksOperator.enabled` is false, else a `StarRocksOperator` built from the values.
 *
 * The chart's placement of the namespaced Role and RoleBinding (with `watchNamespace`) in the
 * operator's namespace is reproduced (`rbac.namespacedRbacInOperatorNamespace`), so a release
 * moves over unchanged; a warning says when that leaves the operator without permissions in the
 * namespace it watches.
 *
 * @param scope where to add the operator
 * @param values the operator subchart's values, already merged over `OPERATOR_CHART_DEFAULTS`
 * @param ctx the release
 * @returns the operator, or undefined when the chart renders none
 * @internal
 */
export function addOperatorFromValues(scope: Construct, values: unknown, ctx: HelmContext): StarRocksOperator | undefined {
  // maps, or no value (the schema check refuses anything else; these name the key if it was skipped)
  const v = mapAt(ROOT, values) ?? {};
  const op = mapAt(OP, v.starrocksOperator) ?? {};
  if (!truthy(op.enabled)) {
    return undefined;
  }
  const props = operatorPropsFromValues(v, ctx);
  let operator: StarRocksOperator;
  try {
    operator = new StarRocksOperator(scope, 'Operator', props);
  } catch (e) {
    throw valuesError(e, PROP_TO_VALUES_KEY);
  }
  const roleNamespace = operator.namespace;
  if (props.rbac?.create !== false && props.watchNamespace !== undefined && props.watchNamespace !== roleNamespace) {
    warn(operator, `${OP}.watchNamespace is ${show(props.watchNamespace)}: as in the chart (StarRocks/starrocks-kubernetes-operator#710), `
      + `the Role and RoleBinding "${operator.name}-operator" are created in the operator's namespace ${show(roleNamespace)}, `
      + `so the operator lacks permissions in ${show(props.watchNamespace)}; grant them there, or set ${OP}.namespaceOverride to the watched namespace`);
  }
  return operator;
}

/**
 * Reads the operator subchart's values (merged over its defaults) into `StarRocksOperator` props,
 * as the chart's templates print them.
 *
 * @internal
 */
export function operatorPropsFromValues(v: ValuesMap, ctx: HelmContext): StarRocksOperatorProps {
  const op = mapAt(OP, v.starrocksOperator) ?? {};
  const globalValues = mapAt(`${ROOT}.global`, v.global) ?? {};
  const rbacValues = mapAt(`${ROOT}.global.rbac`, globalValues.rbac) ?? {};
  const saValues = mapAt(`${ROOT}.global.rbac.serviceAccount`, rbacValues.serviceAccount) ?? {};
  // one switch for the ServiceAccount and every RBAC object, as in the chart
  const create = truthy(rbacValues.create);

  const image = imageRef(`${OP}.image`, op.image);
  const props: StarRocksOperatorProps = {
    name: truthy(v.nameOverride) ? scalar(`${ROOT}.nameOverride`, v.nameOverride) : SUBCHART_NAME,
    namespace: truthy(op.namespaceOverride) ? scalar(`${OP}.namespaceOverride`, op.namespaceOverride) : ctx.namespace,
    image,
    imagePullPolicy: pullPolicy(op.imagePullPolicy, image),
    imagePullSecrets: truthy(op.imagePullSecrets) ? pullSecrets(`${OP}.imagePullSecrets`, op.imagePullSecrets) : undefined,
    replicas: replicaCount(op.replicaCount),
    ...resources(op.resources),
    securityContext: securityContext(op.securityContext),
    nodeSelector: stringMap(`${OP}.nodeSelector`, op.nodeSelector),
    affinity: truthy(op.affinity) ? wireMap<k8s.Affinity>(`${OP}.affinity`, op.affinity) : undefined,
    tolerations: truthy(op.tolerations) ? asWire<k8s.Toleration[]>(listOfMaps(`${OP}.tolerations`, op.tolerations)) : undefined,
    annotations: stringMap(`${OP}.annotations`, op.annotations),
    podAnnotations: stringMap(`${OP}.annotations`, op.annotations),
    envVars: truthy(op.env) ? envList(`${OP}.env`, op.env) : undefined,
    timeZone: scalar(`${ROOT}.timeZone`, v.timeZone),
    logFlags: logFlags(op.log),
    watchNamespace: truthy(op.watchNamespace) ? scalar(`${OP}.watchNamespace`, op.watchNamespace) : undefined,
    denyList: denyList(op.denyList),
    dnsDomainSuffix: truthy(op.dnsDomainSuffix) ? scalar(`${OP}.dnsDomainSuffix`, op.dnsDomainSuffix) : undefined,
    volumeNameWithHash: volumeNameWithHash(op.volumeNameWithHash),
    serviceAccount: {
      create,
      name: truthy(saValues.name) ? scalar(`${ROOT}.global.rbac.serviceAccount.name`, saValues.name) : DEFAULT_SERVICE_ACCOUNT,
      annotations: stringMap(`${ROOT}.global.rbac.serviceAccount.annotations`, saValues.annotations),
      labels: stringMap(`${ROOT}.global.rbac.serviceAccount.labels`, saValues.labels),
    },
    // Chart parity: the chart puts the watched namespace's Role and RoleBinding into the operator's
    // namespace (bug #710); a migrated release must keep the same objects.
    rbac: { create, namespacedRbacInOperatorNamespace: true, rules: OperatorRbacRules.CHART_COMPATIBLE },
  };
  // the props the values leave unset are left out, not set to undefined
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined));
}

/**
 * The pull policy. The chart prints an empty value as no value, which the API server defaults
 * from the image tag (`Always` for `latest` or no tag, else `IfNotPresent`); the construct always
 * sets one, so the defaulted value is given explicitly (the object the cluster stores is the same).
 */
function pullPolicy(value: unknown, image: string): ImagePullPolicy {
  if (!truthy(value)) {
    const ref = ImageReference.parse(image);
    const tag = ref?.tag ?? (ref?.digest !== undefined ? '' : 'latest');
    return tag === 'latest' ? ImagePullPolicy.ALWAYS : ImagePullPolicy.IF_NOT_PRESENT;
  }
  const policy = text(value);
  if (!PULL_POLICIES.includes(policy)) {
    throw new HelmValuesError(`${OP}.imagePullPolicy must be one of ${PULL_POLICIES.map((p) => show(p)).join(', ')} (the API server rejects others), got ${show(value)}`);
  }
  return policy as ImagePullPolicy;
}

/** `replicas: {{ replicaCount }}`: no value leaves the Kubernetes default (1). */
function replicaCount(value: unknown): number | undefined {
  return value === null || value === undefined || value === '' ? undefined : printedNumber(`${OP}.replicaCount`, value);
}

/** `resources` is printed as given (`toYaml`): quantities wrapped for the typed props, the claims by name. */
function resources(value: unknown): Pick<StarRocksOperatorProps, 'resources' | 'resourceClaims'> {
  return truthy(value) ? typedResources(`${OP}.resources`, value) : { resources: {} };
}

/** `securityContext` is printed as given (merged over the chart's defaults). */
function securityContext(value: unknown): k8s.SecurityContext | undefined {
  if (!truthy(value)) {
    return undefined;
  }
  const sc = mapAt(`${OP}.securityContext`, value)!;
  for (const k of SECURITY_CONTEXT_BOOLEANS) {
    if (sc[k] !== undefined && sc[k] !== null && typeof sc[k] !== 'boolean') {
      throw new HelmValuesError(`${OP}.securityContext.${k} must be true or false (the API server rejects others), got ${show(sc[k])}`);
    }
  }
  return asWire<k8s.SecurityContext>(withoutNulls(sc));
}

/** `log` is printed after `--leader-elect` as given: a list of flags. */
function logFlags(value: unknown): string[] {
  if (!truthy(value)) {
    return [];
  }
  return listAt(`${OP}.log`, value).map((flag, i) => {
    if (typeof flag !== 'string') {
      throw new HelmValuesError(`${OP}.log[${i}] must be a string such as "--zap-log-level=4" (the API server rejects other container args), got ${show(flag)}`);
    }
    return flag;
  });
}

/** `--deny-list={{ denyList }}`: the comma-separated string, split. */
function denyList(value: unknown): string[] | undefined {
  if (!truthy(value)) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new HelmValuesError(`${OP}.denyList must be a comma-separated string of namespaces such as "kube-system,kube-public", got ${show(value)}`);
  }
  const list = value.split(',');
  list.forEach((ns, i) => {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(ns) || ns.length > 63) {
      throw new HelmValuesError(`${OP}.denyList must be namespace names separated by commas, without spaces or empty entries `
        + `(the operator compares each entry with namespace names as written), but entry ${i + 1} is ${show(ns)}`);
    }
  });
  return list;
}

/**
 * `--volume-name-with-hash={{ volumeNameWithHash }}`, which the operator parses as a Go bool: true
 * or false, unquoted (the schema refuses the strings the flag would also take).
 */
function volumeNameWithHash(value: unknown): boolean {
  if (typeof value === 'boolean') {
    return value;
  }
  throw new HelmValuesError(`${OP}.volumeNameWithHash must be true or false (the operator refuses to start with another flag value), got ${show(value)}`);
}

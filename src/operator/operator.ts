import { ApiObject, Chart, Include, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import {
  checkArray,
  checkFlag,
  checkTimeZone,
  checkToken,
  nonEmptyMap,
  wireList,
  wireObject,
} from './checks';
import { OperatorCrdSource } from './crds';
import {
  DEFAULT_LOG_FLAGS,
  DEFAULT_OPERATOR_IMAGE,
  DEFAULT_OPERATOR_NAME,
  DEFAULT_RESOURCES,
  DEFAULT_SECURITY_CONTEXT,
  DEFAULT_SERVICE_ACCOUNT_NAME,
  DEFAULT_TIME_ZONE,
  LEADER_ELECTION_ROLE,
  LEADER_ELECTION_ROLE_BINDING,
  MANAGER_CONTAINER,
  OPERATOR_CHART_VERSION,
  OPERATOR_NAME_SUFFIX,
  RBAC_API_VERSION,
} from './facts';
import type { Container, ObjectBody, SecurityContext } from './k8s-wire';
import { OperatorRbacRules, StarRocksOperatorProps } from './props';
import { rbacObjects } from './rbac';
import { StarRocksApiObject } from '../common/api-object';
import { ImageReference } from '../common/image';
import { checkAffinity, checkAnnotations, checkEnvVar, checkLabels, checkToleration } from '../common/k8s-rules';
import type { EnvVarRuleInput, TolerationRuleInput } from '../common/k8s-rules';
import { renderResources, ResourceQuantity } from '../common/quantity';
import { checkContainerSecurityContext } from '../common/security-context-rules';
import { checkBoolean, checkDnsLabel, checkDnsSubdomain, checkInt, checkOneOf, copyStringMap, fail, show } from '../common/validate';
import { warn } from '../common/warnings';
import { ImagePullPolicy, StarRocksResources } from '../components/options';

/** The chart's default resources as typed quantities, for when only `resourceClaims` is given. */
const DEFAULT_RESOURCE_QUANTITIES: StarRocksResources = {
  limits: { cpu: ResourceQuantity.of(DEFAULT_RESOURCES.limits.cpu), memory: ResourceQuantity.of(DEFAULT_RESOURCES.limits.memory) },
  requests: { cpu: ResourceQuantity.of(DEFAULT_RESOURCES.requests.cpu), memory: ResourceQuantity.of(DEFAULT_RESOURCES.requests.memory) },
};

const OPERATOR_SYMBOL = Symbol.for('cdk8s-starrocks.StarRocksOperator');
const MAX_NAME_LENGTH = 63 - OPERATOR_NAME_SUFFIX.length;
const PULL_POLICIES = Object.values(ImagePullPolicy) as string[];
const RBAC_RULES = Object.values(OperatorRbacRules) as string[];

/**
 * The StarRocks operator (v1.11.5), as the kube-starrocks Helm chart 1.11.5 deploys it.
 *
 * Defines, as plain API objects with the chart's names and shapes:
 *
 * - `Deployment <name>-operator` (the default child, id `Resource`), running the container `manager`;
 * - `ServiceAccount` (default `starrocks`), unless `serviceAccount.create` is false;
 * - without `watchNamespace`: `ClusterRole` and `ClusterRoleBinding <name>-operator`;
 *   with it: `Role` and `RoleBinding <name>-operator` in the watched namespace, plus (least
 *   privilege) `ClusterRole` and `ClusterRoleBinding <name>-operator:<watchNamespace>` that only
 *   list StarRocksWarehouses;
 * - `Role cn-leader-election-role` and `RoleBinding cn-leader-election-rolebinding` in the
 *   operator's namespace;
 * - optionally the StarRocks CRDs (`crds`).
 *
 * The RBAC objects are left out when `rbac.create` is false. Their rules are least privilege by
 * default (`rbac.rules`): only the verbs operator v1.11.5 uses, no wildcard; `CHART_COMPATIBLE`
 * gives the chart's rules.
 *
 * @example
 * const chart = new Chart(app, 'operator', { namespace: 'starrocks' });
 * const operator = new StarRocksOperator(chart, 'Operator', { watchNamespace: 'analytics' });
 * ApiObject.of(operator).addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'system-cluster-critical'));
 */
export class StarRocksOperator extends Construct {
  /**
   * Whether the given object is a `StarRocksOperator`, also across copies of this library.
   *
   * @param x any value
   */
  public static isStarRocksOperator(x: unknown): x is StarRocksOperator {
    return x !== null && typeof x === 'object' && OPERATOR_SYMBOL in x;
  }

  /** The base name: the Deployment and RBAC objects are called `<name>-operator`. */
  public readonly name: string;

  /**
   * The operator's namespace: `namespace`, else the chart's namespace.
   *
   * @default - unknown: neither was set
   */
  public readonly namespace?: string;

  /**
   * The namespace the operator watches.
   *
   * @default - all namespaces
   */
  public readonly watchNamespace?: string;

  /** Name of the ServiceAccount the operator runs as (created here or not). */
  public readonly serviceAccountName: string;

  /** The operator Deployment. Also returned by `ApiObject.of(operator)`. */
  public readonly deployment: ApiObject;

  /**
   * The ServiceAccount, when this construct defines it.
   *
   * @default - none: `serviceAccount.create` is false
   */
  public readonly serviceAccount?: ApiObject;

  /** Identifies every object defined here as `kind/namespace/name`, for the collision check. */
  private readonly objectKeys: string[] = [];

  constructor(scope: Construct, id: string, props: StarRocksOperatorProps = {}) {
    super(scope, id);
    Object.defineProperty(this, OPERATOR_SYMBOL, { value: true });

    const p = 'operator';
    const name = props.name ?? DEFAULT_OPERATOR_NAME;
    if (typeof name !== 'string' || name.length > MAX_NAME_LENGTH || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
      fail(`${p}.name`, `a DNS-1123 label of at most ${MAX_NAME_LENGTH} characters, so that "<name>${OPERATOR_NAME_SUFFIX}" fits 63`, name);
    }
    this.name = name;
    const fullName = `${name}${OPERATOR_NAME_SUFFIX}`;

    if (props.namespace !== undefined) {
      checkDnsLabel(`${p}.namespace`, props.namespace);
    }
    this.namespace = props.namespace ?? Chart.of(this).namespace;

    // --- operator flags ---
    if (props.watchNamespace !== undefined) {
      if (typeof props.watchNamespace === 'string' && props.watchNamespace.includes(',')) {
        fail(`${p}.watchNamespace`, 'a single namespace (the operator watches one namespace or all of them; use denyList to exclude some)', props.watchNamespace);
      }
      checkDnsLabel(`${p}.watchNamespace`, props.watchNamespace);
    }
    this.watchNamespace = props.watchNamespace;
    const denyList = checkArray(`${p}.denyList`, props.denyList) ?? [];
    denyList.forEach((ns, i) => checkDnsLabel(`${p}.denyList[${i}]`, ns));
    if (this.watchNamespace !== undefined && denyList.includes(this.watchNamespace)) {
      warn(this, `'${p}.denyList' contains the watched namespace ${show(this.watchNamespace)}: the deny list wins, so the operator will ignore every StarRocks resource it watches`);
    }
    if (props.dnsDomainSuffix !== undefined) {
      checkDnsSubdomain(`${p}.dnsDomainSuffix`, props.dnsDomainSuffix);
    }
    const logFlags = checkArray(`${p}.logFlags`, props.logFlags) ?? [...DEFAULT_LOG_FLAGS];
    logFlags.forEach((flag, i) => checkFlag(`${p}.logFlags[${i}]`, flag));
    const volumeNameWithHash = checkBoolean(`${p}.volumeNameWithHash`, props.volumeNameWithHash, true);

    const args = ['--leader-elect', ...logFlags];
    if (this.watchNamespace !== undefined) {
      args.push(`--namespace=${this.watchNamespace}`);
    }
    if (props.dnsDomainSuffix !== undefined) {
      args.push(`--dns-domain-suffix=${props.dnsDomainSuffix}`);
    }
    args.push(`--volume-name-with-hash=${volumeNameWithHash}`);
    if (denyList.length > 0) {
      args.push(`--deny-list=${denyList.join(',')}`);
    }

    // --- container ---
    const image = checkToken(`${p}.image`, props.image ?? DEFAULT_OPERATOR_IMAGE, 'an image reference such as "starrocks/operator:v1.11.5"');
    if (ImageReference.parse(image) === undefined) {
      fail(`${p}.image`, 'an image reference such as "starrocks/operator:v1.11.5" (the kubelet cannot pull others)', image);
    }
    const imagePullPolicy = checkOneOf(`${p}.imagePullPolicy`, props.imagePullPolicy ?? ImagePullPolicy.ALWAYS, PULL_POLICIES);
    const timeZone = checkTimeZone(`${p}.timeZone`, props.timeZone ?? DEFAULT_TIME_ZONE);
    const env = wireList(`${p}.envVars`, props.envVars) ?? [];
    const envNames = new Set<string>(['TZ']);
    env.forEach((e, i) => {
      if (typeof e.name !== 'string' || e.name === '') {
        fail(`${p}.envVars[${i}].name`, 'a non-empty string', e.name);
      }
      if (envNames.has(e.name)) {
        const hint = e.name === 'TZ' ? ' (set the time zone with \'timeZone\')' : '';
        warn(this, `'${p}.envVars[${i}]' sets ${show(e.name)} a second time${hint}; Kubernetes uses the last value`);
      }
      envNames.add(e.name);
      checkEnvVar(`${p}.envVars[${i}]`, e as EnvVarRuleInput);
    });
    const resources = props.resources === undefined && props.resourceClaims === undefined
      ? { limits: { ...DEFAULT_RESOURCES.limits }, requests: { ...DEFAULT_RESOURCES.requests } }
      : renderResources(`${p}.resources`, props.resources ?? DEFAULT_RESOURCE_QUANTITIES,
        props.resourceClaims === undefined ? undefined : { prop: `${p}.resourceClaims`, names: props.resourceClaims });
    const securityContext: SecurityContext = { ...DEFAULT_SECURITY_CONTEXT, ...wireObject(`${p}.securityContext`, props.securityContext) };
    checkContainerSecurityContext(`${p}.securityContext`, securityContext);

    const container: Container = {
      name: MANAGER_CONTAINER,
      image,
      imagePullPolicy,
      command: ['/sroperator'],
      args,
      env: [{ name: 'TZ', value: timeZone }, ...env],
      securityContext,
      livenessProbe: { httpGet: { path: '/healthz', port: 8081 }, initialDelaySeconds: 15, periodSeconds: 20 },
      readinessProbe: { httpGet: { path: '/readyz', port: 8081 }, initialDelaySeconds: 5, periodSeconds: 10 },
      resources,
    };

    // --- pod and Deployment ---
    const replicas = checkInt(`${p}.replicas`, props.replicas ?? 1, 0);
    const pullSecrets = checkArray(`${p}.imagePullSecrets`, props.imagePullSecrets) ?? [];
    pullSecrets.forEach((s, i) => checkDnsSubdomain(`${p}.imagePullSecrets[${i}]`, s));
    const annotations = nonEmptyMap(copyStringMap(`${p}.annotations`, props.annotations));
    const podAnnotations = copyStringMap(`${p}.podAnnotations`, props.podAnnotations);
    const nodeSelector = nonEmptyMap(copyStringMap(`${p}.nodeSelector`, props.nodeSelector));
    const affinity = wireObject(`${p}.affinity`, props.affinity);
    const tolerations = wireList(`${p}.tolerations`, props.tolerations);
    // the API server's rules for the pod's fields (see common/k8s-rules.ts)
    checkAnnotations(`${p}.annotations`, annotations);
    checkAnnotations(`${p}.podAnnotations`, { 'kubectl.kubernetes.io/default-container': MANAGER_CONTAINER, ...podAnnotations });
    checkLabels(`${p}.nodeSelector`, nodeSelector);
    if (affinity !== undefined) {
      checkAffinity(`${p}.affinity`, affinity);
    }
    tolerations?.forEach((t, i) => checkToleration(`${p}.tolerations[${i}]`, t as TolerationRuleInput));

    const saOptions = props.serviceAccount ?? {};
    const saName = saOptions.name ?? DEFAULT_SERVICE_ACCOUNT_NAME;
    checkDnsSubdomain(`${p}.serviceAccount.name`, saName);
    this.serviceAccountName = saName;
    const createSa = checkBoolean(`${p}.serviceAccount.create`, saOptions.create, true);
    const saAnnotations = nonEmptyMap(copyStringMap(`${p}.serviceAccount.annotations`, saOptions.annotations));
    const saLabels = nonEmptyMap(copyStringMap(`${p}.serviceAccount.labels`, saOptions.labels));
    checkAnnotations(`${p}.serviceAccount.annotations`, saAnnotations);
    checkLabels(`${p}.serviceAccount.labels`, saLabels);
    const rbacOptions = props.rbac ?? {};
    const createRbac = checkBoolean(`${p}.rbac.create`, rbacOptions.create, true);
    const rbacInOperatorNamespace = checkBoolean(`${p}.rbac.namespacedRbacInOperatorNamespace`, rbacOptions.namespacedRbacInOperatorNamespace, false);
    const rules = checkOneOf<OperatorRbacRules>(`${p}.rbac.rules`, rbacOptions.rules
      ?? (rbacInOperatorNamespace ? OperatorRbacRules.CHART_COMPATIBLE : OperatorRbacRules.LEAST_PRIVILEGE), RBAC_RULES);

    // --- CRDs first, so that the Deployment can depend on them ---
    const crdScopes = this.addCrds(checkArray(`${p}.crds`, props.crds) ?? []);

    // --- ServiceAccount ---
    if (createSa) {
      this.serviceAccount = this.define('ServiceAccount', 'v1', 'ServiceAccount', {
        name: saName,
        namespace: this.namespace,
        annotations: saAnnotations,
        labels: saLabels,
      });
    }

    // --- RBAC ---
    if (createRbac) {
      const subjectNamespace = this.namespace ?? fail(
        `${p}.namespace`,
        'set when the chart has no namespace, because the role bindings must name the namespace of the ServiceAccount (or set \'rbac.create\' to false)',
        undefined,
      );
      const objects = rbacObjects({
        rules,
        fullName,
        operatorNamespace: this.namespace,
        watchNamespace: this.watchNamespace,
        roleNamespace: rbacInOperatorNamespace ? this.namespace : this.watchNamespace,
        subjects: [{ kind: 'ServiceAccount', name: saName, namespace: subjectNamespace }],
        leaderElectionRole: LEADER_ELECTION_ROLE,
        leaderElectionRoleBinding: LEADER_ELECTION_ROLE_BINDING,
      });
      for (const o of objects) {
        this.define(o.id, RBAC_API_VERSION, o.kind, { name: o.name, namespace: o.namespace, labels: o.labels }, o.body, o.kind.startsWith('Cluster'));
      }
    }

    // --- Deployment (the default child) ---
    const selectorLabels = { app: fullName };
    this.deployment = this.define('Resource', 'apps/v1', 'Deployment', {
      name: fullName,
      namespace: this.namespace,
      labels: { ...selectorLabels },
      annotations,
    }, {
      spec: {
        selector: { matchLabels: { ...selectorLabels } },
        replicas,
        template: {
          metadata: {
            annotations: { 'kubectl.kubernetes.io/default-container': MANAGER_CONTAINER, ...podAnnotations },
            labels: { ...selectorLabels, version: OPERATOR_CHART_VERSION },
          },
          spec: {
            automountServiceAccountToken: true,
            imagePullSecrets: pullSecrets.length > 0 ? pullSecrets.map((s) => ({ name: s })) : undefined,
            containers: [container],
            serviceAccountName: saName,
            terminationGracePeriodSeconds: 10,
            nodeSelector,
            affinity,
            tolerations,
          },
        },
      },
    });
    for (const crds of crdScopes) {
      this.deployment.addDependency(crds);
    }

    this.node.addValidation({ validate: () => this.validateUniqueness() });
  }

  /** Defines one API object and records its identity. */
  private define(
    id: string,
    apiVersion: string,
    kind: string,
    metadata: { name: string; namespace?: string; labels?: { [key: string]: string }; annotations?: { [key: string]: string } },
    body: ObjectBody = {},
    clusterScoped = false,
  ): ApiObject {
    const obj = new StarRocksApiObject(this, id, { apiVersion, kind, metadata, ...body });
    if (clusterScoped) {
      dropNamespace(obj);
    }
    this.objectKeys.push(objectKey(kind, clusterScoped ? undefined : obj.metadata.namespace, obj.name));
    return obj;
  }

  /** Reads the CRD sources; every object in them must be a CRD. */
  private addCrds(sources: OperatorCrdSource[]): Include[] {
    const includes: Include[] = [];
    const seen = new Set<string>();
    sources.forEach((source, i) => {
      const prop = `operator.crds[${i}]`;
      if (!(source instanceof OperatorCrdSource) && typeof (source as Partial<OperatorCrdSource> | undefined)?.location !== 'string') {
        fail(prop, 'an OperatorCrdSource (OperatorCrdSource.fromFile() or .fromUrl())', source);
      }
      let include: Include;
      try {
        include = new Include(this, `Crds${i}`, { url: source.location });
      } catch (e) {
        throw new Error(`'${prop}' could not be read from ${show(source.location)}: ${(e as Error).message ?? e}`);
      }
      if (include.apiObjects.length === 0) {
        fail(prop, 'a YAML file with at least one CustomResourceDefinition', source.location);
      }
      for (const obj of include.apiObjects) {
        if (obj.kind !== 'CustomResourceDefinition') {
          fail(prop, `a file of CustomResourceDefinitions only (read from ${show(source.location)})`, `${obj.kind} ${obj.name}`);
        }
        if (seen.has(obj.name)) {
          fail(prop, 'a file whose CRDs are not also in an earlier entry', obj.name);
        }
        seen.add(obj.name);
        dropNamespace(obj);
        this.objectKeys.push(objectKey(obj.kind, undefined, obj.name));
      }
      includes.push(include);
    });
    return includes;
  }

  /**
   * Two operators in one app must not define the same object, and must not share a namespace: the
   * leader-election lease and its Role have fixed names, so only one of them would ever run.
   */
  private validateUniqueness(): string[] {
    const errors: string[] = [];
    const mine = new Set(this.objectKeys);
    for (const other of this.node.root.node.findAll()) {
      if (other === this) {
        break; // report each pair once, from the later operator
      }
      if (!StarRocksOperator.isStarRocksOperator(other)) {
        continue;
      }
      if (other.namespace === this.namespace) {
        const where = this.namespace === undefined ? 'the same (unset) namespace' : `namespace ${show(this.namespace)}`;
        errors.push(`'operator.namespace' must differ between the StarRocksOperator constructs of an app, got ${where} for both `
          + `${other.node.path} and ${this.node.path}: their leader-election lease and Role "${LEADER_ELECTION_ROLE}" would collide`);
      }
      const shared = other.objectKeys.filter((k) => mine.has(k));
      if (shared.length > 0) {
        errors.push(`'operator.name' must differ between the StarRocksOperator constructs of an app, got ${show(this.name)} for both `
          + `${other.node.path} and ${this.node.path}: both define ${shared.join(', ')}`);
      }
    }
    return errors;
  }
}

/** Cluster-scoped objects never carry the chart's namespace. */
function dropNamespace(obj: ApiObject): void {
  if (obj.metadata.namespace !== undefined) {
    obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
}

function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return namespace === undefined ? `${kind} ${name}` : `${kind} ${namespace}/${name}`;
}


/**
 * What the Kubernetes API server (>= 1.23) accepts for a field. The operator copies many fields of
 * the custom resource into StatefulSets, Services and pods; the API server checks them there, at
 * reconcile, long after synthesis. These rules check them at synthesis instead, each following the
 * Kubernetes source cited beside it (`apimachinery` is `k8s.io/apimachinery/pkg/util/validation/
 * validation.go`, `core` is `k8s.io/kubernetes/pkg/apis/core/validation/validation.go`). Each throws
 * a `StarRocksPropError` naming the property and showing the value (never an env var's value).
 *
 * No npm library implements these rules (the Kubernetes validators on npm check objects against
 * the OpenAPI schemas, which do not carry them).
 *
 * @internal
 */
import { isIP } from 'net';
import { StarRocksPropError } from './errors';
import { checkDnsLabel, checkDnsSubdomain, fail } from './validate';

// container and volume names (core `validateContainers`, a DNS-1123 label) and names of other
// objects (a DNS-1123 subdomain) follow apimachinery `IsDNS1123Label` and `IsDNS1123Subdomain`
export { checkDnsLabel, checkDnsSubdomain };

// apimachinery: qualifiedNameFmt, LabelValueMaxLength, IsDNS1123Subdomain
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// apimachinery: envVarNameFmt, configMapKeyFmt
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
// core: SysctlSegmentFmt / SysctlContainSlashFmt (validateSysctlName, at most 253 characters)
const SYSCTL_NAME = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;

/** apimachinery `TotalAnnotationSizeLimitB`: the keys and values of an object's annotations, in bytes. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
/** core `MaxSecretSize`, the limit of a ConfigMap's data too (`ValidateConfigMap`), in bytes. */
export const CONFIG_MAP_SIZE_LIMIT = 1024 * 1024;

/** core `validateHostPathType`: the values of `hostPath.type`. */
export const HOST_PATH_TYPES: readonly string[] = [
  '', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice',
];
/** core `validateTaintEffect` (with the empty effect a toleration allows: all effects). */
export const TOLERATION_EFFECTS: readonly string[] = ['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'];
/** core `validateTolerations`: the operators of a toleration ('' means Equal). */
export const TOLERATION_OPERATORS: readonly string[] = ['', 'Exists', 'Equal'];

const QUALIFIED_NAME = 'a qualified name (an optional DNS subdomain prefix and "/", then at most 63 letters, digits, \'-\', \'_\' or \'.\', starting and ending with a letter or digit)';

/** Whether `value` is a qualified name (apimachinery `IsQualifiedName`). @internal */
export function isQualifiedName(value: string): boolean {
  if (typeof value !== 'string') return false;
  // one optional `prefix/`: walked without splitting, as this runs for every label and annotation
  const slash = value.indexOf('/');
  let name = value;
  if (slash >= 0) {
    if (value.indexOf('/', slash + 1) >= 0) return false;
    const prefix = value.slice(0, slash);
    if (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) return false;
    name = value.slice(slash + 1);
  }
  return name.length <= 63 && QUALIFIED_NAME_PART.test(name);
}

/** A qualified name (apimachinery `IsQualifiedName`): label, annotation, nodeSelector and toleration keys. @internal */
export function checkQualifiedName(prop: string, value: string): string {
  if (!isQualifiedName(value)) {
    fail(prop, QUALIFIED_NAME, value);
  }
  return value;
}

/** A label value (apimachinery `IsValidLabelValue`): empty, or at most 63 characters like a name. @internal */
export function checkLabelValue(prop: string, value: string): string {
  if (!isLabelValue(value)) {
    fail(prop, 'a label value (empty, or at most 63 letters, digits, \'-\', \'_\' or \'.\', starting and ending with a letter or digit)', value);
  }
  return value;
}

/**
 * Labels (apimachinery `ValidateLabels`): qualified-name keys, label values. A bad key is reported
 * under `prop`, a bad value under `prop.<key>`. @internal
 */
export function checkLabels(prop: string, labels: { readonly [key: string]: string } | undefined): void {
  if (labels === undefined) return;
  const keys = Object.keys(labels);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (!isQualifiedName(k)) {
      fail(prop, `keys that are each ${QUALIFIED_NAME}; key`, k);
    }
    const v = labels[k];
    if (!isLabelValue(v)) {
      checkLabelValue(`${prop}.${k}`, v);
    }
  }
}

/** Whether a value is a label value (apimachinery `IsValidLabelValue`). */
function isLabelValue(value: unknown): boolean {
  return typeof value === 'string' && (value === '' || (value.length <= 63 && QUALIFIED_NAME_PART.test(value)));
}

/** Bytes of a string as the API server counts them (Go `len`, UTF-8). */
function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/**
 * Annotations (apimachinery `ValidateAnnotations`): keys are qualified names (checked lower-cased),
 * and keys and values together at most 256 KiB (`TotalAnnotationSizeLimitB`). @internal
 */
export function checkAnnotations(prop: string, annotations: { readonly [key: string]: string } | undefined): void {
  let total = 0;
  const map = annotations ?? {};
  const keys = Object.keys(map);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = map[k];
    if (!isQualifiedName(k.toLowerCase())) {
      fail(prop, `keys that are each ${QUALIFIED_NAME}; key`, k);
    }
    total += bytes(k) + bytes(typeof v === 'string' ? v : '');
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
    throw new StarRocksPropError(prop, `must be at most ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes in total (keys and values, the API server's limit), got ${total} bytes`);
  }
}

/** A DNS-1123 subdomain that is not empty, for names of other objects (`serviceAccount`, `storageClassName`). @internal */
export function checkObjectName(prop: string, value: string): string {
  return checkDnsSubdomain(prop, value);
}

/** apimachinery `hasChDirPrefix`: not `.`, `..`, nor starting with `..`. */
function hasChDirPrefix(value: string): boolean {
  return value === '.' || value.startsWith('..');
}

/** An env var name (apimachinery `IsEnvVarName`). @internal */
export function checkEnvVarName(prop: string, value: string): string {
  if (typeof value !== 'string' || !ENV_VAR_NAME.test(value) || hasChDirPrefix(value)) {
    fail(prop, 'an environment variable name (letters, digits, \'_\', \'-\' and \'.\', not starting with a digit nor with "..")', value);
  }
  return value;
}

/** A ConfigMap or Secret key (apimachinery `IsConfigMapKey`). @internal */
export function checkConfigMapKey(prop: string, value: string): string {
  if (typeof value !== 'string' || value.length > 253 || !CONFIG_MAP_KEY.test(value) || hasChDirPrefix(value)) {
    fail(prop, 'a ConfigMap or Secret key (at most 253 letters, digits, \'-\', \'_\' and \'.\', not "." nor starting with "..")', value);
  }
  return value;
}

/** The fields of an env var the rules read (the wire form of `k8s.EnvVar`). @internal */
export interface EnvVarRuleInput {
  readonly name?: string;
  readonly value?: string;
  readonly valueFrom?: {
    readonly fieldRef?: { readonly fieldPath?: string };
    readonly resourceFieldRef?: { readonly resource?: string };
    readonly configMapKeyRef?: { readonly name?: string; readonly key?: string };
    readonly secretKeyRef?: { readonly name?: string; readonly key?: string };
  };
}

/**
 * An env var (core `ValidateEnv`, `validateEnvVarValueFrom`): a valid name, no `value` together
 * with `valueFrom`, and `valueFrom` with exactly one source, whose key (of a ConfigMap or Secret)
 * is a ConfigMap key. `prop` is the variable's path; errors never
 * show its value. @internal
 */
export function checkEnvVar(prop: string, env: EnvVarRuleInput): void {
  checkEnvVarName(`${prop}.name`, env.name as string);
  const from = env.valueFrom;
  if (from === undefined || from === null) {
    return;
  }
  if (env.value !== undefined && env.value !== '') {
    throw new StarRocksPropError(prop, `must set either value or valueFrom, not both (variable ${JSON.stringify(env.name)})`);
  }
  const sources = (['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'] as const).filter((k) => from[k] !== undefined && from[k] !== null);
  if (sources.length !== 1) {
    fail(`${prop}.valueFrom`, 'exactly one of fieldRef, resourceFieldRef, configMapKeyRef and secretKeyRef', sources);
  }
  const source = sources[0];
  if (source === 'fieldRef' && !from.fieldRef?.fieldPath) {
    fail(`${prop}.valueFrom.fieldRef.fieldPath`, 'a field path such as "metadata.name"', from.fieldRef?.fieldPath);
  }
  if (source === 'resourceFieldRef' && !from.resourceFieldRef?.resource) {
    fail(`${prop}.valueFrom.resourceFieldRef.resource`, 'a resource name such as "limits.cpu"', from.resourceFieldRef?.resource);
  }
  if (source === 'configMapKeyRef' || source === 'secretKeyRef') {
    // core `validateConfigMapKeySelector` / `validateSecretKeySelector`: the object's name a DNS
    // subdomain (`ValidateConfigMapName`, `ValidateSecretName`), the key a ConfigMap key
    const ref = from[source] ?? {};
    checkDnsSubdomain(`${prop}.valueFrom.${source}.name`, ref.name as string);
    checkConfigMapKey(`${prop}.valueFrom.${source}.key`, ref.key as string);
  }
}

/** The fields of a toleration the rules read. @internal */
export interface TolerationRuleInput {
  readonly key?: string;
  readonly operator?: string;
  readonly value?: string;
  readonly effect?: string;
  readonly tolerationSeconds?: number;
}

/**
 * A toleration (core `validateTolerations`): a qualified-name key, required unless the operator is
 * `Exists`; operator `Exists` or `Equal`; no value with `Exists`; an effect of
 * `NoSchedule`, `PreferNoSchedule` or `NoExecute` (or none); `tolerationSeconds` only with
 * `NoExecute`. @internal
 */
export function checkToleration(prop: string, t: TolerationRuleInput): void {
  const operator = t.operator ?? '';
  if (!TOLERATION_OPERATORS.includes(operator)) {
    fail(`${prop}.operator`, 'one of "Exists", "Equal"', operator);
  }
  if (t.key !== undefined && t.key !== '') {
    checkQualifiedName(`${prop}.key`, t.key);
  } else if (operator !== 'Exists') {
    fail(`${prop}.operator`, '"Exists" when the key is empty', operator);
  }
  if (operator === 'Exists' && t.value !== undefined && t.value !== '') {
    fail(`${prop}.value`, 'empty when the operator is "Exists"', t.value);
  }
  if (operator !== 'Exists' && t.value !== undefined) {
    checkLabelValue(`${prop}.value`, t.value);
  }
  const effect = t.effect ?? '';
  if (!TOLERATION_EFFECTS.includes(effect)) {
    fail(`${prop}.effect`, 'one of "NoSchedule", "PreferNoSchedule", "NoExecute" (or unset)', effect);
  }
  if (t.tolerationSeconds !== undefined && effect !== 'NoExecute') {
    fail(`${prop}.tolerationSeconds`, 'set only with effect "NoExecute"', t.tolerationSeconds);
  }
}

const RESOURCE_NAME = 'a resource name: "cpu", "memory", "ephemeral-storage", "hugepages-<size>", or a qualified name with a domain such as "nvidia.com/gpu"';

/**
 * A container's resource name (core `validateContainerResourceName`): a qualified name; without a
 * domain one of `cpu`, `memory`, `ephemeral-storage`, `hugepages-*` (helper
 * `IsStandardContainerResourceName`); with a domain outside `kubernetes.io`, an extended resource
 * name (helper `IsExtendedResourceName`: not starting with `requests.`, and `requests.<name>` a
 * qualified name too). `prop` names the map; the name is shown. @internal
 */
export function checkResourceName(prop: string, name: string): string {
  if (!isResourceName(name)) {
    fail(prop, `keys that are each ${RESOURCE_NAME}; key`, name);
  }
  return name;
}

/** Whether `name` is a container's resource name (see `checkResourceName`). @internal */
export function isResourceName(name: string): boolean {
  if (name === 'cpu' || name === 'memory') return true;
  if (!isQualifiedName(name)) return false;
  if (name.indexOf('/') < 0) {
    return name === 'ephemeral-storage' || name.startsWith('hugepages-');
  }
  return name.includes('kubernetes.io/') || (!name.startsWith('requests.') && isQualifiedName(`requests.${name}`));
}

/** A sysctl name (core `validateSysctlName`): dot- or slash-separated segments, at most 253 characters. @internal */
export function checkSysctlName(prop: string, value: string): string {
  if (typeof value !== 'string' || value.length > 253 || !SYSCTL_NAME.test(value)) {
    fail(prop, 'a sysctl name such as "net.core.somaxconn" (lower-case segments separated by \'.\' or \'/\', at most 253 characters)', value);
  }
  return value;
}

/** A `hostPath.type` (core `validateHostPathType`). @internal */
export function checkHostPathType(prop: string, value: string): string {
  if (!HOST_PATH_TYPES.includes(value)) {
    fail(prop, `one of ${HOST_PATH_TYPES.map((t) => JSON.stringify(t)).join(', ')}`, value);
  }
  return value;
}

/** An IPv4 or IPv6 address (apimachinery `IsValidIP`). @internal */
export function checkIp(prop: string, value: string): string {
  if (typeof value !== 'string' || isIP(value) === 0) {
    fail(prop, 'an IPv4 or IPv6 address', value);
  }
  return value;
}

/** A port number (apimachinery `IsValidPortNum`): 1 to 65535. @internal */
export function checkPortNumber(prop: string, value: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    fail(prop, 'a port number from 1 to 65535', value);
  }
  return value;
}

/**
 * A ConfigMap's data (core `ValidateConfigMap`): ConfigMap keys, and values at most 1 MiB in
 * total. @internal
 */
export function checkConfigMapData(prop: string, data: { readonly [key: string]: string }): void {
  let total = 0;
  for (const [k, v] of Object.entries(data)) {
    checkConfigMapKey(prop, k);
    total += bytes(v);
  }
  if (total > CONFIG_MAP_SIZE_LIMIT) {
    throw new StarRocksPropError(prop, `must be at most ${CONFIG_MAP_SIZE_LIMIT} bytes (1 MiB, the API server's limit of a ConfigMap), got ${total} bytes`);
  }
}

/** k8s.io/kubernetes `pkg/apis/autoscaling/validation` `validMetricSourceTypes`: each type and its source field. */
const HPA_METRIC_SOURCES: { readonly [type: string]: string } = {
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
  ContainerResource: 'containerResource',
  External: 'external',
};

/** The fields of an HPA metric the rules read. @internal */
export interface HpaMetricRuleInput {
  readonly type?: string;
  readonly object?: unknown;
  readonly pods?: unknown;
  readonly resource?: unknown;
  readonly containerResource?: unknown;
  readonly external?: unknown;
}

/**
 * An HPA metric (autoscaling `validateMetricSpec`): a type of `Object`, `Pods`, `Resource`,
 * `ContainerResource` or `External`, and only the source field of that type. @internal
 */
export function checkHpaMetric(prop: string, m: HpaMetricRuleInput): void {
  const type = m.type;
  const metric: { readonly [field: string]: unknown } = { ...m };
  const types = Object.keys(HPA_METRIC_SOURCES);
  if (typeof type !== 'string' || !types.includes(type)) {
    fail(`${prop}.type`, `one of ${types.map((t) => JSON.stringify(t)).join(', ')}`, type);
  }
  const expected = HPA_METRIC_SOURCES[type];
  const present = Object.values(HPA_METRIC_SOURCES).filter((f) => metric[f] !== undefined && metric[f] !== null);
  if (present.length !== 1 || present[0] !== expected) {
    fail(prop, `a metric of type ${type} with only its ${expected} source`, present);
  }
}

/**
 * A StatefulSet's `maxUnavailable` (apps `ValidateStatefulSetUpdateStrategy`: a positive number or
 * a percentage from 1% to 100%). @internal
 */
export function checkMaxUnavailable(prop: string, value: number | string): void {
  const text = String(value);
  const m = /^([0-9]+)(%?)$/.exec(text);
  const n = m ? Number(m[1]) : NaN;
  if (!m || text.startsWith('0') || n < 1 || (m[2] === '%' && n > 100)) {
    fail(prop, 'a number of pods > 0 or a percentage from 1% to 100% (the operator refuses values starting with 0)', value);
  }
}

type Wire = { readonly [key: string]: unknown };
const asMap = (v: unknown): Wire => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Wire : {});
const asList = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

/** core `validateNodeSelectorRequirement` / `ValidateLabelSelectorRequirement` (`numeric`: Gt and Lt too). */
function checkSelectorRequirement(prop: string, r: Wire, numeric: boolean): void {
  checkQualifiedName(`${prop}.key`, r.key as string);
  const values = asList(r.values);
  const op = r.operator;
  if (op === 'In' || op === 'NotIn') {
    if (values.length === 0) fail(`${prop}.values`, `at least one value with operator ${op}`, r.values);
  } else if (op === 'Exists' || op === 'DoesNotExist') {
    if (values.length > 0) fail(`${prop}.values`, `empty with operator ${op}`, r.values);
  } else if (numeric && (op === 'Gt' || op === 'Lt')) {
    if (values.length !== 1 || typeof values[0] !== 'string' || !/^-?[0-9]+$/.test(values[0])) {
      fail(`${prop}.values`, `exactly one whole number (as text) with operator ${op}`, r.values);
    }
  } else {
    fail(`${prop}.operator`, `one of "In", "NotIn", "Exists", "DoesNotExist"${numeric ? ', "Gt", "Lt"' : ''}`, op);
  }
  if (!numeric) {
    values.forEach((v, i) => checkLabelValue(`${prop}.values[${i}]`, v as string));
  }
}

/** core `ValidateNodeSelectorTerm`: match expressions, and match fields on `metadata.name` only. */
function checkNodeSelectorTerm(prop: string, term: Wire): void {
  asList(term.matchExpressions).forEach((r, i) => checkSelectorRequirement(`${prop}.matchExpressions[${i}]`, asMap(r), true));
  asList(term.matchFields).forEach((f, i) => {
    const r = asMap(f);
    const p = `${prop}.matchFields[${i}]`;
    if (r.key !== 'metadata.name') fail(`${p}.key`, '"metadata.name", the only field a node can be matched by', r.key);
    if (r.operator !== 'In' && r.operator !== 'NotIn') fail(`${p}.operator`, 'one of "In", "NotIn"', r.operator);
    if (asList(r.values).length !== 1) fail(`${p}.values`, 'exactly one node name', r.values);
  });
}

/** core `validatePodAffinityTerm`: a label selector, DNS-label namespaces, a qualified topology key. */
function checkPodAffinityTerm(prop: string, term: Wire): void {
  for (const sel of ['labelSelector', 'namespaceSelector'] as const) {
    const s = asMap(term[sel]);
    const matchLabels = asMap(s.matchLabels) as { readonly [key: string]: string };
    checkLabels(`${prop}.${sel}.matchLabels`, matchLabels);
    asList(s.matchExpressions).forEach((r, i) => checkSelectorRequirement(`${prop}.${sel}.matchExpressions[${i}]`, asMap(r), false));
  }
  asList(term.namespaces).forEach((n, i) => checkDnsLabel(`${prop}.namespaces[${i}]`, n as string));
  if (typeof term.topologyKey !== 'string' || term.topologyKey === '') {
    fail(`${prop}.topologyKey`, 'a node label key such as "kubernetes.io/hostname" (the API server requires one)', term.topologyKey);
  }
  checkQualifiedName(`${prop}.topologyKey`, term.topologyKey);
}

/** core `validatePreferredSchedulingTerms` and `validateWeightedPodAffinityTerms`: a weight from 1 to 100. */
function checkWeight(prop: string, weight: unknown): void {
  if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 1 || weight > 100) {
    fail(`${prop}.weight`, 'a whole number from 1 to 100', weight);
  }
}

/**
 * A pod's affinity in wire form (core `validateAffinity`): node selector terms (at least one when
 * required) with valid requirements; pod (anti-)affinity terms with label selectors and a topology
 * key; weights from 1 to 100. @internal
 */
export function checkAffinity(prop: string, affinity: unknown): void {
  const a = asMap(affinity);
  if (a.nodeAffinity !== undefined) {
    const p = `${prop}.nodeAffinity`;
    const node = asMap(a.nodeAffinity);
    if (node.requiredDuringSchedulingIgnoredDuringExecution !== undefined) {
      const rp = `${p}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
      const terms = asList(asMap(node.requiredDuringSchedulingIgnoredDuringExecution).nodeSelectorTerms);
      if (terms.length === 0) fail(rp, 'at least one node selector term (the API server requires one)', terms);
      terms.forEach((t, i) => checkNodeSelectorTerm(`${rp}[${i}]`, asMap(t)));
    }
    asList(node.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const tp = `${p}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      checkWeight(tp, asMap(t).weight);
      checkNodeSelectorTerm(`${tp}.preference`, asMap(asMap(t).preference));
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    if (a[kind] === undefined) continue;
    const p = `${prop}.${kind}`;
    const pod = asMap(a[kind]);
    asList(pod.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) =>
      checkPodAffinityTerm(`${p}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`, asMap(t)));
    asList(pod.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const tp = `${p}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      checkWeight(tp, asMap(t).weight);
      checkPodAffinityTerm(`${tp}.podAffinityTerm`, asMap(asMap(t).podAffinityTerm));
    });
  }
}

/**
 * Validation of synthesized Kubernetes objects against real schemas.
 *
 * - Custom resources (StarRocksCluster, StarRocksWarehouse, ServiceMonitor, PodMonitor,
 *   PrometheusRule) are validated with ajv against the `openAPIV3Schema` of the pinned CRDs in
 *   `../shared/crds`, converted to JSON Schema with API-server semantics (an undeclared field is
 *   an error because the API server would prune it, int-or-string, int32 ranges, list-type
 *   set/map uniqueness, ...). Their `metadata` is validated as an ObjectMeta.
 * - Built-in kinds are validated with the kubernetes-models v4 validators, resolved lazily from
 *   apiVersion + kind (`kubernetes-models/<apiVersion>/<Kind>`). Those validators do not reject
 *   undeclared fields, so the object is handed to them through a Proxy that records which keys
 *   the validator looks up: a key of a schema-checked object that the validator never asked for is
 *   not part of the schema and is reported.
 * - Every object: metadata.name present and well formed, namespace a DNS label, label and
 *   annotation keys/values well formed, ConfigMap/Secret data keys well formed.
 *
 * An object with no known schema is an error, so nothing goes unvalidated.
 */
import { createRequire } from 'module';
import Ajv, { ErrorObject, Options, ValidateFunction } from 'ajv';
import * as YAML from 'yaml';
import { readShared, SHARED_DIR, sharedAvailable } from './shared';
import { formatPath } from '../../src/lint/structural';

/** A JSON path as a list of keys and list indexes. */
export type PathSegment = string | number;

interface Issue {
  readonly path: PathSegment[];
  readonly message: string;
}

export interface ValidateOptions {
  /**
   * Treat object keys whose value is null as absent (the API server prunes null values of
   * non-nullable fields of custom resources, and decodes them as absent for built-in kinds).
   * Off by default: a null left in the output is reported where the schema does not allow it.
   */
  readonly nullAsAbsent?: boolean;
}

/** Formats a path as `spec.template.spec.containers[0].image` / `metadata.labels["app.kubernetes.io/name"]` (the library's own formatting). */
export { formatPath };

function isPlainObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Short description of a value for error messages. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `array of ${v.length}`;
  if (typeof v === 'object') return 'object';
  if (typeof v === 'string') {
    const s = JSON.stringify(v);
    return `string ${s.length > 80 ? s.slice(0, 77) + '..."' : s}`;
  }
  return `${typeof v} ${String(v)}`;
}

/** `<apiVersion>/<kind> <namespace>/<name>` (the namespace part is left out when there is none). */
export function objectId(obj: any): string {
  const md = isPlainObject(obj) && isPlainObject(obj.metadata) ? obj.metadata : {};
  const apiVersion = isPlainObject(obj) && obj.apiVersion !== undefined ? String(obj.apiVersion) : '<no apiVersion>';
  const kind = isPlainObject(obj) && obj.kind !== undefined ? String(obj.kind) : '<no kind>';
  const name = md.name !== undefined && md.name !== null ? String(md.name) : '<no name>';
  const ns = md.namespace !== undefined && md.namespace !== null && md.namespace !== '' ? `${md.namespace}/` : '';
  return `${apiVersion}/${kind} ${ns}${name}`;
}

/** Deep copy of plain data (keeps undefined and null) so that the copy can be wrapped in proxies. */
function plainClone(v: any): any {
  if (Array.isArray(v)) return v.map(plainClone);
  if (isPlainObject(v)) {
    const out: Record<string, any> = {};
    for (const k of Object.keys(v)) out[k] = plainClone(v[k]);
    return out;
  }
  return v;
}

/** Deep copy without the object keys whose value is null (list items are kept). */
function dropNullKeys(v: any): any {
  if (Array.isArray(v)) return v.map(dropNullKeys);
  if (isPlainObject(v)) {
    const out: Record<string, any> = {};
    for (const k of Object.keys(v)) {
      if (v[k] !== null) out[k] = dropNullKeys(v[k]);
    }
    return out;
  }
  return v;
}

function valueAt(root: any, path: readonly PathSegment[]): any {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[seg as any];
  }
  return cur;
}

/** Turns an ajv instancePath (JSON pointer) into path segments, using the data to tell list indexes from keys. */
function pointerToPath(root: any, pointer: string): PathSegment[] {
  if (pointer === '') return [];
  const out: PathSegment[] = [];
  let cur = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const seg: PathSegment = Array.isArray(cur) && /^\d+$/.test(key) ? Number(key) : key;
    out.push(seg);
    cur = cur !== null && typeof cur === 'object' ? cur[seg as any] : undefined;
  }
  return out;
}

/** Converts ajv errors to issues. The branch errors of a failed anyOf/oneOf are folded into one issue. */
function ajvIssues(errors: readonly ErrorObject[] | null | undefined, data: any, base: PathSegment[]): Issue[] {
  const list = errors ?? [];
  const consumed = new Set<ErrorObject>();
  for (const e of list) {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      for (const b of list) {
        if (b !== e && b.schemaPath.startsWith(`${e.schemaPath}/`)) consumed.add(b);
      }
    }
  }
  const issues: Issue[] = [];
  for (const e of list) {
    if (consumed.has(e)) continue;
    const path = pointerToPath(data, e.instancePath);
    const value = valueAt(data, path);
    const params: any = e.params ?? {};
    let message: string;
    switch (e.keyword) {
      case 'additionalProperties':
        path.push(params.additionalProperty);
        message = 'field not declared in the schema (the API server would prune it)';
        break;
      case 'required':
        path.push(params.missingProperty);
        message = 'required field is missing';
        break;
      case 'type': {
        const types = Array.isArray(params.type) ? params.type : String(params.type).split(',');
        message = `must be ${types.join(' or ')}, got ${describeValue(value)}${value === null ? ' (leave the field out instead)' : ''}`;
        break;
      }
      case 'enum':
        message = `must be one of ${(params.allowedValues ?? []).map((x: unknown) => JSON.stringify(x)).join(', ')}, got ${describeValue(value)}`;
        break;
      case 'anyOf':
      case 'oneOf': {
        const branches = list.filter(b => b !== e && b.schemaPath.startsWith(`${e.schemaPath}/`));
        if (branches.length > 0 && branches.every(b => b.keyword === 'type' && b.instancePath === e.instancePath)) {
          message = `must be ${[...new Set(branches.map(b => String(b.params.type)))].join(' or ')}, got ${describeValue(value)}`;
        } else {
          const alternatives = [...new Set(branches.map(b => `${b.instancePath ? `${formatPath(pointerToPath(data, b.instancePath))} ` : ''}${b.message ?? b.keyword}`))];
          message = `must match one of the alternatives (${alternatives.join('; ')}), got ${describeValue(value)}`;
        }
        break;
      }
      default:
        message = `${e.message ?? `fails ${e.keyword} ${JSON.stringify(params)}`}, got ${describeValue(value)}`;
    }
    issues.push({ path: [...base, ...path], message });
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Metadata and per-kind checks that the schemas do not express
// ---------------------------------------------------------------------------------------------

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

function dnsLabelProblem(v: string): string | undefined {
  if (v.length > 63 || !DNS1123_LABEL.test(v)) {
    return 'must be a DNS-1123 label (lower case alphanumerics and "-", at most 63 characters, starting and ending with an alphanumeric)';
  }
  return undefined;
}

function dnsSubdomainProblem(v: string): string | undefined {
  if (v.length > 253 || !DNS1123_SUBDOMAIN.test(v)) {
    return 'must be a DNS-1123 subdomain (lower case alphanumerics, "-" and ".", at most 253 characters)';
  }
  return undefined;
}

function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix === '' || dnsSubdomainProblem(prefix))) {
    return 'key prefix must be a DNS-1123 subdomain';
  }
  if (name.length > 63 || !QUALIFIED_NAME_PART.test(name)) {
    return 'key must be a qualified name (alphanumerics, "-", "_" and ".", at most 63 characters, optionally prefixed by a DNS subdomain and "/")';
  }
  return undefined;
}

const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

function nameProblem(apiVersion: string, kind: string, name: string): string | undefined {
  if (apiVersion === 'v1' && kind === 'Namespace') return dnsLabelProblem(name);
  if (apiVersion === 'v1' && kind === 'Service') {
    if (name.length > 63 || !DNS1035_LABEL.test(name)) {
      return 'must be a DNS-1035 label (lower case alphanumerics and "-", at most 63 characters, starting with a letter)';
    }
    return undefined;
  }
  if (apiVersion.startsWith('rbac.authorization.k8s.io/') && RBAC_KINDS.has(kind)) {
    if (name === '.' || name === '..' || /[/%]/.test(name)) return 'must be a valid path segment (not "." or "..", no "/" or "%")';
    return undefined;
  }
  return dnsSubdomainProblem(name);
}

function metadataIssues(obj: Record<string, any>): Issue[] {
  const issues: Issue[] = [];
  const md = obj.metadata;
  if (md === undefined || md === null) {
    return [{ path: ['metadata'], message: 'required field is missing' }];
  }
  if (!isPlainObject(md)) {
    return [{ path: ['metadata'], message: `must be object, got ${describeValue(md)}` }];
  }
  if (md.name === undefined || md.name === null || md.name === '') {
    issues.push({ path: ['metadata', 'name'], message: 'required field is missing' });
  } else if (typeof md.name === 'string') {
    const p = nameProblem(String(obj.apiVersion), String(obj.kind), md.name);
    if (p) issues.push({ path: ['metadata', 'name'], message: `${p}, got ${describeValue(md.name)}` });
  }
  if (typeof md.namespace === 'string') {
    const p = dnsLabelProblem(md.namespace);
    if (p) issues.push({ path: ['metadata', 'namespace'], message: `${p}, got ${describeValue(md.namespace)}` });
  }
  // The value types of labels and annotations are checked by the ObjectMeta schema; here the syntax.
  if (isPlainObject(md.labels)) {
    for (const [k, v] of Object.entries(md.labels)) {
      const kp = qualifiedNameProblem(k);
      if (kp) issues.push({ path: ['metadata', 'labels', k], message: kp });
      if (typeof v === 'string' && (v.length > 63 || !LABEL_VALUE.test(v))) {
        issues.push({
          path: ['metadata', 'labels', k],
          message: `label value must be at most 63 alphanumerics, "-", "_" or ".", starting and ending with an alphanumeric, got ${describeValue(v)}`,
        });
      }
    }
  }
  if (isPlainObject(md.annotations)) {
    let size = 0;
    for (const [k, v] of Object.entries(md.annotations)) {
      // the API server checks annotation keys lower-cased (apimachinery ValidateAnnotations)
      const kp = qualifiedNameProblem(k.toLowerCase());
      if (kp) issues.push({ path: ['metadata', 'annotations', k], message: kp });
      size += k.length + (typeof v === 'string' ? v.length : 0);
    }
    if (size > 256 * 1024) issues.push({ path: ['metadata', 'annotations'], message: `total size ${size} exceeds 256 KiB` });
  }
  return issues;
}

function dataKeyIssues(obj: Record<string, any>): Issue[] {
  if (obj.apiVersion !== 'v1' || (obj.kind !== 'ConfigMap' && obj.kind !== 'Secret')) return [];
  const issues: Issue[] = [];
  const fields = obj.kind === 'ConfigMap' ? ['data', 'binaryData'] : ['data', 'stringData'];
  const seen = new Map<string, string>();
  for (const field of fields) {
    const map = obj[field];
    if (!isPlainObject(map)) continue;
    for (const k of Object.keys(map)) {
      if (k.length > 253 || !CONFIG_KEY.test(k)) {
        issues.push({ path: [field, k], message: 'key must consist of alphanumerics, "-", "_" or "." (at most 253 characters)' });
      }
      if (obj.kind === 'ConfigMap' && seen.has(k)) {
        issues.push({ path: [field, k], message: `duplicate key, also in ${seen.get(k)}` });
      }
      seen.set(k, field);
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Built-in kinds: kubernetes-models validators plus undeclared-field detection
// ---------------------------------------------------------------------------------------------

interface AccessRecord {
  readonly read: Set<string>;
  enumerated: boolean;
}

type ExtraKeyType = 'string' | 'boolean' | 'array';

/**
 * Fields that kubernetes-models' compiled validators leave out although the API has them (checked
 * over all 854 kubernetes-models v4.5.1 kinds by comparing the .d.ts interfaces with the
 * validators): `description` (PriorityClass, JSONSchemaProps, ExternalDocumentation,
 * CustomResourceColumnDefinition) and the `x-kubernetes-*` keys of JSONSchemaProps. Each is
 * recognised by keys that only its validator looks up, and its value type is checked here.
 */
interface ModelOmission {
  /** Keys whose lookup identifies the type. */
  readonly signature: readonly string[];
  /** The signature must be everything the validator looked up. */
  readonly exact?: boolean;
  readonly keys: Record<string, ExtraKeyType>;
}

const MODEL_OMISSIONS: readonly ModelOmission[] = [
  {
    signature: ['$schema', 'additionalItems', 'patternProperties'],
    keys: {
      'description': 'string',
      'x-kubernetes-embedded-resource': 'boolean',
      'x-kubernetes-int-or-string': 'boolean',
      'x-kubernetes-list-map-keys': 'array',
      'x-kubernetes-list-type': 'string',
      'x-kubernetes-map-type': 'string',
      'x-kubernetes-preserve-unknown-fields': 'boolean',
      'x-kubernetes-validations': 'array',
    },
  },
  { signature: ['jsonPath', 'priority', 'format'], keys: { description: 'string' } },
  { signature: ['url'], exact: true, keys: { description: 'string' } },
  { signature: ['globalDefault', 'preemptionPolicy', 'value'], keys: { description: 'string' } },
];

function omittedKeys(read: Set<string>): Record<string, ExtraKeyType> | undefined {
  for (const o of MODEL_OMISSIONS) {
    if (o.signature.every(k => read.has(k)) && (!o.exact || read.size === o.signature.length)) return o.keys;
  }
  return undefined;
}

/**
 * Wraps plain data in proxies that record, per object, which keys were looked up and whether
 * its keys were enumerated. A compiled ajv validator looks up every declared property of an object
 * schema (`data.x !== undefined`) and enumerates the keys of maps (additionalProperties), so after
 * validation:
 * - an object that was enumerated is a map: any key is fine;
 * - an object that was never looked into has a free-form schema (e.g. JSON): anything goes;
 * - otherwise, a key the validator never looked up is not declared by the schema.
 */
class AccessTracker {
  private readonly records = new WeakMap<object, AccessRecord>();
  private readonly proxies = new WeakMap<object, any>();

  public wrap(value: any): any {
    if (value === null || typeof value !== 'object') return value;
    const existing = this.proxies.get(value);
    if (existing) return existing;
    const rec: AccessRecord = { read: new Set(), enumerated: false };
    this.records.set(value, rec);
    const proxy = new Proxy(value, {
      get: (target, key, receiver) => {
        const v = Reflect.get(target, key, receiver);
        if (typeof key !== 'string') return v;
        rec.read.add(key);
        return this.wrap(v);
      },
      has: (target, key) => {
        if (typeof key === 'string') rec.read.add(key);
        return Reflect.has(target, key);
      },
      ownKeys: (target) => {
        rec.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
    this.proxies.set(value, proxy);
    return proxy;
  }

  public undeclared(value: any, path: PathSegment[], out: Issue[]): Issue[] {
    if (value === null || typeof value !== 'object') return out;
    const rec = this.records.get(value);
    if (!rec) return out;
    if (Array.isArray(value)) {
      value.forEach((item, i) => this.undeclared(item, [...path, i], out));
      return out;
    }
    const checked = !rec.enumerated && rec.read.size > 0;
    const extra = checked ? omittedKeys(rec.read) : undefined;
    for (const key of Object.keys(value)) {
      const extraType = extra && !rec.read.has(key) ? extra[key] : undefined;
      if (extraType) {
        const v = value[key];
        const ok = v === undefined || v === null || (extraType === 'array' ? Array.isArray(v) : typeof v === extraType);
        if (!ok) out.push({ path: [...path, key], message: `must be ${extraType}, got ${describeValue(v)}` });
      } else if (checked && !rec.read.has(key)) {
        out.push({ path: [...path, key], message: 'field not declared in the schema (the API server would reject or drop it)' });
      } else {
        this.undeclared(value[key], [...path, key], out);
      }
    }
    return out;
  }
}

interface ModelClass {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly prototype: { validate(): void };
}

const localRequire = createRequire(__filename);
let modelsRequire: NodeJS.Require | undefined;

/** A require() that resolves from the kubernetes-models package, for its own dependencies (@kubernetes-models/apimachinery). */
function fromModels(): NodeJS.Require {
  if (!modelsRequire) modelsRequire = createRequire(localRequire.resolve('kubernetes-models'));
  return modelsRequire;
}

const API_VERSION = /^(?:[a-z0-9]([-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?v[0-9]+(?:(?:alpha|beta)[0-9]+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;
const modelCache = new Map<string, ModelClass | null>();

/** The kubernetes-models class for apiVersion + kind, loaded on first use; undefined when there is none. */
export function kubernetesModel(apiVersion: string, kind: string): ModelClass | undefined {
  const key = `${apiVersion}|${kind}`;
  if (!modelCache.has(key)) {
    let model: ModelClass | null = null;
    if (API_VERSION.test(apiVersion) && KIND.test(kind)) {
      try {
        const mod = localRequire(`kubernetes-models/${apiVersion}/${kind}`);
        const cls = mod?.[kind];
        if (typeof cls === 'function' && cls.apiVersion === apiVersion && cls.kind === kind && typeof cls.prototype?.validate === 'function') {
          model = cls;
        }
      } catch (e: any) {
        if (e?.code !== 'MODULE_NOT_FOUND' && e?.code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw e;
      }
    }
    modelCache.set(key, model);
  }
  return modelCache.get(key) ?? undefined;
}

let objectMetaModel: ModelClass | undefined;

function objectMeta(): ModelClass {
  if (!objectMetaModel) {
    objectMetaModel = fromModels()('@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta').ObjectMeta as ModelClass;
  }
  return objectMetaModel;
}

/** Runs a kubernetes-models validator on a copy of `value` and reports its errors and undeclared fields. */
function modelIssues(model: ModelClass, value: any, base: PathSegment[]): Issue[] {
  const data = plainClone(value);
  const tracker = new AccessTracker();
  let errors: ErrorObject[] = [];
  try {
    model.prototype.validate.call(tracker.wrap(data));
  } catch (e: any) {
    if (!Array.isArray(e?.errors)) throw e;
    errors = e.errors;
  }
  return [...ajvIssues(errors, data, base), ...tracker.undeclared(data, base, [])];
}

// ---------------------------------------------------------------------------------------------
// Custom resources: CRD openAPIV3Schema converted to JSON Schema, compiled with ajv
// ---------------------------------------------------------------------------------------------

/** group/kind -> CRD file under ../shared. */
const CRD_FILES: Record<string, string> = {
  'starrocks.com/StarRocksCluster': 'crds/starrocks.com_starrocksclusters.yaml',
  'starrocks.com/StarRocksWarehouse': 'crds/starrocks.com_starrockswarehouses.yaml',
  'monitoring.coreos.com/ServiceMonitor': 'crds/monitoring.coreos.com_servicemonitors.yaml',
  'monitoring.coreos.com/PodMonitor': 'crds/monitoring.coreos.com_podmonitors.yaml',
  'monitoring.coreos.com/PrometheusRule': 'crds/monitoring.coreos.com_prometheusrules.yaml',
};

/** The custom resource kinds validated against a CRD, as `group/Kind`. */
export const CUSTOM_RESOURCE_KINDS: readonly string[] = Object.keys(CRD_FILES);

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Keywords copied unchanged from the OpenAPI v3 schema. */
const PLAIN_KEYWORDS = new Set([
  'type', 'enum', 'pattern', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems',
  'uniqueItems', 'required', 'minProperties', 'maxProperties', 'multipleOf',
]);

/**
 * Converts a Kubernetes structural schema to a JSON Schema with API-server semantics.
 * `structural` is false inside anyOf/allOf/oneOf/not, whose branches only add value validations
 * and must not close objects.
 */
export function structuralToJsonSchema(src: any, structural = true): any {
  if (!isPlainObject(src)) return src;
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === 'properties' && isPlainObject(v)) {
      out.properties = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, structuralToJsonSchema(s, structural)]));
    } else if (k === 'items') {
      out.items = Array.isArray(v) ? v.map(s => structuralToJsonSchema(s, structural)) : structuralToJsonSchema(v, structural);
    } else if (k === 'additionalProperties') {
      out.additionalProperties = isPlainObject(v) ? structuralToJsonSchema(v, structural) : v;
    } else if ((k === 'anyOf' || k === 'allOf' || k === 'oneOf') && Array.isArray(v)) {
      out[k] = v.map(s => structuralToJsonSchema(s, false));
    } else if (k === 'not') {
      out.not = structuralToJsonSchema(v, false);
    } else if (PLAIN_KEYWORDS.has(k)) {
      out[k] = v;
    }
    // Everything else (description, default, example, format, nullable, x-kubernetes-*) is handled
    // below or has no effect on validity.
  }
  // OpenAPI 3.0 boolean exclusiveMinimum/exclusiveMaximum.
  if (src.exclusiveMinimum === true && typeof src.minimum === 'number') {
    out.exclusiveMinimum = src.minimum;
    delete out.minimum;
  }
  if (src.exclusiveMaximum === true && typeof src.maximum === 'number') {
    out.exclusiveMaximum = src.maximum;
    delete out.maximum;
  }
  const intOrString = src['x-kubernetes-int-or-string'] === true;
  if (intOrString) {
    delete out.type;
    if (!out.anyOf) out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (src.format === 'int32' && (out.type === 'integer' || intOrString)) {
    out.minimum = Math.max(typeof out.minimum === 'number' ? out.minimum : INT32_MIN, INT32_MIN);
    out.maximum = Math.min(typeof out.maximum === 'number' ? out.maximum : INT32_MAX, INT32_MAX);
  }
  if (src['x-kubernetes-embedded-resource'] === true) {
    out.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...out.properties };
  }
  if (src['x-kubernetes-list-type'] === 'set') out.uniqueItems = true;
  if (src['x-kubernetes-list-type'] === 'map' && Array.isArray(src['x-kubernetes-list-map-keys'])) {
    // Items must be unique by their key fields, after defaulting (e.g. a port's protocol defaults to TCP).
    const itemProps = isPlainObject(src.items) && isPlainObject(src.items.properties) ? src.items.properties : {};
    out.listMapKeys = src['x-kubernetes-list-map-keys'].map((key: string) => ({ key, default: itemProps[key]?.default ?? null }));
  }
  const isObject = out.type === 'object' || (out.type === undefined && out.properties !== undefined);
  if (structural && isObject && out.additionalProperties === undefined && src['x-kubernetes-preserve-unknown-fields'] !== true) {
    // The API server prunes fields that the schema does not declare: for the library that is an error.
    out.additionalProperties = false;
  }
  if (src.nullable === true) {
    return { anyOf: [{ type: 'null' }, out] };
  }
  return out;
}

/**
 * CRD patterns are Go (RE2) regular expressions: inline flag groups such as `(?i)` (used by the
 * Prometheus operator CRDs) become JavaScript flags, `\\A` / `\\z` become `^` / `$`.
 */
type RegExpEngine = NonNullable<NonNullable<Options['code']>['regExp']>;

const goRegExp: RegExpEngine = Object.assign(
  (pattern: string, u: string): RegExp => {
    let flags = u;
    const source = pattern
      .replace(/\(\?([imsU]+)\)/g, (_m, f: string) => {
        for (const c of f) if ('ims'.includes(c) && !flags.includes(c)) flags += c;
        return '';
      })
      .replace(/\\A/g, '^')
      .replace(/\\z/g, '$');
    return new RegExp(source, flags);
  },
  { code: 'new RegExp' },
);

let ajvInstance: Ajv | undefined;

function ajv(): Ajv {
  if (!ajvInstance) {
    ajvInstance = new Ajv({ strict: false, allErrors: true, validateFormats: false, code: { regExp: goRegExp } });
    ajvInstance.addKeyword({
      keyword: 'listMapKeys',
      type: 'array',
      schemaType: 'array',
      errors: true,
      validate: function listMapKeys(keys: Array<{ key: string; default: unknown }>, data: any[]): boolean {
        const seen = new Map<string, number>();
        const errs: Partial<ErrorObject>[] = [];
        data.forEach((item, i) => {
          if (!isPlainObject(item)) return;
          const id = JSON.stringify(keys.map(k => item[k.key] ?? k.default));
          const first = seen.get(id);
          if (first !== undefined) {
            errs.push({
              keyword: 'listMapKeys',
              message: `duplicate entry: items ${first} and ${i} have the same ${keys.map(k => k.key).join(' + ')} (x-kubernetes-list-type map)`,
              params: { keys: keys.map(k => k.key) },
            });
          } else {
            seen.set(id, i);
          }
        });
        (listMapKeys as any).errors = errs;
        return errs.length === 0;
      },
    });
  }
  return ajvInstance;
}

interface CustomResourceSchema {
  readonly validate?: ValidateFunction;
  readonly problem?: string;
}

const crdCache = new Map<string, any>();
const crValidators = new Map<string, CustomResourceSchema>();

function loadCrd(file: string): any {
  if (!crdCache.has(file)) {
    const docs = YAML.parseAllDocuments(readShared(file)).map(d => d.toJS());
    const crd = docs.find(d => isPlainObject(d) && d.kind === 'CustomResourceDefinition');
    if (!crd) throw new Error(`${file} holds no CustomResourceDefinition`);
    crdCache.set(file, crd);
  }
  return crdCache.get(file);
}

/** The compiled validator for a custom resource kind, or undefined when the kind is not a mapped CRD kind. */
function customResourceSchema(apiVersion: string, kind: string): CustomResourceSchema | undefined {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return undefined;
  const group = apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  const file = CRD_FILES[`${group}/${kind}`];
  if (!file) return undefined;
  const key = `${apiVersion}|${kind}`;
  let entry = crValidators.get(key);
  if (!entry) {
    const crd = loadCrd(file);
    const served = (crd.spec?.versions ?? []).find((v: any) => v.name === version && v.served === true);
    if (crd.spec?.group !== group || crd.spec?.names?.kind !== kind) {
      entry = { problem: `${file} defines ${crd.spec?.group}/${crd.spec?.names?.kind}, not ${group}/${kind}` };
    } else if (!served) {
      entry = { problem: `version ${version} is not served by the CRD ${crd.metadata?.name}` };
    } else {
      const root = structuralToJsonSchema(served.schema.openAPIV3Schema);
      // ObjectMeta is validated on its own (the CRD only says `type: object`).
      root.properties = { ...root.properties, metadata: { type: 'object' } };
      root.required = [...new Set([...(root.required ?? []), 'apiVersion', 'kind', 'metadata'])];
      entry = { validate: ajv().compile(root) };
    }
    crValidators.set(key, entry);
  }
  return entry;
}

function customResourceIssues(schema: CustomResourceSchema, obj: Record<string, any>): Issue[] {
  if (!schema.validate) return [{ path: [], message: schema.problem ?? 'no schema' }];
  const issues: Issue[] = [];
  if (!schema.validate(obj)) issues.push(...ajvIssues(schema.validate.errors, obj, []));
  if (isPlainObject(obj.metadata)) issues.push(...modelIssues(objectMeta(), obj.metadata, ['metadata']));
  return issues;
}

// ---------------------------------------------------------------------------------------------
// API
// ---------------------------------------------------------------------------------------------

/** Whether validateObject knows a schema for apiVersion + kind (loads it if needed). */
export function hasSchema(apiVersion: string, kind: string): boolean {
  return customResourceSchema(apiVersion, kind) !== undefined || kubernetesModel(apiVersion, kind) !== undefined;
}

/**
 * Validates one Kubernetes object. Returns human-readable errors, empty when the object is valid;
 * each is prefixed with `<apiVersion>/<kind> <namespace>/<name>:`.
 */
export function validateObject(obj: any, options: ValidateOptions = {}): string[] {
  const prefix = `${objectId(obj)}:`;
  if (!isPlainObject(obj)) return [`${prefix} not an object: ${describeValue(obj)}`];
  const subject = options.nullAsAbsent ? dropNullKeys(obj) : plainClone(obj);
  const issues: Issue[] = [];
  const { apiVersion, kind } = subject;
  if (typeof apiVersion !== 'string' || apiVersion === '') {
    issues.push({ path: ['apiVersion'], message: `must be a non-empty string, got ${describeValue(apiVersion)}` });
  }
  if (typeof kind !== 'string' || kind === '') {
    issues.push({ path: ['kind'], message: `must be a non-empty string, got ${describeValue(kind)}` });
  }
  if (issues.length === 0) {
    issues.push(...metadataIssues(subject), ...dataKeyIssues(subject));
    const cr = customResourceSchema(apiVersion, kind);
    const model = cr ? undefined : kubernetesModel(apiVersion, kind);
    if (cr) {
      issues.push(...customResourceIssues(cr, subject));
    } else if (model) {
      issues.push(...modelIssues(model, subject, []));
    } else {
      issues.push({ path: [], message: `no schema for apiVersion ${JSON.stringify(apiVersion)} kind ${JSON.stringify(kind)} (not a mapped CRD kind nor a kubernetes-models kind)` });
    }
  }
  const lines = issues.map(i => (i.path.length ? `${prefix} ${formatPath(i.path)}: ${i.message}` : `${prefix} ${i.message}`));
  return [...new Set(lines)].sort();
}

/** validateObject over a list of objects. */
export function validateManifests(objs: readonly any[], options: ValidateOptions = {}): string[] {
  return objs.flatMap(o => validateObject(o, options));
}

/**
 * Fails the current test, listing every error, unless all objects are valid. Custom resources are
 * checked against the CRDs in ../shared: when it is missing, that check fails under CI and is
 * skipped with a notice elsewhere (core kinds are still checked: their schemas come with
 * kubernetes-models).
 */
export function expectValidManifests(objs: readonly any[], options: ValidateOptions = {}): void {
  let subjects = objs;
  if (!sharedAvailable() && process.env.CI !== 'true') {
    subjects = objs.filter(o => !needsCrd(o));
    if (subjects.length < objs.length && !noticedMissingShared) {
      noticedMissingShared = true;
      // eslint-disable-next-line no-console
      console.warn(`custom resources not validated: ${SHARED_DIR} (../shared, with the CRDs) is not available`);
    }
  }
  const errors = validateManifests(subjects, options);
  expect(errors).toEqual([]);
}

let noticedMissingShared = false;

/** Whether an object is of a custom resource kind whose schema is a CRD in ../shared. */
function needsCrd(obj: any): boolean {
  const apiVersion = typeof obj?.apiVersion === 'string' ? obj.apiVersion : '';
  const slash = apiVersion.indexOf('/');
  return slash > 0 && CRD_FILES[`${apiVersion.slice(0, slash)}/${obj.kind}`] !== undefined;
}

/** `expectValidManifests` (the name the tests of behaviour use). */
export function expectValid(manifest: readonly any[]): void {
  expectValidManifests(manifest);
}

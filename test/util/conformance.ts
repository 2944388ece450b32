/**
 * The Helm chart conformance cases of `../shared/conformance` and the comparison rules of its
 * README ("How to compare"):
 *
 * - empty documents (null, empty mapping) are ignored; a `kind: List` document stands for its items;
 * - objects are matched by apiVersion + kind + namespace + name, a namespaced object without
 *   `metadata.namespace` belonging to the case namespace and cluster-scoped kinds having none;
 * - every expected object must be produced and no other object;
 * - the object's own `metadata.labels` / `metadata.annotations`: every expected entry must be present
 *   with the same value, extra entries are allowed, Helm's bookkeeping entries (`helm.sh/chart`,
 *   `app.kubernetes.io/managed-by`, `meta.helm.sh/*`) are ignored;
 * - everything else must be equal: key order ignored, list order significant, null / {} / [] the
 *   same as absent (recursively), scalars compared by their string form, strings exactly;
 * - Secret `data` (base64) and `stringData` compared after decoding, a missing Secret `type` = Opaque.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { formatPath, PathSegment } from './schema';
import { sharedPath } from './shared';

export interface ConformanceCase {
  /** Folder name, e.g. `01-default`. */
  readonly name: string;
  /** Absolute path of the case folder. */
  readonly dir: string;
  readonly chart: 'kube-starrocks' | 'warehouse';
  readonly release: string;
  readonly namespace: string;
  /** `["monitoring.coreos.com/v1"]`, or `[]` when the Prometheus operator API is absent. */
  readonly apiVersions: string[];
  /** The chart's own failure message when the render must fail, else null. */
  readonly expectError: string | null;
  /** Present where the chart's output would be rejected: the library must refuse, naming this values key. */
  readonly libraryExpectError?: string;
  /** Values key paths the case sets (informational). */
  readonly covers?: string[];
  readonly valuesYaml: string;
  /** The exact `helm template` output; absent when the render must fail. */
  readonly expectedYaml?: string;
}

/** Kinds that have no namespace (README, "How to compare", step 3). */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'APIService',
]);

function isPlainObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readIfExists(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

/** The cases of `../shared/conformance/cases/*`, sorted by name. */
export function loadConformanceCases(): ConformanceCase[] {
  const root = sharedPath('conformance/cases');
  const names = fs.readdirSync(root, { withFileTypes: true })
    .filter(d => d.isDirectory())
    .map(d => d.name)
    .sort();
  return names.map(name => {
    const dir = path.join(root, name);
    const where = `${path.join(dir, 'case.json')}`;
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8'));
    if (meta.chart !== 'kube-starrocks' && meta.chart !== 'warehouse') throw new Error(`${where}: unknown chart ${JSON.stringify(meta.chart)}`);
    for (const field of ['release', 'namespace']) {
      if (typeof meta[field] !== 'string' || meta[field] === '') throw new Error(`${where}: ${field} must be a non-empty string`);
    }
    if (!Array.isArray(meta.apiVersions) || !meta.apiVersions.every((v: unknown) => typeof v === 'string')) {
      throw new Error(`${where}: apiVersions must be a list of strings`);
    }
    if (meta.expectError !== null && typeof meta.expectError !== 'string') throw new Error(`${where}: expectError must be null or a string`);
    if (meta.libraryExpectError !== undefined && typeof meta.libraryExpectError !== 'string') {
      throw new Error(`${where}: libraryExpectError must be a string`);
    }
    const valuesYaml = readIfExists(path.join(dir, 'values.yaml'));
    if (valuesYaml === undefined) throw new Error(`${dir}: values.yaml is missing`);
    const expectedYaml = readIfExists(path.join(dir, 'expected.yaml'));
    if (meta.expectError === null && expectedYaml === undefined) throw new Error(`${dir}: expected.yaml is missing for a case that renders`);
    if (meta.expectError !== null && expectedYaml !== undefined) throw new Error(`${dir}: expected.yaml is present for a case that must fail`);
    const c: ConformanceCase = {
      name,
      dir,
      chart: meta.chart,
      release: meta.release,
      namespace: meta.namespace,
      apiVersions: [...meta.apiVersions],
      expectError: meta.expectError,
      ...(meta.libraryExpectError !== undefined ? { libraryExpectError: meta.libraryExpectError } : {}),
      ...(Array.isArray(meta.covers) ? { covers: [...meta.covers] } : {}),
      valuesYaml,
      ...(expectedYaml !== undefined ? { expectedYaml } : {}),
    };
    return c;
  });
}

function isEmptyDocument(v: unknown): boolean {
  return v === null || v === undefined || (isPlainObject(v) && Object.keys(v).length === 0);
}

/** Drops empty documents and replaces `kind: List` objects by their items. */
function flattenObjects(values: readonly unknown[], out: any[] = []): any[] {
  for (const v of values) {
    if (isEmptyDocument(v)) continue;
    if (isPlainObject(v) && v.kind === 'List' && Array.isArray(v.items)) {
      flattenObjects(v.items, out);
    } else {
      out.push(v);
    }
  }
  return out;
}

/**
 * Parses a multi-document YAML stream (e.g. `helm template` output) into objects: empty documents
 * (null, empty mapping, comments or separators only) are dropped, `kind: List` is expanded.
 */
export function parseManifestStream(yamlText: string): any[] {
  const values: unknown[] = [];
  YAML.parseAllDocuments(yamlText).forEach((doc, i) => {
    if (doc.errors.length > 0) {
      throw new Error(`YAML document ${i + 1}: ${doc.errors.map(e => e.message).join('; ')}`);
    }
    values.push(doc.toJS());
  });
  return flattenObjects(values);
}

// ---------------------------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------------------------

const HELM_BOOKKEEPING = (key: string): boolean =>
  key === 'helm.sh/chart' || key === 'app.kubernetes.io/managed-by' || key.startsWith('meta.helm.sh/');

interface Identity {
  readonly key: string;
  /** `Kind namespace/name` (namespace part left out for cluster-scoped kinds). */
  readonly label: string;
  /** `apiVersion Kind namespace/name`. */
  readonly full: string;
}

function identity(obj: any, namespace: string): Identity {
  const o = isPlainObject(obj) ? obj : {};
  const md = isPlainObject(o.metadata) ? o.metadata : {};
  const apiVersion = o.apiVersion === undefined || o.apiVersion === null ? '' : String(o.apiVersion);
  const kind = o.kind === undefined || o.kind === null ? '' : String(o.kind);
  const name = md.name === undefined || md.name === null ? '' : String(md.name);
  let ns = '';
  if (!CLUSTER_SCOPED_KINDS.has(kind)) {
    ns = md.namespace === undefined || md.namespace === null || md.namespace === '' ? namespace : String(md.namespace);
  }
  const label = `${kind || '<no kind>'} ${ns ? `${ns}/` : ''}${name || '<no name>'}`;
  return { key: JSON.stringify([apiVersion, kind, ns, name]), label, full: `${apiVersion || '<no apiVersion>'} ${label}` };
}

/** null, undefined, {} and [] (recursively) are absent: returns undefined for them. List items keep their place (as null). */
function normalize(v: any): any {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) {
    if (v.length === 0) return undefined;
    return v.map(item => {
      const n = normalize(item);
      return n === undefined ? null : n;
    });
  }
  if (isPlainObject(v)) {
    const out: Record<string, any> = {};
    for (const k of Object.keys(v)) {
      const n = normalize(v[k]);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return v;
}

function show(v: any): string {
  if (v === undefined) return '<absent>';
  const s = JSON.stringify(v);
  if (s === undefined) return String(v);
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
}

function isScalar(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint';
}

function stringDifference(e: string, a: string): string {
  // Short strings are shown whole; long multi-line texts (fe.conf, scripts) by their first differing line.
  if ((!e.includes('\n') && !a.includes('\n')) || JSON.stringify(e).length + JSON.stringify(a).length <= 160) {
    return `expected ${show(e)}, got ${show(a)}`;
  }
  const el = e.split('\n');
  const al = a.split('\n');
  let i = 0;
  while (i < el.length && i < al.length && el[i] === al[i]) i++;
  const line = (lines: string[]): string => (i < lines.length ? show(lines[i]) : '<end of text>');
  return `multi-line strings differ at line ${i + 1} (of ${el.length} expected, ${al.length} got): expected ${line(el)}, got ${line(al)}`;
}

/** Compares normalized values; pushes `path: expected X, got Y` lines. */
function diffValues(e: any, a: any, at: PathSegment[], out: string[]): void {
  if (e === undefined && a === undefined) return;
  const where = formatPath(at) || '<root>';
  if (e === undefined || a === undefined) {
    out.push(`${where}: expected ${show(e)}, got ${show(a)}`);
    return;
  }
  if (Array.isArray(e) && Array.isArray(a)) {
    if (e.length !== a.length) out.push(`${where}: expected ${e.length} items, got ${a.length}`);
    const common = Math.min(e.length, a.length);
    for (let i = 0; i < common; i++) diffValues(e[i], a[i], [...at, i], out);
    for (let i = common; i < e.length; i++) out.push(`${formatPath([...at, i])}: expected ${show(e[i])}, got <absent>`);
    for (let i = common; i < a.length; i++) out.push(`${formatPath([...at, i])}: expected <absent>, got ${show(a[i])}`);
    return;
  }
  if (isPlainObject(e) && isPlainObject(a)) {
    const keys = [...Object.keys(e), ...Object.keys(a).filter(k => !(k in e))];
    for (const k of keys) diffValues(e[k], a[k], [...at, k], out);
    return;
  }
  if (isScalar(e) && isScalar(a)) {
    if (String(e) !== String(a)) {
      out.push(`${where}: ${typeof e === 'string' && typeof a === 'string' ? stringDifference(e, a) : `expected ${show(e)}, got ${show(a)}`}`);
    }
    return;
  }
  out.push(`${where}: expected ${show(e)}, got ${show(a)}`);
}

function decodeBase64(value: string): { text?: string; problem?: string } {
  // as the API server reads Secret data (Go's base64.StdEncoding): line breaks are skipped, any other
  // character outside the alphabet (a space) is an error
  const compact = value.replace(/[\r\n]+/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) {
    return { problem: `not valid base64: ${show(value)}` };
  }
  const buf = Buffer.from(compact, 'base64');
  const utf8 = buf.toString('utf8');
  // Binary content that is not UTF-8 is compared by its canonical base64 form.
  return { text: Buffer.from(utf8, 'utf8').equals(buf) ? utf8 : `<binary, base64 ${buf.toString('base64')}>` };
}

/** Secret: `data` decoded and merged with `stringData` (which wins), `type` defaulting to Opaque. */
function normalizeSecret(obj: Record<string, any>, where: string, problems: string[]): Record<string, any> {
  const data: Record<string, any> = {};
  if (isPlainObject(obj.data)) {
    for (const [k, v] of Object.entries(obj.data)) {
      if (v === null || v === undefined) continue;
      const d = decodeBase64(String(v));
      if (d.problem) problems.push(`${formatPath(['data', k])}: ${where} ${d.problem}`);
      data[k] = d.text ?? String(v);
    }
  } else if (obj.data !== null && obj.data !== undefined) {
    problems.push(`data: ${where} must be a mapping, got ${show(obj.data)}`);
  }
  if (isPlainObject(obj.stringData)) {
    for (const [k, v] of Object.entries(obj.stringData)) {
      if (v !== null && v !== undefined) data[k] = v;
    }
  } else if (obj.stringData !== null && obj.stringData !== undefined) {
    problems.push(`stringData: ${where} must be a mapping, got ${show(obj.stringData)}`);
  }
  const { stringData, ...rest } = obj;
  void stringData;
  const type = obj.type === undefined || obj.type === null || obj.type === '' ? 'Opaque' : obj.type;
  return { ...rest, data, type };
}

/** Splits off what is compared specially: the object's own labels and annotations (and its namespace, part of the match). */
function prepare(obj: any, where: string, problems: string[]): { body: any; labels: any; annotations: any } {
  let body: Record<string, any> = isPlainObject(obj) ? { ...obj } : {};
  if (body.apiVersion === 'v1' && body.kind === 'Secret') body = normalizeSecret(body, where, problems);
  let labels: any;
  let annotations: any;
  if (isPlainObject(body.metadata)) {
    const { labels: l, annotations: a, namespace, ...metadata } = body.metadata;
    void namespace;
    labels = l;
    annotations = a;
    body.metadata = metadata;
  }
  return { body: normalize(body), labels, annotations };
}

function compareMetadataMap(field: 'labels' | 'annotations', expected: any, actual: any, out: string[]): void {
  const e = normalize(expected);
  if (e === undefined) return;
  const a = normalize(actual);
  if (!isPlainObject(e)) {
    diffValues(e, a, ['metadata', field], out);
    return;
  }
  if (a !== undefined && !isPlainObject(a)) {
    out.push(`${formatPath(['metadata', field])}: expected a mapping, got ${show(a)}`);
    return;
  }
  for (const [k, v] of Object.entries(e)) {
    if (HELM_BOOKKEEPING(k)) continue;
    diffValues(v, a?.[k], ['metadata', field, k], out);
  }
}

function comparePair(expected: any, actual: any, label: string): string[] {
  const problems: string[] = [];
  const e = prepare(expected, 'expected', problems);
  const a = prepare(actual, 'got', problems);
  const lines: string[] = [...problems];
  compareMetadataMap('labels', e.labels, a.labels, lines);
  compareMetadataMap('annotations', e.annotations, a.annotations, lines);
  diffValues(e.body, a.body, [], lines);
  return lines.map(l => `${label}: ${l}`);
}

function index(objs: readonly any[], namespace: string, side: string, out: string[]): Map<string, { id: Identity; obj: any }> {
  const map = new Map<string, { id: Identity; obj: any }>();
  for (const obj of objs) {
    const id = identity(obj, namespace);
    if (map.has(id.key)) {
      out.push(`duplicate ${side} object ${id.full}`);
      continue;
    }
    map.set(id.key, { id, obj });
  }
  return map;
}

/**
 * Compares rendered objects with the chart's objects by the README's rules. Returns one line per
 * difference (empty when equivalent), e.g.
 * `StarRocksCluster starrocks/kube-starrocks: spec.starRocksFeSpec.replicas: expected 1, got 3`,
 * `missing object apps/v1 Deployment starrocks/kube-starrocks-operator`, `unexpected object ...`.
 */
export function compareManifests(actual: readonly any[], expected: readonly any[], namespace: string): string[] {
  const out: string[] = [];
  const exp = index(flattenObjects(expected), namespace, 'expected', out);
  const act = index(flattenObjects(actual), namespace, 'rendered', out);
  for (const [key, e] of exp) {
    const a = act.get(key);
    if (!a) {
      out.push(`missing object ${e.id.full}`);
      continue;
    }
    out.push(...comparePair(e.obj, a.obj, e.id.label));
  }
  for (const [key, a] of act) {
    if (!exp.has(key)) out.push(`unexpected object ${a.id.full}`);
  }
  return out;
}

/** The objects of a case's expected.yaml. */
export function expectedManifests(c: ConformanceCase): any[] {
  if (c.expectedYaml === undefined) throw new Error(`case ${c.name} has no expected.yaml (the render must fail: ${c.expectError})`);
  return parseManifestStream(c.expectedYaml);
}

/** Throws, listing every difference, unless `actual` is what the chart renders for the case. */
export function assertConformant(actual: readonly any[], c: ConformanceCase): void {
  if (c.expectError !== null) {
    throw new Error(`case ${c.name}: the chart refuses these values ("${c.expectError}"); the library must refuse to render too`);
  }
  if (c.libraryExpectError !== undefined) {
    throw new Error(`case ${c.name}: the chart's output would be rejected by the API server; the library must refuse to render with an error naming ${c.libraryExpectError}`);
  }
  const diffs = compareManifests(actual, expectedManifests(c), c.namespace);
  if (diffs.length > 0) {
    throw new Error(`case ${c.name}: ${diffs.length} difference(s) from the chart's output:\n  ${diffs.join('\n  ')}`);
  }
}

/**
 * A small comparison of synthesized objects with the operator objects of a conformance case, after
 * the rules of ../shared/conformance/README.md ("How to compare"): objects match by
 * apiVersion + kind + namespace + name; null, {} and [] count as absent; scalars compare by their
 * string form; the objects' own labels and annotations only need to contain the expected entries
 * (Helm's bookkeeping labels ignored); list order matters.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { sharedPath } from '../util/shared';

const CLUSTER_SCOPED = new Set([
  'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass',
  'PriorityClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService',
]);
const HELM_LABELS = /^(helm\.sh\/chart|app\.kubernetes\.io\/managed-by|meta\.helm\.sh\/.*)$/;

/** A conformance case: its release namespace and the operator subchart's objects. */
export interface OperatorCase {
  readonly namespace: string;
  readonly objects: any[];
}

/** Reads the objects rendered from the chart's `operator` subchart templates in one case. */
export function loadOperatorCase(caseName: string): OperatorCase {
  const dir = sharedPath(path.join('conformance', 'cases', caseName));
  const caseJson = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8'));
  const text = fs.readFileSync(path.join(dir, 'expected.yaml'), 'utf8');
  const objects: any[] = [];
  // Helm prints "# Source: <template>" before every template's output.
  for (const chunk of text.split(/^---$/m)) {
    if (!/^# Source: [^/]+\/charts\/operator\//m.test(chunk)) {
      continue;
    }
    for (const doc of parseAllDocuments(chunk)) {
      const value = doc.toJS();
      if (value === null || value === undefined || (typeof value === 'object' && Object.keys(value).length === 0)) {
        continue;
      }
      objects.push(...(value.kind === 'List' ? value.items ?? [] : [value]));
    }
  }
  return { namespace: caseJson.namespace, objects };
}

/** Identity of an object for matching. */
export function objectId(obj: any, defaultNamespace: string): string {
  const namespace = CLUSTER_SCOPED.has(obj.kind) ? '' : obj.metadata?.namespace ?? defaultNamespace;
  return `${obj.apiVersion} ${obj.kind} ${namespace}/${obj.metadata?.name}`;
}

/** Null, {} and [] become undefined (recursively); scalars become strings. */
function normalize(value: any): any {
  if (value === null || value === undefined) {
    return undefined;
  }
  if (Array.isArray(value)) {
    const list = value.map(normalize);
    return list.length === 0 ? undefined : list;
  }
  if (typeof value === 'object') {
    const out: { [key: string]: any } = {};
    for (const [k, v] of Object.entries(value)) {
      const n = normalize(v);
      if (n !== undefined) {
        out[k] = n;
      }
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return String(value);
}

function diffValues(expected: any, actual: any, at: string, out: string[]): void {
  if (expected === undefined || actual === undefined || typeof expected !== 'object' || typeof actual !== 'object'
    || Array.isArray(expected) !== Array.isArray(actual)) {
    if (JSON.stringify(expected) !== JSON.stringify(actual)) {
      out.push(`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
    return;
  }
  if (Array.isArray(expected)) {
    if (expected.length !== actual.length) {
      out.push(`${at}: expected ${expected.length} items ${JSON.stringify(expected)}, got ${actual.length} ${JSON.stringify(actual)}`);
      return;
    }
    expected.forEach((e, i) => diffValues(e, actual[i], `${at}[${i}]`, out));
    return;
  }
  for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    diffValues(expected[key], actual[key], `${at}.${key}`, out);
  }
}

/** Differences of one matched pair, as readable lines. */
export function diffObject(expectedRaw: any, actualRaw: any): string[] {
  const expected = normalize(expectedRaw) ?? {};
  const actual = normalize(actualRaw) ?? {};
  const out: string[] = [];
  const expMeta = { ...expected.metadata };
  const actMeta = { ...actual.metadata };
  for (const field of ['labels', 'annotations']) {
    for (const [k, v] of Object.entries<string>(expMeta[field] ?? {})) {
      if (field === 'labels' && HELM_LABELS.test(k)) {
        continue;
      }
      if (actMeta[field]?.[k] !== v) {
        out.push(`metadata.${field}.${k}: expected ${JSON.stringify(v)}, got ${JSON.stringify(actMeta[field]?.[k])}`);
      }
    }
    delete expMeta[field];
    delete actMeta[field];
  }
  // the namespace takes part in matching already
  delete expMeta.namespace;
  delete actMeta.namespace;
  diffValues({ ...expected, metadata: expMeta }, { ...actual, metadata: actMeta }, '', out);
  return out;
}

/**
 * Compares two sets of objects. Returns one line per missing, unexpected or differing object;
 * an empty list means equal.
 */
export function compareObjects(expected: any[], actual: any[], defaultNamespace: string): string[] {
  const out: string[] = [];
  const byId = new Map<string, any>();
  for (const obj of actual) {
    const id = objectId(obj, defaultNamespace);
    if (byId.has(id)) {
      out.push(`duplicate object ${id}`);
    }
    byId.set(id, obj);
  }
  for (const exp of expected) {
    const id = objectId(exp, defaultNamespace);
    const act = byId.get(id);
    if (act === undefined) {
      out.push(`missing ${id}`);
      continue;
    }
    byId.delete(id);
    out.push(...diffObject(exp, act).map((d) => `${id}: ${d}`));
  }
  for (const id of byId.keys()) {
    out.push(`unexpected ${id}`);
  }
  return out;
}

import { ComponentState, ConfigMapUse, FieldRule, SpecKind } from './component-mapping';
import { ExprMap } from './expr';
import { checkKeys, isObject, Json, obj, str, stringMap, Unrepresentable } from './read';
import { fail } from '../common/validate';

/**
 * A JSON patch the mapping adds where the typed API cannot write a field as given (the README's
 * escape hatch, `ApiObject.of(construct).addJsonPatch(...)`).
 *
 * @internal
 */
export interface ManifestPatch {
  /** The object patched: `''` the custom resource, else the id of a child of the construct (`FeConfig`). */
  readonly target: string;
  /** The JSON pointer. */
  readonly path: string;
  /** The value added; `undefined` removes the path. */
  readonly value: unknown;
  /** Why the typed API cannot write it. */
  readonly reason: string;
}

/** Reads a component spec by the rules; fields the rules cannot write become patches. @internal */
export function readSpec(
  rules: readonly FieldRule[], spec: unknown, path: string, pointer: string, s: ComponentState, what: string,
): ManifestPatch[] {
  const o = obj(path, spec);
  const known = rules.filter((r) => r.only === undefined || r.only.includes(s.kind));
  checkKeys(path, o, known.map((r) => r.field), what);
  const patches: ManifestPatch[] = [];
  for (const field of Object.keys(o)) {
    const rule = known.find((r) => r.field === field);
    const add = (reason: string) => patches.push({ target: '', path: `${pointer}/${field}`, value: o[field], reason });
    if (rule?.read === undefined) {
      add(`the typed API has no prop for ${field}`);
      continue;
    }
    try {
      rule.read(o[field], `${path}.${field}`, s);
    } catch (e) {
      if (!(e instanceof Unrepresentable)) throw e;
      add(`${field}: ${e.reason}`);
    }
  }
  return patches;
}

/** A fresh state for reading a component spec. @internal */
export function newState(kind: SpecKind): ComponentState {
  return { kind, props: {}, patches: [] };
}

const METADATA = ['name', 'namespace', 'labels', 'annotations'];

/** The metadata the props write, and patches for the rest. @internal */
export interface ResourceMetadata {
  readonly name: string;
  readonly namespace?: string;
  readonly labels: { [key: string]: string };
  readonly annotations?: { [key: string]: string };
  readonly patches: ManifestPatch[];
}

/** The metadata of a custom resource: name, namespace, labels, annotations; other fields patched. @internal */
export function readMetadata(m: Json, kind: string): ResourceMetadata {
  const meta = obj('metadata', m.metadata);
  const name = str('metadata.name', meta.name);
  const namespace = meta.namespace === undefined ? undefined : str('metadata.namespace', meta.namespace);
  const labels = meta.labels === undefined ? {} : stringMap('metadata.labels', meta.labels);
  const annotations = meta.annotations === undefined ? undefined : stringMap('metadata.annotations', meta.annotations);
  const patches: ManifestPatch[] = [];
  for (const k of Object.keys(meta)) {
    if (!METADATA.includes(k)) {
      patches.push({ target: '', path: `/metadata/${k}`, value: meta[k], reason: `the typed API has no prop for metadata.${k}` });
    }
  }
  if (annotations !== undefined && Object.keys(annotations).length === 0) {
    patches.push({ target: '', path: '/metadata/annotations', value: {}, reason: 'the typed API leaves empty annotations out' });
  }
  if (m.apiVersion !== 'starrocks.com/v1') fail('apiVersion', 'starrocks.com/v1', m.apiVersion);
  if (m.kind !== kind) fail('kind', kind, m.kind);
  return { name, namespace, labels, annotations: annotations && Object.keys(annotations).length > 0 ? annotations : undefined, patches };
}

/** The top-level fields of a custom resource besides `spec`: `status` is patched. @internal */
export function readTop(m: Json): ManifestPatch[] {
  checkKeys('', m, ['apiVersion', 'kind', 'metadata', 'spec', 'status'], 'CRD');
  return m.status === undefined ? [] : [{ target: '', path: '/status', value: m.status, reason: 'the status is written by the operator' }];
}

/** Patches of a ConfigMap the library writes: its namespace when the file gives none, its labels when they differ beyond the library's own. @internal */
export function configMapPatches(
  target: string, use: ConfigMapUse, written: { [key: string]: string }, extras: readonly string[],
): ManifestPatch[] {
  const patches: ManifestPatch[] = use.noNamespace
    ? [{ target, path: '/metadata/namespace', value: undefined, reason: 'the ConfigMap has no namespace in the file' }] : [];
  const input = use.labels;
  const keys = new Set([...Object.keys(input), ...Object.keys(written)]);
  const differs = [...keys].some((k) => input[k] !== written[k] && !(input[k] === undefined && extras.includes(k)));
  if (differs) patches.push({ target, path: '/metadata/labels', value: input, reason: 'the ConfigMap\'s labels are not the ones the library gives it' });
  return patches;
}

/** Whether a value is a non-empty object. @internal */
export function hasFields(v: unknown): boolean {
  return isObject(v) && Object.keys(v).length > 0;
}

/** Puts a value into a props map when it is set. @internal */
export function putIf(props: ExprMap, key: string, v: ExprMap[string] | undefined): void {
  if (v !== undefined) props[key] = v;
}

/**
 * Splits a resource's labels into those of the `labels` prop (which the library also puts on the
 * ConfigMaps it writes: the labels every such ConfigMap has too) and those of the resource only.
 *
 * @internal
 */
export function splitLabels(labels: { [key: string]: string }, configMapLabels: ReadonlyArray<{ [key: string]: string }>): {
  shared: { [key: string]: string }; resourceOnly: { [key: string]: string };
} {
  const shared: { [key: string]: string } = {};
  const resourceOnly: { [key: string]: string } = {};
  for (const k of Object.keys(labels)) {
    if (configMapLabels.every((l) => l[k] === labels[k])) shared[k] = labels[k];
    else resourceOnly[k] = labels[k];
  }
  return { shared, resourceOnly };
}

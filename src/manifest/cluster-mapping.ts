import { COMPONENT_FIELDS, ConfigMapsByName, ConfigMapUse, FieldRule, finishComponent, service } from './component-mapping';
import { ExprMap } from './expr';
import { bool, checkKeys, dropNulls, int, isObject, Json, obj, objects, str, unrepresentable } from './read';
import { configMapPatches, ManifestPatch, newState, readMetadata, readSpec, readTop, splitLabels } from './spec-reader';
import {
  enumMember, flag, integer, k8sData, k8sList, quantities, seconds, secretNames, strings, text,
} from './values';
import { mountsClusterSnapshot } from '../cluster/props';
import { ComponentKey } from '../common/constants';
import { ImagePullPolicy } from '../components/options';

/**
 * What a StarRocksCluster or StarRocksWarehouse manifest maps to: the typed props (as a tree that
 * gives their values and their code), the JSON patches for what the props cannot say, and the
 * ConfigMaps of the file that became `config`.
 *
 * @internal
 */
export interface ManifestMapping {
  readonly kind: 'StarRocksCluster' | 'StarRocksWarehouse';
  /** The resource's name. */
  readonly name: string;
  /** The props, without a warehouse's `cluster`. */
  readonly props: ExprMap;
  /** A warehouse's `spec.starRocksCluster`. */
  readonly clusterName?: string;
  /** The resource's namespace. */
  readonly namespace?: string;
  readonly patches: readonly ManifestPatch[];
  /** Labels of the resource only, not of the ConfigMaps the library writes (`metadata.addLabel`). */
  readonly resourceLabels: { readonly [key: string]: string };
  /** Names of the file's ConfigMaps that the mapping writes as a component's `config`. */
  readonly configMaps: readonly string[];
}

type ProxyState = { props: ExprMap; resources?: ExprMap };
const proxy = (prop: string, how: (path: string, v: unknown) => ExprMap[string]) =>
  (v: unknown, path: string, s: { props: ExprMap }) => { s.props[prop] = how(path, v); };
const emptyOk = <T>(how: (path: string, v: unknown) => T) => (path: string, v: unknown): T => {
  if ((Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0)) unrepresentable('empty (the typed API leaves it out)');
  return how(path, v);
};

/** Every field of `starRocksFeProxySpec` and the prop of `feProxy` that writes it. @internal */
export const FE_PROXY_FIELDS: readonly FieldRule[] = ([
  ['replicas', 'replicas', integer],
  ['image', 'image', text],
  ['imagePullPolicy', 'imagePullPolicy', enumMember('ImagePullPolicy', ImagePullPolicy)],
  ['imagePullSecrets', 'imagePullSecrets', emptyOk(secretNames)],
  ['resolver', 'resolver', text],
  ['service', 'service', service],
  ['nodeSelector', 'nodeSelector', strings],
  ['affinity', 'affinity', k8sData],
  ['tolerations', 'tolerations', emptyOk(k8sList)],
  ['topologySpreadConstraints', 'topologySpreadConstraints', emptyOk(k8sList)],
  ['schedulerName', 'schedulerName', text],
  ['serviceAccount', 'serviceAccount', text],
  ['livenessProbeFailureSeconds', 'livenessProbeFailureTime', seconds],
  ['readinessProbeFailureSeconds', 'readinessProbeFailureTime', seconds],
  ['podLabels', 'podLabels', emptyOk(strings)],
  ['annotations', 'podAnnotations', emptyOk(strings)],
  ['shareProcessNamespace', 'shareProcessNamespace', flag],
] as Array<[string, string, (path: string, v: unknown) => ExprMap[string]]>)
  .map(([field, prop, how]): FieldRule => ({ field, prop, read: proxy(prop, how) }))
  .concat([
    { field: 'limits', prop: 'resources.limits', read: (v, p, s) => { ((s as ProxyState).resources ??= {}).limits = quantities(p, v); } },
    { field: 'requests', prop: 'resources.requests', read: (v, p, s) => { ((s as ProxyState).resources ??= {}).requests = quantities(p, v); } },
    {
      field: 'storageVolumes',
      prop: '`emptyDirs` (emptyDir volumes)',
      read: (v, p, s) => {
        s.props.emptyDirs = emptyOk(objects)(p, v).map((vol, i) => {
          checkKeys(`${p}[${i}]`, vol, ['name', 'mountPath', 'storageClassName', 'storageSize', 'subPath', 'hostPath'], 'CRD');
          if (vol.storageClassName !== 'emptyDir' || Object.keys(vol).length !== 3) unrepresentable('only emptyDir volumes have a prop');
          return { name: str(`${p}[${i}].name`, vol.name), mountPath: str(`${p}[${i}].mountPath`, vol.mountPath) };
        });
      },
    },
    { field: 'configMapInfo', prop: '' },
    { field: 'lifecycle', prop: '' },
    { field: 'startupProbeFailureSeconds', prop: '' },
    { field: 'claims', prop: '' },
  ]);

const SPEC_KEYS: ReadonlyArray<[string, ComponentKey, string]> = [
  ['starRocksFeSpec', 'fe', 'Fe'], ['starRocksBeSpec', 'be', 'Be'], ['starRocksCnSpec', 'cn', 'Cn'],
];

/** Every top-level field of a StarRocksCluster's spec and its prop. @internal */
export const CLUSTER_FIELDS: ReadonlyArray<{ field: string; prop: string }> = [
  { field: 'starRocksFeSpec', prop: 'fe' },
  { field: 'starRocksBeSpec', prop: '`be` (absent: `be: { enabled: false }`)' },
  { field: 'starRocksCnSpec', prop: 'cn' },
  { field: 'starRocksFeProxySpec', prop: 'feProxy' },
  { field: 'waitForFullRollout', prop: 'waitForFullRollout' },
  { field: 'disasterRecovery', prop: '`disasterRecovery` (without `enabled`: `omitEnabled: true`; enabled without a snapshot mount in `fe.configMaps`: `snapshotMountedElsewhere: true`)' },
  { field: 'serviceAccount', prop: '' },
];

/**
 * Maps a StarRocksCluster manifest (and the ConfigMaps of its file) to the typed props.
 *
 * @param manifest the StarRocksCluster object
 * @param configMaps the ConfigMaps of the file, by name
 * @internal
 */
export function mapClusterManifest(manifest: unknown, configMaps: ConfigMapsByName = new Map()): ManifestMapping {
  const m = obj('manifest', dropNulls(manifest));
  const patches = readTop(m);
  const meta = readMetadata(m, 'StarRocksCluster');
  patches.push(...meta.patches);
  const name = meta.name;
  const props: ExprMap = { name };
  if (meta.namespace !== undefined) props.namespace = meta.namespace;
  const labels = { ...meta.labels };
  if (labels.cluster !== undefined && labels.cluster !== name) {
    patches.push({ target: '', path: '/metadata/labels/cluster', value: labels.cluster, reason: 'the library labels the resource cluster: <name>' });
  }
  delete labels.cluster;
  props.labels = {}; // placed here; set once the ConfigMaps are known
  props.defaultLabels = false;
  if (meta.annotations !== undefined) props.annotations = meta.annotations;
  const spec = obj('spec', m.spec ?? {});
  checkKeys('spec', spec, CLUSTER_FIELDS.map((f) => f.field), 'StarRocksCluster CRD');
  const uses: Array<{ target: string; key: ComponentKey; cm: ConfigMapUse }> = [];
  for (const [field, key, idPrefix] of SPEC_KEYS) {
    if (spec[field] === undefined) {
      if (key === 'fe') patches.push({ target: '', path: `/spec/${field}`, value: undefined, reason: 'the typed API always writes FE' });
      if (key === 'be') props.be = { enabled: false };
      continue;
    }
    const s = newState(key);
    patches.push(...readSpec(COMPONENT_FIELDS, spec[field], `spec.${field}`, `/spec/${field}`, s, 'StarRocksCluster CRD'));
    const cm = finishComponent(s, { ownerName: name, namespace: meta.namespace, configMaps });
    if (s.props.image === undefined) {
      patches.push({ target: '', path: `/spec/${field}/image`, value: undefined, reason: 'the typed API always writes the image' });
    }
    for (const u of cm) uses.push({ target: `${idPrefix}${u.idSuffix}`, key, cm: u });
    props[key] = s.props;
  }
  if (spec.starRocksFeProxySpec !== undefined) {
    const s = newState('fe');
    patches.push(...readSpec(FE_PROXY_FIELDS, spec.starRocksFeProxySpec, 'spec.starRocksFeProxySpec', '/spec/starRocksFeProxySpec', s, 'StarRocksCluster CRD'));
    const r = (s as ProxyState).resources;
    if (r !== undefined) s.props.resources = r;
    props.feProxy = s.props;
  }
  if (spec.waitForFullRollout !== undefined) props.waitForFullRollout = bool('spec.waitForFullRollout', spec.waitForFullRollout);
  if (spec.disasterRecovery !== undefined) {
    const dr = obj('spec.disasterRecovery', spec.disasterRecovery);
    checkKeys('spec.disasterRecovery', dr, ['enabled', 'generation'], 'StarRocksCluster CRD');
    const generation = int('spec.disasterRecovery.generation', dr.generation);
    const enabled = dr.enabled === undefined ? undefined : bool('spec.disasterRecovery.enabled', dr.enabled);
    // as written, although FE mounts no cluster snapshot (the library then warns, as on the Helm path)
    const fe = spec.starRocksFeSpec;
    const feMounts = typeof fe === 'object' && fe !== null ? (fe as { readonly configMaps?: unknown }).configMaps : undefined;
    const elsewhere = enabled === true && !mountsClusterSnapshot(Array.isArray(feMounts) ? feMounts.filter((x) => typeof x === 'object' && x !== null) : []);
    props.disasterRecovery = enabled === undefined ? { generation, omitEnabled: true }
      : elsewhere ? { enabled, generation, snapshotMountedElsewhere: true } : { enabled, generation };
  }
  if (spec.serviceAccount !== undefined) {
    patches.push({ target: '', path: '/spec/serviceAccount', value: spec.serviceAccount, reason: 'the typed API has no prop for spec.serviceAccount' });
  }
  const { shared, resourceOnly } = splitLabels(labels, uses.map((u) => u.cm.labels));
  if (Object.keys(shared).length > 0) props.labels = shared;
  else delete props.labels;
  for (const u of uses) {
    patches.push(...configMapPatches(u.target, u.cm, { ...shared, cluster: name, app: u.key }, ['cluster', 'app']));
  }
  return {
    kind: 'StarRocksCluster', name, namespace: meta.namespace, props, patches, resourceLabels: resourceOnly, configMaps: uses.map((u) => u.cm.name),
  };
}

/** The ConfigMaps among a list of objects, by name. @internal */
export function configMapsOf(objs: readonly unknown[]): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const o of objs) {
    if (isObject(o) && o.apiVersion === 'v1' && o.kind === 'ConfigMap' && isObject(o.metadata) && typeof o.metadata.name === 'string') {
      out.set(o.metadata.name, dropNulls(o) as Json);
    }
  }
  return out;
}

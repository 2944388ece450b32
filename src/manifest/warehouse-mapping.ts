import { ManifestMapping } from './cluster-mapping';
import { COMPONENT_FIELDS, ConfigMapsByName, finishComponent } from './component-mapping';
import { ExprMap } from './expr';
import { checkKeys, dropNulls, obj, str } from './read';
import { configMapPatches, newState, readMetadata, readSpec, readTop, splitLabels } from './spec-reader';
import { WAREHOUSE_ALIAS_SUFFIX } from '../common/constants';

/** Every top-level field of a StarRocksWarehouse's spec and its prop. @internal */
export const WAREHOUSE_FIELDS: ReadonlyArray<{ field: string; prop: string }> = [
  { field: 'starRocksCluster', prop: '`cluster` (`StarRocksCluster.fromClusterName`, or the cluster of the same file)' },
  { field: 'template', prop: 'the warehouse\'s component props (`CnBaseOptions`), below' },
];

/**
 * Maps a StarRocksWarehouse manifest (and the ConfigMaps of its file) to the typed props; the
 * warehouse's cluster is `clusterName`.
 *
 * @internal
 */
export function mapWarehouseManifest(manifest: unknown, configMaps: ConfigMapsByName = new Map()): ManifestMapping {
  const m = obj('manifest', dropNulls(manifest));
  const patches = readTop(m);
  const meta = readMetadata(m, 'StarRocksWarehouse');
  patches.push(...meta.patches);
  const name = meta.name;
  const labels = { ...meta.labels };
  if (labels.warehouse !== undefined && labels.warehouse !== name) {
    patches.push({ target: '', path: '/metadata/labels/warehouse', value: labels.warehouse, reason: 'the library labels the resource warehouse: <name>' });
  }
  delete labels.warehouse;
  const spec = obj('spec', m.spec);
  checkKeys('spec', spec, WAREHOUSE_FIELDS.map((f) => f.field), 'StarRocksWarehouse CRD');
  const clusterName = str('spec.starRocksCluster', spec.starRocksCluster);
  const s = newState('warehouse');
  patches.push(...readSpec(COMPONENT_FIELDS, spec.template ?? {}, 'spec.template', '/spec/template', s, 'StarRocksWarehouse CRD'));
  const cm = finishComponent(s, { ownerName: `${name}${WAREHOUSE_ALIAS_SUFFIX}`, namespace: meta.namespace, configMaps });
  if (s.props.image === undefined) {
    patches.push({ target: '', path: '/spec/template/image', value: undefined, reason: 'the typed API always writes the image' });
  }
  const props: ExprMap = { name };
  if (meta.namespace !== undefined) props.namespace = meta.namespace;
  const { shared, resourceOnly } = splitLabels(labels, cm.map((u) => u.labels));
  if (Object.keys(shared).length > 0) props.labels = shared;
  props.defaultLabels = false;
  if (meta.annotations !== undefined) props.annotations = meta.annotations;
  Object.assign(props, s.props);
  const used: string[] = [];
  for (const u of cm) {
    used.push(u.name);
    patches.push(...configMapPatches(`Cn${u.idSuffix}`, u, { ...shared, warehouse: name, app: 'warehouse' }, ['warehouse', 'app']));
  }
  return { kind: 'StarRocksWarehouse', name, namespace: meta.namespace, props, clusterName, patches, resourceLabels: resourceOnly, configMaps: used };
}

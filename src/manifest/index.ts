/**
 * From StarRocksCluster and StarRocksWarehouse manifests to the typed API: one mapping, used by
 * `StarRocksCluster.fromManifest`, `StarRocksWarehouse.fromManifest`, `cdk8s-starrocks convert`
 * and the README's table.
 *
 * - `mapClusterManifest(manifest, configMaps)` / `mapWarehouseManifest(...)`: the props (a tree:
 *   `exprValue` gives the values, `exprCode` the TypeScript), the JSON patches for what the props
 *   cannot say, and the ConfigMaps of the file that became `config`. Bad input (a field the CRD
 *   does not declare, a value of the wrong type) throws a `StarRocksPropError` naming the
 *   manifest path (`spec.starRocksFeSpec.replicas`).
 * - `applyManifestMapping(construct, mapping)`: adds the resource-only labels and the patches to
 *   the construct's objects.
 * - `manifestModule(mappings, source)`: the TypeScript module `convert` prints.
 * - `manifestMappingTable()`: the markdown table of fields and props.
 *
 * @internal
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import type { ManifestMapping } from './cluster-mapping';
import type { ManifestPatch } from './spec-reader';

export { configMapsOf, mapClusterManifest } from './cluster-mapping';
export type { ManifestMapping } from './cluster-mapping';
export { mapWarehouseManifest } from './warehouse-mapping';
export { exprValue } from './expr';
export { manifestModule } from './codegen';
export { manifestMappingTable } from './table';
export type { ManifestPatch } from './spec-reader';

/**
 * Adds what the mapping's props cannot say to the construct built from them: the labels of the
 * resource only, and the JSON patches of the resource and its ConfigMaps.
 *
 * @internal
 */
export function applyManifestMapping(construct: Construct, mapping: ManifestMapping): void {
  const resource = ApiObject.of(construct);
  for (const [k, v] of Object.entries(mapping.resourceLabels)) resource.metadata.addLabel(k, v);
  applyManifestPatches(construct, mapping.patches);
}

function applyManifestPatches(construct: Construct, patches: readonly ManifestPatch[]): void {
  for (const p of patches) {
    const target = p.target === '' ? ApiObject.of(construct) : ApiObject.of(construct.node.findChild(p.target));
    target.addJsonPatch(p.value === undefined ? JsonPatch.remove(p.path) : JsonPatch.add(p.path, p.value));
  }
}
export type { FromManifestOptions } from './options';

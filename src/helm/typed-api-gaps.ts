/**
 * The places where the chart translation needs something the typed API cannot say yet. Each one
 * is a single small function, named after what it does for the chart, with the public option
 * that will replace it; nothing else in `src/helm` reaches past the constructs' public API.
 *
 * @internal
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import type { StarRocksWarehouse } from '../warehouse/warehouse';

/**
 * Runs the checks a warehouse makes when it renders (Service ports, annotations), now, so that
 * their errors reach the translation, which names the values key. At synth time they would come
 * wrapped by cdk8s ("Failed serializing construct ..."), their prop path lost.
 *
 * To be replaced once the warehouse checks its props in the constructor, or reports synth-time
 * problems through `node.addValidation` with the prop path as data.
 *
 * @internal
 */
export function checkWarehouseNow(warehouse: StarRocksWarehouse): void {
  warehouse._renderSpec();
}

/**
 * Leaves a cluster-scoped object of the top-level `resources` list without a namespace: cdk8s
 * gives every object without one the chart's namespace, and has no way to say "none".
 *
 * Remains a JSON patch (a cdk8s limit, not one of this library).
 *
 * @internal
 */
export function removeNamespace(obj: ApiObject): void {
  obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
}

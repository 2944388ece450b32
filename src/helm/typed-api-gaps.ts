/**
 * The places where the chart translation needs something the typed API cannot say. Each one is a
 * single small function, named after what it does for the chart, saying why it remains; nothing
 * else in `src/helm` reaches past the constructs' public API.
 *
 * @internal
 */
import { ApiObject, JsonPatch } from 'cdk8s';

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

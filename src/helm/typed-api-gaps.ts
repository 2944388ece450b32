/**
 * The places where the chart translation needs something the typed API cannot say yet. Each one
 * is a single small function, named after what it does for the chart, with the public option
 * that will replace it; nothing else in `src/helm` reaches past the constructs' public API.
 *
 * @internal
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-27';
import { literalBlock } from './common';
import type { StarRocksCluster } from '../cluster/cluster';
import { ComponentKey } from '../common/constants';
import type { StarRocksWarehouse } from '../warehouse/warehouse';

/**
 * A Secret of the metrics basic auth, by name. `MetricsBasicAuth` takes a `kplus.ISecret` and reads
 * only its name; `kplus.Secret.fromSecretName` would load cdk8s-plus-27 at run time (which neither
 * the library nor the command loads otherwise: a cold `template` run would take much longer).
 *
 * To be replaced by secret names in `MetricsBasicAuth` (e.g. `usernameSecretName`), or a reference
 * type of the library's own.
 *
 * @internal
 */
export function secretByName(name: string): kplus.ISecret {
  return { name } as unknown as kplus.ISecret;
}

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
 * Disaster recovery printed as the chart prints it, although the typed API refuses it: with
 * `enabled` (or no `enabled`) and no cluster snapshot mounted into FE, the typed
 * `disasterRecovery` prop is an error (the operator would wait forever); and without `enabled` the
 * chart prints no `enabled` field, where the typed prop prints `enabled: true`.
 *
 * Remains a JSON patch until the typed API can render disaster recovery without the snapshot check
 * (or turns that check into a warning).
 *
 * @internal
 */
export function patchDisasterRecovery(cluster: StarRocksCluster, dr: { readonly enabled?: boolean; readonly generation: number }): void {
  cluster.apiObject.addJsonPatch(JsonPatch.add('/spec/disasterRecovery', dr));
}

/**
 * The entrypoint script ConfigMap of a component holding the script as a YAML literal block
 * prints it (exactly one final newline), while the pod annotation keeps the hash of the script as
 * given, as the chart does. The ConfigMap is found by its Kubernetes name (the operator's
 * `<cluster>-<component>-entrypoint-script`), not by a construct id.
 *
 * Remains a JSON patch until the component exposes its entrypoint ConfigMap, or takes the hash of
 * the script as an option.
 *
 * @internal
 */
export function patchEntrypointScript(cluster: StarRocksCluster, component: ComponentKey, script: string): void {
  const name = `${cluster.clusterName}-${component}-entrypoint-script`;
  const configMap = cluster.node.findAll().find((c): c is ApiObject => c instanceof ApiObject && c.kind === 'ConfigMap' && c.name === name);
  if (configMap !== undefined && literalBlock(script) !== script) {
    configMap.addJsonPatch(JsonPatch.replace('/data/entrypoint.sh', literalBlock(script)));
  }
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

/**
 * Facts of the StarRocks operator v1.11.5 and the warehouse chart 1.11.5 about warehouses.
 *
 * Sources (operator repository, tag v1.11.5):
 * - the `-warehouse` suffix of every object the operator creates for a warehouse:
 *   `pkg/k8sutils/templates/object/meta.go` (`GetAliasName`); the CN objects then get the usual
 *   `-cn`, `-cn-service`, `-cn-search`, `-cn-autoscaler` suffixes
 * - the template is handled as a CN spec (`envVars` becomes `cnEnvVars`):
 *   `pkg/apis/starrocks/v1/starrockswarehouse_types.go` (`ToCnSpec`)
 * - the ConfigMap of the warehouse chart (`<release>-cm`, key `cn.conf`, labels `warehouse` and
 *   `app: warehouse`): `helm-charts/charts/warehouse/templates/cnconfigmap.yaml`
 * - enterprise edition 3.2 or later: `doc/deploy_warehouse_howto.md`
 *
 * @internal
 */

/** Suffix of the prefix of every object the operator derives from a warehouse. @internal */
export const WAREHOUSE_ALIAS_SUFFIX = '-warehouse';

/** Label the warehouse chart puts on the warehouse and its ConfigMap. @internal */
export const LABEL_WAREHOUSE = 'warehouse';

/** The `app` label value of the warehouse chart's ConfigMap. @internal */
export const WAREHOUSE_APP = 'warehouse';

/** The oldest StarRocks (enterprise) version with warehouses. @internal */
export const WAREHOUSE_MIN_VERSION: readonly [number, number] = [3, 2];

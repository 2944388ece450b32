/**
 * Wire shape of the StarRocksWarehouse custom resource's spec (`starrocks.com/v1`). The names
 * follow the types `cdk8s import` generates from the CRD (`imports/starrocks.com.ts`), so that
 * these declarations can be replaced by an import of the generated ones; until then, this is the
 * one place that describes them.
 *
 * @internal
 */

/** `StarRocksWarehouse.spec`. @internal */
export interface StarRocksWarehouseSpec {
  /** name of the StarRocksCluster, in the warehouse's namespace */
  readonly starRocksCluster: string;
  readonly template: StarRocksWarehouseSpecTemplate;
}

/**
 * `StarRocksWarehouse.spec.template`: a CN spec (image, replicas, resources, `envVars`, ...), as
 * the CN renderer of `components/` writes it.
 *
 * @internal
 */
export interface StarRocksWarehouseSpecTemplate {
  readonly [field: string]: unknown;
}

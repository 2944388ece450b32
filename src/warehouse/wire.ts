/**
 * Wire shapes of the StarRocksWarehouse custom resource (`starrocks.com/v1`), from the types
 * generated from its CRD (`imports/`, `npx projen import`).
 *
 * @internal
 */
export type { WarehouseSpecWire as StarRocksWarehouseSpec, WarehouseTemplateWire as StarRocksWarehouseSpecTemplate } from '../common/crd-types';

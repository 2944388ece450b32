/**
 * The declared types of the kube-starrocks umbrella chart's values: `operator:` (the operator
 * subchart), `starrocks:` (the starrocks subchart) and `global:` (passed on to both; the operator
 * reads `global.rbac`).
 *
 * @internal
 */
import { struct, StructSchema } from './dsl';
import { OPERATOR_GLOBAL_SCHEMA, OPERATOR_VALUES_SCHEMA } from './operator';
import { STARROCKS_VALUES_SCHEMA } from './starrocks';

/** The kube-starrocks chart's values. @internal */
export const KUBE_STARROCKS_VALUES_SCHEMA: StructSchema = struct({
  operator: OPERATOR_VALUES_SCHEMA,
  starrocks: STARROCKS_VALUES_SCHEMA,
  global: OPERATOR_GLOBAL_SCHEMA,
});

/**
 * The declared types of the kube-starrocks umbrella chart's values: `operator:` (the operator
 * subchart), `starrocks:` (the starrocks subchart) and `global:` (passed on to both; the operator
 * reads `global.rbac`).
 *
 * @internal
 */
import { struct, StructSchema, ValueSchema, wireMap } from './dsl';
import { OPERATOR_GLOBAL_SCHEMA, OPERATOR_VALUES_SCHEMA } from './operator';
import { STARROCKS_VALUES_SCHEMA } from './starrocks';

/**
 * The starrocks subchart's values as checked: its schema, or, while that declares no key yet, a
 * map whose keys are not checked (rather than a warning for every key).
 *
 * @internal
 */
export const STARROCKS_SUBCHART_SCHEMA: ValueSchema = Object.keys(STARROCKS_VALUES_SCHEMA.fields).length > 0
  ? STARROCKS_VALUES_SCHEMA
  : wireMap('a map of the starrocks subchart\'s values');

/** The kube-starrocks chart's values. @internal */
export const KUBE_STARROCKS_VALUES_SCHEMA: StructSchema = struct({
  operator: OPERATOR_VALUES_SCHEMA,
  starrocks: STARROCKS_SUBCHART_SCHEMA,
  global: OPERATOR_GLOBAL_SCHEMA,
});

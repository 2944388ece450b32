import { Construct } from 'constructs';
import { HelmContext, HelmValuesError } from './context';
import { coalesceChartValues } from './merge';
import { OPERATOR_CHART_DEFAULTS } from './operator-defaults';
import { addOperatorFromValues } from './operator-values';
import { checkValues, showValue } from './schema/check';
import { KUBE_STARROCKS_VALUES_SCHEMA } from './schema/kube-starrocks';
import { addStarRocksFromValues } from './starrocks';
import { starrocksChartDefaults } from './starrocks-defaults';
import { isMap, section, ValuesMap } from './values';
import { warn } from '../common/warnings';

/**
 * Adds what the kube-starrocks umbrella chart renders: the operator subchart (`operator:`) and
 * the starrocks subchart (`starrocks:`). Values are coalesced as Helm 3.6.2 does for an umbrella
 * chart whose values.yaml repeats its subcharts' defaults, `global` included.
 *
 * @internal
 */
export function addKubeStarRocks(scope: Construct, values: ValuesMap, ctx: HelmContext): void {
  if (values !== null && values !== undefined && !isMap(values)) {
    throw new HelmValuesError(`the kube-starrocks chart's values must be a map, got ${showValue(values)}`);
  }
  // the user's values, before they are coalesced (a wrong type is named as the user wrote it); a
  // top-level key other than operator, starrocks and global is a warning: Helm ignores it, and
  // values files often hold YAML anchors under such keys
  checkValues(values ?? {}, KUBE_STARROCKS_VALUES_SCHEMA, '', (m) => warn(scope, m));
  const operator = OPERATOR_CHART_DEFAULTS;
  const starrocks = starrocksChartDefaults();
  const merged = coalesceChartValues({
    name: 'kube-starrocks',
    values: { operator, starrocks },
    dependencies: [{ name: 'operator', values: operator }, { name: 'starrocks', values: starrocks }],
  }, values ?? {});
  // the merged values are not checked again: each key holds the user's value (checked above) or the
  // chart's default (test/helm/schema-defaults.test.ts checks the defaults against the schemas)
  try {
    addOperatorFromValues(scope, merged.operator, ctx);
  } catch (e) {
    throw globalKey(e, values ?? {});
  }
  // a map: coalesceChartValues refuses a subchart's values of another type
  addStarRocksFromValues(scope, section(merged.starrocks), ctx);
}

/**
 * An error about `operator.global.<key>` where the user set the key in the top-level `global`
 * only (which Helm passes on to the subchart): reworded to name the key the user wrote.
 */
function globalKey(e: unknown, user: ValuesMap): unknown {
  const prefix = 'operator.global.';
  if (!(e instanceof HelmValuesError) || !e.message.startsWith(prefix)) {
    return e;
  }
  const key = e.message.slice(prefix.length).split(' ')[0];
  const path = key.split('.');
  const has = (root: unknown) => path.every((p) => {
    if (!isMap(root) || !(p in root)) {
      return false;
    }
    root = root[p];
    return true;
  });
  const operatorValues = isMap(user.operator) ? user.operator.global : undefined;
  return has(user.global) && !has(operatorValues) ? new HelmValuesError(`global.${e.message.slice(prefix.length)}`) : e;
}

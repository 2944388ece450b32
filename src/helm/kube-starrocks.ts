import { Construct } from 'constructs';
import { HelmContext, HelmValuesError } from './context';
import { coalesceChartValues } from './merge';
import { OPERATOR_CHART_DEFAULTS } from './operator-defaults';
import { addOperatorFromValues } from './operator-values';
import { addStarRocksFromValues } from './starrocks';
import { starrocksChartDefaults } from './starrocks-defaults';
import { isMap, section, ValuesMap } from './values';

/**
 * Adds what the kube-starrocks umbrella chart renders: the operator subchart (`operator:`) and
 * the starrocks subchart (`starrocks:`). Values are coalesced as Helm 3.6.2 does for an umbrella
 * chart whose values.yaml repeats its subcharts' defaults, `global` included.
 *
 * @internal
 */
export function addKubeStarRocks(scope: Construct, values: ValuesMap, ctx: HelmContext): void {
  for (const key of Object.keys(values ?? {})) {
    if (!['operator', 'starrocks', 'global'].includes(key)) {
      throw new HelmValuesError(`unknown top-level key "${key}": the kube-starrocks chart's values go under "operator:" and "starrocks:"`);
    }
    if (values[key] !== null && values[key] !== undefined && !isMap(values[key])) {
      throw new HelmValuesError(`"${key}" must be a map of the subchart's values`);
    }
  }
  const operator = OPERATOR_CHART_DEFAULTS;
  const starrocks = starrocksChartDefaults();
  const merged = coalesceChartValues({
    name: 'kube-starrocks',
    values: { operator, starrocks },
    dependencies: [{ name: 'operator', values: operator }, { name: 'starrocks', values: starrocks }],
  }, values ?? {});
  addOperatorFromValues(scope, merged.operator, ctx);
  // a map: coalesceChartValues refuses a subchart's values of another type
  addStarRocksFromValues(scope, section(merged.starrocks), ctx);
}

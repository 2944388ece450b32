/**
 * The embedded chart defaults (src/helm/*-defaults.ts) against the charts' own values.yaml files in
 * ../shared/charts, key by key: each file read with the command's reader, the umbrella chart's
 * `operator:`/`starrocks:` parts laid over the subcharts' values.yaml as Helm coalesces them.
 */
import * as fs from 'fs';
import { parseValuesYaml } from '../../src/cli/yaml-io';
import { coalesceChartValues } from '../../src/helm/merge';
import { OPERATOR_CHART_DEFAULTS } from '../../src/helm/operator-defaults';
import { starrocksChartDefaults } from '../../src/helm/starrocks-defaults';
import { isMap } from '../../src/helm/values';
import { WAREHOUSE_CHART_DEFAULTS } from '../../src/helm/warehouse-defaults';
import { describeShared, sharedPath } from '../util/shared';

function read(rel: string): { [key: string]: unknown } {
  const file = sharedPath(rel);
  return parseValuesYaml(fs.readFileSync(file, 'utf8'), file);
}

/** Every difference between two values trees, one line each, by dotted key path. */
function differences(chart: unknown, ours: unknown, at = ''): string[] {
  if (isMap(chart) && isMap(ours)) {
    const keys = [...new Set([...Object.keys(chart), ...Object.keys(ours)])].sort();
    return keys.flatMap(k => {
      const p = at === '' ? k : `${at}.${k}`;
      if (!(k in chart)) return [`${p}: only in the embedded defaults (${JSON.stringify(ours[k])})`];
      if (!(k in ours)) return [`${p}: missing from the embedded defaults (the chart has ${JSON.stringify(chart[k])})`];
      return differences(chart[k], ours[k], p);
    });
  }
  return JSON.stringify(chart) === JSON.stringify(ours) ? [] : [`${at}: the chart has ${JSON.stringify(chart)}, ours ${JSON.stringify(ours)}`];
}

describeShared('the embedded chart defaults are the charts\' values.yaml', () => {
  const umbrella = read('charts/kube-starrocks/values.yaml');

  test('the umbrella chart has only operator and starrocks parts', () => {
    expect(Object.keys(umbrella).sort()).toEqual(['operator', 'starrocks']);
  });

  // Helm's coalescing of the umbrella chart and its subcharts, with no user values: from the charts'
  // files, and from the embedded defaults the way src/helm/kube-starrocks.ts lays them out
  const fromCharts = coalesceChartValues({
    name: 'kube-starrocks',
    values: umbrella,
    dependencies: [
      { name: 'operator', values: read('charts/kube-starrocks/charts/operator/values.yaml') },
      { name: 'starrocks', values: read('charts/kube-starrocks/charts/starrocks/values.yaml') },
    ],
  }, {});
  const embedded = coalesceChartValues({
    name: 'kube-starrocks',
    values: { operator: OPERATOR_CHART_DEFAULTS, starrocks: starrocksChartDefaults() },
    dependencies: [{ name: 'operator', values: OPERATOR_CHART_DEFAULTS }, { name: 'starrocks', values: starrocksChartDefaults() }],
  }, {});

  test('operator: the operator subchart\'s values.yaml with the umbrella\'s operator part over it', () => {
    expect(differences(fromCharts.operator, embedded.operator)).toEqual([]);
  });

  test('starrocks: the starrocks subchart\'s values.yaml with the umbrella\'s starrocks part over it', () => {
    expect(differences(fromCharts.starrocks, embedded.starrocks)).toEqual([]);
  });

  test('the starrocks subchart\'s datadog profiling defaults are the chart\'s', () => {
    const datadog = starrocksChartDefaults().datadog as { profiling: { env: unknown; configMode: unknown } };
    expect(datadog.profiling.env).toBe('starrocks-default');
    expect(datadog.profiling.configMode).toBe('service');
  });

  test('warehouse: the warehouse chart\'s values.yaml', () => {
    expect(differences(read('charts/warehouse/values.yaml'), WAREHOUSE_CHART_DEFAULTS)).toEqual([]);
  });
});

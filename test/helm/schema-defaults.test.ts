/**
 * The schemas against the charts' own values: the defaults of chart 1.11.5 (`../shared/charts`)
 * and the conformance cases' values pass them, without a warning about a key the charts read.
 */
import * as YAML from 'yaml';
import { checkValues } from '../../src/helm/schema/check';
import { StructSchema } from '../../src/helm/schema/dsl';
import { KUBE_STARROCKS_VALUES_SCHEMA } from '../../src/helm/schema/kube-starrocks';
import { OPERATOR_VALUES_SCHEMA } from '../../src/helm/schema/operator';
import { STARROCKS_VALUES_SCHEMA } from '../../src/helm/schema/starrocks';
import { WAREHOUSE_VALUES_SCHEMA } from '../../src/helm/schema/warehouse';
import { goFormatFloat } from '../../src/helm/values';
import { loadConformanceCases } from '../util/conformance';
import { describeShared, readShared } from '../util/shared';

function warningsOf(values: unknown, schema: StructSchema, root = ''): string[] {
  const warnings: string[] = [];
  checkValues(values, schema, root, (m) => warnings.push(m));
  return warnings;
}

/** The starrocks subchart's schema declares its keys (it is not a placeholder). */
test('the starrocks subchart\'s schema declares its keys', () => {
  expect(Object.keys(STARROCKS_VALUES_SCHEMA.fields).length).toBeGreaterThan(10);
});

/**
 * The warnings a case's values must give: each `configyaml` number Helm prints in exponent form
 * (the chart's output is the reference, so these render, with a warning to quote them).
 */
function exponentWarnings(values: any): string[] {
  const out: string[] = [];
  for (const spec of ['starrocksFESpec', 'starrocksBeSpec', 'starrocksCnSpec']) {
    for (const [key, v] of Object.entries(values?.starrocks?.[spec]?.configyaml ?? {})) {
      if (typeof v === 'number' && goFormatFloat(v).includes('e')) {
        out.push(`starrocks.${spec}.configyaml.${key} is the number ${v}, which Helm prints as ${goFormatFloat(v)}: quote it to keep it as written`);
      }
    }
  }
  return out;
}

describeShared('the schemas and the charts\' own values', () => {
  test('the operator subchart\'s values.yaml passes, every key declared', () => {
    const values = YAML.parse(readShared('charts/kube-starrocks/charts/operator/values.yaml'));
    expect(warningsOf(values, OPERATOR_VALUES_SCHEMA, 'operator')).toEqual([]);
  });

  test('the umbrella\'s values.yaml passes, every operator key declared', () => {
    const values = YAML.parse(readShared('charts/kube-starrocks/values.yaml'));
    expect(warningsOf(values, KUBE_STARROCKS_VALUES_SCHEMA)).toEqual([]);
  });

  test('the warehouse chart\'s values.yaml passes, every key declared', () => {
    const values = YAML.parse(readShared('charts/warehouse/values.yaml'));
    expect(warningsOf(values, WAREHOUSE_VALUES_SCHEMA)).toEqual([]);
  });

  test('the values of every conformance case pass (or fail as the case expects), warning only of numbers Helm prints in exponent form', () => {
    for (const c of loadConformanceCases()) {
      const values = YAML.parse(c.valuesYaml) ?? {};
      const schema = c.chart === 'warehouse' ? WAREHOUSE_VALUES_SCHEMA : KUBE_STARROCKS_VALUES_SCHEMA;
      if (c.expectError !== null || c.libraryExpectError !== undefined) {
        continue;
      }
      expect([c.name, warningsOf(values, schema).sort()]).toEqual([c.name, exponentWarnings(values).sort()]);
    }
  });
});

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
import { loadConformanceCases } from '../util/conformance';
import { describeShared, readShared } from '../util/shared';

function warningsOf(values: unknown, schema: StructSchema, root = ''): string[] {
  const warnings: string[] = [];
  checkValues(values, schema, root, (m) => warnings.push(m));
  return warnings;
}

/** Whether the starrocks subchart's schema declares its keys yet (a placeholder declares none). */
const STARROCKS_DECLARED = Object.keys(STARROCKS_VALUES_SCHEMA.fields).length > 0;

/** Warnings about keys of the starrocks subchart, while its schema is a placeholder, are left out. */
function ours(warnings: string[]): string[] {
  return STARROCKS_DECLARED ? warnings : warnings.filter((w) => !w.startsWith('starrocks.'));
}

describeShared('the schemas and the charts\' own values', () => {
  test('the operator subchart\'s values.yaml passes, every key declared', () => {
    const values = YAML.parse(readShared('charts/kube-starrocks/charts/operator/values.yaml'));
    expect(warningsOf(values, OPERATOR_VALUES_SCHEMA, 'operator')).toEqual([]);
  });

  test('the umbrella\'s values.yaml passes, every operator key declared', () => {
    const values = YAML.parse(readShared('charts/kube-starrocks/values.yaml'));
    expect(ours(warningsOf(values, KUBE_STARROCKS_VALUES_SCHEMA))).toEqual([]);
  });

  test('the warehouse chart\'s values.yaml passes, every key declared', () => {
    const values = YAML.parse(readShared('charts/warehouse/values.yaml'));
    expect(warningsOf(values, WAREHOUSE_VALUES_SCHEMA)).toEqual([]);
  });

  test('the values of every conformance case pass (or fail as the case expects), without a warning', () => {
    for (const c of loadConformanceCases()) {
      const values = YAML.parse(c.valuesYaml) ?? {};
      const schema = c.chart === 'warehouse' ? WAREHOUSE_VALUES_SCHEMA : KUBE_STARROCKS_VALUES_SCHEMA;
      if (c.expectError !== null || c.libraryExpectError !== undefined) {
        continue;
      }
      expect([c.name, ours(warningsOf(values, schema))]).toEqual([c.name, []]);
    }
  });
});

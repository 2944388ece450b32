/**
 * Issue 12's property, over values files: a values file that sets a few keys of the charts (any
 * declared key, with a value valid for its type or one of the wrong or out-of-range values users
 * write) either is refused with a one-line values error naming a key, or renders objects that pass
 * the schemas (CRDs, core kinds) and the API server's rules for what the operator builds from them
 * (test/util/downstream.ts).
 */
import * as fc from 'fast-check';
import { HelmValuesError } from '../../src/helm/context';
import { HelmChartName, renderHelmChart } from '../../src/helm/render';
import { ValueSchema } from '../../src/helm/schema/dsl';
import { KUBE_STARROCKS_VALUES_SCHEMA } from '../../src/helm/schema/kube-starrocks';
import { WAREHOUSE_VALUES_SCHEMA } from '../../src/helm/schema/warehouse';
import { downstreamProblems } from '../util/downstream';
import { validateManifests } from '../util/schema';
import { DeclaredKey, declaredKeys, valuesWith } from '../util/values-keys';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

/** Texts no error may contain. */
const BAD_TEXT = /\[object Object\]|NaN|undefined|<nil>|is not a function|is not iterable|Cannot read prop|Maximum call stack/;

/** Values for a key of this type: valid ones first, then the kinds of wrong ones users write. */
function pool(schema: ValueSchema): unknown[] {
  switch (schema.type) {
    case 'string': return schema.oneOf ? [...schema.oneOf, 'Bogus', 3] : ['x', 'a-b', 'example.com/x', '10.0.0.1', '', 'Bad Name', 'nope', 3, true];
    case 'integer': return [0, 1, 3, 30, 9030, -1, 70000, 1.5, '3'];
    case 'number': return [0, 1, 0.5, -1, '1'];
    case 'boolean': return [true, false, 'true', 1];
    case 'quantity': return ['500m', '1', 2, 0.5, '4Gi', 'unlimited', '-1', 'abc'];
    case 'scalar': return ['x', 1, 'a b', 10000000, 'a\nb'];
    case 'stringMap': return [{}, { app: 'x' }, { 'example.com/role': 'db' }, { 'bad key': 'x' }, { a: 'bad value' }, { a: 1 }];
    case 'wire': return schema.shape === 'map' ? [{}, { x: 1 }, 'x'] : [[], [{ name: 'x' }], [{ key: 'k', operator: 'Maybe' }], 'x'];
    case 'mapOf': return [{}, { k: 'v' }, { 'bad key': 'v' }];
    case 'listOf': return [[], ['x'], [{}]];
    case 'struct': return [{}, 'x'];
    case 'oneOf': return schema.alternatives.flatMap((a) => pool(a).slice(0, 2));
    default: return ['x', 1, {}];
  }
}

/** A values file setting one to three declared keys. */
function valuesArb(keys: readonly DeclaredKey[]): fc.Arbitrary<{ [key: string]: unknown }> {
  const setting = fc.constantFrom(...keys).chain((key) => fc.constantFrom(...pool(key.schema)).map((value) => ({ key, value })));
  return fc.array(setting, { minLength: 1, maxLength: 3 }).map((settings) => {
    let values: unknown = {};
    for (const { key, value } of settings) {
      values = valuesWith(values, key.path, value);
    }
    return values as { [key: string]: unknown };
  });
}

/** Whether the values rendered, and what breaks the property (if anything). */
function outcomeOf(chart: HelmChartName, values: { [key: string]: unknown }): { rendered: boolean; problem?: string } {
  let objects: any[];
  try {
    objects = renderHelmChart({ chart, release: 'sr', namespace: 'ns', apiVersions: ['monitoring.coreos.com/v1'], values });
  } catch (e) {
    if (!(e instanceof HelmValuesError)) {
      return { rendered: false, problem: `not a values error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` };
    }
    if (BAD_TEXT.test(e.message) || e.message.includes('\n')) {
      return { rendered: false, problem: `unhelpful error: ${e.message}` };
    }
    return { rendered: false };
  }
  const problems = [...validateManifests(objects), ...downstreamProblems(objects)];
  return problems.length > 0
    ? { rendered: true, problem: `rendered objects the API server or the schemas reject:\n${problems.join('\n')}` }
    : { rendered: true };
}

describe.each([
  ['kube-starrocks', KUBE_STARROCKS_VALUES_SCHEMA, {}],
  ['warehouse', WAREHOUSE_VALUES_SCHEMA, { spec: { starRocksClusterName: 'analytics' } }],
] as const)('values files of the %s chart', (chart, schema, base) => {
  const keys = declaredKeys(schema);

  test('declares keys to draw from', () => {
    expect(keys.length).toBeGreaterThan(chart === 'warehouse' ? 20 : 300);
  });

  test('every generated values file is refused with a values error or renders what the API server accepts', () => {
    let rendered = 0;
    fc.assert(fc.property(valuesArb(keys), (values) => {
      const merged = Object.keys(values).reduce((acc, k) => ({ ...acc, [k]: values[k] }), JSON.parse(JSON.stringify(base)));
      for (const k of Object.keys(values)) {
        // the base's maps merged with the generated ones (one level deep is enough for the base)
        if (typeof (base as any)[k] === 'object' && typeof values[k] === 'object' && values[k] !== null && !Array.isArray(values[k])) {
          merged[k] = { ...(base as any)[k], ...(values[k] as object) };
        }
      }
      const outcome = outcomeOf(chart, merged);
      if (outcome.problem !== undefined) {
        throw new Error(`${JSON.stringify(values)}: ${outcome.problem}`);
      }
      if (outcome.rendered) {
        rendered++;
      }
    }), { numRuns: chart === 'warehouse' ? 100 : 200 });
    // the generator must reach renders too, or the property says little
    expect(rendered).toBeGreaterThan(10);
  });
});

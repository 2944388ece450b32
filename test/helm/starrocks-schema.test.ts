/**
 * The declared types of the kube-starrocks chart's `starrocks` subchart: every key the chart's
 * values.yaml files, COVERAGE.md and FEATURES.md name is declared.
 */
import { parse } from 'yaml';
import { leafPaths } from './coverage';
import { ValueSchema } from '../../src/helm/schema/dsl';
import { STARROCKS_VALUES_SCHEMA } from '../../src/helm/schema/starrocks';
import { describeShared, readShared } from '../util/shared';

/**
 * Whether `path` (dotted, `[]` stepping into a list's items) is declared by `schema`: struct
 * fields by name, a map of the user's keys and wire objects take any key below them.
 */
function declares(schema: ValueSchema, path: readonly string[]): boolean {
  if (path.length === 0) {
    return true;
  }
  const [step, ...rest] = path;
  switch (schema.type) {
    case 'struct':
      return Object.prototype.hasOwnProperty.call(schema.fields, step) && declares(schema.fields[step], rest);
    case 'mapOf':
      return step !== '[]' && declares(schema.values, rest);
    case 'listOf':
      return step === '[]' && declares(schema.items, rest);
    case 'oneOf':
      return schema.alternatives.some((a) => declares(a, path));
    case 'wire':
    case 'any':
      return true;
    default:
      return false;
  }
}

function steps(key: string): string[] {
  return key.replace(/\[\]/g, '.[]').split('.').filter((s) => s !== '');
}

const undeclared = (keys: readonly string[]) => keys.filter((k) => !declares(STARROCKS_VALUES_SCHEMA, steps(k)));

/** The `starrocks.` keys of COVERAGE.md, both sources (values.yaml and template-only), without the prefix. */
function coverageKeys(): string[] {
  const text = readShared('conformance/COVERAGE.md');
  return [...text.matchAll(/^\| `starrocks\.([^`]+)` \| (values\.yaml|template-only) \|/gm)].map((m) => m[1]);
}

/**
 * The `SR.` keys of FEATURES.md: `<comp>` is each component, `{a,b}` each of the keys listed (nested
 * too), `(…)` a default, `.*` "every key" (left out).
 */
function featureKeys(): string[] {
  const text = readShared('FEATURES.md');
  const out = new Set<string>();
  const expand = (key: string): string[] => {
    const open = key.indexOf('{');
    if (open >= 0) {
      let depth = 0;
      let start = open + 1;
      const alternatives: string[] = [];
      for (let i = open; i < key.length; i++) {
        if (key[i] === '{') {
          depth++;
        } else if (key[i] === '}' && --depth === 0) {
          alternatives.push(key.slice(start, i));
          return alternatives.flatMap((alt) => expand(key.slice(0, open) + alt.trim() + key.slice(i + 1)));
        } else if (key[i] === ',' && depth === 1) {
          alternatives.push(key.slice(start, i));
          start = i + 1;
        }
      }
      throw new Error(`unbalanced braces in ${key}`);
    }
    if (key.includes('<comp>')) {
      return ['starrocksFESpec', 'starrocksBeSpec', 'starrocksCnSpec'].flatMap((c) => expand(key.replace('<comp>', c)));
    }
    return [key];
  };
  for (const m of text.matchAll(/`SR\.([^`]+)`/g)) {
    // the key is what comes before the first space outside braces
    const content = m[1].replace(/\s*\([^)]*\)/g, '').replace(/,\s+/g, ',');
    const key = content.split(/\s/)[0];
    for (const k of expand(key)) {
      out.add(k);
    }
  }
  return [...out].filter((k) => k !== '' && !k.endsWith('*'));
}

describeShared('the starrocks subchart\'s declared values', () => {
  test('every leaf key of the starrocks subchart\'s values.yaml is declared', () => {
    const keys = leafPaths(parse(readShared('charts/kube-starrocks/charts/starrocks/values.yaml')), '');
    expect(keys.length).toBeGreaterThan(200);
    expect(undeclared(keys)).toEqual([]);
  });

  test('every leaf key of the umbrella values.yaml\'s starrocks part is declared', () => {
    const keys = leafPaths(parse(readShared('charts/kube-starrocks/values.yaml')).starrocks, '');
    expect(keys.length).toBeGreaterThan(200);
    expect(undeclared(keys)).toEqual([]);
  });

  test('every starrocks key of COVERAGE.md, template-only ones included, is declared', () => {
    const keys = coverageKeys();
    expect(keys).toContain('starrocksFESpec.feEnvVars');
    expect(undeclared(keys)).toEqual([]);
  });

  test('every starrocks key of FEATURES.md is declared', () => {
    const keys = featureKeys();
    expect(keys).toContain('starrocksCnSpec.autoScalingPolicy');
    expect(keys).toContain('datadog.profiling.configMode');
    expect(keys).toContain('starrocksFeProxySpec.image.tag');
    expect(undeclared(keys)).toEqual([]);
  });

  test('the walk refuses keys the schema does not declare', () => {
    expect(undeclared(['starrocksFESpec.replica', 'starrocksFESpec.storageSpec.storageCount', 'starrocksCluster.componentValues.replicas']))
      .toEqual(['starrocksFESpec.replica', 'starrocksFESpec.storageSpec.storageCount', 'starrocksCluster.componentValues.replicas']);
  });
});

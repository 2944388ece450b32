/**
 * The declared types of the kube-starrocks chart's `starrocks` subchart: every key the chart's
 * values.yaml files, COVERAGE.md and FEATURES.md name is declared; the chart's defaults and the
 * conformance cases pass; the wrong values of issue 11 are errors naming the values key.
 */
import { Testing } from 'cdk8s';
import { parse } from 'yaml';
import { leafPaths } from './coverage';
import { KubeStarRocks } from '../../src';
import { HelmValuesError } from '../../src/helm/context';
import { checkValues } from '../../src/helm/schema/check';
import { ValueSchema } from '../../src/helm/schema/dsl';
import { STARROCKS_VALUES_SCHEMA } from '../../src/helm/schema/starrocks';
import { starrocksSubchart } from '../../src/helm/starrocks-subchart';
import { goPrint } from '../../src/helm/values';
import { loadConformanceCases } from '../util/conformance';
import { describeShared, readShared } from '../util/shared';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

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

/** The warnings of checking the starrocks subchart's values; throws the error of a wrong value. */
function check(values: unknown): string[] {
  const warnings: string[] = [];
  checkValues(values, STARROCKS_VALUES_SCHEMA, 'starrocks', (m) => warnings.push(m));
  return warnings;
}

/** The error of rendering the kube-starrocks chart with these `starrocks:` values (the checker runs first). */
function chartError(starrocks: unknown): Error {
  try {
    new KubeStarRocks(Testing.chart(), 'Release', { values: { starrocks } });
  } catch (e) {
    expect(e).toBeInstanceOf(HelmValuesError);
    return e as Error;
  }
  throw new Error('no error');
}

/** The error of the translation alone (no checker: `starrocksSubchart` reads the values as given). */
function translationError(values: unknown): Error {
  try {
    starrocksSubchart(Testing.chart(), values, {});
  } catch (e) {
    expect(e).toBeInstanceOf(HelmValuesError);
    return e as Error;
  }
  throw new Error('no error');
}

describeShared('the starrocks subchart\'s defaults and conformance cases pass the checker', () => {
  test('the defaults of both values.yaml files pass with no warning', () => {
    expect(check(parse(readShared('charts/kube-starrocks/charts/starrocks/values.yaml')))).toEqual([]);
    expect(check(parse(readShared('charts/kube-starrocks/values.yaml')).starrocks)).toEqual([]);
  });

  test('every conformance case\'s starrocks values pass; the only warnings are configyaml numbers Helm prints in exponent form', () => {
    const cases = loadConformanceCases().filter((c) => c.chart === 'kube-starrocks');
    expect(cases.length).toBeGreaterThan(20);
    for (const c of cases) {
      const starrocks = parse(c.valuesYaml)?.starrocks ?? {};
      // the configyaml values that are numbers Helm prints with an exponent, from the case itself
      const exponent: string[] = [];
      for (const spec of ['starrocksFESpec', 'starrocksBeSpec', 'starrocksCnSpec']) {
        for (const [k, v] of Object.entries(starrocks[spec]?.configyaml ?? {})) {
          if (typeof v === 'number' && goPrint(v).includes('e')) {
            exponent.push(`starrocks.${spec}.configyaml.${k}`);
          }
        }
      }
      if (c.expectError) {
        // a case the chart refuses: refused by the checker with the chart's words, or left to the translation
        let message = '';
        try {
          check(starrocks);
        } catch (e) {
          message = (e as Error).message;
        }
        expect(message === '' || message.includes(c.expectError)).toBe(true);
        continue;
      }
      const warnings = check(starrocks);
      expect({ case: c.name, warnings: warnings.length }).toEqual({ case: c.name, warnings: exponent.length });
      exponent.forEach((key, i) => expect(warnings[i].startsWith(key)).toBe(true));
    }
  });
});

describe('the wrong values of issue 11, refused naming the values key', () => {
  test('fails for a number as the root password: "quote it", and the number is never shown', () => {
    const e = chartError({ initPassword: { enabled: true, password: 12345678 } });
    expect(e.message).toMatch(/^starrocks\.initPassword\.password must be a string.*quote it/);
    expect(e.message).toContain('<redacted>');
    expect(e.message).not.toMatch(/12345678|1\.2345678e\+07/);
  });

  test.each([
    ['a map as a config text', { starrocksFESpec: { config: { http_port: 8030 } } }, 'starrocks.starrocksFESpec.config must be a string'],
    ['a map as the time zone', { timeZone: { x: 1 } }, 'starrocks.timeZone must be a string'],
    ['a list as an env var value', { starrocksFESpec: { feEnvVars: { X: [1, 2] } } }, 'starrocks.starrocksFESpec.feEnvVars.X must be'],
    ['yes as FE replicas', { starrocksFESpec: { replicas: true } }, 'starrocks.starrocksFESpec.replicas must be a whole number'],
    ['"yes" as disaster recovery', { starrocksCluster: { disasterRecovery: 'yes' } }, 'starrocks.starrocksCluster.disasterRecovery must be a map'],
    ['a line break in a configyaml value', { starrocksBeSpec: { configyaml: { a: '1\nb = 2' } } }, 'starrocks.starrocksBeSpec.configyaml.a must be a single line'],
    ['a number as a sysctl value', { starrocksFESpec: { sysctls: [{ name: 'a.b', value: 1 }] } }, 'starrocks.starrocksFESpec.sysctls[0].value must be a string'],
  ])('fails for %s', (_what, values, start) => {
    expect(chartError(values).message.startsWith(start)).toBe(true);
  });

  test('fails for a sysctl without a value, naming it with its index', () => {
    expect(chartError({ starrocksBeSpec: { sysctls: [{ name: 'a.b', value: '1' }, { name: 'c.d' }] } }).message)
      .toBe('starrocks.starrocksBeSpec.sysctls[1].value must be set (the chart would print no value and the API server rejects it)');
  });

  test('fails for a map as a Secret value, its content never shown', () => {
    const e = chartError({ secrets: [{ name: 's', data: { password: { p: 'hunter2' } } }] });
    expect(e.message.startsWith('starrocks.secrets[0].data.password must be')).toBe(true);
    expect(e.message).not.toContain('hunter2');
  });

  const sections: Array<[string, (bad: unknown) => unknown]> = [
    ['starrocksFESpec.service', (bad) => ({ starrocksFESpec: { service: bad } })],
    ['starrocksBeSpec.storageSpec', (bad) => ({ starrocksBeSpec: { storageSpec: bad } })],
    ['starrocksFESpec.entrypoint', (bad) => ({ starrocksFESpec: { entrypoint: bad } })],
    ['starrocksCnSpec.capabilities', (bad) => ({ starrocksCluster: { enabledCn: true }, starrocksCnSpec: { capabilities: bad } })],
    ['starrocksCnSpec', (bad) => ({ starrocksCnSpec: bad })],
    ['starrocksFeProxySpec', (bad) => ({ starrocksFeProxySpec: bad })],
    ['datadog', (bad) => ({ datadog: bad })],
    ['datadog.log', (bad) => ({ datadog: { log: bad } })],
    ['datadog.metrics', (bad) => ({ datadog: { metrics: bad } })],
    ['datadog.profiling', (bad) => ({ datadog: { profiling: bad } })],
    ['metrics.serviceMonitor', (bad) => ({ metrics: { serviceMonitor: bad } })],
    ['initPassword', (bad) => ({ initPassword: bad })],
  ];
  const wrong: unknown[] = ['x', 7, ['a']];
  test.each(sections.flatMap(([key, values]) => wrong.map((bad): [string, unknown, unknown] => [key, bad, values(bad)])))(
    'fails for %s given %j, a section of the wrong type', (key, _bad, values) => {
      expect(chartError(values).message.startsWith(`starrocks.${key} must be a map`)).toBe(true);
    });

  test.each(['x', 7, { a: 1 }])('fails for the top-level resources given %j', (bad) => {
    expect(chartError({ resources: bad }).message.startsWith('starrocks.resources must be a list')).toBe(true);
  });
});

describe('the translation alone reads strictly (the same wrong values without the checker)', () => {
  test.each([
    ['a number as the root password', { initPassword: { enabled: true, password: 12345678 } }, 'initPassword.password must be a string: quote it, got <redacted>'],
    ['a map as a config text', { starrocksFESpec: { config: { a: 1 } } }, 'starrocksFESpec.config must be a string, got {"a":1}'],
    ['a map as the time zone', { timeZone: { x: 1 } }, 'timeZone must be a string, got {"x":1}'],
    ['a list as an env var value', { starrocksFESpec: { feEnvVars: { X: [1, 2] } } }, 'starrocksFESpec.feEnvVars.X must be a value or a map with valueFrom, got a list [1,2]'],
    ['yes as FE replicas', { starrocksFESpec: { replicas: true } }, 'starrocksFESpec.replicas must be a whole number from 0 to 2147483647, got true'],
    ['"yes" as disaster recovery', { starrocksCluster: { disasterRecovery: 'yes' } }, 'starrocksCluster.disasterRecovery must be a map, got "yes"'],
    ['"false" as a flag', { starrocksCluster: { waitForFullRollout: 'false' } }, 'starrocksCluster.waitForFullRollout must be true or false (unquoted), got "false"'],
    ['a line break in a configyaml value', { starrocksFESpec: { configyaml: { a: '1\nb = 2' } } },
      'starrocksFESpec.configyaml.a must be on one line (a line break would add its own lines to the config file), got "1\\nb = 2"'],
    ['a string as the service', { starrocksFESpec: { service: 'x' } }, 'starrocksFESpec.service must be a map, got "x"'],
    ['an emptyDir without a mount path', { starrocksFESpec: { emptyDirs: [{ name: 'a' }] } }, 'starrocksFESpec.emptyDirs[0].mountPath must be set, got null'],
    ['a sidecar without a name', { starrocksFESpec: { sidecars: [{ image: 'busybox' }] } }, 'starrocksFESpec.sidecars[0].name must be set, got null'],
    ['a fractional storage count', { starrocksBeSpec: { storageSpec: { name: 'be', storageCount: 2.5 } } },
      'starrocksBeSpec.storageSpec.storageCount must be a whole number from 0 to 2147483647, got 2.5'],
    ['a string as the extra resources', { resources: 'x' }, 'resources must be a list, got "x"'],
  ])('fails for %s', (_what, values, message) => {
    expect(translationError(values).message).toBe(message);
  });
});

describe('construct errors name the values key the user wrote (under starrocks: in the kube-starrocks chart)', () => {
  test.each([
    ['an env var of a list, by its index after the chart\'s own', {
      initPassword: { enabled: true, password: 'p' }, starrocksFESpec: { feEnvVars: [{ name: 'OK', value: '1' }, { name: 'bad name', value: 'x' }] },
    }, /^starrocks\.starrocksFESpec\.feEnvVars\[1\]\.name must be an environment variable name/],
    ['a host path type', { starrocksFESpec: { hostPaths: [{ name: 'a', mountPath: '/x', hostPath: { path: '/y', type: 'Bogus' } }] } },
      /^starrocks\.starrocksFESpec\.hostPaths\[0\]\.hostPath\.type must be one of/],
    ['an inherited toleration', { starrocksCluster: { componentValues: { tolerations: [{ key: 'a', operator: 'Bad' }] } } },
      /^starrocks\.starrocksCluster\.componentValues\.tolerations\[0\]\.operator must be one of/],
    ['a sidecar of sidecarsMap', { starrocksFESpec: { sidecarsMap: { Bad_Name: { image: 'x' } } } }, /^starrocks\.starrocksFESpec\.sidecarsMap\b/],
    ['the FE storage name', { starrocksFESpec: { storageSpec: { name: 'Bad_Name' } } }, /^starrocks\.starrocksFESpec\.storageSpec\.name must be /],
    ['the root password Secret', { initPassword: { enabled: true, passwordSecret: 'Bad_Secret' } }, /^starrocks\.initPassword\.passwordSecret must be /],
    ['the cluster name from nameOverride', { nameOverride: 'Bad_Name' }, /^starrocks\.nameOverride must be /],
  ])('fails for %s', (_what, values, message) => {
    expect(chartError(values).message).toMatch(message);
  });
});

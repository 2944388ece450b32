/**
 * The bad-input corpus of issue 11, generated from the charts' schemas: every declared values key
 * (list items through `[0]`, user maps through one key) given each wrong type. Each case must
 * render, or be refused with a HelmValuesError whose message starts with the key (or the key of
 * a map or list around it), and never holds a JavaScript error text, `[object Object]`, `NaN`,
 * `undefined`, `<nil>` or a secret.
 */
import { HelmValuesError } from '../../src/helm/context';
import { HelmChartName, renderHelmChart } from '../../src/helm/render';
import { ValueSchema } from '../../src/helm/schema/dsl';
import { KUBE_STARROCKS_VALUES_SCHEMA } from '../../src/helm/schema/kube-starrocks';
import { WAREHOUSE_VALUES_SCHEMA } from '../../src/helm/schema/warehouse';
import { cliSandbox } from '../util/cli';
import { DeclaredKey, declaredKeys, keyOf, valuesWith } from '../util/values-keys';

/** A distinctive text for string-typed wrong values: it must never show under a secret. */
const SECRET_TEXT = 'hunter2-do-not-print';
/** A number for string keys: Helm prints it in exponent form. */
const BIG_NUMBER = 12345678;

/** The wrong values tried for every key. */
function wrongValues(key: DeclaredKey): Array<[string, unknown]> {
  const cases: Array<[string, unknown]> = [
    ['a string', key.secret ? SECRET_TEXT : 'x y'],
    ['an integer', 7],
    ['a float', 1.5],
    ['a boolean', true],
    ['a map', key.secret ? { a: SECRET_TEXT } : { a: 1 }],
    ['a list', key.secret ? [SECRET_TEXT] : [1]],
    ['a string with a line break', key.secret ? `${SECRET_TEXT}\nx = 1` : 'a\nb = 1'],
  ];
  if (key.schema.type === 'string' || key.schema.type === 'scalar' || key.schema.type === 'stringMap') {
    cases.push(['a number Helm prints in exponent form', BIG_NUMBER]);
  }
  return cases;
}

const FORBIDDEN = [
  '[object Object]', 'NaN', 'undefined', '<nil>', 'is not a function', 'is not iterable', 'Cannot read properties', 'Maximum call stack',
  SECRET_TEXT, '1.2345678e+07',
];

interface Outcome {
  readonly key: string;
  readonly what: string;
  readonly problem?: string;
}

function tryCase(chart: HelmChartName, base: unknown, key: DeclaredKey, what: string, value: unknown): Outcome {
  const name = keyOf(key.path);
  const values = valuesWith(base, key.path, value) as { [k: string]: unknown };
  try {
    renderHelmChart({ chart, release: 'sr', namespace: 'ns', apiVersions: ['monitoring.coreos.com/v1'], values });
    return { key: name, what };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (!(e instanceof HelmValuesError)) {
      return { key: name, what, problem: `not a values error: ${(e as Error).name ?? typeof e}: ${message}` };
    }
    // the key, or a key around it (a list or map the item belongs to)
    const ancestors = key.path.map((_, i) => keyOf(key.path.slice(0, i + 1)));
    if (!ancestors.some((a) => message.startsWith(a))) {
      return { key: name, what, problem: `does not start with the key: ${message}` };
    }
    const bad = FORBIDDEN.find((f) => message.includes(f) && !(f === '1.2345678e+07' && !key.secret));
    if (bad !== undefined) {
      return { key: name, what, problem: `holds ${JSON.stringify(bad)}: ${message}` };
    }
    if (message.includes('\n')) {
      return { key: name, what, problem: `not one line: ${message}` };
    }
    return { key: name, what };
  }
}

function corpus(chart: HelmChartName, schema: ValueSchema, base: unknown): Outcome[] {
  const out: Outcome[] = [];
  for (const key of declaredKeys(schema)) {
    for (const [what, value] of wrongValues(key)) {
      out.push(tryCase(chart, base, key, what, value));
    }
  }
  return out;
}

const WAREHOUSE_BASE = { spec: { starRocksClusterName: 'kube-starrocks' } };

describe('bad-input corpus (generated from the schemas)', () => {
  beforeAll(() => {
    process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';
  });
  afterAll(() => {
    delete process.env.CDK8S_STARROCKS_SILENCE_WARNINGS;
  });

  test('the walk covers every declared key of both charts', () => {
    const warehouse = declaredKeys(WAREHOUSE_VALUES_SCHEMA).map((k) => keyOf(k.path));
    expect(warehouse).toEqual(expect.arrayContaining(['spec.service.ports[0].nodePort', 'secrets[0].data.k', 'datadog.log.logConfig', 'spec.envVars[0].valueFrom']));
    const umbrella = declaredKeys(KUBE_STARROCKS_VALUES_SCHEMA).map((k) => keyOf(k.path));
    expect(umbrella).toEqual(expect.arrayContaining(['operator.starrocksOperator.volumeNameWithHash', 'operator.global.rbac.serviceAccount.labels', 'global.rbac.create']));
  });

  test('1000-deep nesting under every key: no JavaScript error', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 1000; i++) {
      deep = { a: deep };
    }
    const outcomes = [
      ...declaredKeys(WAREHOUSE_VALUES_SCHEMA).map((k) => tryCase('warehouse', WAREHOUSE_BASE, k, 'deep nesting', deep)),
      ...declaredKeys(KUBE_STARROCKS_VALUES_SCHEMA).map((k) => tryCase('kube-starrocks', {}, k, 'deep nesting', deep)),
    ];
    expect(outcomes.filter((o) => o.problem !== undefined)).toEqual([]);
  });

  test('warehouse chart: every key with each wrong type renders or is a one-line error naming the key', () => {
    const problems = corpus('warehouse', WAREHOUSE_VALUES_SCHEMA, WAREHOUSE_BASE).filter((o) => o.problem !== undefined);
    expect(problems).toEqual([]);
  });

  test('kube-starrocks chart: every key with each wrong type renders or is a one-line error naming the key', () => {
    const problems = corpus('kube-starrocks', KUBE_STARROCKS_VALUES_SCHEMA, {}).filter((o) => o.problem !== undefined);
    expect(problems).toEqual([]);
  });
});

describe('the examples of issue 11 for the operator, the warehouse and the umbrella', () => {
  function errorOf(chart: HelmChartName, values: unknown): string {
    try {
      renderHelmChart({ chart, release: 'sr', namespace: 'ns', apiVersions: [], values: values as { [k: string]: unknown } });
    } catch (e) {
      expect(e).toBeInstanceOf(HelmValuesError);
      return (e as Error).message;
    }
    throw new Error('rendered');
  }

  test.each([
    ['a string', 'x'], ['a list', [1]], ['a number', 3],
  ])('fails on operator.starrocksOperator as %s: no silent operator-less render', (_, value) => {
    expect(errorOf('kube-starrocks', { operator: { starrocksOperator: value } })).toMatch(/^operator\.starrocksOperator must be a map/);
  });

  test.each([
    ['a string', 'x'], ['a list', [1]], ['a number', 3],
  ])('fails on operator.global as %s', (_, value) => {
    expect(errorOf('kube-starrocks', { operator: { global: value } })).toMatch(/^operator\.global must be a map/);
  });

  test('fails on operator.timeZone as a map, instead of TZ=[object Object]', () => {
    expect(errorOf('kube-starrocks', { operator: { timeZone: { x: 1 } } })).toBe('operator.timeZone must be a string of one line, got {"x": 1}');
  });

  test('fails on a number as the operator image tag, saying what Helm would print', () => {
    expect(errorOf('kube-starrocks', { operator: { starrocksOperator: { image: { tag: 3.10 } } } }))
      .toBe('operator.starrocksOperator.image.tag must be a string of one line (quote it: Helm would print this number as 3.1), got 3.1');
  });

  test('fails on quoted booleans for operator.starrocksOperator.enabled', () => {
    expect(errorOf('kube-starrocks', { operator: { starrocksOperator: { enabled: 'false' } } }))
      .toMatch(/^operator\.starrocksOperator\.enabled must be unquoted true or false/);
  });

  test('fails on a float as operator.starrocksOperator.replicaCount', () => {
    expect(errorOf('kube-starrocks', { operator: { starrocksOperator: { replicaCount: 1.5 } } })).toMatch(/^operator\.starrocksOperator\.replicaCount must be a whole number/);
  });

  test('fails on a number as a warehouse top-level Secret value, without showing it', () => {
    const message = errorOf('warehouse', { ...WAREHOUSE_BASE, secrets: [{ name: 's', data: { password: BIG_NUMBER } }] });
    expect(message).toBe('secrets[0].data.password is a number Helm prints in exponent form: quote it to keep it as written');
  });

  test('fails on a map as a warehouse top-level Secret value, without showing it', () => {
    const message = errorOf('warehouse', { ...WAREHOUSE_BASE, secrets: [{ name: 's', data: { password: { a: SECRET_TEXT } } }] });
    expect(message).toBe('secrets[0].data.password must be a string, a number or true/false, got <redacted>');
  });

  test('fails on a warehouse list given as a map, naming the key', () => {
    expect(errorOf('warehouse', { ...WAREHOUSE_BASE, spec: { ...WAREHOUSE_BASE.spec, tolerations: { a: 1 } } })).toMatch(/^spec\.tolerations must be a list/);
    expect(errorOf('warehouse', { ...WAREHOUSE_BASE, spec: { ...WAREHOUSE_BASE.spec, tolerations: [{}, 'x'] } })).toMatch(/^spec\.tolerations\[1\] must be a toleration/);
  });

  test('fails on warehouse sections of the wrong type: service, storageSpec, datadog and its parts', () => {
    for (const [values, key] of [
      [{ spec: { service: 'x' } }, 'spec.service'],
      [{ spec: { storageSpec: [1] } }, 'spec.storageSpec'],
      [{ datadog: 3 }, 'datadog'],
      [{ datadog: { log: 'x' } }, 'datadog.log'],
      [{ datadog: { metrics: [] } }, 'datadog.metrics'],
      [{ spec: { replicas: 'yes' } }, 'spec.replicas'],
    ] as Array<[{ [k: string]: unknown }, string]>) {
      const v = { ...values, spec: { ...WAREHOUSE_BASE.spec, ...(values.spec as object) } };
      expect(errorOf('warehouse', v).startsWith(`${key} must be`)).toBe(true);
    }
  });

  test('fails on warehouse timeZone as a map, instead of TZ=[object Object]', () => {
    expect(errorOf('warehouse', { ...WAREHOUSE_BASE, timeZone: { x: 1 } })).toBe('timeZone must be a string of one line, got {"x": 1}');
  });

  test.each([['a string', 'x'], ['a list', [1]], ['a number', 3]])('fails on warehouse spec.resources as %s', (_, value) => {
    expect(errorOf('warehouse', { spec: { ...WAREHOUSE_BASE.spec, resources: value } })).toMatch(/^spec\.resources must be a map/);
  });

  test('fails on a warehouse spec.config line break in a one-line key (config injection)', () => {
    expect(errorOf('warehouse', { spec: { ...WAREHOUSE_BASE.spec, schedulerName: 'a\nb' } })).toMatch(/^spec\.schedulerName must be a single line/);
  });

  test('an unknown top-level key of the umbrella is a warning (YAML anchors), not an error', () => {
    expect(() => renderHelmChart({ chart: 'kube-starrocks', release: 'sr', namespace: 'ns', apiVersions: [], values: { anchors: { a: 1 } } })).not.toThrow();
  });
});

describe('through the command: one-line Error and exit code 1', () => {
  const sandbox = cliSandbox('bad-values-');

  test.each([
    ['kube-starrocks', 'operator: {starrocksOperator: x}', 'operator.starrocksOperator must be a map'],
    ['kube-starrocks', 'operator: {global: [1]}', 'operator.global must be a map'],
    ['kube-starrocks', 'operator: {starrocksOperator: {volumeNameWithHash: "yes"}}', 'operator.starrocksOperator.volumeNameWithHash must be unquoted true or false'],
    ['kube-starrocks', 'operator: {starrocksOperator: {image: {tag: 3.10}}}', 'operator.starrocksOperator.image.tag must be a string of one line (quote it: Helm would print this number as 3.1)'],
    ['warehouse', 'spec: {starRocksClusterName: c, minReadySeconds: 1.5}', 'spec.minReadySeconds must be a whole number'],
    ['warehouse', `spec: {starRocksClusterName: c}\nsecrets: [{name: s, data: {p: {a: ${SECRET_TEXT}}}}]`, 'secrets[0].data.p must be'],
    ['warehouse', 'spec: {starRocksClusterName: c}\nsecrets: [{name: s, data: {password: 12345678}}]', 'secrets[0].data.password is a number'],
  ])('fails on %s values %s', async (chart, yaml, start) => {
    const file = sandbox.write(`v-${Math.random().toString(36).slice(2)}.yaml`, yaml);
    const r = await sandbox.run(['template', 'sr', ...(chart === 'warehouse' ? ['warehouse'] : []), '-f', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l !== '' && !l.includes('warning'));
    expect(lines).toHaveLength(1);
    expect(lines[0].startsWith(`Error: ${start}`)).toBe(true);
    expect(r.stderr).not.toContain('1.2345678e+07');
    expect(r.stderr).not.toContain(SECRET_TEXT);
  });

  test.each([
    [['--set', 'operator.starrocksOperator.enabled=yes'], 'operator.starrocksOperator.enabled must be unquoted true or false'],
    [['--set', 'operator.starrocksOperator.replicaCount=1.5'], 'operator.starrocksOperator.replicaCount must be a whole number'],
    [['--set', 'operator.starrocksOperator.image.tag=1'], 'operator.starrocksOperator.image.tag must be a string of one line (quote it'],
  ])('fails on %j with one line naming the key', async (flags, start) => {
    const r = await sandbox.run(['template', 'sr', ...flags]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter((l) => l !== '')).toEqual([expect.stringMatching(new RegExp(`^Error: ${start.replace(/[.()[\]]/g, '\\$&')}`))]);
  });

  test('--set of a string Helm keeps a string (3.10) renders as written', async () => {
    const r = await sandbox.run(['template', 'sr', '--set', 'operator.starrocksOperator.image.tag=3.10']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('image: starrocks/operator:3.10');
  });

  test('a top-level key that only holds YAML anchors is a warning; the aliases render', async () => {
    const file = sandbox.write('anchors.yaml', [
      'x-common: &tolerations [{key: a, operator: Exists}]',
      'operator:',
      '  starrocksOperator:',
      '    tolerations: *tolerations',
    ].join('\n'));
    // warnings go to the process's standard error (src/common/warnings.ts), not through the command's io
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    let r;
    try {
      r = await sandbox.run(['template', 'sr', '-f', file]);
    } finally {
      spy.mockRestore();
    }
    expect(r.code).toBe(0);
    expect(written.join('')).toContain('x-common is not a key the chart reads (ignored)');
    expect(r.stdout).toContain('operator: Exists');
  });
});

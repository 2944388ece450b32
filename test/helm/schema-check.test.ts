import { HelmValuesError } from '../../src/helm/context';
import { checkValues, describeSchema, showValue } from '../../src/helm/schema/check';
import {
  anything, bool, image, int, listOf, mapOf, num, oneOf, quantity, redacted, scalar, secretScalar, secretStr, str, stringMap, struct,
  ValueSchema, wireList, wireMap,
} from '../../src/helm/schema/dsl';

/** Runs the check; returns the warnings, or throws its error. */
function run(values: unknown, schema: ValueSchema, root = ''): string[] {
  const warnings: string[] = [];
  checkValues(values, schema, root, (m) => warnings.push(m));
  return warnings;
}

function errorOf(values: unknown, schema: ValueSchema, root = ''): string {
  try {
    run(values, schema, root);
  } catch (e) {
    expect(e).toBeInstanceOf(HelmValuesError);
    return (e as Error).message;
  }
  throw new Error('no error');
}

const OPERATOR_LIKE = struct({
  image: image(),
  replicaCount: int({ min: 0 }),
  enabled: bool(),
  password: secretStr(),
  tolerations: listOf(wireMap('a toleration')),
  env: oneOf(listOf(struct({ name: str(), value: str() })), stringMap()),
  config: mapOf(scalar()),
});

describe('checkValues', () => {
  test('values of the declared types pass, null and absent included', () => {
    expect(run({
      image: { repository: 'starrocks/operator', tag: 'v1.11.5' },
      replicaCount: 2,
      enabled: false,
      password: 'secret',
      tolerations: [{ key: 'a' }],
      env: [{ name: 'A', value: 'b' }],
      config: { a: 1, b: 'x', c: true },
    }, OPERATOR_LIKE, 'operator')).toEqual([]);
    expect(run({ image: null, replicaCount: null, env: { A: 'b' } }, OPERATOR_LIKE)).toEqual([]);
    expect(run(null, OPERATOR_LIKE)).toEqual([]);
  });

  test('fails on a number where a string is declared, saying what Helm would print', () => {
    expect(errorOf({ image: { tag: 3.10 } }, OPERATOR_LIKE, 'starrocks.starrocksFESpec'))
      .toBe('starrocks.starrocksFESpec.image.tag must be a string of one line (quote it: Helm would print this number as 3.1), got 3.1');
    expect(errorOf({ image: { tag: true } }, OPERATOR_LIKE)).toBe('image.tag must be a string of one line (quote it: unquoted, it is a boolean), got true');
  });

  test('fails on a number as a secret without showing it', () => {
    const message = errorOf({ password: 12345678 }, OPERATOR_LIKE);
    expect(message).toBe('password must be a string of one line (quote it: Helm would print this number its own way), got <redacted>');
    expect(message).not.toContain('1234');
    expect(message).not.toContain('e+07');
  });

  test('fails on a number Helm prints in exponent form as a non-secret string, naming the print', () => {
    expect(errorOf({ image: { tag: 12345678 } }, OPERATOR_LIKE)).toContain('Helm would print this number as 1.2345678e+07');
  });

  test('fails on floats and strings where an integer is declared', () => {
    expect(errorOf({ replicaCount: 1.5 }, OPERATOR_LIKE)).toMatch(/^replicaCount must be a whole number of at least 0 .*got 1\.5$/);
    expect(errorOf({ replicaCount: '3' }, OPERATOR_LIKE)).toBe('replicaCount must be a whole number of at least 0 (unquoted), got "3"');
    expect(errorOf({ replicaCount: -1 }, OPERATOR_LIKE)).toBe('replicaCount must be a whole number of at least 0, got -1');
    expect(errorOf({ replicaCount: true }, OPERATOR_LIKE)).toBe('replicaCount must be a whole number of at least 0, got true');
    expect(run({ n: '3' }, struct({ n: int({ digitString: true }) }))).toEqual([]);
  });

  test('fails on quoted or YAML 1.1 booleans where a boolean is declared', () => {
    for (const v of ['true', 'yes', 'false', 1]) {
      expect(errorOf({ enabled: v }, OPERATOR_LIKE)).toMatch(/^enabled must be unquoted true or false/);
    }
  });

  test('fails on the wrong shape, naming the list index', () => {
    expect(errorOf({ tolerations: [{ key: 'a' }, { key: 'b' }, 'x'] }, OPERATOR_LIKE, 'starrocks.starrocksFESpec'))
      .toBe('starrocks.starrocksFESpec.tolerations[2] must be a toleration, got "x"');
    expect(errorOf({ tolerations: [null] }, OPERATOR_LIKE)).toMatch(/^tolerations\[0\] must be a toleration, got null/);
    expect(errorOf({ image: 'x' }, OPERATOR_LIKE)).toBe('image must be a map (of repository, tag), got "x"');
    expect(errorOf({ tolerations: { a: 1 } }, OPERATOR_LIKE)).toBe('tolerations must be a list (each item a toleration), got {"a": 1}');
  });

  test('oneOf: the first alternative that matches; else the one of the same shape, or the list of what is allowed', () => {
    expect(run({ env: { A: 'b' } }, OPERATOR_LIKE)).toEqual([]);
    expect(errorOf({ env: [{ name: 'A', value: 1 }] }, OPERATOR_LIKE)).toMatch(/^env\[0\]\.value must be a string/);
    expect(errorOf({ env: 'x' }, OPERATOR_LIKE)).toBe('env must be a list of maps (of name, value), or a map of strings, got "x"');
  });

  test('unknown struct keys are warnings with the closest declared key, never errors', () => {
    expect(run({ replicaCont: 1, zzz: 2 }, OPERATOR_LIKE, 'operator.starrocksOperator')).toEqual([
      'operator.starrocksOperator.replicaCont is not a key the chart reads (ignored); did you mean operator.starrocksOperator.replicaCount?',
      'operator.starrocksOperator.zzz is not a key the chart reads (ignored)',
    ]);
  });

  test('scalars: exponent form is an error, or a warning with exponentWarns; a line break is an error', () => {
    expect(errorOf({ config: { x: 12345678 } }, OPERATOR_LIKE))
      .toBe('config.x is the number 12345678, which Helm prints as 1.2345678e+07: quote it to keep it as written');
    expect(run({ x: 12345678 }, mapOf(scalar({ exponentWarns: true })))).toEqual([
      'x is the number 12345678, which Helm prints as 1.2345678e+07: quote it to keep it as written',
    ]);
    expect(errorOf({ config: { x: 'a\nb = c' } }, OPERATOR_LIKE)).toMatch(/^config\.x must be a single line/);
    expect(run({ x: 'a\nb' }, mapOf(scalar({ multiline: true })))).toEqual([]);
    expect(errorOf({ config: { x: { a: 1 } } }, OPERATOR_LIKE)).toBe('config.x must be a string, a number or true/false, got {"a": 1}');
  });

  test('secrets are never shown, nor anything under a secret schema', () => {
    const data = redacted(mapOf(scalar()));
    expect(errorOf({ password: { a: 'hunter2' } }, data)).toBe('password must be a string, a number or true/false, got <redacted>');
    expect(errorOf({ p: 123456789 }, struct({ p: secretScalar() }))).toBe('p is a number Helm prints in exponent form: quote it to keep it as written');
    expect(errorOf({ p: ['hunter2'] }, struct({ p: secretStr() }))).toBe('p must be a string of one line, got <redacted>');
  });

  test('quantities, numbers, wire lists and anything', () => {
    const s = struct({ cpu: quantity(), mem: quantity({ unlimited: true }), ratio: num({ min: 0, max: 1 }), l: wireList(), a: anything() });
    expect(run({ cpu: '500m', mem: 'unlimited', ratio: 0.5, l: [1], a: { x: [1] } }, s)).toEqual([]);
    expect(errorOf({ cpu: 'unlimited' }, s)).toMatch(/^cpu must be a Kubernetes quantity/);
    expect(errorOf({ cpu: '5 00m' }, s)).toMatch(/^cpu must be a Kubernetes quantity/);
    expect(errorOf({ ratio: 2 }, s)).toBe('ratio must be a number from 0 to 1, got 2');
    expect(errorOf({ l: {} }, s)).toBe('l must be a list, got {}');
  });

  test('string maps: a number is refused with "quote it"', () => {
    expect(errorOf({ labels: { a: 1 } }, struct({ labels: stringMap() }))).toBe('labels.a must be a string (quote it: Helm would print this number as 1), got 1');
    expect(run({ labels: { a: null } }, struct({ labels: stringMap() }))).toEqual([]);
  });

  test('string choices', () => {
    expect(errorOf({ t: 'X' }, struct({ t: str({ oneOf: ['A', 'B'] }) }))).toBe('t must be one of "A", "B", got "X"');
  });

  test('deep nesting and cycles: no JavaScript error, a values error at most', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 5000; i++) {
      deep = { a: deep };
    }
    expect(run({ a: deep }, struct({ a: anything() }))).toEqual([]);
    expect(errorOf({ image: { tag: deep } }, OPERATOR_LIKE)).toMatch(/^image\.tag must be a string of one line, got \{"a": \{"a": \{"a": \{\.\.\.\}\}\}\}$/);
    const cyclic: { [k: string]: unknown } = {};
    cyclic.self = cyclic;
    expect(errorOf({ image: { tag: cyclic } }, OPERATOR_LIKE)).toBe('image.tag must be a string of one line, got {"self": {...}}');
    // a recursive schema over a deep value stops at the depth limit
    const rec: { type: 'struct'; fields: { [k: string]: ValueSchema } } = { type: 'struct', fields: {} };
    rec.fields.a = rec;
    expect(errorOf(deep, rec)).toMatch(/^a\.a\.a.* is nested more than 200 levels deep$/);
  });

  test('values are shown without [object Object], NaN or undefined', () => {
    expect(showValue(new Map())).toBe('a Map object');
    expect(showValue(NaN)).toBe('.nan');
    expect(showValue(undefined)).toBe('null');
    expect(showValue('x'.repeat(200)).length).toBeLessThanOrEqual(80);
    expect(describeSchema(listOf(quantity()))).toBe('a list of Kubernetes quantities such as 8, "500m" or "8Gi"');
  });
});

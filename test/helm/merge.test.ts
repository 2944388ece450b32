import { HelmValuesError } from '../../src/helm/context';
import * as merge from '../../src/helm/merge';

// the results are plain values data (`unknown` to the library); the tests read into them
const coalesceValues = (...args: Parameters<typeof merge.coalesceValues>): any => merge.coalesceValues(...args);
const copyValues = (value: unknown): any => merge.copyValues(value);
const coalesceChartValues = (...args: Parameters<typeof merge.coalesceChartValues>): any => merge.coalesceChartValues(...args);
const mergeValueSources = (...args: Parameters<typeof merge.mergeValueSources>): any => merge.mergeValueSources(...args);

/** Deep-freezes test inputs so that any mutation throws. */
function frozen<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const k of Object.keys(v)) frozen((v as any)[k]);
    Object.freeze(v);
  }
  return v;
}

describe('coalesceValues (user values over chart defaults)', () => {
  const defaults = frozen({
    image: { repository: 'starrocks/fe', tag: '3.3', pullPolicy: 'IfNotPresent' },
    replicas: 1,
    tolerations: [{ key: 'a', operator: 'Exists' }],
    env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
    resources: { requests: { cpu: 4, memory: '4Gi' }, limits: { cpu: 8 } },
    annotations: {},
    config: 'a = 1\n',
    nothing: null,
  });

  test('no user values: a copy of the defaults', () => {
    const out = coalesceValues(defaults, {});
    expect(out).toEqual(defaults);
    expect(out).not.toBe(defaults);
    expect(out.image).not.toBe(defaults.image);
    expect(coalesceValues(defaults, null)).toEqual(defaults);
    expect(coalesceValues(defaults, undefined)).toEqual(defaults);
  });

  test('maps merge deeply, the user wins', () => {
    const out = coalesceValues(defaults, { image: { tag: '3.4' }, resources: { requests: { cpu: 2 } } });
    expect(out.image).toEqual({ repository: 'starrocks/fe', tag: '3.4', pullPolicy: 'IfNotPresent' });
    expect(out.resources).toEqual({ requests: { cpu: 2, memory: '4Gi' }, limits: { cpu: 8 } });
    expect(out.replicas).toBe(1);
  });

  test('lists are replaced, never merged', () => {
    expect(coalesceValues(defaults, { env: [{ name: 'C', value: '3' }] }).env).toEqual([{ name: 'C', value: '3' }]);
    expect(coalesceValues(defaults, { tolerations: [] }).tolerations).toEqual([]);
  });

  test('scalars are replaced; falsy values are values', () => {
    const out = coalesceValues(defaults, { replicas: 0, config: '', image: { pullPolicy: false } });
    expect(out.replicas).toBe(0);
    expect(out.config).toBe('');
    expect(out.image.pullPolicy).toBe(false);
  });

  test('keys the defaults do not have are kept', () => {
    const out = coalesceValues(defaults, { extra: { x: [1] }, image: { digest: 'sha256:x' } });
    expect(out.extra).toEqual({ x: [1] });
    expect(out.image.digest).toBe('sha256:x');
  });

  test('an empty user map does not clear a default map', () => {
    expect(coalesceValues(defaults, { image: {} }).image).toEqual(defaults.image);
  });

  test('a user map over an empty default map', () => {
    expect(coalesceValues(defaults, { annotations: { a: 'b' } }).annotations).toEqual({ a: 'b' });
  });

  describe('null', () => {
    test('removes the default at the top level (nullRemoves, the default)', () => {
      const out = coalesceValues(defaults, { replicas: null, image: { tag: null }, resources: null });
      expect('replicas' in out).toBe(false);
      expect(out.image).toEqual({ repository: 'starrocks/fe', pullPolicy: 'IfNotPresent' });
      expect('resources' in out).toBe(false);
      expect(coalesceValues(defaults, { replicas: null }, { nullRemoves: true })).not.toHaveProperty('replicas');
    });

    test('leaves the default for values reaching a subchart through the umbrella (nullRemoves: false)', () => {
      const out = coalesceValues(defaults, { replicas: null, image: { tag: null }, resources: null }, { nullRemoves: false });
      expect(out.replicas).toBe(1);
      expect(out.image).toEqual(defaults.image);
      expect(out.resources).toEqual(defaults.resources);
    });

    test('for a key the defaults do not have, stays null in both modes (as in Helm)', () => {
      expect(coalesceValues(defaults, { other: null })).toHaveProperty('other', null);
      expect(coalesceValues(defaults, { other: null }, { nullRemoves: false })).toHaveProperty('other', null);
      // e.g. a configyaml entry set to null prints `key = `
      expect(coalesceValues({ configyaml: {} }, { configyaml: { x: null } }).configyaml).toEqual({ x: null });
    });

    test('a null default is filled from nothing and replaced by anything', () => {
      expect(coalesceValues(defaults, {})).toHaveProperty('nothing', null);
      expect(coalesceValues(defaults, { nothing: { a: 1 } }).nothing).toEqual({ a: 1 });
      expect(coalesceValues(defaults, { nothing: 'x' }).nothing).toBe('x');
    });
  });

  describe('type changes: the user wins (Helm warns)', () => {
    test('a scalar over a default map', () => {
      const warnings: string[] = [];
      const out = coalesceValues(defaults, { image: 'starrocks/fe:3.4' }, { onWarning: m => warnings.push(m) });
      expect(out.image).toBe('starrocks/fe:3.4');
      expect(warnings).toEqual([expect.stringContaining('cannot overwrite table with non table for image')]);
    });

    test('a map over a default scalar', () => {
      const warnings: string[] = [];
      const out = coalesceValues(defaults, { config: { a: 1 } }, { onWarning: m => warnings.push(m) });
      expect(out.config).toEqual({ a: 1 });
      expect(warnings).toEqual([expect.stringContaining('destination for config is a table')]);
    });

    test('a list over a default map and a map over a default list', () => {
      const warnings: string[] = [];
      const out = coalesceValues(defaults, { resources: ['x'], env: { name: 'A' } }, { onWarning: m => warnings.push(m) });
      expect(out.resources).toEqual(['x']);
      expect(out.env).toEqual({ name: 'A' });
      expect(warnings).toHaveLength(2);
    });

    test('nested paths in warnings', () => {
      const warnings: string[] = [];
      coalesceValues(defaults, { resources: { requests: 'big' } }, { onWarning: m => warnings.push(m) });
      expect(warnings[0]).toContain('resources.requests');
    });

    test('no warning without a callback, none for a null default', () => {
      expect(() => coalesceValues(defaults, { image: 'x' })).not.toThrow();
      const warnings: string[] = [];
      coalesceValues(defaults, { nothing: { a: 1 } }, { onWarning: m => warnings.push(m) });
      expect(warnings).toEqual([]);
    });
  });

  test('never mutates its inputs and shares nothing with them', () => {
    const user = frozen({ image: { tag: '3.4' }, env: [{ name: 'X' }], replicas: null });
    const out = coalesceValues(defaults, user);
    out.image.tag = 'changed';
    out.env[0].name = 'changed';
    out.tolerations[0].key = 'changed';
    expect(user.image.tag).toBe('3.4');
    expect(user.env[0].name).toBe('X');
    expect(defaults.tolerations[0].key).toBe('a');
  });

  test('non-map roots: the user value wins, a missing side gives the other', () => {
    expect(coalesceValues(undefined, { a: 1 })).toEqual({ a: 1 });
    expect(coalesceValues({ a: 1 }, 'x')).toBe('x');
    expect(coalesceValues(null, null)).toEqual({});
  });

  test('bigint values (from --set) are kept', () => {
    expect(coalesceValues({ a: { b: 1 } }, { a: { b: BigInt('10737418240') } })).toEqual({ a: { b: BigInt('10737418240') } });
  });

  test('a __proto__ key is plain data', () => {
    const user = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
    const out = coalesceValues({ a: 0 }, user);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as any).polluted).toBeUndefined();
    expect(Object.keys(out).sort()).toEqual(['__proto__', 'a']);
  });
});

describe('mergeValueSources (several -f files)', () => {
  test('later sources win; maps merge; lists replace', () => {
    const a = frozen({ image: { repository: 'r', tag: '1' }, list: [1, 2, 3], keep: 'a' });
    const b = frozen({ image: { tag: '2' }, list: [9] });
    const c = frozen({ image: { pullPolicy: 'Always' } });
    expect(mergeValueSources([a, b, c])).toEqual({ image: { repository: 'r', tag: '2', pullPolicy: 'Always' }, list: [9], keep: 'a' });
  });

  test('a null in a later source overwrites with null (removal happens when coalescing)', () => {
    const merged = mergeValueSources([{ a: { b: 1, c: 2 } }, { a: { b: null } }]);
    expect(merged).toEqual({ a: { b: null, c: 2 } });
    expect(coalesceValues({ a: { b: 5, c: 0 } }, merged)).toEqual({ a: { c: 2 } });
  });

  test('a scalar replaces a map and a map replaces a scalar', () => {
    expect(mergeValueSources([{ a: { b: 1 } }, { a: 'x' }])).toEqual({ a: 'x' });
    expect(mergeValueSources([{ a: 'x' }, { a: { b: 1 } }])).toEqual({ a: { b: 1 } });
    expect(mergeValueSources([{ a: { b: 1 } }, { a: null }, { a: { c: 2 } }])).toEqual({ a: { c: 2 } });
  });

  test('empty sources are skipped; no sources is an empty map', () => {
    expect(mergeValueSources([])).toEqual({});
    expect(mergeValueSources([null, undefined, { a: 1 }, {}])).toEqual({ a: 1 });
  });

  test('a source that is not a map is an error', () => {
    expect(() => mergeValueSources([{ a: 1 }, ['x']])).toThrow(HelmValuesError);
    expect(() => mergeValueSources(['x'])).toThrow(/values source 1 must be a map of values, got a list|got string/);
  });

  test('does not mutate its inputs', () => {
    const a = frozen({ m: { x: [1] } });
    const out = mergeValueSources([a, { m: { y: 2 } }]);
    out.m.x.push(2);
    expect(a.m.x).toEqual([1]);
  });
});

describe('coalesceChartValues (umbrella chart with subcharts, Helm 3.6.2)', () => {
  const sub = { name: 'starrocks', values: { cluster: { name: 'sub-default', enabledCn: false }, onlyInSub: 'x' } };
  const umbrella = {
    name: 'kube-starrocks',
    values: { starrocks: { cluster: { name: 'sub-default', enabledCn: false } } },
    dependencies: [sub],
  };

  test('subchart defaults fill what neither the user nor the umbrella set', () => {
    const out = coalesceChartValues(umbrella, { starrocks: { cluster: { enabledCn: true } } });
    expect(out.starrocks).toEqual({ cluster: { name: 'sub-default', enabledCn: true }, onlyInSub: 'x', global: {} });
  });

  test('a null for a key the umbrella repeats leaves the subchart default (as nullRemoves: false)', () => {
    const out = coalesceChartValues(umbrella, { starrocks: { cluster: { name: null } } });
    expect(out.starrocks.cluster.name).toBe('sub-default');
    expect(coalesceValues(sub.values, { cluster: { name: null } }, { nullRemoves: false }).cluster.name).toBe('sub-default');
  });

  test('a null for a key only the subchart has removes it', () => {
    const out = coalesceChartValues(umbrella, { starrocks: { onlyInSub: null } });
    expect(out.starrocks).not.toHaveProperty('onlyInSub');
  });

  test('null for the whole subchart gives its defaults', () => {
    const out = coalesceChartValues(umbrella, { starrocks: null });
    expect(out.starrocks.cluster).toEqual({ name: 'sub-default', enabledCn: false });
  });

  test('subchart values that are not a map are a type mismatch', () => {
    expect(() => coalesceChartValues(umbrella, { starrocks: 'x' })).toThrow(/type mismatch on starrocks/);
    expect(() => coalesceChartValues(umbrella, ['x'])).toThrow(HelmValuesError);
  });

  test('globals flow into subcharts; the parent wins', () => {
    const chart = {
      name: 'top',
      values: { global: { a: 1, m: { x: 1 } } },
      dependencies: [{ name: 'child', values: { global: { a: 2, b: 3, m: { x: 2, y: 2 } }, v: 1 } }],
    };
    const out = coalesceChartValues(chart, { global: { m: { z: 9 } } });
    expect(out.global).toEqual({ a: 1, m: { x: 1, z: 9 } });
    expect(out.child.global).toEqual({ a: 1, b: 3, m: { x: 1, y: 2, z: 9 } });
    expect(out.child.v).toBe(1);
  });

  test('does not mutate the chart defaults', () => {
    const chart = frozen({ name: 'top', values: { a: { b: 1 } }, dependencies: [{ name: 'c', values: { d: [1] } }] });
    const out = coalesceChartValues(chart, {});
    out.c.d.push(2);
    expect(chart.dependencies[0].values.d).toEqual([1]);
  });
});

test('copyValues copies deeply and drops undefined', () => {
  const v = { a: [{ b: 1 }], c: undefined, d: null };
  const c = copyValues(v);
  expect(c).toEqual({ a: [{ b: 1 }], d: null });
  expect(c.a[0]).not.toBe(v.a[0]);
  expect(Object.keys(c)).toEqual(['a', 'd']);
});

describe('values nested 10,000 deep (as deep as Helm reads)', () => {
  /** `{k: {k: ... [leaf]}}`, `depth` maps deep, built without recursion. */
  const deep = (depth: number, leaf: unknown): any => {
    let v: unknown = [leaf];
    for (let i = 0; i < depth; i++) v = { k: v };
    return v;
  };
  /** The innermost value, by walking down `k`. */
  const bottom = (v: any): any => {
    let n = 0;
    while (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      v = v.k;
      n++;
    }
    return { n, v };
  };

  test('copyValues copies them', () => {
    const v = deep(10000, 'x');
    const c = copyValues(v);
    expect(c).not.toBe(v);
    expect(bottom(c)).toEqual({ n: 10000, v: ['x'] });
    expect(bottom(c).v).not.toBe(bottom(v).v);
  });

  test('mergeValueSources merges two of them key by key', () => {
    const a = deep(10000, 'a');
    const b = deep(10000, 'b');
    let inner = a;
    for (let i = 0; i < 9999; i++) inner = inner.k;
    inner.other = 1;
    const out = mergeValueSources([a, b]);
    expect(bottom(out)).toEqual({ n: 10000, v: ['b'] });
    let o = out;
    for (let i = 0; i < 9999; i++) o = o.k;
    expect(o.other).toBe(1);
  });

  test('coalesceChartValues lays them over the defaults', () => {
    const out = coalesceChartValues({ name: 'top', values: { a: 1, deep: { k: 'default' } } }, { deep: deep(10000, 'u') });
    expect(out.a).toBe(1);
    expect(bottom(out.deep)).toEqual({ n: 10000, v: ['u'] });
  });
});

/**
 * StarRocksApiObject's one-pass toJson() against cdk8s's ApiObject.toJson(), which it must equal
 * (values, key order, errors) for every object the library writes and for generated values; with
 * the fast paths on (the one-pass toJson() answers) and off (cdk8s's toJson() answers, always).
 */
import { ApiObject, ApiObjectMetadataDefinition, App, Chart, Duration, JsonPatch, Lazy, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { StarRocksApiObject as FromCommon } from '../../src/common/api-object';
import { isUnshared, StarRocksApiObject } from '../../src/fast';
import { FAST_SETTINGS, useFastSetting, withFastPaths } from '../util/fast-switch';
import { conformanceBuilders, exampleBuilders } from '../util/scenarios';
import { describeShared } from '../util/shared';

/** cdk8s's own toJson of the object. */
function cdk8sJson(o: ApiObject): any {
  return ApiObject.prototype.toJson.call(o);
}

/** The object as text (key order included), or its error. */
function textOf(toJson: () => unknown): string {
  try {
    return JSON.stringify(toJson());
  } catch (e) {
    return `error: ${e}`;
  }
}

/**
 * Both results as text (key order included), and whether the fast path answered without cdk8s
 * (neither the object's nor the metadata's toJson() of cdk8s called).
 */
function both(o: ApiObject): { fast: string; cdk8s: string; ownPath: boolean } {
  const spy = jest.spyOn(ApiObject.prototype, 'toJson');
  const metadataSpy = jest.spyOn(ApiObjectMetadataDefinition.prototype, 'toJson');
  let fast: string;
  let ownPath: boolean;
  try {
    fast = textOf(() => o.toJson());
    ownPath = spy.mock.calls.length === 0 && metadataSpy.mock.calls.length === 0;
  } finally {
    spy.mockRestore();
    metadataSpy.mockRestore();
  }
  return { fast, cdk8s: textOf(() => cdk8sJson(o)), ownPath };
}

/** The library's objects (`instanceof` would not do: cdk8s's ApiObject answers it for every ApiObject). */
function objectsOf(app: App): StarRocksApiObject[] {
  return app.node.findAll().filter((c): c is StarRocksApiObject => StarRocksApiObject.prototype.isPrototypeOf(c));
}

/**
 * Every object of the library in the app prints as cdk8s prints it: with the fast paths on, on
 * the one-pass path unless patched; with them off, by cdk8s.
 */
function expectSameAsCdk8s(build: (app: App) => Chart, fast: boolean): void {
  const app = Testing.app();
  build(app);
  const objects = objectsOf(app);
  expect(objects.length).toBeGreaterThan(0);
  for (const o of objects) {
    const r = both(o);
    expect({ path: o.node.path, json: r.fast }).toEqual({ path: o.node.path, json: r.cdk8s });
    // patched objects go to cdk8s (the escape hatch example patches the cluster)
    const patched = (o as any).patched === true;
    expect({ path: o.node.path, ownPath: r.ownPath }).toEqual({ path: o.node.path, ownPath: fast && !patched });
    // what the one-pass toJson() renders holds no object twice, and says so to the printer
    const doc = o.toJson();
    expect(isUnshared(doc)).toBe(fast && !patched);
    expect(repeatedObjects(doc)).toBe(0);
  }
}

/** Map keys of the generated values: a few orders of sorting, the top-level fields, `constructor`. */
const KEY = fc.constantFrom('a', 'b', 'B', '_', '10', '2', 'é', 'z', 'apiVersion', 'kind', 'metadata', 'spec', 'data', '', 'constructor');

/** Generated values: strings, numbers, booleans, null, undefined, lists, maps and Lazys of them. */
const { tree: TREE } = fc.letrec<{ tree: unknown }>(tie => ({
  tree: fc.oneof({ depthSize: 'small' },
    fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined),
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.dictionary(KEY, tie('tree'), { maxKeys: 5 }),
    tie('tree').map(v => Lazy.any({ produce: () => v }))),
}));

/** How many maps and lists appear more than once in a value. */
function repeatedObjects(v: unknown, seen = new Set<object>()): number {
  if (v === null || typeof v !== 'object') return 0;
  if (seen.has(v)) return 1;
  seen.add(v);
  return Object.values(v).reduce((n: number, x) => n + repeatedObjects(x, seen), 0);
}

/** Whether a generated value has a map with a `constructor` key (which cdk8s refuses), Lazys produced. */
function hasConstructorKey(v: unknown): boolean {
  if (v instanceof Lazy) return hasConstructorKey(v.produce());
  if (Array.isArray(v)) return v.some(hasConstructorKey);
  if (v !== null && typeof v === 'object') {
    return Object.prototype.hasOwnProperty.call(v, 'constructor') || Object.values(v).some(hasConstructorKey);
  }
  return false;
}

test('the constructs\' import path (src/common/api-object) gives the class of src/fast', () => {
  expect(FromCommon).toBe(StarRocksApiObject);
});

describe.each(FAST_SETTINGS)('StarRocksApiObject.toJson() gives what ApiObject.toJson() gives, %s', (_setting, fast) => {
  useFastSetting(fast);
  /** With the fast paths off, every object goes to cdk8s: fewer generated runs are enough to show it. */
  const numRuns = fast ? 1500 : 100;

  test.each(exampleBuilders())('every object of examples/%s', (_name, build) => {
    expectSameAsCdk8s(build, fast);
  });

  test('generated values: Lazy, null, undefined, nested lists and maps, any key order', () => {
    const withSort = [undefined, '1'];
    fc.assert(fc.property(fc.dictionary(KEY, TREE, { maxKeys: 6 }), fc.constantFrom(...withSort), (body, disableSort) => {
      const previous = process.env.CDK8S_DISABLE_SORT;
      if (disableSort === undefined) delete process.env.CDK8S_DISABLE_SORT; else process.env.CDK8S_DISABLE_SORT = disableSort;
      try {
        const chart = new Chart(Testing.app(), 'c');
        const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = body as any;
        const o = new StarRocksApiObject(chart, 'O', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { b: '1', a: '2' } }, ...rest });
        const r = both(o);
        expect(r.fast).toBe(r.cdk8s);
        // a map with its own `constructor` key is refused by cdk8s, so it goes there
        expect(r.ownPath).toBe(fast && !hasConstructorKey(rest));
      } finally {
        if (previous === undefined) delete process.env.CDK8S_DISABLE_SORT; else process.env.CDK8S_DISABLE_SORT = previous;
      }
    }), { numRuns, seed: 5 });
  });

  test('generated metadata: labels, annotations, finalizers, owners, extra fields, chart labels and namespace', () => {
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const lazyString = fc.string().map(v => Lazy.any({ produce: () => v }));
    const strings = fc.dictionary(KEY, fc.oneof(fc.string(), fc.constant(null), fc.constant(undefined), lazyString), { maxKeys: 4 });
    const metadata = fc.record({
      name: maybe(fc.constantFrom('x', 'y-1')),
      namespace: maybe(fc.constantFrom('ns', '')),
      labels: maybe(strings),
      annotations: maybe(strings),
      finalizers: maybe(fc.array(fc.string(), { maxLength: 2 })),
      ownerReferences: maybe(fc.array(fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Pod'), name: fc.string(), uid: fc.string() }), { maxLength: 2 })),
      generateName: maybe(fc.string()),
      extra: maybe(TREE),
    }, { requiredKeys: [] });
    const later = fc.record({
      labels: fc.dictionary(KEY, fc.string(), { maxKeys: 2 }),
      annotations: fc.dictionary(KEY, fc.string(), { maxKeys: 2 }),
      finalizers: fc.array(fc.string(), { maxLength: 2 }),
      added: fc.dictionary(KEY, TREE, { maxKeys: 2 }),
    });
    const chartProps = fc.record({ namespace: maybe(fc.constantFrom('chart-ns', '')), labels: maybe(fc.dictionary(KEY, fc.string(), { maxKeys: 2 })) }, { requiredKeys: [] });
    fc.assert(fc.property(metadata, later, chartProps, (md, add, props) => {
      const chart = new Chart(Testing.app(), 'c', props);
      const o = new StarRocksApiObject(chart, 'O', { apiVersion: 'v1', kind: 'ConfigMap', metadata: md as any, data: { a: 'b' } });
      for (const [k, v] of Object.entries(add.labels)) o.metadata.addLabel(k, v);
      for (const [k, v] of Object.entries(add.annotations)) o.metadata.addAnnotation(k, v);
      o.metadata.addFinalizers(...add.finalizers);
      for (const [k, v] of Object.entries(add.added)) o.metadata.add(k, v);
      const r = both(o);
      expect(r.fast).toBe(r.cdk8s);
      expect(r.ownPath).toBe(fast && !hasConstructorKey([md, add, props]));
    }), { numRuns, seed: 11 });
  });

  test('metadata fields not where cdk8s 2.70 keeps them: the object goes to cdk8s', () => {
    const o = new StarRocksApiObject(new Chart(Testing.app(), 'c'), 'M', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'm', labels: { a: 'b' } } });
    const fields = o.metadata as any;
    fields._additionalAttributes = undefined;
    const r = both(o);
    expect(r.ownPath).toBe(false);
    expect(r.fast).toBe(r.cdk8s);
  });

  test('values it does not handle, patches and apps with resolvers of their own go to cdk8s', () => {
    const token = { resolve: () => 'resolved' };
    class Box { constructor(readonly value: string) {} }
    const cases: [string, (chart: Chart) => ApiObject][] = [
      ['a token with resolve()', c => new StarRocksApiObject(c, 'T', { apiVersion: 'v1', kind: 'ConfigMap', data: { t: token } } as any)],
      ['a number-or-string union', c => new StarRocksApiObject(c, 'U', { apiVersion: 'v1', kind: 'ConfigMap', data: { u: new Box('v') } } as any)],
      ['a patch', c => {
        const o = new StarRocksApiObject(c, 'P', { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' } } as any);
        ApiObject.of(o).addJsonPatch(JsonPatch.add('/data/c', 'd'));
        return o;
      }],
    ];
    for (const [name, make] of cases) {
      const o = make(new Chart(Testing.app(), 'c'));
      const r = both(o);
      expect({ name, json: r.fast }).toEqual({ name, json: r.cdk8s });
      expect({ name, ownPath: r.ownPath }).toEqual({ name, ownPath: false });
    }
    expect(JSON.parse(both(cases[0][1](new Chart(Testing.app(), 'c'))).fast).data.t).toBe('resolved');

    const resolved: string[] = [];
    const app = new App({ resolvers: [{ resolve: ctx => { resolved.push(ctx.key.join('.')); } }] });
    const o = new StarRocksApiObject(new Chart(app, 'c'), 'R', { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' } } as any);
    const r = both(o);
    expect(r.fast).toBe(r.cdk8s);
    expect(r.ownPath).toBe(false);
    expect(resolved).toContain('data.a');
  });

  test('class instances are refused with cdk8s\'s message', () => {
    const o = new StarRocksApiObject(new Chart(Testing.app(), 'c'), 'D', { apiVersion: 'v1', kind: 'ConfigMap', data: { d: Duration.seconds(1) } } as any);
    expect(() => cdk8sJson(o)).toThrow(/non-simple object of type 'Duration'/);
    expect(() => o.toJson()).toThrow(/non-simple object of type 'Duration'/);
  });

  test('an error in a Lazy value is reported as cdk8s reports it', () => {
    const o = new StarRocksApiObject(new Chart(Testing.app(), 'c'), 'E', {
      apiVersion: 'v1', kind: 'ConfigMap', data: Lazy.any({ produce: () => { throw new Error('bad value'); } }),
    } as any);
    let ours: string | undefined;
    let theirs: string | undefined;
    try { o.toJson(); } catch (e) { ours = String(e); }
    try { cdk8sJson(o); } catch (e) { theirs = String(e); }
    expect(ours).toContain('bad value');
    expect(ours).toBe(theirs);
  });
});

describe('the switch', () => {
  test('with the fast paths off, toJson() is cdk8s\'s for every object, and the one-pass path is back when they are on', () => {
    const o = new StarRocksApiObject(new Chart(Testing.app(), 'c'), 'S', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 's' }, data: { a: 'b' } });
    const runs = FAST_SETTINGS.map(([, on]) => withFastPaths(on, () => {
      const r = both(o);
      return { json: r.fast, ownPath: r.ownPath, unshared: isUnshared(o.toJson()) };
    }));
    expect(runs.map(r => [r.ownPath, r.unshared])).toEqual([[true, true], [false, false]]);
    expect(runs[1].json).toBe(runs[0].json);
  });
});

describe.each(FAST_SETTINGS)('StarRocksApiObject.toJson() on the Helm translation, %s', (_setting, fast) => {
  useFastSetting(fast);
  describeShared('conformance cases', () => {
    test.each(conformanceBuilders())('every object of conformance case %s', (_name, build) => {
      expectSameAsCdk8s(build, fast);
    });
  });
});

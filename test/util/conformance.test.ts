import * as fc from 'fast-check';
import * as YAML from 'yaml';
import {
  assertConformant,
  compareManifests,
  ConformanceCase,
  expectedManifests,
  loadConformanceCases,
  parseManifestStream,
} from './conformance';
import { describeShared } from './shared';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/** Rebuilds every mapping with its keys in reverse order (same data, different key order). */
function reverseKeys(v: any): any {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).reverse().map(k => [k, reverseKeys(v[k])]));
  }
  return v;
}

type Path = Array<string | number>;

/** Paths of all scalar leaves (strings, numbers, booleans). */
function leaves(v: any, path: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(v)) {
    v.forEach((x, i) => leaves(x, [...path, i], out));
  } else if (v !== null && typeof v === 'object') {
    for (const k of Object.keys(v)) leaves(v[k], [...path, k], out);
  } else if (v !== null && v !== undefined) {
    out.push(path);
  }
  return out;
}

/** Paths of lists with at least two items that differ. */
function reorderableLists(v: any, path: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(v)) {
    if (v.length >= 2 && JSON.stringify(v[0]) !== JSON.stringify(v[v.length - 1])) out.push(path);
    v.forEach((x, i) => reorderableLists(x, [...path, i], out));
  } else if (v !== null && typeof v === 'object') {
    for (const k of Object.keys(v)) reorderableLists(v[k], [...path, k], out);
  }
  return out;
}

function getAt(v: any, path: Path): any {
  return path.reduce((cur, k) => cur[k], v);
}

function setAt(v: any, path: Path, value: unknown): void {
  const parent = getAt(v, path.slice(0, -1));
  parent[path[path.length - 1]] = value;
}

/** Helm's bookkeeping labels and annotations, which the comparison ignores. */
const isIgnoredLeaf = (path: Path): boolean => {
  if (path[0] !== 'metadata' || (path[1] !== 'labels' && path[1] !== 'annotations')) return false;
  const key = String(path[2]);
  return key === 'helm.sh/chart' || key === 'app.kubernetes.io/managed-by' || key.startsWith('meta.helm.sh/');
};

describe('parseManifestStream', () => {
  test('drops empty documents and expands List', () => {
    const text = [
      '---',
      '# Source: chart/templates/empty.yaml',
      '---',
      '{}',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: a',
      '---',
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: v1',
      '    kind: ServiceAccount',
      '    metadata: {name: b}',
      '  - apiVersion: v1',
      '    kind: Secret',
      '    metadata: {name: c}',
      '---',
      '',
    ].join('\n');
    const objs = parseManifestStream(text);
    expect(objs.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/a', 'ServiceAccount/b', 'Secret/c']);
  });

  test('an empty stream has no objects', () => {
    expect(parseManifestStream('')).toEqual([]);
    expect(parseManifestStream('---\n# nothing\n---\n')).toEqual([]);
  });

  test('a YAML syntax error throws', () => {
    expect(() => parseManifestStream('a: [1, 2\n')).toThrow(/YAML document 1/);
  });
});

describe('compareManifests rules', () => {
  const cm = (extra: any = {}): any => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'ns' }, ...extra });

  test('identical objects, any document order and key order', () => {
    const a = [cm({ data: { a: 'x' } }), { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' } }];
    expect(compareManifests([a[1], reverseKeys(a[0])], a, 'ns')).toEqual([]);
  });

  test('null, {} and [] equal absent, recursively', () => {
    const expected = [cm({ data: { a: 'x' }, spec: { x: null, y: {}, z: [], w: { v: { u: null } } } })];
    expect(compareManifests([cm({ data: { a: 'x' } })], expected, 'ns')).toEqual([]);
    expect(compareManifests(expected, [cm({ data: { a: 'x' }, binaryData: {} })], 'ns')).toEqual([]);
  });

  test('scalars compare by string form', () => {
    expect(compareManifests([cm({ spec: { n: '6', b: 'true' } })], [cm({ spec: { n: 6, b: true } })], 'ns')).toEqual([]);
    expect(compareManifests([cm({ spec: { n: 7 } })], [cm({ spec: { n: '6' } })], 'ns')).toEqual([
      'ConfigMap ns/cm: spec.n: expected "6", got 7',
    ]);
  });

  test('multi-line strings compare exactly (final newline, trailing spaces)', () => {
    const expected = [cm({ data: { 'fe.conf': 'a = 1\nb = 2\n' } })];
    expect(compareManifests([cm({ data: { 'fe.conf': 'a = 1\nb = 2\n' } })], expected, 'ns')).toEqual([]);
    expect(compareManifests([cm({ data: { 'fe.conf': 'a = 1\nb = 2' } })], expected, 'ns')).toHaveLength(1);
    expect(compareManifests([cm({ data: { 'fe.conf': 'a = 1 \nb = 2\n' } })], expected, 'ns')).toEqual([
      'ConfigMap ns/cm: data["fe.conf"]: expected "a = 1\\nb = 2\\n", got "a = 1 \\nb = 2\\n"',
    ]);
    const long = Array.from({ length: 40 }, (_v, i) => `key_${i} = value_${i}`).join('\n') + '\n';
    const diffs = compareManifests([cm({ data: { 'fe.conf': long.replace('key_7 = value_7', 'key_7 = value_7 ') } })], [cm({ data: { 'fe.conf': long } })], 'ns');
    expect(diffs).toEqual([
      'ConfigMap ns/cm: data["fe.conf"]: multi-line strings differ at line 8 (of 41 expected, 41 got): expected "key_7 = value_7", got "key_7 = value_7 "',
    ]);
  });

  test('list order matters, list length matters', () => {
    const expected = [cm({ spec: { l: ['a', 'b'] } })];
    expect(compareManifests([cm({ spec: { l: ['b', 'a'] } })], expected, 'ns')).toEqual([
      'ConfigMap ns/cm: spec.l[0]: expected "a", got "b"',
      'ConfigMap ns/cm: spec.l[1]: expected "b", got "a"',
    ]);
    expect(compareManifests([cm({ spec: { l: ['a'] } })], expected, 'ns')).toEqual([
      'ConfigMap ns/cm: spec.l: expected 2 items, got 1',
      'ConfigMap ns/cm: spec.l[1]: expected "b", got <absent>',
    ]);
  });

  test('labels and annotations: expected entries required, extras allowed, Helm bookkeeping ignored', () => {
    const expected = [cm({
      metadata: {
        name: 'cm',
        labels: { 'app': 'x', 'helm.sh/chart': 'kube-starrocks-1.11.5', 'app.kubernetes.io/managed-by': 'Helm' },
        annotations: { 'meta.helm.sh/release-name': 'r', 'a': 'b' },
      },
    })];
    const ok = [cm({ metadata: { name: 'cm', labels: { app: 'x', extra: 'y' }, annotations: { a: 'b', more: 'c' } } })];
    expect(compareManifests(ok, expected, 'ns')).toEqual([]);
    const changed = [cm({ metadata: { name: 'cm', labels: { app: 'z' }, annotations: {} } })];
    expect(compareManifests(changed, expected, 'ns')).toEqual([
      'ConfigMap ns/cm: metadata.labels.app: expected "x", got "z"',
      'ConfigMap ns/cm: metadata.annotations.a: expected "b", got <absent>',
    ]);
  });

  test('labels inside spec are compared like everything else', () => {
    const expected = [cm({ spec: { podLabels: { a: 'b' } } })];
    expect(compareManifests([cm({ spec: { podLabels: { a: 'b', extra: 'c' } } })], expected, 'ns')).toEqual([
      'ConfigMap ns/cm: spec.podLabels.extra: expected <absent>, got "c"',
    ]);
  });

  test('namespace defaults to the case namespace; cluster-scoped kinds have none', () => {
    const noNs = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: 'b' } };
    expect(compareManifests([cm({ data: { a: 'b' } })], [noNs], 'ns')).toEqual([]);
    expect(compareManifests([cm({ data: { a: 'b' } })], [noNs], 'other')).toEqual([
      'missing object v1 ConfigMap other/cm',
      'unexpected object v1 ConfigMap ns/cm',
    ]);
    const cr = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [] };
    expect(compareManifests([{ ...cr, metadata: { name: 'r', namespace: 'whatever' } }], [cr], 'ns')).toEqual([]);
  });

  test('missing and unexpected objects; apiVersion is part of the match', () => {
    const expected = [cm(), { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa', namespace: 'ns' } }];
    expect(compareManifests([cm(), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sa', namespace: 'ns' } }], expected, 'ns')).toEqual([
      'missing object v1 ServiceAccount ns/sa',
      'unexpected object v1 Secret ns/sa',
    ]);
    const dep = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'ns' } };
    expect(compareManifests([{ ...dep, apiVersion: 'apps/v1beta1' }], [dep], 'ns')).toEqual([
      'missing object apps/v1 Deployment ns/d',
      'unexpected object apps/v1beta1 Deployment ns/d',
    ]);
  });

  test('duplicate objects are reported', () => {
    expect(compareManifests([cm(), cm()], [cm()], 'ns')).toEqual(['duplicate rendered object v1 ConfigMap ns/cm']);
  });

  test('Secret: base64 data equals stringData; missing type is Opaque', () => {
    const secret = (extra: any): any => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'ns' }, ...extra });
    const expected = [secret({ type: 'Opaque', data: { password: Buffer.from('s3cr3t\n').toString('base64') } })];
    expect(compareManifests([secret({ stringData: { password: 's3cr3t\n' } })], expected, 'ns')).toEqual([]);
    expect(compareManifests([secret({ data: { password: Buffer.from('s3cr3t\n').toString('base64') } })], expected, 'ns')).toEqual([]);
    expect(compareManifests([secret({ stringData: { password: 'other' } })], expected, 'ns')).toEqual([
      'Secret ns/s: data.password: expected "s3cr3t\\n", got "other"',
    ]);
    expect(compareManifests([secret({ type: 'kubernetes.io/tls', stringData: { password: 's3cr3t\n' } })], expected, 'ns')).toEqual([
      'Secret ns/s: type: expected "Opaque", got "kubernetes.io/tls"',
    ]);
    expect(compareManifests([secret({ data: { password: 'not base64!' } })], expected, 'ns')[0]).toMatch(/not valid base64/);
  });
});

describeShared('conformance cases (../shared/conformance)', () => {
  const cases = loadConformanceCases();
  const rendering = cases.filter(c => c.expectedYaml !== undefined);

  test('cases are loaded and sorted', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(cases.map(c => c.name)).toEqual([...cases.map(c => c.name)].sort());
    for (const c of cases) {
      expect(['kube-starrocks', 'warehouse']).toContain(c.chart);
      expect(c.valuesYaml.length).toBeGreaterThan(0);
      expect(c.expectedYaml === undefined).toBe(c.expectError !== null);
    }
    expect(cases.find(c => c.name === '02-warehouse-default')?.libraryExpectError).toBe('starRocksClusterName');
    expect(cases.find(c => c.name === '27-servicemonitor-no-api')?.apiVersions).toEqual([]);
  });

  test.each(rendering.map(c => [c.name, c] as [string, ConformanceCase]))('%s: expected.yaml parses and equals itself', (_name, c) => {
    const objs = expectedManifests(c);
    expect(objs.length).toBeGreaterThan(0);
    for (const o of objs) {
      expect(typeof o.apiVersion).toBe('string');
      expect(typeof o.kind).toBe('string');
      expect(o.kind).not.toBe('List');
      expect(typeof o.metadata?.name).toBe('string');
    }
    expect(compareManifests(objs, objs, c.namespace)).toEqual([]);
    // Same data, other document order, other key order, re-serialized.
    const roundTrip = parseManifestStream(reverseKeys(clone(objs)).reverse().map((o: any) => YAML.stringify(o)).join('---\n'));
    expect(compareManifests(roundTrip, objs, c.namespace)).toEqual([]);
    if (c.libraryExpectError === undefined) {
      expect(() => assertConformant(roundTrip, c)).not.toThrow();
    }
  });

  test('mutations are detected (01-default)', () => {
    const c = cases.find(x => x.name === '01-default')!;
    const expected = expectedManifests(c);
    const src = expected.findIndex(o => o.kind === 'StarRocksCluster');
    expect(src).toBeGreaterThanOrEqual(0);

    // A value deep in a spec.
    const deep = clone(expected);
    deep[src].spec.starRocksFeSpec.replicas = 3;
    expect(compareManifests(deep, expected, c.namespace)).toEqual([
      `StarRocksCluster ${c.namespace}/kube-starrocks: spec.starRocksFeSpec.replicas: expected ${expected[src].spec.starRocksFeSpec.replicas}, got 3`,
    ]);

    // An object removed.
    const removed = clone(expected).filter((_o: any, i: number) => i !== src);
    expect(compareManifests(removed, expected, c.namespace)).toEqual([`missing object starrocks.com/v1 StarRocksCluster ${c.namespace}/kube-starrocks`]);

    // An object added.
    const added = [...clone(expected), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra' }, data: { a: 'b' } }];
    expect(compareManifests(added, expected, c.namespace)).toEqual([`unexpected object v1 ConfigMap ${c.namespace}/extra`]);

    // A label value changed.
    const labelled = expected.findIndex(o => Object.keys(o.metadata.labels ?? {}).some(k => k !== 'helm.sh/chart' && k !== 'app.kubernetes.io/managed-by'));
    expect(labelled).toBeGreaterThanOrEqual(0);
    const relabelled = clone(expected);
    const key = Object.keys(relabelled[labelled].metadata.labels).find(k => k !== 'helm.sh/chart' && k !== 'app.kubernetes.io/managed-by')!;
    relabelled[labelled].metadata.labels[key] = `${relabelled[labelled].metadata.labels[key]}-changed`;
    const labelDiffs = compareManifests(relabelled, expected, c.namespace);
    expect(labelDiffs).toHaveLength(1);
    expect(labelDiffs[0]).toContain('metadata.labels');

    // A list reordered.
    let reordered = 0;
    expected.forEach((o, i) => {
      for (const p of reorderableLists(o)) {
        const copy = clone(expected);
        getAt(copy[i], p).reverse();
        expect(compareManifests(copy, expected, c.namespace).length).toBeGreaterThan(0);
        reordered++;
      }
    });
    expect(reordered).toBeGreaterThan(0);
  });

  test('any changed leaf value in any expected object is detected', () => {
    const all = rendering.filter(c => c.libraryExpectError === undefined).map(c => ({ c, objs: expectedManifests(c) }));
    const targets: Array<{ caseIndex: number; objIndex: number; path: Path }> = [];
    all.forEach(({ objs }, caseIndex) => objs.forEach((o, objIndex) => {
      for (const path of leaves(o)) {
        if (!isIgnoredLeaf(path)) targets.push({ caseIndex, objIndex, path });
      }
    }));
    expect(targets.length).toBeGreaterThan(100);
    fc.assert(fc.property(fc.integer({ min: 0, max: targets.length - 1 }), fc.constantFrom('x', 0, ' '), (t, suffix) => {
      const { caseIndex, objIndex, path } = targets[t];
      const { c, objs } = all[caseIndex];
      const mutated = clone(objs);
      const old = getAt(mutated[objIndex], path);
      setAt(mutated[objIndex], path, `${String(old)}${String(suffix)}`);
      const diffs = compareManifests(mutated, objs, c.namespace);
      return diffs.length > 0;
    }), { numRuns: 300 });
  });

  test('Secret data is read as the API server reads base64: a space is a difference, a line break is not', () => {
    const secret = (v: string) => [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'ns' }, data: { k: v } }];
    const value = Buffer.from('some certificate text').toString('base64');
    expect(compareManifests(secret(`${value} `), secret(value), 'ns').length).toBeGreaterThan(0);
    expect(compareManifests(secret(`${value.slice(0, 8)}\n${value.slice(8)}`), secret(value), 'ns')).toEqual([]);
  });

  test('assertConformant refuses cases where the render must fail', () => {
    for (const c of cases.filter(x => x.expectError !== null || x.libraryExpectError !== undefined)) {
      expect(() => assertConformant([], c)).toThrow(c.name);
    }
  });

  test('assertConformant lists the differences', () => {
    const c = cases.find(x => x.name === '01-default')!;
    const objs = expectedManifests(c);
    expect(() => assertConformant(objs.slice(1), c)).toThrow(/01-default: 1 difference\(s\)[\s\S]*missing object/);
  });
});

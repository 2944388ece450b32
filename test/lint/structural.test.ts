/**
 * src/lint/structural.ts (the validator `lint` runs, with no ajv at run time) against ajv on the
 * same CRDs (test/util/schema.ts converts the pinned CRDs to JSON Schema with the API server's
 * semantics): the same verdict for the official examples, the conformance outputs and variants of
 * them mutated field by field; each problem names the mutated field.
 */
import * as fs from 'fs';
import { DEFS, STARROCKS_CLUSTER, STARROCKS_WAREHOUSE } from '../../src/lint/crd-schemas';
import { formatPath, PathSegment, validateStructural } from '../../src/lint/structural';
import { expectedManifests, loadConformanceCases, parseManifestStream } from '../util/conformance';
import { objectId, validateObject } from '../util/schema';
import { describeShared, sharedPath } from '../util/shared';

function isStarRocks(o: any): boolean {
  return o?.apiVersion === 'starrocks.com/v1' && (o.kind === 'StarRocksCluster' || o.kind === 'StarRocksWarehouse');
}

/** ajv's problems outside metadata (metadata is an ObjectMeta there, checked apart by lint too). */
function ajvProblems(obj: any): string[] {
  const prefix = `${objectId(obj)}: `;
  return validateObject(obj).filter(l => !l.startsWith(`${prefix}metadata`));
}

function ours(obj: any): ReturnType<typeof validateStructural> {
  const { metadata: _m, ...rest } = obj;
  return validateStructural(rest, obj.kind === 'StarRocksCluster' ? STARROCKS_CLUSTER : STARROCKS_WAREHOUSE, DEFS);
}

function corpus(): Array<{ name: string; obj: any }> {
  const out: Array<{ name: string; obj: any }> = [];
  const dir = sharedPath('examples');
  for (const f of fs.readdirSync(dir).filter(n => n.endsWith('.yaml')).sort()) {
    parseManifestStream(fs.readFileSync(`${dir}/${f}`, 'utf8')).filter(isStarRocks).forEach(obj => out.push({ name: f, obj }));
  }
  for (const c of loadConformanceCases().filter(x => x.expectedYaml !== undefined)) {
    expectedManifests(c).filter(isStarRocks).forEach(obj => out.push({ name: c.name, obj }));
  }
  return out;
}

/** Every path below `spec` with its value. */
function leaves(v: any, path: PathSegment[], out: Array<{ path: PathSegment[]; value: any }>): Array<{ path: PathSegment[]; value: any }> {
  out.push({ path, value: v });
  if (Array.isArray(v)) v.forEach((x, i) => leaves(x, [...path, i], out));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) leaves(v[k], [...path, k], out);
  return out;
}

function withValue(obj: any, path: PathSegment[], value: any): any {
  const copy = JSON.parse(JSON.stringify(obj));
  let cur = copy;
  for (const seg of path.slice(0, -1)) cur = cur[seg as any];
  cur[path[path.length - 1] as any] = value;
  return copy;
}

/** Values of other types than `v` (and a decimal number, an undeclared key for maps). */
function mutations(v: any): Array<{ what: string; value: any }> {
  if (Array.isArray(v)) return [{ what: 'a map for a list', value: { x: 1 } }];
  if (v !== null && typeof v === 'object') {
    return [{ what: 'an undeclared key', value: { ...v, notAField: 'x' } }, { what: 'a list for a map', value: [] }];
  }
  if (typeof v === 'string') return [{ what: 'a decimal for a string', value: 0.5 }, { what: 'a boolean for a string', value: true }];
  if (typeof v === 'number') return [{ what: 'a decimal for a number', value: v + 0.5 }, { what: 'a word for a number', value: 'x y' }];
  if (typeof v === 'boolean') return [{ what: 'a string for a boolean', value: 'true' }];
  return [];
}

describeShared('src/lint/structural.ts against ajv', () => {
  const objects = corpus();

  test('the corpus holds the official examples and the conformance outputs', () => {
    expect(objects.filter(o => o.name.endsWith('.yaml')).length).toBeGreaterThanOrEqual(6);
    expect(objects.length).toBeGreaterThan(25);
    expect(objects.some(o => o.obj.kind === 'StarRocksWarehouse')).toBe(true);
  });

  test('same verdicts on the examples and conformance outputs as they are', () => {
    const disagreements = objects
      .map(({ name, obj }) => ({ name, ajv: ajvProblems(obj), ours: ours(obj).map(p => `${formatPath(p.path)}: ${p.message}`) }))
      .filter(r => (r.ajv.length === 0) !== (r.ours.length === 0));
    expect(disagreements).toEqual([]);
  });

  test('same verdicts on mutated variants, and every new problem names the mutated field or one below it', () => {
    // GIVEN every field of every object, each given values of other types (every 3rd field of the
    // conformance outputs, to keep the run short; all fields of the examples)
    const disagreements: string[] = [];
    let variants = 0;
    let invalid = 0;
    objects.forEach(({ name, obj }, n) => {
      const all = leaves(obj.spec, ['spec'], []).slice(1);
      const before = new Set(ours(obj).map(p => formatPath(p.path)));
      all.filter((_, i) => name.endsWith('.yaml') || (i + n) % 3 === 0).forEach(({ path, value }) => {
        for (const m of mutations(value)) {
          const variant = withValue(obj, path, m.value);
          variants++;
          // WHEN
          const a = ajvProblems(variant);
          const o = ours(variant);
          // THEN
          if ((a.length === 0) !== (o.length === 0)) {
            disagreements.push(`${name} ${formatPath(path)} (${m.what}): ajv ${JSON.stringify(a)} / ours ${JSON.stringify(o)}`);
          }
          const added = o.map(p => formatPath(p.path)).filter(p => !before.has(p));
          if (added.length > 0) {
            invalid++;
            const at = formatPath(path);
            if (!added.every(p => p.startsWith(at))) disagreements.push(`${name} ${at} (${m.what}): ours names ${added.join(', ')}`);
          }
        }
      });
    });
    expect(disagreements.slice(0, 20)).toEqual([]);
    expect(variants).toBeGreaterThan(1000);
    // most mutations break the object; some are allowed (a string for a preserved-unknown field)
    expect(invalid).toBeGreaterThan(variants * 0.8);
  });

  test('same verdicts on the API server rules the mutations above do not reach', () => {
    // GIVEN
    const base = objects.find(o => o.name === 'deploy_a_ha_starrocks_cluster.yaml')!.obj;
    const cases: Array<[string, any]> = [
      ['decimal cpu', withValue(base, ['spec', 'starRocksFeSpec', 'limits', 'cpu'], 0.5)],
      ['quoted decimal cpu', withValue(base, ['spec', 'starRocksFeSpec', 'limits', 'cpu'], '0.5')],
      ['bad quantity', withValue(base, ['spec', 'starRocksFeSpec', 'limits', 'cpu'], 'lots')],
      ['replicas above int32', withValue(base, ['spec', 'starRocksFeSpec', 'replicas'], 2 ** 31)],
      ['storage size 10G', withValue(base, ['spec', 'starRocksFeSpec', 'storageVolumes'], [{ name: 'fe-meta', mountPath: '/m', storageSize: '10G' }])],
      ['storage volume without mountPath', withValue(base, ['spec', 'starRocksFeSpec', 'storageVolumes'], [{ name: 'fe-meta' }])],
      ['null image', withValue(base, ['spec', 'starRocksFeSpec', 'image'], null)],
      ['duplicate env name', withValue(base, ['spec', 'starRocksFeSpec', 'feEnvVars'], [{ name: 'A', value: '1' }, { name: 'A', value: '2' }])],
      ['duplicate container port', withValue(base, ['spec', 'starRocksFeSpec', 'sidecars'], [{ name: 's', image: 'i', ports: [{ containerPort: 80 }, { containerPort: 80 }] }])],
      ['int-or-string maxUnavailable', withValue(base, ['spec', 'starRocksFeSpec', 'updateStrategy'], { rollingUpdate: { maxUnavailable: '25%' } })],
      ['hostPath without path', withValue(base, ['spec', 'starRocksFeSpec', 'storageVolumes'], [{ name: 'fe-meta', mountPath: '/m', hostPath: {} }])],
    ];
    for (const [what, variant] of cases) {
      // WHEN
      const a = ajvProblems(variant);
      const o = ours(variant);
      // THEN
      expect({ what, valid: o.length === 0 }).toEqual({ what, valid: a.length === 0 });
    }
    expect(cases.filter(([, v]) => ours(v).length > 0).length).toBeGreaterThanOrEqual(8);
  });
});

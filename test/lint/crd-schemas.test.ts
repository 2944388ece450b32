/**
 * src/lint/crd-schemas.ts is generated from ../shared/crds by projenrc/crd-schemas.js (task
 * `crd-schemas`) and never edited by hand: this regenerates it and requires the committed file to
 * be identical, and holds it to its purpose (small, no descriptions, the CRDs' served versions).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { DEFS, STARROCKS_CLUSTER, STARROCKS_CLUSTER_API_VERSION, STARROCKS_WAREHOUSE, STARROCKS_WAREHOUSE_API_VERSION } from '../../src/lint/crd-schemas';
import { CompactSchema, CompactSchemaRef } from '../../src/lint/schema-types';
import { describeShared, readShared, REPO_ROOT } from '../util/shared';

const MODULE = path.join(REPO_ROOT, 'src', 'lint', 'crd-schemas.ts');

function crd(file: string): any {
  return YAML.parseAllDocuments(readShared(`crds/${file}`)).map(d => d.toJS()).find(d => d?.kind === 'CustomResourceDefinition');
}

/** The compact schema expanded (shared subschemas inlined). */
function expand(ref: CompactSchemaRef): CompactSchema {
  const s: any = typeof ref === 'number' ? DEFS[ref] : ref;
  const out: any = { ...s };
  if (s.p) out.p = Object.fromEntries(Object.entries(s.p).map(([k, v]) => [k, expand(v as CompactSchemaRef)]));
  if (s.i !== undefined) out.i = expand(s.i);
  if (typeof s.a === 'object' || typeof s.a === 'number') out.a = expand(s.a);
  return out;
}

/** Every property path of a source schema (`spec.starRocksFeSpec.image`, `[]` for items, `*` for additionalProperties). */
function sourcePaths(s: any, at: string, out: string[]): string[] {
  for (const [k, v] of Object.entries<any>(s.properties ?? {})) {
    out.push(`${at}.${k}`);
    sourcePaths(v, `${at}.${k}`, out);
  }
  if (s.items) sourcePaths(s.items, `${at}[]`, out);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') sourcePaths(s.additionalProperties, `${at}.*`, out);
  return out;
}

function compactPaths(s: CompactSchema, at: string, out: string[]): string[] {
  for (const [k, v] of Object.entries(s.p ?? {})) {
    out.push(`${at}.${k}`);
    compactPaths(v as CompactSchema, `${at}.${k}`, out);
  }
  if (s.i) compactPaths(s.i as CompactSchema, `${at}[]`, out);
  if (typeof s.a === 'object') compactPaths(s.a, `${at}.*`, out);
  return out;
}

describeShared('src/lint/crd-schemas.ts', () => {
  test('is what projenrc/crd-schemas.js generates from ../shared/crds', () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crd-schemas-'));
    const out = path.join(dir, 'crd-schemas.ts');

    // WHEN
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'projenrc', 'crd-schemas.js'), out], { cwd: REPO_ROOT, stdio: 'pipe' });

    // THEN
    expect(fs.readFileSync(out, 'utf8')).toEqual(fs.readFileSync(MODULE, 'utf8'));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test.each([
    ['starrocks.com_starrocksclusters.yaml', STARROCKS_CLUSTER, STARROCKS_CLUSTER_API_VERSION],
    ['starrocks.com_starrockswarehouses.yaml', STARROCKS_WAREHOUSE, STARROCKS_WAREHOUSE_API_VERSION],
  ])('%s: every field of the served version, with its required fields and patterns', (file, schema, apiVersion) => {
    // GIVEN
    const source = crd(file);
    const served = source.spec.versions.find((v: any) => v.served);

    // WHEN
    const compact = expand(schema);

    // THEN
    expect(apiVersion).toEqual(`${source.spec.group}/${served.name}`);
    const want = sourcePaths(served.schema.openAPIV3Schema, '', []).sort();
    expect(compactPaths(compact, '', []).sort()).toEqual(want);
    expect(want.length).toBeGreaterThan(500);
    const fe: any = (compact.p as any).spec?.p?.starRocksFeSpec ?? (compact.p as any).spec.p.template;
    const sourceSpec = served.schema.openAPIV3Schema.properties.spec.properties;
    const sourceFe = sourceSpec.starRocksFeSpec ?? sourceSpec.template;
    expect(fe.p.storageVolumes.i.r).toEqual([...sourceFe.properties.storageVolumes.items.required].sort());
    expect(fe.p.storageVolumes.i.p.storageSize.pt).toEqual(sourceFe.properties.storageVolumes.items.properties.storageSize.pattern);
  });
});

describe('src/lint/crd-schemas.ts size', () => {
  test('stays small: under 64 KB, no descriptions', () => {
    // WHEN
    const text = fs.readFileSync(MODULE, 'utf8');

    // THEN
    expect(Buffer.byteLength(text)).toBeLessThan(64 * 1024);
    expect(text).not.toMatch(/description/);
  });
});

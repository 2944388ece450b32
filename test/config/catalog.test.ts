/**
 * src/config/catalog/ is generated from ../shared/starrocks-config by `npx projen config-catalog`
 * and never edited by hand: this regenerates it into a temporary folder and requires the committed
 * files to be identical. It also holds the catalog to its purpose: small, fast to load, and true to
 * the facts it was made from.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ComponentKind } from '../../src/cluster/component-kind';
import * as beCatalog from '../../src/config/catalog/be';
import * as feCatalog from '../../src/config/catalog/fe';
import { catalogOf, ConfigCatalog, OBSOLETE_KEYS } from '../../src/config/keys';
import { describeShared, readShared, REPO_ROOT } from '../util/shared';

const CATALOG_DIR = path.join(REPO_ROOT, 'src', 'config', 'catalog');

describeShared('src/config/catalog/', () => {
  test('is what `npx projen config-catalog` generates from ../shared/starrocks-config', () => {
    // GIVEN
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'config-catalog-'));

    // WHEN
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'projenrc', 'config-catalog.js'), out], { cwd: REPO_ROOT, stdio: 'pipe' });

    // THEN
    const committed = fs.readdirSync(CATALOG_DIR).sort();
    expect(fs.readdirSync(out).sort()).toEqual(committed);
    for (const file of committed) {
      expect(fs.readFileSync(path.join(out, file), 'utf8')).toBe(fs.readFileSync(path.join(CATALOG_DIR, file), 'utf8'));
    }
    fs.rmSync(out, { recursive: true, force: true });
  });

  test.each(['fe', 'be'] as const)('holds every key, alias, type, mutability and deprecation of %s.json', (file) => {
    // GIVEN
    const json = JSON.parse(readShared(`starrocks-config/${file}.json`));
    const catalog = catalogOf(file === 'fe' ? ComponentKind.FE : ComponentKind.BE)!;

    // THEN
    expect(catalog.names().length).toBe(json.keys.length + json.keys.reduce((n: number, k: any) => n + k.aliases.length, 0));
    for (const k of json.keys) {
      const found = catalog.lookup(k.name);
      expect({ name: k.name, mutable: found?.key.mutable, deprecated: found?.key.deprecated })
        .toEqual({ name: k.name, mutable: k.mutable, deprecated: k.deprecated });
      for (const alias of k.aliases) {
        expect(catalog.lookup(alias)).toEqual({ key: found!.key, alias });
      }
    }
  });

  test('knows the types the checks read', () => {
    const fe = catalogOf(ComponentKind.FE)!;
    const be = catalogOf(ComponentKind.BE)!;
    expect(fe.lookup('qe_max_connection')?.key).toMatchObject({ type: 'int32', list: false, mutable: false });
    expect(fe.lookup('default_replication_num')?.key.type).toBe('int16');
    expect(fe.lookup('lake_compaction_disable_ids')?.key).toMatchObject({ type: 'string', list: false });
    expect(fe.lookup('oauth2_connect_wait_timeout')?.key.type).toBe('unsupported');
    expect(be.lookup('webserver_port')).toMatchObject({ key: { name: 'be_http_port', type: 'int32' }, alias: 'webserver_port' });
    expect(be.lookup('starlet_port')?.key).toMatchObject({ type: 'int32', conditional: true });
    expect(be.lookup('brpc_connection_type')?.key.enumValues).toEqual(['single', 'pooled', 'short']);
    expect(be.lookup('doris_be_port')?.key.name).toBe('be_port');
    expect(fe.lookup('doris_http_port')).toBeUndefined();
    expect(catalogOf(ComponentKind.CN)).toBe(be);
    expect(catalogOf(ComponentKind.FE_PROXY)).toBeUndefined();
  });

  test('knows the obsolete keys of the chart defaults as keys StarRocks does not declare', () => {
    expect(OBSOLETE_KEYS).toEqual({ fe: ['mysql_service_nio_enabled'], be: ['default_rowset_type'] });
    expect(catalogOf(ComponentKind.FE)!.lookup('mysql_service_nio_enabled')).toBeUndefined();
    expect(catalogOf(ComponentKind.BE)!.lookup('default_rowset_type')).toBeUndefined();
  });

  test('is small and loads in well under a millisecond per catalog', () => {
    // GIVEN
    const sizes = fs.readdirSync(CATALOG_DIR).map((f) => fs.statSync(path.join(CATALOG_DIR, f)).size);

    // WHEN: the parse the first check of a process makes, best of a few runs
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = process.hrtime.bigint();
      new ConfigCatalog('fe', feCatalog.KEYS, feCatalog.ALIASES, feCatalog.ENUMS).lookup('qe_max_connection');
      new ConfigCatalog('be', beCatalog.KEYS, beCatalog.ALIASES, beCatalog.ENUMS).lookup('be_port');
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }

    // THEN
    expect(Math.max(...sizes)).toBeLessThan(40_000);
    expect(Math.min(...times)).toBeLessThan(5);
  });
});

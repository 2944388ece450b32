import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { StarRocksCluster, StarRocksWarehouse } from '../../src';
import { manifestMappingTable, mapClusterManifest } from '../../src/manifest';
import { REPO_ROOT } from '../util/shared';

const base = (fe: object) => ({ apiVersion: 'starrocks.com/v1', kind: 'StarRocksCluster', metadata: { name: 'sr' }, spec: { starRocksFeSpec: { image: 'fe:1', ...fe } } });

test('fails for a field the CRD does not declare, naming its path', () => {
  const chart = new Chart(new App(), 'c');
  expect(() => StarRocksCluster.fromManifest(chart, 'C', base({ replica: 3 }))).toThrow(/'spec.starRocksFeSpec.replica' must be a field the StarRocksCluster CRD declares/);
});

test('fails for a value of the wrong type, naming its path', () => {
  expect(() => mapClusterManifest(base({ replicas: '3' }))).toThrow(/'spec.starRocksFeSpec.replicas' must be an integer, got "3"/);
});

test('a field without a prop becomes a JSON patch, and the output equals the input', () => {
  const m = base({ claims: [{ name: 'gpu' }], service: { ports: [{ name: 'query', port: 9030 }] } });
  const mapping = mapClusterManifest(m);
  expect(mapping.patches.map((p) => p.path)).toEqual(['/spec/starRocksFeSpec/claims', '/spec/starRocksFeSpec/service']);
  const chart = new Chart(new App(), 'c');
  StarRocksCluster.fromManifest(chart, 'C', m);
  const out = chart.toJson().find((o: any) => o.kind === 'StarRocksCluster');
  expect(out.spec).toEqual(m.spec);
});

test('a warehouse maps its template and refers to its cluster by name', () => {
  const chart = new Chart(new App(), 'c', { namespace: 'sr' });
  const w = { apiVersion: 'starrocks.com/v1', kind: 'StarRocksWarehouse', metadata: { name: 'wh', namespace: 'sr' }, spec: { starRocksCluster: 'sr', template: { image: 'cn:1', envVars: [{ name: 'A', value: 'b' }], terminationGracePeriodSeconds: 60 } } };
  StarRocksWarehouse.fromManifest(chart, 'W', w);
  const out = chart.toJson().find((o: any) => o.kind === 'StarRocksWarehouse');
  expect(out.spec).toEqual(w.spec);
});

/** The README's table is the mapping's own (the lead pastes it under this heading). */
test('the README table "From manifests to the typed API" is the generated one', () => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const heading = '## From manifests to the typed API';
  const at = readme.indexOf(heading);
  if (at < 0) {
    if (process.env.CI === 'true') throw new Error(`README.md has no "${heading}" section`);
    // eslint-disable-next-line no-console
    console.warn(`README.md has no "${heading}" section yet: the table is not checked`);
    return;
  }
  const rest = readme.slice(at + heading.length);
  const next = rest.search(/\n## /);
  const section = next < 0 ? rest : rest.slice(0, next);
  expect(section.trim()).toBe(manifestMappingTable().trim());
});

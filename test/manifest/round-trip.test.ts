/**
 * Every official example manifest (../shared/examples) and every conformance case's rendered
 * StarRocksCluster goes through `StarRocksCluster.fromManifest` and `cdk8s-starrocks convert`: the
 * generated modules type-check with `tsc --strict` against the repository's sources (one tsc run
 * for all of them), and what they and `fromManifest` synthesize equals the input as data, the
 * library's own extra labels aside.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import { App, Chart } from 'cdk8s';
import { k8s as plus } from 'cdk8s-plus-27';
import * as ts from 'typescript';
import * as lib from '../../src';
import { StarRocksCluster, StarRocksWarehouse } from '../../src';
import { runConvert } from '../../src/cli/convert';
import { dropNulls } from '../../src/manifest/read';
import { parseManifestStream } from '../util/conformance';
import { describeShared, REPO_ROOT, sharedPath } from '../util/shared';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

interface Input {
  readonly id: string;
  readonly file: string;
  /** The objects the resources should synthesize to (with those they refer to). */
  readonly objects: any[];
  /** The arguments of `convert`. */
  readonly args: string[];
  /** Compare without namespaces (Helm values carry none). */
  readonly noNamespace?: boolean;
}

function inputs(): Input[] {
  const out: Input[] = [];
  const examples = sharedPath('examples');
  for (const f of fs.readdirSync(examples).filter((n) => n.endsWith('.yaml')).sort()) {
    const file = path.join(examples, f);
    out.push({ id: `example ${f}`, file, objects: parseManifestStream(fs.readFileSync(file, 'utf8')), args: [file] });
  }
  const fixtures = path.join(__dirname, 'fixtures');
  for (const f of fs.readdirSync(fixtures).filter((n) => n.endsWith('.yaml')).sort()) {
    const file = path.join(fixtures, f);
    out.push({ id: `fixture ${f}`, file, objects: parseManifestStream(fs.readFileSync(file, 'utf8')), args: [file] });
  }
  const cases = sharedPath('conformance/cases');
  for (const c of fs.readdirSync(cases).sort()) {
    const file = path.join(cases, c, 'expected.yaml');
    if (!fs.existsSync(file)) continue;
    const objects = parseManifestStream(fs.readFileSync(file, 'utf8'));
    if (!objects.some((o) => o?.kind === 'StarRocksCluster' || o?.kind === 'StarRocksWarehouse')) continue;
    out.push({ id: `conformance ${c}`, file, objects, args: [file] });
    // convert --from-values: the module built from the case's values synthesizes what real Helm rendered
    const kase = JSON.parse(fs.readFileSync(path.join(cases, c, 'case.json'), 'utf8'));
    const values = path.join(cases, c, 'values.yaml');
    if (kase.expectError === null && c !== '02-warehouse-default') {
      out.push({ id: `values ${c}`, file: values, objects, args: ['--from-values', values, '--release', kase.release], noNamespace: true });
    }
  }
  return out;
}

const LIBRARY_LABELS = ['cluster', 'app', 'warehouse'];
const DEFAULT_LABELS = ['app.kubernetes.io/name', 'app.kubernetes.io/instance', 'app.kubernetes.io/managed-by'];

/** The objects a file's resources should synthesize to: the resources and their config and entrypoint ConfigMaps. */
function expectedObjects(objects: any[]): any[] {
  const resources = objects.filter((o) => o?.kind === 'StarRocksCluster' || o?.kind === 'StarRocksWarehouse');
  const cmNames = new Set<string>();
  for (const r of resources) {
    const specs = r.kind === 'StarRocksWarehouse' ? [r.spec?.template] : [r.spec?.starRocksFeSpec, r.spec?.starRocksBeSpec, r.spec?.starRocksCnSpec];
    for (const s of specs) {
      if (s?.configMapInfo?.configMapName) cmNames.add(s.configMapInfo.configMapName);
      // the ConfigMap of an entrypoint script, which the typed API writes too
      for (const m of s?.configMaps ?? []) {
        if (m?.subPath === 'entrypoint.sh' && String(m.name).endsWith('-entrypoint-script')) cmNames.add(m.name);
      }
    }
  }
  // a null field is an absent one to the API server (the charts print many)
  return dropNulls(resources.concat(objects.filter((o) => o?.kind === 'ConfigMap' && cmNames.has(o.metadata?.name)))) as any[];
}

/** The synthesized objects matching the expected ones by kind and name, with the library's extra labels left out. */
function comparable(synthesized: any[], expected: any[], libraryLabels: readonly string[] = LIBRARY_LABELS): any[] {
  return expected.map((e) => {
    const s = synthesized.find((o) => o.kind === e.kind && o.metadata?.name === e.metadata?.name);
    if (s === undefined) return { missing: `${e.kind} ${e.metadata?.name}` };
    const copy = JSON.parse(JSON.stringify(s));
    const inputLabels = e.metadata?.labels ?? {};
    const labels = copy.metadata.labels ?? {};
    for (const k of Object.keys(labels)) {
      if (inputLabels[k] === undefined && libraryLabels.includes(k)) delete labels[k];
    }
    if (Object.keys(labels).length === 0 && e.metadata?.labels === undefined) delete copy.metadata.labels;
    // a ConfigMap the input leaves out: not part of the comparison
    return copy;
  });
}

/** Only the ConfigMaps that the expected objects hold (a config ConfigMap the library writes is compared). */
function quantitiesAsText(v: any, key = ''): any {
  if (Array.isArray(v)) return v.map((x) => quantitiesAsText(x));
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, quantitiesAsText(x, k)]));
  }
  return typeof v === 'number' && (key === 'cpu' || key === 'memory') ? String(v) : v;
}

function comparableInput(expected: any[]): any[] {
  return JSON.parse(JSON.stringify(expected));
}

/**
 * Rendered resources the library refuses, by the rule that refuses them: the chart prints them,
 * the typed API (and so fromManifest and convert) does not build them.
 */
const REFUSED: { [id: string]: RegExp } = {
  // the chart prints `starRocksCluster: null` without a cluster name; the CRD requires one
  'conformance 02-warehouse-default': /'spec.starRocksCluster' must be a string/,
};

describeShared('manifests round-trip through fromManifest and convert', () => {
  const everything = inputs();
  const all = everything.filter((i) => REFUSED[i.id] === undefined);

  test.each(everything.filter((i) => REFUSED[i.id] !== undefined).map((i) => [i.id, i] as const))('fails: %s is refused by the rule it breaks', (_id, input) => {
    if (!input.noNamespace) {
      const chart = new Chart(new App(), 'test');
      const configMaps = input.objects.filter((o) => o?.kind === 'ConfigMap');
      expect(() => input.objects.forEach((o, i) => {
        if (o?.kind === 'StarRocksCluster') StarRocksCluster.fromManifest(chart, `C${i}`, o, { configMaps });
        if (o?.kind === 'StarRocksWarehouse') StarRocksWarehouse.fromManifest(chart, `W${i}`, o, { configMaps });
      })).toThrow(REFUSED[input.id]);
    }
    let err = '';
    expect(runConvert(input.args, { stdout: () => undefined, stderr: (e) => { err += e; }, cwd: REPO_ROOT })).toBe(1);
    expect(err).toMatch(/^Error: /);
    expect(err).toMatch(REFUSED[input.id]);
  });

  test.each(all.filter((i) => !i.noNamespace).map((i) => [i.id, i] as const))('fromManifest: %s', (_id, input) => {
    const app = new App();
    const chart = new Chart(app, 'test');
    const configMaps = input.objects.filter((o) => o?.kind === 'ConfigMap');
    input.objects.forEach((o, i) => {
      if (o?.kind === 'StarRocksCluster') StarRocksCluster.fromManifest(chart, `C${i}`, o, { configMaps });
      if (o?.kind === 'StarRocksWarehouse') StarRocksWarehouse.fromManifest(chart, `W${i}`, o, { configMaps });
    });
    const expected = expectedObjects(input.objects);
    expect(comparable(chart.toJson(), expected)).toEqual(comparableInput(expected));
  });

  // the generated modules, written once and type-checked by one tsc run
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convert-'));
  const modules = all.map((input, i) => {
    let out = '';
    let err = '';
    const code = runConvert(input.args, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, cwd: REPO_ROOT });
    const file = path.join(dir, `m${i}.ts`);
    fs.writeFileSync(file, out);
    return { input, file, code, err, text: out };
  });

  test('the generated modules type-check with tsc --strict', () => {
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'ES2022',
        lib: ['es2022'],
        module: 'node16',
        skipLibCheck: true,
        esModuleInterop: true,
        resolveJsonModule: true,
        baseUrl: '.',
        typeRoots: [path.join(REPO_ROOT, 'node_modules/@types')],
        types: ['node'],
        paths: {
          'cdk8s-starrocks': [path.join(REPO_ROOT, 'src/index.ts')],
          'cdk8s': [path.join(REPO_ROOT, 'node_modules/cdk8s')],
          'cdk8s-plus-27': [path.join(REPO_ROOT, 'node_modules/cdk8s-plus-27')],
          'constructs': [path.join(REPO_ROOT, 'node_modules/constructs')],
        },
      },
      files: modules.map((m) => m.file),
    }));
    const tsc = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);

  test.each(modules.map((m) => [m.input.id, m] as const))('convert: %s', (_id, m) => {
    expect(m.err).toBe('');
    expect(m.code).toBe(0);
    // deterministic
    let again = '';
    runConvert(m.input.args, { stdout: (s) => { again += s; }, stderr: () => undefined, cwd: REPO_ROOT });
    expect(again).toBe(m.text);
    const js = ts.transpileModule(m.text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
    const mod: { exports: { build?: (app: App) => Chart } } = { exports: {} };
    const known: { [name: string]: unknown } = { 'cdk8s-starrocks': lib, 'cdk8s': cdk8s, 'cdk8s-plus-27': { k8s: plus } };
    const load = (name: string) => {
      if (known[name] === undefined) throw new Error(`the generated module imports ${name}`);
      return known[name];
    };
    new Function('require', 'module', 'exports', js)(load, mod, mod.exports);
    const chart = mod.exports.build!(new App());
    const expected = expectedObjects(m.input.objects);
    // from values: no namespace; and the Helm layer may quote a quantity Helm printed as a number
    // (`cpu: "12"` for `12`), which the conformance test accepts as the same quantity
    const strip = (objs: any[]) => (m.input.noNamespace
      ? objs.map((o) => quantitiesAsText({ ...o, metadata: { ...o.metadata, namespace: undefined } })) : objs);
    // the Helm layer adds the library's default labels too (as the conformance test allows)
    const libraryLabels = m.input.noNamespace ? [...LIBRARY_LABELS, ...DEFAULT_LABELS] : LIBRARY_LABELS;
    expect(strip(comparable(chart.toJson(), expected, libraryLabels))).toEqual(strip(comparableInput(expected)));
  });
});

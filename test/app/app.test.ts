/**
 * StarRocksApp writes what cdk8s's App writes, byte for byte, without cdk8s's YAML writer.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Lazy, Testing, Yaml, YamlOutputType } from 'cdk8s';
import { StarRocksApp, StarRocksCluster } from '../../src';
import { yamlLibrary } from '../../src/common/yaml-library';
import { conformanceBuilders, exampleBuilders } from '../util/scenarios';
import { describeShared } from '../util/shared';

/** The text both apps synthesize from the same definitions, and how often the yaml package's writer ran for the StarRocksApp. */
function synthBoth(build: (app: App) => unknown): { ours: string; theirs: string; yamlCalls: number } {
  const theirsApp = Testing.app();
  build(theirsApp);
  const theirs = theirsApp.synthYaml();
  const oursApp = new StarRocksApp({ outdir: theirsApp.outdir });
  build(oursApp);
  StarRocksApp.fastYamlAvailable(); // its one check of cdk8s's writer is not counted
  const spy = jest.spyOn(yamlLibrary(), 'stringify');
  try {
    const ours = oursApp.synthYaml();
    return { ours, theirs, yamlCalls: spy.mock.calls.length };
  } finally {
    spy.mockRestore();
  }
}

describe('StarRocksApp', () => {
  test('the faster writer is in use with this cdk8s', () => {
    expect(StarRocksApp.fastYamlAvailable()).toBe(true);
  });

  test.each(exampleBuilders())('synthYaml() of examples/%s: the same text as App, without the yaml package writing', (_name, build) => {
    const r = synthBoth(build);
    expect(r.ours).toBe(r.theirs);
    expect(r.ours.length).toBeGreaterThan(100);
    expect(r.yamlCalls).toBe(0);
  });

  test('objects the faster writer does not handle are written by cdk8s\'s writer, the rest by it', () => {
    const build = (app: App) => {
      const chart = new Chart(app, 'odd', { namespace: 'x' });
      new StarRocksCluster(chart, 'Cluster', { name: 'c1' });
      // document markers: printed by the faster writer (quoted where the yaml package quotes them)
      new ApiObject(chart, 'Markers', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'm' }, data: { '---': '...', 'doc': '%YAML\n---\nx: 1\n' } });
      // a "<<" key is a YAML 1.1 merge key for the yaml package: that document goes to cdk8s's writer
      new ApiObject(chart, 'Merge', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'k' }, data: { '<<': '<<' } });
    };
    const r = synthBoth(build);
    expect(r.ours).toBe(r.theirs);
    expect(r.ours).toContain('\n  <<: <<\n');
    expect(r.yamlCalls).toBe(1);
  });

  test.each([
    ['one file per chart', YamlOutputType.FILE_PER_CHART],
    ['one file per resource', YamlOutputType.FILE_PER_RESOURCE],
    ['one file per app', YamlOutputType.FILE_PER_APP],
    ['a folder per chart, a file per resource', YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE],
  ])('synth() writes the same files as App: %s', (_name, yamlOutputType) => {
    const build = (app: App) => {
      for (const [, b] of exampleBuilders().filter(([f]) => ['minimal.ts', 'datadog.ts', 'warehouse.ts'].includes(f))) b(app);
    };
    const outs = [App, StarRocksApp].map((AppClass) => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-starrocks-app.'));
      const app = new AppClass({ outdir, yamlOutputType });
      build(app);
      app.synth();
      const files: { [file: string]: string } = {};
      const walk = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
          const p = path.join(dir, e.name);
          if (e.isDirectory()) walk(p); else files[path.relative(outdir, p)] = fs.readFileSync(p, 'utf8');
        }
      };
      walk(outdir);
      fs.rmSync(outdir, { recursive: true, force: true });
      return files;
    });
    expect(Object.keys(outs[1]).sort()).toEqual(Object.keys(outs[0]).sort());
    expect(Object.keys(outs[0]).length).toBeGreaterThan(0);
    expect(outs[1]).toEqual(outs[0]);
  });

  test('cdk8s\'s writer is back in place after a synth, and after a synth that fails', () => {
    const original = Yaml.stringify;
    const app = new StarRocksApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-starrocks-app.')) });
    new StarRocksCluster(new Chart(app, 'ok'), 'Cluster', { name: 'c1' });
    app.synthYaml();
    expect(Yaml.stringify).toBe(original);

    const failing = new StarRocksApp();
    const chart = new Chart(failing, 'bad');
    new ApiObject(chart, 'Bad', { apiVersion: 'v1', kind: 'ConfigMap', data: Lazy.any({ produce: () => { throw new Error('no data'); } }) });
    expect(() => failing.synthYaml()).toThrow(/no data/);
    expect(Yaml.stringify).toBe(original);
    fs.rmSync(app.outdir, { recursive: true, force: true });
  });

  test('a writer someone else put in place is left alone', () => {
    const original = Yaml.stringify;
    const custom = jest.fn((...docs: any[]) => docs.map(d => JSON.stringify(d)).join('\n'));
    Yaml.stringify = custom;
    try {
      const app = new StarRocksApp();
      new StarRocksCluster(new Chart(app, 'c'), 'Cluster', { name: 'c1' });
      expect(app.synthYaml()).toContain('"kind":"StarRocksCluster"');
      expect(custom).toHaveBeenCalled();
    } finally {
      Yaml.stringify = original;
    }
  });
});

describeShared('StarRocksApp on the Helm translation', () => {
  test.each(conformanceBuilders())('synthYaml() of conformance case %s: the same text as App', (_name, build) => {
    const r = synthBoth(build);
    expect(r.ours).toBe(r.theirs);
    expect(r.yamlCalls).toBe(0);
  });
});

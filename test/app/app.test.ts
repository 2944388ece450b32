/**
 * StarRocksApp writes what cdk8s's App writes, byte for byte, without cdk8s's YAML writer; with
 * the fast paths off (CDK8S_STARROCKS_FAST=0) it is cdk8s's App, writer and all.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, DependencyGraph, Lazy, Testing, Yaml, YamlOutputType } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import * as fc from 'fast-check';
import { StarRocksApp, StarRocksCluster } from '../../src';
import { yamlLibrary } from '../../src/common/yaml-library';
import { FAST_SETTINGS, useFastSetting } from '../util/fast-switch';
import { conformanceBuilders, exampleBuilders } from '../util/scenarios';
import { describeShared } from '../util/shared';

/** The charts as cdk8s's App gives them (its getter, not the StarRocksApp's). */
function cdk8sCharts(app: App): Chart[] {
  return Object.getOwnPropertyDescriptor(App.prototype, 'charts')!.get!.call(app);
}

/**
 * The text both apps synthesize from the same definitions, how often the yaml package's writer ran
 * for the StarRocksApp, and how many documents it wrote.
 */
function synthBoth(build: (app: App) => unknown): { ours: string; theirs: string; yamlCalls: number; documents: number } {
  const theirsApp = Testing.app();
  build(theirsApp);
  const theirs = theirsApp.synthYaml();
  const oursApp = new StarRocksApp({ outdir: theirsApp.outdir });
  build(oursApp);
  StarRocksApp.fastYamlAvailable(); // its one check of cdk8s's writer is not counted
  const spy = jest.spyOn(yamlLibrary(), 'stringify');
  try {
    const ours = oursApp.synthYaml();
    const documents = oursApp.charts.reduce((n, c) => n + c.toJson().length, 0);
    return { ours, theirs, yamlCalls: spy.mock.calls.length, documents };
  } finally {
    spy.mockRestore();
  }
}

describe.each(FAST_SETTINGS)('StarRocksApp, %s', (_setting, fast) => {
  useFastSetting(fast);

  test(fast ? 'the faster writer is in use with this cdk8s' : 'the faster writer is not in use', () => {
    expect(StarRocksApp.fastYamlAvailable()).toBe(fast);
  });

  test.each(exampleBuilders())(`synthYaml() of examples/%s: the same text as App, ${fast ? 'without the yaml package writing' : 'written by the yaml package'}`, (_name, build) => {
    const r = synthBoth(build);
    expect(r.ours).toBe(r.theirs);
    expect(r.ours.length).toBeGreaterThan(100);
    // off: cdk8s's Yaml.stringify, which hands each document to the yaml package
    expect(r.yamlCalls).toBe(fast ? 0 : r.documents);
    expect(r.documents).toBeGreaterThan(0);
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
    expect(r.yamlCalls).toBe(fast ? 1 : r.documents);
  });

  test.each([
    ['one file per chart', YamlOutputType.FILE_PER_CHART],
    ['one file per resource', YamlOutputType.FILE_PER_RESOURCE],
    ['one file per app', YamlOutputType.FILE_PER_APP],
    ['a folder per chart, a file per resource', YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE],
  ])('synth() writes the same files as App: %s', (_name, yamlOutputType) => {
    const build = (app: App) => {
      // three charts of one app (minimal.ts and datadog.ts both write the cluster "analytics" in one
      // namespace, which the app refuses: the operator's chart stands in for datadog.ts)
      for (const [, b] of exampleBuilders().filter(([f]) => ['minimal.ts', 'operator.ts', 'warehouse.ts'].includes(f))) b(app);
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

  /** Charts that depend on each other (explicitly, through their objects, nested) and a validation on each. */
  const dependentCharts = (app: App, validations: string[] = []) => {
    const chart = (id: string, scope: App | Chart = app) => {
      const c = new Chart(scope, id, { namespace: id });
      c.node.addValidation({ validate: () => { validations.push(id); return []; } });
      return c;
    };
    const last = chart('last');
    const first = chart('first');
    const middle = chart('middle');
    const nested = chart('nested', middle);
    const lastCluster = new StarRocksCluster(last, 'Cluster', { name: 'c3' });
    const firstCluster = new StarRocksCluster(first, 'Cluster', { name: 'c1' });
    const middleCluster = new StarRocksCluster(middle, 'Cluster', { name: 'c2' });
    new ApiObject(nested, 'Nested', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'n' } });
    // last after middle (a construct dependency across charts), middle after first (the charts)
    lastCluster.node.addDependency(middleCluster);
    middle.addDependency(first);
    // inside a chart: the cluster after a ConfigMap defined later
    const early = new ApiObject(first, 'Early', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'early' } });
    firstCluster.node.addDependency(early);
  };

  test('charts that depend on each other: the same text and files as App, each chart validated', () => {
    const r = synthBoth(app => dependentCharts(app));
    expect(r.ours).toBe(r.theirs);
    const order = [...r.ours.matchAll(/^ {2}name: (\S+)$/gm)].map(m => m[1]);
    expect(order.indexOf('early')).toBeLessThan(order.indexOf('c1'));
    expect(order.indexOf('c1')).toBeLessThan(order.indexOf('c2'));
    expect(order.indexOf('c2')).toBeLessThan(order.indexOf('c3'));

    for (const yamlOutputType of [YamlOutputType.FILE_PER_CHART, YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE]) {
      const outs = [App, StarRocksApp].map((AppClass) => {
        const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-starrocks-app.'));
        const app = new AppClass({ outdir, yamlOutputType });
        dependentCharts(app);
        app.synth();
        const files = fs.readdirSync(outdir, { recursive: true, encoding: 'utf8' }).sort()
          .filter(f => fs.statSync(path.join(outdir, f)).isFile())
          .map(f => [f, fs.readFileSync(path.join(outdir, f), 'utf8')]);
        fs.rmSync(outdir, { recursive: true, force: true });
        return files;
      });
      // indexed names: the charts depend on each other
      expect(outs[0].map(([f]) => f).filter(f => f.startsWith('0000-first')).length).toBeGreaterThan(0);
      expect(outs[1]).toEqual(outs[0]);
    }
  });

  test('the app is prepared (dependencies resolved, validated) once per synthesis, not once per chart', () => {
    const counts = [App, StarRocksApp].map((AppClass) => {
      const validations: string[] = [];
      const app = new AppClass();
      dependentCharts(app, validations);
      app.synthYaml();
      return validations.filter(v => v === 'first').length;
    });
    // App: once by synthYaml() and once per chart (4 charts); StarRocksApp: once, by synthYaml()
    // (with the fast paths off, as App)
    expect(counts).toEqual([5, fast ? 1 : 5]);
  });

  test('with a cdk8s other than 2.70, the first chart prepares the app as cdk8s would', () => {
    jest.isolateModules(() => {
      // a fresh copy of cdk8s and of the app module, the copy of cdk8s calling itself 2.99
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh = require('cdk8s') as typeof import('cdk8s');
      const rtti = Symbol.for('jsii.rtti');
      (fresh.App as any)[rtti] = { ...(fresh.App as any)[rtti], version: '2.99.0' };
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { StarRocksApp: FreshApp } = require('../../src/app/app') as typeof import('../../src/app/app');
      const runs = [fresh.App, FreshApp].map((AppClass) => {
        const app = new AppClass();
        const validated = { count: 0 };
        const charts = ['a', 'b', 'c'].map(id => new fresh.Chart(app, id));
        charts[0].node.addValidation({ validate: () => { validated.count++; return []; } });
        charts.forEach((c, i) => new fresh.ApiObject(c, 'o', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm${i}` } }));
        const text = app.synthYaml();
        // and the charts come from cdk8s's own graph
        expect(app.charts.map(c => c.node.path)).toEqual(['a', 'b', 'c']);
        return { text, validated: validated.count };
      });
      expect(runs[1].text).toBe(runs[0].text);
      // without cdk8s 2.70, the order of the charts comes from cdk8s's graph even without dependencies
      const topology = jest.spyOn(fresh.DependencyGraph.prototype, 'topology');
      const other = new FreshApp();
      new fresh.Chart(other, 'x');
      expect(other.charts.map(c => c.node.path)).toEqual(['x']);
      expect(topology).toHaveBeenCalled();
      topology.mockRestore();
      // App: by synthYaml() and once per chart; the other: by synthYaml() and the first chart
      // (with the fast paths off, as App)
      expect(runs.map(r => r.validated)).toEqual([4, fast ? 2 : 4]);
    });
  });

  test('a validation error is reported as App reports it', () => {
    const errors = [App, StarRocksApp].map((AppClass) => {
      const app = new AppClass();
      dependentCharts(app);
      new Chart(app, 'broken').node.addValidation({ validate: () => ['not like this'] });
      try {
        app.synthYaml();
        return 'no error';
      } catch (e) {
        return String(e);
      }
    });
    expect(errors[0]).toContain('[broken] not like this');
    expect(errors[1]).toBe(errors[0]);
  });

  test('a chart rendered on its own (Chart.toJson) is prepared as cdk8s prepares it', () => {
    const app = new StarRocksApp();
    const validations: string[] = [];
    dependentCharts(app, validations);
    const middle = app.node.findChild('middle') as Chart;
    expect(JSON.stringify(middle.toJson())).toBe(JSON.stringify(Testing.synth(middle)));
    middle.toJson();
    expect(validations.filter(v => v === 'first').length).toBe(3);
  });

  test('charts: in the order of cdk8s\'s dependency graph, numbered top-level charts first', () => {
    const app = new StarRocksApp();
    for (const id of ['b', '10', '2', 'a', '0', '01', '4294967295', '4294967294']) new Chart(app, id);
    new Chart(app.node.findChild('b') as Chart, '1');
    // defined (and found) right after its parent, but ordered after every numbered top-level chart
    new Chart(app.node.findChild('2') as Chart, 'inner');
    // without cdk8s's dependency graph (with the fast paths off, from it)
    const topology = jest.spyOn(DependencyGraph.prototype, 'topology');
    let ours: string[];
    try {
      ours = app.charts.map(c => c.node.path);
      expect(topology.mock.calls.length > 0).toBe(!fast);
    } finally {
      topology.mockRestore();
    }
    expect(ours).toEqual(cdk8sCharts(app).map(c => c.node.path));
    expect(ours.slice(0, 5)).toEqual(['0', '2', '10', '4294967294', '2/inner']);
  });

  test('generated apps: the same charts, objects and text as App, with and without dependencies', () => {
    // a recipe: charts (top-level or nested), objects under charts or plain constructs, dependencies
    const step = fc.oneof(
      fc.record({ op: fc.constant('chart' as const), id: fc.constantFrom('0', '1', '7', '12', 'x', 'y', 'z'), parent: fc.nat() }),
      fc.record({ op: fc.constant('object' as const), id: fc.constantFrom('3', 'o', 'p'), parent: fc.nat(), group: fc.boolean() }),
      fc.record({ op: fc.constant('depend' as const), from: fc.nat(), to: fc.nat() }),
    );
    const build = (app: App, steps: any[]) => {
      const charts: Chart[] = [];
      const all: IConstruct[] = [];
      let n = 0;
      for (const st of steps) {
        if (st.op === 'chart') {
          const parent: App | Chart = charts.length === 0 || st.parent % 3 === 0 ? app : charts[st.parent % charts.length];
          if (parent.node.tryFindChild(st.id)) continue;
          const c = new Chart(parent, st.id);
          charts.push(c);
          all.push(c);
        } else if (st.op === 'object' && charts.length > 0) {
          let scope: Construct = charts[st.parent % charts.length];
          if (st.group) scope = new Construct(scope, `g${n}`);
          const o = new ApiObject(scope, `${st.id}${n}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${n}` } });
          n++;
          all.push(o);
        } else if (st.op === 'depend' && all.length > 1) {
          const [from, to] = [all[st.from % all.length], all[st.to % all.length]];
          // in any direction (a cycle is an error of both apps), not between a construct and its scopes
          if (from !== to && !from.node.scopes.includes(to) && !to.node.scopes.includes(from)) from.node.addDependency(to);
        }
      }
    };
    fc.assert(fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
      const ours = new StarRocksApp();
      build(ours, steps);
      const theirs = new App();
      build(theirs, steps);
      const text = (app: App) => {
        try {
          return app.synthYaml();
        } catch (e) {
          return `error: ${e}`;
        }
      };
      const charts = (get: () => Chart[]) => {
        try {
          return get().map(c => c.node.path).join(' ');
        } catch (e) {
          return `error: ${e}`;
        }
      };
      expect(charts(() => ours.charts)).toBe(charts(() => cdk8sCharts(ours)));
      expect(text(ours)).toBe(text(theirs));
    }), { numRuns: fast ? 400 : 50, seed: 3 });
  });

  test('cdk8s\'s writer is back in place after a synth, and after a synth that fails', () => {
    const original = Yaml.stringify;
    const synthChart = (App as any)._synthChart;
    const app = new StarRocksApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-starrocks-app.')) });
    new StarRocksCluster(new Chart(app, 'ok'), 'Cluster', { name: 'c1' });
    app.synthYaml();
    expect(Yaml.stringify).toBe(original);

    const failing = new StarRocksApp();
    const chart = new Chart(failing, 'bad');
    new ApiObject(chart, 'Bad', { apiVersion: 'v1', kind: 'ConfigMap', data: Lazy.any({ produce: () => { throw new Error('no data'); } }) });
    expect(() => failing.synthYaml()).toThrow(/no data/);
    expect(Yaml.stringify).toBe(original);
    // and so is cdk8s's chart rendering
    expect((App as any)._synthChart).toBe(synthChart);
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

describe.each(FAST_SETTINGS)('StarRocksApp on the Helm translation, %s', (_setting, fast) => {
  useFastSetting(fast);
  describeShared('conformance cases', () => {
    test.each(conformanceBuilders())('synthYaml() of conformance case %s: the same text as App', (_name, build) => {
      const r = synthBoth(build);
      expect(r.ours).toBe(r.theirs);
      expect(r.yamlCalls).toBe(fast ? 0 : r.documents);
    });
  });
});

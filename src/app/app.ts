import { ApiObject, App, AppProps, Chart, DependencyGraph, Yaml } from 'cdk8s';
import { IConstruct } from 'constructs';
import { isUnshared } from '../common/api-object';
import { yamlLibrary, yamlUtil } from '../common/yaml-library';
import { blockPrinter } from '../common/yaml-printer';

/**
 * A cdk8s `App` that writes its YAML faster and byte for byte the same.
 *
 * `cdk8s synth` spends most of its time in cdk8s's YAML writer (`Yaml.stringify`), which builds a
 * node tree of every object and checks every string against the YAML 1.1 schema. A
 * `StarRocksApp` synthesizes exactly like `App` (same files, names and order, same validation and
 * dependencies), but while its `synth()` and `synthYaml()` run, cdk8s's `Yaml.stringify` is replaced
 * by a printer that lays out maps and lists itself and leaves every scalar to the same `yaml`
 * package cdk8s prints with, so each string is quoted exactly as cdk8s would quote it. The
 * benchmark (BENCHMARKS.md) measures both.
 *
 * Any object the printer does not handle (class instances, `undefined` values, an object used twice
 * in one document) is printed by cdk8s's own writer; if cdk8s ever prints a sample document
 * differently, the app uses cdk8s's writer for everything.
 *
 * It also prepares the app once per synthesis: cdk8s resolves the dependencies of the whole app and
 * validates all of it again for every chart it renders, which makes an app of many charts
 * quadratic (1000 charts: 13.5 s). A `StarRocksApp` does it once; the order of the objects, the
 * files and the validation errors stay the same.
 *
 * @example
 * const app = new StarRocksApp();
 * const chart = new Chart(app, 'starrocks');
 * new StarRocksCluster(chart, 'Cluster', { name: 'analytics' });
 * app.synth();
 */
export class StarRocksApp extends App {
  /**
   * Checks whether the faster printer is in use: `true` unless cdk8s's writer printed the sample
   * document differently (another cdk8s version), in which case the app prints with cdk8s's writer.
   */
  public static fastYamlAvailable(): boolean {
    return fastStringify() !== undefined;
  }

  /** @param props as for cdk8s's `App` */
  constructor(props: AppProps = {}) {
    super(props);
  }

  /**
   * All the charts in this app, sorted topologically, as `App.charts` gives them.
   *
   * When no construct of the app has a dependency, that order is the order in which the charts
   * were defined (cdk8s's dependency graph puts the top-level charts whose names are numbers,
   * like `'7'`, first, in numeric order); it is computed here without building the graph.
   */
  public get charts(): Chart[] {
    return (FOLLOWS_CDK8S ? chartsWithoutDependencies(this) : undefined) ?? super.charts;
  }

  /** Synthesizes the app into YAML files in `outdir`, as `App.synth()` does. */
  public synth(): void {
    withFastYaml(() => withOnePreparation(this, () => super.synth()));
  }

  /** Synthesizes the app into one YAML string, as `App.synthYaml()` does. */
  public synthYaml(): string {
    return withFastYaml(() => withOnePreparation(this, () => super.synthYaml()));
  }
}

/**
 * Whether the loaded cdk8s is the one whose synthesis this module follows (2.70, which the tests
 * check it against): its `App.synth()` and `App.synthYaml()` resolve the dependencies of the whole
 * app and validate it before they render the first chart, so no chart needs to prepare the app
 * again; and without dependencies its graph orders charts and objects as `chartsWithoutDependencies`
 * and `chartObjects` do. With another version, the first chart prepares the app and the order comes
 * from cdk8s's own graph.
 */
const FOLLOWS_CDK8S = /^2\.70\./.test(String((App as any)[Symbol.for('jsii.rtti')]?.version));

/** cdk8s's own (internal) `App._synthChart`, as loaded: what `Chart.toJson()` calls. */
const CDK8S_SYNTH_CHART: ((chart: Chart) => any[]) | undefined = (App as any)._synthChart;

/**
 * Runs `fn` (one synthesis of `app`) with cdk8s's whole-app preparation done once, not per chart.
 *
 * `Chart.toJson()` resolves the dependencies of the whole app and validates all of it, then renders
 * the chart's objects in dependency order; `synth()` and `synthYaml()` call it once per chart, so an
 * app of N charts is prepared N + 1 times (quadratic: 1000 charts took 13.5 s). While `fn` runs,
 * the charts of this app are rendered without preparing the app again (with a cdk8s other than
 * 2.70, the first one is rendered by cdk8s as always, preparing the app): the app's objects,
 * dependencies and validations are what they were when the synthesis prepared it. A chart of
 * another app, or a `_synthChart` someone else put in place, is left to it.
 */
function withOnePreparation<T>(app: App, fn: () => T): T {
  const before = (App as any)._synthChart;
  if (typeof CDK8S_SYNTH_CHART !== 'function' || before !== CDK8S_SYNTH_CHART) {
    return fn();
  }
  let prepared = FOLLOWS_CDK8S;
  (App as any)._synthChart = function synthChart(this: unknown, chart: Chart): any[] {
    if (!prepared || App.of(chart) !== app) {
      const json = before.call(this, chart);
      prepared = prepared || App.of(chart) === app;
      return json;
    }
    return chartObjects(chart).map(o => o.toJson());
  };
  try {
    return fn();
  } finally {
    (App as any)._synthChart = before;
  }
}

/** The objects a chart renders, in dependency order: those whose closest chart it is (as cdk8s 2.x orders them). */
function chartObjects(chart: Chart): ApiObject[] {
  const all = chart.node.findAll();
  // cdk8s's dependency graph of the chart's constructs, in its order: without dependencies, the
  // order in which they were defined (only the chart itself can have a number for a path)
  const ordered = !FOLLOWS_CDK8S || all.some(hasDependencies) ? new DependencyGraph(chart.node).topology() : all;
  return ordered.filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart);
}

/**
 * The app's charts in the order of cdk8s's dependency graph of the whole app, if no construct has
 * a dependency; otherwise undefined. Without edges, that graph lists the constructs as an object
 * keyed by construct path lists them: paths that are array indices (top-level constructs named
 * `'0'`, `'1'`, ...) first, in numeric order, then the rest in the order of definition.
 */
function chartsWithoutDependencies(app: App): Chart[] | undefined {
  const numbered: Chart[] = [];
  const named: Chart[] = [];
  for (const c of app.node.findAll()) {
    if (hasDependencies(c)) return undefined;
    if (Chart.isChart(c)) (isArrayIndex(c.node.path) ? numbered : named).push(c);
  }
  numbered.sort((a, b) => Number(a.node.path) - Number(b.node.path));
  return numbered.concat(named);
}

function hasDependencies(c: IConstruct): boolean {
  return c.node.dependencies.length > 0;
}

/** Whether a property key is an array index (JavaScript orders those first in an object's keys). */
function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9][0-9]*)$/.test(key) && Number(key) < 2 ** 32 - 1;
}

/** cdk8s's own `Yaml.stringify`, as loaded. */
const CDK8S_STRINGIFY = Yaml.stringify;

/** The options cdk8s 2.x's `Yaml.stringify` hands to `yaml.stringify` for every document. */
const CDK8S_OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' as const };

/**
 * A document with what Kubernetes objects hold and what the YAML 1.1 schema quotes: cdk8s's writer
 * and the fast one must print it identically before the fast one is used.
 */
const SAMPLE = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'sample', labels: { 'app.kubernetes.io/name': 'x' }, annotations: {} },
  data: { 'a.conf': 'line 1\n  line 2\n', 'yes': 'on', 'n': '0777', 'empty': '', 'colon': 'a: b', 'port': '8030' },
  spec: { replicas: 3, ratio: 0.5, ok: true, none: null, list: [], items: [{ name: 'a', args: ['--x', '1'] }, [1, [2]], 'z'] },
};

let fast: ((...docs: any[]) => string) | null | undefined;

/** The faster `Yaml.stringify`, or undefined when it does not print the sample as cdk8s does. */
function fastStringify(): ((...docs: any[]) => string) | undefined {
  if (fast === undefined) {
    const print = blockPrinter(yamlLibrary(), yamlUtil(), CDK8S_OPTIONS, isUnshared);
    // as cdk8s's: an undefined document is an empty line
    const fastYamlStringify = (...docs: any[]): string => docs.map(d => (d === undefined ? '\n' : print(d))).join('---\n');
    fast = fastYamlStringify(SAMPLE, undefined, SAMPLE) === CDK8S_STRINGIFY.call(Yaml, SAMPLE, undefined, SAMPLE) ? fastYamlStringify : null;
  }
  return fast ?? undefined;
}

/** Runs `fn` with cdk8s's `Yaml.stringify` replaced by the faster printer, then puts it back. */
function withFastYaml<T>(fn: () => T): T {
  const printer = fastStringify();
  const before = Yaml.stringify;
  if (!printer || before !== CDK8S_STRINGIFY) {
    // no fast printer, or someone else's writer is in place (a nested synth): leave it
    return fn();
  }
  Yaml.stringify = printer;
  try {
    return fn();
  } finally {
    Yaml.stringify = before;
  }
}

/**
 * The fast paths of `StarRocksApp`'s synthesis (see ./index.ts and src/app/app.ts): cdk8s's
 * `Yaml.stringify` replaced by the library's printer while the app synthesizes, the app prepared
 * once per synthesis instead of once per chart, and the charts listed without building cdk8s's
 * dependency graph when nothing depends on anything.
 *
 * With the fast paths off (`CDK8S_STARROCKS_FAST=0`, see ./switch.ts) none of them is used: the
 * app synthesizes exactly as cdk8s's `App`.
 *
 * @internal
 */
import { ApiObject, App, Chart, DependencyGraph, Yaml } from 'cdk8s';
import { IConstruct } from 'constructs';
import { isUnshared } from './api-object';
import { fastPathsEnabled } from './switch';
import { blockPrinter } from './yaml-printer';
import { yamlLibrary, yamlUtil } from '../common/yaml-library';

/**
 * Whether the loaded cdk8s is the one whose synthesis this module follows (2.70, which the tests
 * check it against): its `App.synth()` and `App.synthYaml()` resolve the dependencies of the whole
 * app and validate it before they render the first chart, so no chart needs to prepare the app
 * again; and without dependencies its graph orders charts and objects as `chartsWithoutDependencies`
 * and `chartObjects` do. With another version, the first chart prepares the app and the order comes
 * from cdk8s's own graph.
 */
const FOLLOWS_CDK8S = /^2\.70\./.test(String((App as unknown as Cdk8sAppInternals)[Symbol.for('jsii.rtti')]?.version));

/** `App.synthChart`: renders one chart to its objects' JSON (cdk8s's internal, what `Chart.toJson()` calls). */
type SynthChart = (this: unknown, chart: Chart) => unknown[];

/**
 * What this module reads of cdk8s's `App` class beyond its public API: the version jsii records,
 * and the internal `_synthChart` it replaces while a synthesis runs (cdk8s 2.x).
 */
interface Cdk8sAppInternals {
  [key: symbol]: { version?: unknown } | undefined;
  _synthChart?: SynthChart;
}

/** cdk8s's `App` as this module patches it. */
const APP_INTERNALS = App as unknown as Cdk8sAppInternals;

/** cdk8s's own (internal) `App._synthChart`, as loaded: what `Chart.toJson()` calls. */
const CDK8S_SYNTH_CHART: SynthChart | undefined = APP_INTERNALS._synthChart;

/**
 * Runs `fn`, one synthesis of `app` (its `synth()` or `synthYaml()` as cdk8s's `App` does them),
 * with the fast paths: the library's YAML printer in place of cdk8s's `Yaml.stringify`, and the app
 * prepared once. With the fast paths off, just runs `fn`.
 *
 * @internal
 */
export function synthesizeFast<T>(app: App, fn: () => T): T {
  if (!fastPathsEnabled()) {
    return fn();
  }
  return withFastYaml(() => withOnePreparation(app, fn));
}

/**
 * The app's charts in the order cdk8s's `App.charts` gives them, computed without cdk8s's
 * dependency graph, when no construct of the app has a dependency (and cdk8s is 2.70); otherwise
 * (or with the fast paths off) undefined, and the caller asks cdk8s.
 *
 * @internal
 */
export function chartsWithoutGraph(app: App): Chart[] | undefined {
  return FOLLOWS_CDK8S && fastPathsEnabled() ? chartsWithoutDependencies(app) : undefined;
}

/**
 * Whether a `StarRocksApp` synthesizing now would print with the library's printer: the fast paths
 * are on and the printer prints a sample document exactly as the loaded cdk8s's writer does.
 *
 * @internal
 */
export function fastYamlInUse(): boolean {
  return fastPathsEnabled() && fastStringify() !== undefined;
}

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
  const before = APP_INTERNALS._synthChart;
  if (typeof CDK8S_SYNTH_CHART !== 'function' || before !== CDK8S_SYNTH_CHART) {
    return fn();
  }
  let prepared = FOLLOWS_CDK8S;
  APP_INTERNALS._synthChart = function synthChart(this: unknown, chart: Chart): unknown[] {
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
    APP_INTERNALS._synthChart = before;
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

/** A `Yaml.stringify`: documents (plain data) to one YAML stream. */
type Stringify = (...docs: unknown[]) => string;

let fast: Stringify | null | undefined;

/**
 * The faster `Yaml.stringify`, or undefined when it does not print the sample as cdk8s does
 * (decided once, with the fast paths on: the callers check the switch).
 */
function fastStringify(): Stringify | undefined {
  if (fast === undefined) {
    const print = blockPrinter(yamlLibrary(), yamlUtil(), CDK8S_OPTIONS, isUnshared);
    // as cdk8s's: an undefined document is an empty line
    const fastYamlStringify: Stringify = (...docs) => docs.map(d => (d === undefined ? '\n' : print(d))).join('---\n');
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

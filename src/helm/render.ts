import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { HelmContext } from './context';
import { ValuesMap } from './values';

/** The charts the library can stand in for. @internal */
export type HelmChartName = 'kube-starrocks' | 'warehouse';

/**
 * Everything `cdk8s-starrocks template` needs to render a chart.
 *
 * @internal
 */
export interface HelmRenderRequest extends HelmContext {
  /** Which chart. */
  readonly chart: HelmChartName;
  /** The user's values, already merged from every `-f` file and `--set` (not yet over the chart defaults). */
  readonly values: ValuesMap;
  /**
   * Whether the custom resources are checked against their CRDs when the app synthesizes
   * (default); `renderHelmChart` checks the rendered objects instead.
   */
  readonly checkAtSynth?: boolean;
}

/** Where a chart's values keys start in its values file. */
function valuesRoot(chart: HelmChartName): string {
  return chart === 'kube-starrocks' ? 'starrocks.' : '';
}

/**
 * Adds the objects a chart renders for the given values to a scope, through the typed constructs.
 * Values are merged over the chart's defaults first.
 *
 * @internal
 */
export function addHelmChart(scope: Construct, request: HelmRenderRequest): void {
  // Loaded on demand: a run renders one chart and loads only its translation.
  if (request.chart === 'kube-starrocks') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { addKubeStarRocks } = require('./kube-starrocks') as typeof import('./kube-starrocks');
    addKubeStarRocks(scope, request.values, request);
  } else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { addWarehouseChart } = require('./warehouse-chart') as typeof import('./warehouse-chart');
    addWarehouseChart(scope, request.values, request);
  }
  if (request.checkAtSynth !== false) {
    // what the charts print as given is checked against the CRDs, naming the values key
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { addCustomResourceCheck } = require('./crd-check') as typeof import('./crd-check');
    addCustomResourceCheck(scope, valuesRoot(request.chart));
  }
}

/**
 * Renders a chart to plain Kubernetes objects, in the order the constructs define them (objects
 * another object depends on come first).
 *
 * @internal
 */
export function renderHelmChart(request: HelmRenderRequest): ValuesMap[] {
  const app = new App({ outdir: '.' });
  const chart = new Chart(app, request.release, { namespace: request.namespace, disableResourceNameHashes: true });
  addHelmChart(chart, { ...request, checkAtSynth: false });
  // resolves dependencies, runs every validation, then renders (the same path as `cdk8s synth`)
  const objects = Testing.synth(chart);
  // what the charts print as given, checked against the CRDs on the rendered objects (no second
  // rendering), naming the values key
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { customResourceProblem } = require('./crd-check') as typeof import('./crd-check');
  for (const o of objects) {
    const problem = customResourceProblem(o, valuesRoot(request.chart));
    if (problem !== undefined) {
      throw problem;
    }
  }
  return objects;
}

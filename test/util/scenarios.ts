/**
 * Whole apps for the tests that compare two ways of synthesizing the same thing: every example of
 * examples/ (each one feature of the library, together all of them) and every conformance case of
 * ../shared through the Helm translation.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { loadConformanceCases } from './conformance';
import { REPO_ROOT, SHARED_DIR, sharedAvailable } from './shared';
import { parseValuesYaml } from '../../src/cli/yaml-io';
import { mergeValueSources } from '../../src/helm/merge';
import { addHelmChart } from '../../src/helm/render';

/**
 * The examples' modules (examples/*.ts), by file name. Each builds in a working directory holding
 * `crds/` with the StarRocks CRDs of ../shared (the operator example reads them from there); without
 * ../shared, the examples that read files are left out.
 */
export function exampleBuilders(): [string, (app: App) => Chart][] {
  const dir = path.join(REPO_ROOT, 'examples');
  const readsFiles = new Set(['operator.ts']);
  return fs.readdirSync(dir).filter(f => f.endsWith('.ts')).filter(f => sharedAvailable() || !readsFiles.has(f)).sort().map(f => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(dir, f));
    if (typeof mod.build !== 'function') throw new Error(`examples/${f} has no build(app) function`);
    return [f, (app: App) => inWorkDir(() => mod.build(app))];
  });
}

/** Runs `fn` in a temporary working directory with `crds/` from ../shared (when present). */
function inWorkDir<T>(fn: () => T): T {
  const cwd = process.cwd();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-starrocks-scenario.'));
  if (sharedAvailable()) {
    fs.mkdirSync(path.join(dir, 'crds'));
    for (const f of fs.readdirSync(path.join(SHARED_DIR, 'crds')).filter(n => n.startsWith('starrocks.com_'))) {
      fs.writeFileSync(path.join(dir, 'crds', f), fs.readFileSync(path.join(SHARED_DIR, 'crds', f)));
    }
  }
  process.chdir(dir);
  try {
    return fn();
  } finally {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The conformance cases that render, each as a function adding its objects to a new chart of an app. */
export function conformanceBuilders(): [string, (app: App) => Chart][] {
  return loadConformanceCases().filter(c => c.expectError === null && c.libraryExpectError === undefined).map(c => [c.name, (app: App) => {
    const chart = new Chart(app, 'chart', { disableResourceNameHashes: true });
    addHelmChart(chart, {
      chart: c.chart,
      release: c.release,
      namespace: c.namespace,
      apiVersions: c.apiVersions,
      values: mergeValueSources([parseValuesYaml(c.valuesYaml, 'values.yaml')]),
    });
    return chart;
  }]);
}

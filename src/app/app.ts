import { App, AppProps, Chart } from 'cdk8s';
import { chartsWithoutGraph, fastYamlInUse, synthesizeFast } from '../fast';

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
 * These are the library's fast synthesis paths, with the one-pass rendering of its objects. The
 * environment variable `CDK8S_STARROCKS_FAST=0` turns all of them off: the app then synthesizes as
 * cdk8s's `App` does, with the same output.
 *
 * @example
 * const app = new StarRocksApp();
 * const chart = new Chart(app, 'starrocks');
 * new StarRocksCluster(chart, 'Cluster', { name: 'analytics' });
 * app.synth();
 */
export class StarRocksApp extends App {
  /**
   * Checks whether the faster printer is in use: `true` unless the fast paths are off
   * (`CDK8S_STARROCKS_FAST=0`) or cdk8s's writer printed the sample document differently (another
   * cdk8s version); in either case the app prints with cdk8s's writer.
   */
  public static fastYamlAvailable(): boolean {
    return fastYamlInUse();
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
    return chartsWithoutGraph(this) ?? super.charts;
  }

  /** Synthesizes the app into YAML files in `outdir`, as `App.synth()` does. */
  public synth(): void {
    synthesizeFast(this, () => super.synth());
  }

  /** Synthesizes the app into one YAML string, as `App.synthYaml()` does. */
  public synthYaml(): string {
    return synthesizeFast(this, () => super.synthYaml());
  }
}

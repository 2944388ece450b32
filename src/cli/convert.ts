/**
 * `cdk8s-starrocks convert FILE` and `convert --from-values values.yaml`: prints a TypeScript
 * module that builds the StarRocksClusters and StarRocksWarehouses of a manifest file (with the
 * ConfigMaps they refer to) with the typed API, from the mapping of src/manifest.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import type { CliIo } from './main';
import { parseValuesYaml } from './yaml-io';
import { StarRocksCluster } from '../cluster/cluster';
import { StarRocksPropError } from '../common/errors';
import { yamlLibrary } from '../common/yaml-library';
import { HelmValuesError } from '../helm/context';
import { KubeStarRocks } from '../helm/kube-starrocks-chart';
import { configMapsOf, ManifestMapping, manifestModule, mapClusterManifest, mapWarehouseManifest } from '../manifest';
import { StarRocksWarehouse } from '../warehouse/warehouse';

const USAGE = 'usage: cdk8s-starrocks convert FILE | convert --from-values VALUES_FILE';

/** A usage or input problem, printed as one line. */
class ConvertError extends Error {}

/**
 * Runs `convert` with the arguments after the command name; prints the module on standard output.
 *
 * @returns the exit code: 0, 1 for bad input, 2 for bad usage
 * @internal
 */
export function runConvert(args: readonly string[], io: CliIo): number {
  let fromValues = false;
  const files: string[] = [];
  for (const a of args) {
    if (a === '--from-values') {fromValues = true;} else if (a.startsWith('-') && a !== '-') {
      io.stderr(`Error: unknown flag ${JSON.stringify(a)}\n${USAGE}\n`);
      return 2;
    } else {files.push(a);}
  }
  if (files.length !== 1) {
    io.stderr(`Error: convert takes one file, got ${files.length}\n${USAGE}\n`);
    return 2;
  }
  const file = files[0];
  try {
    const text = readInput(file, io);
    const objects = fromValues ? objectsFromValues(text, file) : parseStream(text, file);
    const mappings = mapObjects(objects, file);
    checkWithTypedApi(objects);
    io.stdout(manifestModule(mappings, fromValues ? `the Helm values ${path.basename(file)}` : path.basename(file === '-' ? 'standard input' : file)));
    return 0;
  } catch (e) {
    if (e instanceof ConvertError || e instanceof StarRocksPropError || e instanceof HelmValuesError) {
      io.stderr(`Error: ${file}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

function readInput(file: string, io: CliIo): string {
  if (file === '-') return (io.readStdin ?? (() => fs.readFileSync(0, 'utf8')))();
  try {
    return fs.readFileSync(path.resolve(io.cwd, file), 'utf8');
  } catch {
    throw new ConvertError('cannot read the file');
  }
}

/** The objects of a YAML stream. */
function parseStream(text: string, file: string): unknown[] {
  const docs = yamlLibrary().parseAllDocuments(text);
  const out: unknown[] = [];
  for (const d of docs) {
    if (d.errors.length > 0) throw new ConvertError(`not valid YAML: ${d.errors[0].message.split('\n')[0]}`);
    const v: unknown = d.toJS();
    if (v !== null && v !== undefined) out.push(v);
  }
  if (out.length === 0) throw new ConvertError(`${file} holds no objects`);
  return out;
}

/** The objects the kube-starrocks chart's `starrocks` values define, as the Helm layer builds them. */
function objectsFromValues(text: string, file: string): unknown[] {
  const values = parseValuesYaml(text, file);
  const app = new App();
  const chart = new Chart(app, 'values');
  const starrocks = values.starrocks;
  KubeStarRocks.clusterFromValues(chart, 'Release', (typeof starrocks === 'object' && starrocks !== null ? starrocks : values) as { [key: string]: unknown });
  return chart.toJson();
}

/** The mapping of every StarRocksCluster and StarRocksWarehouse; other objects are passed over. */
function mapObjects(objects: readonly unknown[], file: string): ManifestMapping[] {
  const configMaps = configMapsOf(objects);
  const out: ManifestMapping[] = [];
  objects.forEach((o, i) => {
    const kind = typeof o === 'object' && o !== null ? (o as { kind?: unknown }).kind : undefined;
    try {
      if (kind === 'StarRocksCluster') out.push(mapClusterManifest(o, configMaps));
      if (kind === 'StarRocksWarehouse') out.push(mapWarehouseManifest(o, configMaps));
    } catch (e) {
      if (e instanceof StarRocksPropError) throw new ConvertError(`object ${i + 1} (${String(kind)}): ${e.message}`);
      throw e;
    }
  });
  if (out.length === 0) throw new ConvertError(`${file} holds no StarRocksCluster or StarRocksWarehouse`);
  return out;
}

/** Builds the resources with `fromManifest`, so that what the typed API refuses is reported now. */
function checkWithTypedApi(objects: readonly unknown[]): void {
  const chart = new Chart(new App(), 'check');
  const configMaps = objects.filter((o) => typeof o === 'object' && o !== null && (o as { kind?: unknown }).kind === 'ConfigMap');
  objects.forEach((o, i) => {
    const kind = typeof o === 'object' && o !== null ? (o as { kind?: unknown }).kind : undefined;
    try {
      if (kind === 'StarRocksCluster') StarRocksCluster.fromManifest(chart, `C${i}`, o as { [key: string]: unknown }, { configMaps });
      if (kind === 'StarRocksWarehouse') StarRocksWarehouse.fromManifest(chart, `W${i}`, o as { [key: string]: unknown }, { configMaps });
    } catch (e) {
      if (e instanceof StarRocksPropError) throw new ConvertError(`object ${i + 1} (${String(kind)}): the typed API refuses it: ${e.message}`);
      throw e;
    }
  });
  try {
    chart.toJson();
  } catch (e) {
    if (e instanceof StarRocksPropError) throw new ConvertError(`the typed API refuses it: ${e.message}`);
    throw e;
  }
}

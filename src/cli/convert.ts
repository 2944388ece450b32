/**
 * `cdk8s-starrocks convert FILE` and `convert --from-values values.yaml`: prints a TypeScript
 * module that builds the StarRocksClusters and StarRocksWarehouses of a manifest file (with the
 * ConfigMaps they refer to) with the typed API, from the mapping of src/manifest.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import type { CliIo } from './io';
import { parseValuesYaml } from './yaml-io';
import { StarRocksCluster } from '../cluster/cluster';
import { StarRocksPropError } from '../common/errors';
import { yamlLibrary } from '../common/yaml-library';
import { HelmValuesError } from '../helm/context';
import { KubeStarRocks, StarRocksWarehouseChart } from '../helm/kube-starrocks-chart';
import { configMapsOf, ManifestMapping, manifestModule, mapClusterManifest, mapWarehouseManifest } from '../manifest';
import { StarRocksWarehouse } from '../warehouse/warehouse';

const USAGE = [
  'usage: cdk8s-starrocks convert FILE',
  '       cdk8s-starrocks convert --from-values VALUES_FILE [--release NAME]',
  'FILE holds StarRocksCluster and StarRocksWarehouse manifests (and their ConfigMaps); - reads standard input.',
  'VALUES_FILE holds values of the kube-starrocks chart, or of the warehouse chart (values with a top-level "spec").',
].join('\n');

/** A usage or input problem, printed as one line. */
class ConvertError extends Error {}

/** The parsed arguments of `convert`. */
interface ConvertArgs {
  readonly file: string;
  readonly fromValues: boolean;
  readonly release?: string;
}

function parseConvertArgs(args: readonly string[]): ConvertArgs | string {
  let fromValues = false;
  let release: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--from-values') {
      fromValues = true;
    } else if (a === '--release' || a.startsWith('--release=')) {
      release = a === '--release' ? args[++i] : a.slice('--release='.length);
      if (!release) return 'flag --release needs a release name';
    } else if (a.startsWith('-') && a !== '-') {
      return `unknown flag ${JSON.stringify(a)}`;
    } else {
      files.push(a);
    }
  }
  if (files.length !== 1) return `convert takes one file, got ${files.length}`;
  if (release !== undefined && !fromValues) return 'flag --release needs --from-values';
  return { file: files[0], fromValues, release };
}

/**
 * Runs `convert` with the arguments after the command name; prints the module on standard output.
 *
 * @returns the exit code: 0, 1 for bad input, 2 for bad usage
 * @internal
 */
export function runConvert(args: readonly string[], io: CliIo): number {
  const parsed = parseConvertArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`Error: ${parsed}\n${USAGE}\n`);
    return 2;
  }
  const file = parsed.file;
  const shown = file === '-' ? 'standard input' : file;
  try {
    const text = readInput(file, io);
    const objects = parsed.fromValues ? objectsFromValues(text, shown, parsed.release) : parseStream(text, shown);
    const mappings = mapObjects(objects, shown);
    checkWithTypedApi(objects);
    const source = parsed.fromValues ? `the Helm values ${path.basename(shown)}` : path.basename(shown);
    io.stdout(manifestModule(mappings, source));
    return 0;
  } catch (e) {
    if (e instanceof ConvertError || e instanceof StarRocksPropError || e instanceof HelmValuesError) {
      io.stderr(`Error: ${shown}: ${e.message}\n`);
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

/**
 * The objects Helm values define, as the Helm layer builds them: the kube-starrocks chart's
 * cluster (its `starrocks` values), or a warehouse chart's release (values with a top-level
 * `spec`). Converting them goes through the same mapping as a manifest file.
 */
function objectsFromValues(text: string, file: string, release: string | undefined): unknown[] {
  const values = parseValuesYaml(text, file);
  const chart = new Chart(new App(), 'values');
  const options = release !== undefined ? { releaseName: release } : {};
  if (values.spec !== undefined && values.starrocks === undefined) {
    new StarRocksWarehouseChart(chart, 'Warehouse', { ...options, values });
  } else {
    const starrocks = values.starrocks;
    KubeStarRocks.clusterFromValues(chart, 'Release', (typeof starrocks === 'object' && starrocks !== null ? starrocks : {}) as { [key: string]: unknown }, options);
  }
  // values carry no namespace (it is Helm's --namespace): the generated code leaves it to its chart
  return chart.toJson().map((o: { metadata?: { namespace?: string } }) => {
    if (o.metadata !== undefined) delete o.metadata.namespace;
    return o;
  });
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

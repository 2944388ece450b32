/**
 * `cdk8s-starrocks template RELEASE [CHART] [flags]`: a drop-in for `helm template` of the
 * StarRocks charts. See {@link HELP} for the flags.
 *
 * Start-up matters (the command runs in scripts and CI loops): this module imports only Node's
 * built-ins and the flag parser; the YAML reader/writer is loaded once the flags are parsed, the
 * constructs (cdk8s) only to render. `--help` and `--version` load neither.
 *
 * @internal
 */
import * as fs from 'fs';
import * as path from 'path';
import { CHART_VERSION, checkKubeVersion, HELP, parseArgs, TemplateRequest, UsageError } from './args';
import type { CliIo } from './io';
import type { SetMode } from '../helm/set';
import type { ValuesMap } from '../helm/values';

export type { CliIo } from './io';

/** The version of this package, from its package.json (found above this file: src/cli or lib/src/cli). */
function packageVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, 'package.json');
    try {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (pkg.name === 'cdk8s-starrocks') {
        return String(pkg.version);
      }
    } catch {
      // not here
    }
    dir = path.dirname(dir);
  }
  return 'unknown';
}

/** A file error in Go's words (`open values.yaml: no such file or directory`), like Helm. */
function fileError(op: string, file: string, e: unknown): Error {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./files') as typeof import('./files')).fileError(op, file, e);
}

/** Standard input, read once: a second reader (`-f -` and `--set-file a=-`) finds it empty, as in Helm. */
function stdinReader(io: CliIo): () => string {
  let used = false;
  return () => {
    if (used) return '';
    used = true;
    try {
      return io.readStdin ? io.readStdin() : fs.readFileSync(0, 'utf8');
    } catch (e) {
      throw fileError('read', '<stdin>', e);
    }
  };
}

/** A values file or a --set-file file (Helm's `readFile`: `-`, spaces around it allowed, is standard input). */
function readInputFile(file: string, io: CliIo, stdin: () => string): string {
  if (file.trim() === '-') {
    return stdin();
  }
  const full = path.resolve(io.cwd, file);
  try {
    return fs.readFileSync(full, 'utf8');
  } catch (e) {
    throw fileError(fs.existsSync(full) ? 'read' : 'open', file, e);
  }
}

/** The user's values: the -f files merged in order, then every --set applied (Helm's `MergeValues`). */
function userValues(req: TemplateRequest, io: CliIo): ValuesMap {
  // every file is read before the YAML library is loaded: a missing file fails fast
  const stdin = stdinReader(io);
  const texts = req.valueFiles.map(file => ({ file: file.trim() === '-' ? '<stdin>' : file, text: readInputFile(file, io, stdin) }));
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { mergeValueSources } = require('../helm/merge') as typeof import('../helm/merge');
  const { applySet } = require('../helm/set') as typeof import('../helm/set');
  const sources = texts.length === 0 ? [] : (() => {
    const { parseValuesYaml } = require('./yaml-io') as typeof import('./yaml-io');
    return texts.map(t => parseValuesYaml(t.text, t.file));
  })();
  /* eslint-enable @typescript-eslint/no-require-imports */
  const values = mergeValueSources(sources);
  // Helm's order: every --set, then every --set-string, then every --set-file
  const groups: ReadonlyArray<readonly [SetMode, readonly string[]]> = [
    ['set', req.sets], ['set-string', req.setStrings ?? []], ['set-file', req.setFiles ?? []],
  ];
  for (const [mode, expressions] of groups) {
    for (const expression of expressions) {
      try {
        applySet(values, expression, { mode, readFile: (name) => readInputFile(name, io, stdin) });
      } catch (e) {
        // the messages name keys and files, never a value (the expression is not shown)
        throw new Error(`failed parsing --${mode} data: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  return values;
}

/** Whether a value is a map (without loading the Helm layer). */
function isObject(v: unknown): v is { readonly [key: string]: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A file name part from a kind or an object name. */
function fileNamePart(s: unknown): string {
  const text = s === undefined || s === null || s === '' ? 'unnamed' : String(s);
  return text.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * Writes one file per object: `DIR/<chart>/<kind>-<name>.yaml` (kind in lower case). Objects that
 * map to the same file (same kind and name in two namespaces) follow each other in it. Files of an
 * earlier run are replaced; other files are left alone. See `writeOutputFiles` for the safety.
 */
function writeOutputDir(objects: readonly ValuesMap[], req: TemplateRequest, io: CliIo, texts: readonly string[]): string {
  const files = new Map<string, string>();
  objects.forEach((obj, i) => {
    const metadata = obj.metadata;
    const name = `${fileNamePart(obj.kind).toLowerCase()}-${fileNamePart(isObject(metadata) ? metadata.name : undefined)}.yaml`;
    files.set(name, (files.get(name) ?? '') + `---\n${texts[i]}`);
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { writeOutputFiles } = require('./files') as typeof import('./files');
  const written = writeOutputFiles(path.resolve(io.cwd, req.outputDir!), req.outputDir!, req.chart,
    [...files].map(([name, text]) => ({ name, text })));
  return written.map(f => `wrote ${f}\n`).join('');
}

function template(req: TemplateRequest, io: CliIo): string {
  if (req.kubeVersion !== undefined) {
    checkKubeVersion(req.kubeVersion);
  }
  const values = userValues(req, io);
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { renderHelmChart } = require('../helm/render') as typeof import('../helm/render');
  const { stringifyObject } = require('./yaml-io') as typeof import('./yaml-io');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const objects = renderHelmChart({
    chart: req.chart,
    release: req.release,
    namespace: req.namespace,
    apiVersions: req.apiVersions,
    values,
  });
  const texts = objects.map(o => stringifyObject(o));
  if (req.outputDir !== undefined) {
    return writeOutputDir(objects, req, io, texts);
  }
  return texts.map(t => `---\n${t}`).join('');
}

/**
 * Runs `cdk8s-starrocks` with the given arguments (without `node` and the script name).
 *
 * Everything for standard output is produced first and handed to `io.stdout` in one call, so that a
 * failing run prints nothing there. On any error (flags, files, `--set`, values the chart refuses,
 * objects the constructs refuse) the message goes to `io.stderr` as `Error: <message>` and the
 * result is 1; otherwise 0.
 *
 * @returns the exit status
 * @internal
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'lint') {
    // loaded on demand: `template` never loads the lint rules and the CRD schemas
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runLint } = require('./lint') as typeof import('./lint');
    return runLint(argv.slice(1), io);
  }
  if (argv[0] === 'convert') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runConvert } = require('./convert') as typeof import('./convert');
    return runConvert(argv.slice(1), io);
  }
  let debug = argv.includes('--debug');
  try {
    const req = parseArgs(argv);
    if (req.command === 'help') {
      io.stdout(HELP);
      return 0;
    }
    if (req.command === 'version') {
      io.stdout(`cdk8s-starrocks ${packageVersion()} (charts kube-starrocks ${CHART_VERSION} and warehouse ${CHART_VERSION}, as rendered by helm v3.6.2)\n`);
      return 0;
    }
    debug = req.debug;
    const out = template(req, io);
    if (out !== '') {
      io.stdout(out);
    }
    return 0;
  } catch (e) {
    // a value nested deeper than the objects' printers go (Helm reads up to 10,000 levels)
    const message = e instanceof RangeError && /call stack/i.test(e.message)
      ? 'a value in the values is nested too deeply to render (at most a few thousand levels below a key the chart prints)'
      : e instanceof Error ? e.message : String(e);
    io.stderr(`Error: ${message}\n`);
    if (e instanceof UsageError) {
      io.stderr('Run "cdk8s-starrocks --help" for usage.\n');
    } else if (debug && e instanceof Error && e.stack) {
      io.stderr(`${e.stack}\n`);
    }
    return 1;
  }
}

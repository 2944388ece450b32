/**
 * `cdk8s-starrocks lint [--output text|json] FILE...`: checks the StarRocksCluster and
 * StarRocksWarehouse objects of manifest files (`-` reads standard input) with the library's
 * checks (src/lint). Prints one finding per line and a summary; exits 1 when any finding is an
 * error (or a file cannot be read, or the arguments are wrong), 0 otherwise.
 *
 * @internal
 */
import * as fs from 'fs';
import * as path from 'path';
import { Finding, LintResult } from '../lint/findings';
import { lint, LintInput } from '../lint/lint';

/** Where the command reads and writes. @internal */
export interface LintIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly cwd: string;
  /** Reads standard input whole (for `-`). Default: file descriptor 0. */
  readonly readStdin?: () => string;
}

/** The help of `lint`. @internal */
export const LINT_HELP = `Check StarRocksCluster and StarRocksWarehouse manifests with the library's checks.

Usage:
  cdk8s-starrocks lint [flags] FILE...

Reads every YAML document of each FILE ("-" for standard input; List kinds are opened) and checks
each StarRocksCluster and StarRocksWarehouse against the operator's CRD (v1.11.5), the names the
operator derives, the API server's rules for what the operator builds, the operator's own rules and,
for ConfigMaps among the files that configMapInfo names, the StarRocks configuration keys. Other
objects are passed over.

Prints one finding per line: FILE: KIND/NAMESPACE/NAME: FIELD: [RULE] error|warning: MESSAGE,
then a summary. Exits 1 if any finding is an error, 0 otherwise.

Flags:
  -o, --output string   output format: text (default) or json
  -h, --help            help for lint
`;

class LintUsageError extends Error {}

interface LintRequest {
  readonly files: string[];
  readonly json: boolean;
  readonly help: boolean;
}

function parseLintArgs(args: readonly string[]): LintRequest {
  const files: string[] = [];
  let output = 'text';
  let help = false;
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (options && a === '--') {
      options = false;
    } else if (options && (a === '-h' || a === '--help')) {
      help = true;
    } else if (options && (a === '-o' || a === '--output')) {
      if (i + 1 >= args.length) throw new LintUsageError(`flag needs an argument: ${a}`);
      output = args[++i];
    } else if (options && (a.startsWith('--output=') || a.startsWith('-o='))) {
      output = a.slice(a.indexOf('=') + 1);
    } else if (options && a.startsWith('-') && a !== '-') {
      throw new LintUsageError(`unknown flag: ${a}`);
    } else {
      files.push(a);
    }
  }
  if (output !== 'text' && output !== 'json') {
    throw new LintUsageError(`invalid argument "${output}" for "--output": must be text or json`);
  }
  if (!help && files.length === 0) throw new LintUsageError('requires at least one FILE (or "-" for standard input)');
  if (files.filter((f) => f === '-').length > 1) throw new LintUsageError('"-" (standard input) can be given once');
  return { files, json: output === 'json', help };
}

/** Node's file errors in a short form: `open x.yaml: no such file or directory`. */
function readProblem(file: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === 'ENOENT' ? 'no such file or directory'
    : code === 'EACCES' ? 'permission denied'
      : code === 'EISDIR' ? 'is a directory'
        : code ?? 'cannot be read';
  return `open ${file}: ${reason}`;
}

/** One finding as a line of text. @internal */
export function formatFinding(f: Finding): string {
  const parts = [f.file];
  if (f.object !== '') parts.push(f.object);
  if (f.path !== '') parts.push(f.path);
  return `${parts.join(': ')}: [${f.rule}] ${f.severity}: ${f.message}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The summary line. @internal */
export function formatSummary(result: LintResult): string {
  const s = result.summary;
  return `${plural(s.checked, 'object')} checked (StarRocksCluster, StarRocksWarehouse), ${s.passedOver} passed over: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`;
}

/**
 * Runs `lint` with the arguments after the command name; returns the exit status.
 *
 * @internal
 */
export function runLint(args: readonly string[], io: LintIo): number {
  let req: LintRequest;
  try {
    req = parseLintArgs(args);
  } catch (e) {
    if (!(e instanceof LintUsageError)) throw e;
    io.stderr(`Error: ${e.message}\n\nRun 'cdk8s-starrocks lint --help' for usage.\n`);
    return 1;
  }
  if (req.help) {
    io.stdout(LINT_HELP);
    return 0;
  }
  try {
    const inputs: LintInput[] = [];
    const unreadable: Finding[] = [];
    for (const file of req.files) {
      try {
        const text = file === '-'
          ? (io.readStdin ? io.readStdin() : fs.readFileSync(0, 'utf8'))
          : fs.readFileSync(path.resolve(io.cwd, file), 'utf8');
        inputs.push({ file, text });
      } catch (e) {
        unreadable.push({ file, object: '', path: '', rule: 'file', severity: 'error', message: file === '-' ? 'standard input cannot be read' : readProblem(file, e) });
      }
    }
    const linted = lint(inputs);
    const result: LintResult = {
      findings: [...unreadable, ...linted.findings],
      summary: { ...linted.summary, errors: linted.summary.errors + unreadable.length },
    };
    if (req.json) {
      io.stdout(`${JSON.stringify(result, undefined, 2)}\n`);
    } else {
      io.stdout(result.findings.map((f) => `${formatFinding(f)}\n`).join('') + `${formatSummary(result)}\n`);
    }
    return result.summary.errors > 0 ? 1 : 0;
  } catch (e) {
    // a defect of the checks: one line, never a stack trace
    io.stderr(`Error: lint failed: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

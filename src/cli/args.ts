/**
 * Command-line parsing of `cdk8s-starrocks`, with Helm's (pflag's) conventions: `--flag value`,
 * `--flag=value`, `-f value`, `-fvalue`, `-f=value`, flags anywhere among the arguments, `--` ends
 * the flags. Loads nothing: `--help` and `--version` must stay fast.
 *
 * @internal
 */

/** The charts the command renders (as in `../helm/render`, without loading it). @internal */
export type CliChartName = 'kube-starrocks' | 'warehouse';

/** The chart version the translations reproduce. @internal */
export const CHART_VERSION = '1.11.5';

/** The release name `helm template CHART` (Helm 3.6.2) uses when none is given. @internal */
export const DEFAULT_RELEASE_NAME = 'RELEASE-NAME';

/**
 * The charts' `kubeVersion` constraint (the same in both Chart.yaml files of chart 1.11.5): the
 * Kubernetes versions `--kube-version` may name.
 * @internal
 */
export const KUBE_VERSION_CONSTRAINT = '>=1.23.0-0';

/** A Kubernetes version as Helm 3.6.2 reads `--kube-version` (Masterminds semver, lenient form). @internal */
export interface KubeVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** As Helm prints it (`.Capabilities.KubeVersion.Version`): `v1.28.0`, `v1.28.3+k3s1`. */
  readonly version: string;
}

const SEMVER = /^v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
const UINT64_MAX = BigInt('18446744073709551615');

/**
 * Reads a `--kube-version` as Helm 3.6.2 does (`chartutil.ParseKubeVersion`: `1.28`, `v1.28.3+k3s1`,
 * `1` are versions; a numeric pre-release part with a leading 0 is not) and checks it against
 * {@link KUBE_VERSION_CONSTRAINT} (`chart requires kubeVersion: ...`), with Helm's messages.
 *
 * @throws Error when the version is malformed or outside the constraint
 * @internal
 */
export function checkKubeVersion(given: string): KubeVersion {
  const invalid = (why: string) => new Error(`invalid kube version '${given}': ${why}`);
  const m = SEMVER.exec(given);
  if (!m) throw invalid('Invalid Semantic Version');
  const parts = [m[1], m[2] ?? '0', m[3] ?? '0'].map(p => BigInt(p));
  if (parts.some(p => p > UINT64_MAX)) throw invalid('Error parsing version segment: value out of range');
  const pre = m[4];
  if (pre !== undefined && pre.split('.').some(p => /^[0-9]+$/.test(p) && p.length > 1 && p.startsWith('0'))) {
    throw invalid('Version segment starts with 0');
  }
  const version = `v${parts.join('.')}${pre !== undefined ? `-${pre}` : ''}${m[5] !== undefined ? `+${m[5]}` : ''}`;
  // ">=X.Y.Z-0": every version whose X.Y.Z is at least that, pre-releases included
  const min = /^>=([0-9]+)\.([0-9]+)\.([0-9]+)-0$/.exec(KUBE_VERSION_CONSTRAINT)!.slice(1).map(p => BigInt(p));
  let cmp = 0;
  for (let i = 0; i < 3 && cmp === 0; i++) cmp = parts[i] < min[i] ? -1 : parts[i] > min[i] ? 1 : 0;
  if (cmp < 0) {
    throw new Error(`chart requires kubeVersion: ${KUBE_VERSION_CONSTRAINT} which is incompatible with Kubernetes ${version}`);
  }
  return { major: Number(parts[0]), minor: Number(parts[1]), patch: Number(parts[2]), version };
}

/** What the command line asks for. @internal */
export type CliRequest =
  | { readonly command: 'help' }
  | { readonly command: 'version' }
  | TemplateRequest;

/** `cdk8s-starrocks template ...`. @internal */
export interface TemplateRequest {
  readonly command: 'template';
  readonly release: string;
  readonly chart: CliChartName;
  /** `-f` / `--values`, in order; `-` is standard input. */
  readonly valueFiles: readonly string[];
  /** `--set`, in order. */
  readonly sets: readonly string[];
  /** `--set-string`, in order (applied after every `--set`, as Helm does). */
  readonly setStrings?: readonly string[];
  /** `--set-file`, in order (applied after every `--set-string`, as Helm does). */
  readonly setFiles?: readonly string[];
  readonly namespace: string;
  readonly apiVersions: readonly string[];
  /** `--kube-version` as given; absent: no check (see the help). */
  readonly kubeVersion?: string;
  readonly outputDir?: string;
  readonly debug: boolean;
}

/** A problem with the command line. @internal */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The help text (`--help`). @internal */
export const HELP = `cdk8s-starrocks renders the StarRocks Helm charts (kube-starrocks and warehouse, chart version ${CHART_VERSION})
like "helm template" (Helm 3.6.2), through the typed constructs of the cdk8s-starrocks library.
It prints the same Kubernetes objects the chart would, as multi-document YAML.

Usage:
  cdk8s-starrocks template RELEASE [CHART] [flags]
  cdk8s-starrocks template CHART [flags]             (release "${DEFAULT_RELEASE_NAME}", as with Helm)
  cdk8s-starrocks lint FILE... [--output text|json]  (checks StarRocksCluster and StarRocksWarehouse
                                                     manifests; "cdk8s-starrocks lint --help")
  cdk8s-starrocks convert FILE|- | --from-values FILE [--release NAME]
                                                     (prints a TypeScript module of the typed API)
  cdk8s-starrocks --help | --version

Arguments:
  RELEASE   the release name (.Release.Name): lower case letters, digits, '-' and '.', at most 53
            characters, as Helm requires. Left out (template CHART), it is "${DEFAULT_RELEASE_NAME}", as with
            Helm 3.6.2; a lone argument is the CHART when it names one (kube-starrocks, warehouse,
            or a path or repository/name) and --chart is not given, else the RELEASE
  CHART     kube-starrocks (the default) or warehouse; a repository prefix or a path is accepted
            and only its last part counts (starrocks/kube-starrocks, ./charts/warehouse)

Flags:
      --chart NAME               the chart, instead of the CHART argument (kube-starrocks or warehouse)
  -f, --values FILE              a YAML values file; repeatable, or comma-separated; '-' reads standard
                                 input. Only what differs from the chart's defaults is needed.
      --set KEY=VALUE            set values on the command line; repeatable; applied after every -f
                                 file, in order (see "--set syntax")
      --set-string KEY=VALUE     like --set, but every value is a string (true, 1, null stay text);
                                 applied after every --set
      --set-file KEY=FILE        like --set, but the value is the content of FILE ('-' is standard
                                 input); applied after every --set-string
  -n, --namespace NS             the release namespace (.Release.Namespace) (default "default")
  -a, --api-versions VERSION     an API version the cluster announces (.Capabilities.APIVersions);
                                 repeatable, or comma-separated. monitoring.coreos.com/v1 enables the
                                 ServiceMonitors, as with Helm.
      --kube-version VERSION     the Kubernetes version to render for (.Capabilities.KubeVersion), e.g.
                                 1.28.0 or v1.28; the charts require ${KUBE_VERSION_CONSTRAINT}, and a version
                                 outside it is an error, as with Helm. The charts' templates read no
                                 other part of it, so it changes nothing else. Left out, nothing is
                                 checked (Helm 3.6.2 assumes v1.20.0 and refuses these charts).
      --skip-tests               accepted for Helm compatibility (the charts have no tests)
      --output-dir DIR           write the objects to files instead of standard output: one file per
                                 object, DIR/<chart>/<kind>-<name>.yaml (kind in lower case; objects
                                 that share a file name follow each other in it); prints "wrote FILE".
                                 (Helm writes one file per template instead, under
                                 DIR/<chart>/[charts/<subchart>/]templates/.) See "Output".
      --version                  print the version of cdk8s-starrocks and exit. With a value
                                 (--version ${CHART_VERSION}), the chart version as for helm; only ${CHART_VERSION} exists.
      --debug                    print the stack trace of an error
  -h, --help                     print this help and exit

Values:
  As with Helm 3.6.2, the -f files are merged in order (a later file wins; maps merge, lists and
  other values are replaced), then each --set is applied, then the result is laid over the chart's
  defaults: maps merge, lists and scalars replace, and null removes a default (for kube-starrocks,
  whose values go under "operator:" and "starrocks:", a null leaves the subchart's default in place,
  as Helm 3.6.2 does). Values files are YAML 1.1 like Helm reads them (yes/no/on/off are booleans,
  "<<" merge keys work, dates stay strings); numbers are float64 like in Helm.

--set syntax (Helm's):
  a.b=c                  nested key            a=1,b=2          several keys
  list={x,y}             a list                a[0].b=c, a[1]=x list items
  a\\.b=c, a=x\\,y         \\ escapes . , = [ and itself
  a=                     the empty string
  Values are typed like Helm's: true/false (any case) are booleans, null is null, 0 and integers
  without a leading 0 are numbers, anything else is a string. --set-string keeps every value a
  string; with --set-file every value (list items too) names a file whose content is the value.
  Refused, as by Helm: setting inside a key that holds a value, a list or null (a.b=1 after a=x),
  indexing a map. Refused where Helm silently drops what was written: an empty key (=x, .a=1),
  a[0] or a[0]. with nothing after, a[0].b= at the very end, an index above 65536. Messages name
  the key and never show a value.

Output:
  Each object is one YAML document preceded by "---". On any error (flags, values files, --set,
  values the chart or the API server would refuse) nothing is printed on standard output, the
  message is printed on standard error as "Error: ...", and the exit status is 1. A reader that
  goes away (| head) ends the command quietly; any other failure to write standard output (a full
  disk) is one "Error:" line and status 1.
  --output-dir renders everything first, writes the files into a new temporary directory inside
  DIR, then moves them into DIR/<chart>/ (a new DIR/<chart> appears whole). It never writes through
  a symbolic link inside DIR/<chart>: a link there, or a directory where a file goes, is an error
  and nothing is replaced. On an error nothing of the run is left behind.

Examples:
  cdk8s-starrocks template kube-starrocks kube-starrocks --namespace starrocks -f values.yaml
  cdk8s-starrocks template sr starrocks/kube-starrocks --set starrocks.starrocksBeSpec.replicas=3
  cdk8s-starrocks template wh warehouse -f warehouse.yaml --api-versions monitoring.coreos.com/v1
  cdk8s-starrocks template sr -f values.yaml --output-dir out
`;

type FlagKind = 'string' | 'list' | 'csv' | 'bool';

interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  readonly kind: FlagKind;
}

const FLAGS: readonly FlagSpec[] = [
  { name: 'chart', kind: 'string' },
  { name: 'values', short: 'f', kind: 'csv' },
  { name: 'set', kind: 'list' },
  { name: 'set-string', kind: 'list' },
  { name: 'set-file', kind: 'list' },
  { name: 'kube-version', kind: 'string' },
  { name: 'skip-tests', kind: 'bool' },
  { name: 'namespace', short: 'n', kind: 'string' },
  { name: 'api-versions', short: 'a', kind: 'csv' },
  { name: 'output-dir', kind: 'string' },
  { name: 'debug', kind: 'bool' },
  { name: 'help', short: 'h', kind: 'bool' },
];

const CHARTS: readonly CliChartName[] = ['kube-starrocks', 'warehouse'];

/** Helm's release name rule (`chartutil.ValidateReleaseName`). */
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const RELEASE_NAME_MAX = 53;

const VERSION_VALUE = /^[=v]*\d+(\.\d+)*$/;

function parseBool(flag: string, value: string): boolean {
  switch (value.toLowerCase()) {
    case '1': case 't': case 'true': return true;
    case '0': case 'f': case 'false': return false;
    default: throw new UsageError(`invalid argument ${shownArg(value)} for "${flag}" flag: a boolean is true or false`);
  }
}

/**
 * An argument as a message may show it: one with a `=` may be a `--set` expression that lost its
 * flag (`--set a=1 password=x`), so it is `<redacted>`.
 */
function shownArg(arg: string): string {
  return arg.includes('=') ? '<redacted>' : JSON.stringify(arg);
}

/** `kube-starrocks`, `starrocks/kube-starrocks`, `./charts/warehouse/` → the chart. */
function chartName(given: string, from: string): CliChartName {
  const last = given.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '';
  const found = CHARTS.find(c => c === last);
  if (!found) {
    throw new UsageError(`unknown chart ${shownArg(given)} (${from}): cdk8s-starrocks renders ${CHARTS.join(' or ')}`);
  }
  return found;
}

/** Whether a lone `template` argument is a chart: kube-starrocks, warehouse, or a path or repo/name. */
function namesChart(arg: string): boolean {
  return /[\\/]/.test(arg) || (CHARTS as readonly string[]).includes(arg);
}

/**
 * Parses the arguments (without `node` and the script).
 *
 * @throws UsageError on a malformed command line
 * @internal
 */
export function parseArgs(argv: readonly string[]): CliRequest {
  const positionals: string[] = [];
  const values: { [name: string]: string[] } = {};
  let versionFlag = false;
  let chartVersion: string | undefined;

  const take = (spec: FlagSpec, shown: string, inline: string | undefined, i: number): number => {
    if (spec.kind === 'bool') {
      values[spec.name] = [String(inline === undefined ? true : parseBool(shown, inline))];
      return i;
    }
    let value = inline;
    let next = i;
    if (value === undefined) {
      if (i + 1 >= argv.length) {
        throw new UsageError(`flag needs an argument: ${shown}`);
      }
      next = i + 1;
      value = argv[next];
    }
    const list = values[spec.name] ?? (values[spec.name] = []);
    if (spec.kind === 'csv') {
      list.push(...value.split(',').map(v => v.trim()).filter(v => v !== ''));
    } else if (spec.kind === 'list') {
      list.push(value);
    } else {
      values[spec.name] = [value];
    }
    return next;
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
      if (name === 'version') {
        // `--version 1.11.5` is Helm's chart version flag; a bare `--version` prints ours
        if (inline !== undefined) {
          chartVersion = inline;
        } else if (i + 1 < argv.length && VERSION_VALUE.test(argv[i + 1])) {
          chartVersion = argv[++i];
        } else {
          versionFlag = true;
        }
        continue;
      }
      const spec = FLAGS.find(f => f.name === name);
      if (!spec) {
        throw new UsageError(`unknown flag: --${name}`);
      }
      i = take(spec, `--${name}`, inline, i);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // shorthand: -f x, -fx, -f=x; bools may be grouped (-h)
      let j = 1;
      while (j < arg.length) {
        const c = arg[j];
        const spec = FLAGS.find(f => f.short === c);
        if (!spec) {
          throw new UsageError(`unknown shorthand flag: '${c}' in ${arg.length <= 2 ? arg : `${arg.slice(0, j + 1)}...`}`);
        }
        const rest = arg.slice(j + 1);
        if (spec.kind === 'bool') {
          if (rest.startsWith('=')) {
            take(spec, `-${c}`, rest.slice(1), i);
            break;
          }
          take(spec, `-${c}`, undefined, i);
          j++;
          continue;
        }
        if (rest === '') {
          i = take(spec, `'${c}' in ${arg}`, undefined, i);
        } else {
          take(spec, `'${c}' in ${arg}`, rest.startsWith('=') ? rest.slice(1) : rest, i);
        }
        break;
      }
      continue;
    }
    positionals.push(arg);
  }

  if (values.help?.[0] === 'true' || positionals[0] === 'help') {
    return { command: 'help' };
  }
  if (versionFlag || positionals[0] === 'version') {
    return { command: 'version' };
  }
  if (positionals.length === 0) {
    throw new UsageError('missing command: cdk8s-starrocks template RELEASE [CHART] [flags]');
  }
  if (positionals[0] !== 'template') {
    throw new UsageError(`unknown command ${shownArg(positionals[0])} for "cdk8s-starrocks": the command is "template"`);
  }
  let args = positionals.slice(1);
  if (args.length === 0) {
    throw new UsageError('"template" needs a release name or a chart: cdk8s-starrocks template [RELEASE] CHART [flags]');
  }
  if (args.length > 2) {
    throw new UsageError(`"template" accepts at most 2 arguments (RELEASE and CHART), received ${args.length}: ${args.map(shownArg).join(' ')}`);
  }
  if (args.length === 1 && values.chart === undefined && namesChart(args[0])) {
    // `helm template CHART`: Helm 3.6.2 names the release RELEASE-NAME (with --chart, the argument is the release)
    args = [DEFAULT_RELEASE_NAME, args[0]];
  }
  const release = args[0];
  if (release !== DEFAULT_RELEASE_NAME && (!RELEASE_NAME.test(release) || release.length > RELEASE_NAME_MAX)) {
    throw new UsageError(`release name ${shownArg(release)}: invalid release name, must match regex ${RELEASE_NAME.source} `
      + `and the length must not be longer than ${RELEASE_NAME_MAX}`);
  }
  let chart: CliChartName = 'kube-starrocks';
  const positionalChart = args[1] !== undefined ? chartName(args[1], 'the CHART argument') : undefined;
  const flagChart = values.chart ? chartName(values.chart[0], '--chart') : undefined;
  if (positionalChart && flagChart && positionalChart !== flagChart) {
    throw new UsageError(`the CHART argument (${args[1]}) and --chart (${values.chart![0]}) name different charts`);
  }
  chart = positionalChart ?? flagChart ?? chart;
  if (chartVersion !== undefined && chartVersion.replace(/^[=v]+/, '') !== CHART_VERSION) {
    throw new UsageError(`chart version ${shownArg(chartVersion)} is not available: cdk8s-starrocks renders ${chart} ${CHART_VERSION}`);
  }
  const outputDir = values['output-dir']?.[0];
  if (outputDir === '') {
    throw new UsageError('--output-dir needs a directory');
  }
  const kubeVersion = values['kube-version']?.[0];
  const namespace = values.namespace?.[0];
  return {
    command: 'template',
    release,
    chart,
    valueFiles: values.values ?? [],
    sets: values.set ?? [],
    ...(values['set-string'] ? { setStrings: values['set-string'] } : {}),
    ...(values['set-file'] ? { setFiles: values['set-file'] } : {}),
    ...(kubeVersion !== undefined && kubeVersion !== '' ? { kubeVersion } : {}),
    namespace: namespace === undefined || namespace === '' ? 'default' : namespace,
    apiVersions: [...new Set(values['api-versions'] ?? [])],
    ...(outputDir !== undefined ? { outputDir } : {}),
    debug: values.debug?.[0] === 'true',
  };
}

/**
 * Checks a configuration file against the keys StarRocks declares (./keys.ts), by the rules FE
 * and BE read their files with (../shared/starrocks-config/README.md, "How values are parsed"):
 *
 * - a value StarRocks cannot parse for the key's type stops the process at start: an error;
 * - a key StarRocks does not know is ignored by it: a warning naming the closest known keys
 *   (catalogs move between versions, so never an error); start-script variables (`JAVA_OPTS`) and
 *   the obsolete keys of the chart's defaults are known;
 * - FE booleans other than `true`/`false` (read as false), deprecated keys, keys set twice and
 *   `${VAR}` references to variables the container does not have: warnings.
 *
 * @internal
 */
import { CatalogKey, catalogOf, ConfigCatalog, isStartScriptVariable } from './keys';
import { suggestKeys } from './suggest';
import { ComponentKind } from '../cluster/component-kind';
import { StarRocksPropError } from '../common/errors';
import { show } from '../common/validate';

/** One assignment of a file: key, value and where it is (text line, 1-based). @internal */
export interface ConfigAssignment {
  readonly key: string;
  readonly value: string;
  readonly line?: number;
}

/** What the check found. @internal */
export interface ConfigFindings {
  readonly errors: StarRocksPropError[];
  readonly warnings: string[];
}

/** What the check needs besides the file. @internal */
export interface ConfigCheckOptions {
  /** The property the file comes from, for errors: `fe.config`. */
  readonly prop: string;
  /** Whether the container has an environment variable; undefined: `${VAR}` is not checked. */
  readonly hasEnvVar?: (name: string) => boolean;
  /**
   * The text is the chart's printing of a values map: an integer the chart printed in Go's
   * exponent form (`1e+07`) is a warning (quote it), not an error, so that the chart's output
   * renders as `helm template` renders it.
   */
  readonly chartPrinted?: boolean;
}

/**
 * Variables every StarRocks container has without the component defining them: the start
 * scripts' `STARROCKS_HOME`, the image's basics, and what the operator sets.
 */
const CONTAINER_VARIABLES = new Set([
  'STARROCKS_HOME', 'JAVA_HOME', 'HOME', 'HOSTNAME', 'PATH', 'USER', 'PWD', 'LANG',
  'POD_NAME', 'POD_IP', 'HOST_IP', 'POD_NAMESPACE', 'HOST_TYPE', 'COMPONENT_NAME', 'FE_SERVICE_NAME',
  'CONFIGMAP_MOUNT_PATH',
]);
/** What the operator sets for BE and CN only. */
const WORKER_VARIABLES = new Set(['FE_QUERY_PORT']);
/** Kubernetes service links (`<SERVICE>_SERVICE_HOST`, `<SERVICE>_PORT_8030_TCP`). */
const SERVICE_LINK = /_SERVICE_(HOST|PORT)(_[A-Z0-9_]+)?$|_PORT(_[0-9]+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)?$/;

const INT_RANGES: { [type: string]: [bigint, bigint] } = {
  int16: [-(2n ** 15n), 2n ** 15n - 1n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
};

/** The file name of a component kind's config. */
export function configFileName(kind: ComponentKind): string {
  return `${kind}.conf`;
}

/**
 * The assignments of a config text as StarRocks reads it: FE with Java's `Properties.load`
 * (separators `=`, `:` or whitespace, `#`/`!` comments, `\` continuations), BE and CN split at the
 * first `=` (`#` comments).
 *
 * @internal
 */
export function configAssignments(kind: ComponentKind, text: string): ConfigAssignment[] {
  return kind === ComponentKind.FE ? propertiesAssignments(text) : beAssignments(text);
}

function beAssignments(text: string): ConfigAssignment[] {
  const out: ConfigAssignment[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line.length === 0 || line.startsWith('#')) {
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) {
      continue;
    }
    out.push({ key: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim(), line: i + 1 });
  }
  return out;
}

function propertiesAssignments(text: string): ConfigAssignment[] {
  const out: ConfigAssignment[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const first = i + 1;
    let logical = lines[i].replace(/^[ \t\f]+/, '');
    if (logical.length === 0 || logical[0] === '#' || logical[0] === '!') {
      continue;
    }
    // an odd number of trailing backslashes continues the line
    while (/(^|[^\\])(\\\\)*\\$/.test(logical) && i + 1 < lines.length) {
      i++;
      logical = logical.slice(0, -1) + lines[i].replace(/^[ \t\f]+/, '');
    }
    let k = 0;
    let key = '';
    while (k < logical.length && !'=: \t\f'.includes(logical[k])) {
      if (logical[k] === '\\' && k + 1 < logical.length) {
        k++;
      }
      key += logical[k];
      k++;
    }
    while (k < logical.length && ' \t\f'.includes(logical[k])) k++;
    if (k < logical.length && (logical[k] === '=' || logical[k] === ':')) k++;
    while (k < logical.length && ' \t\f'.includes(logical[k])) k++;
    const value = logical.slice(k).replace(/\\(.)/g, (_m, c: string) => ({ t: '\t', n: '\n', r: '\r', f: '\f' } as { [c: string]: string })[c] ?? c);
    out.push({ key, value, line: first });
  }
  return out;
}

/**
 * Checks the assignments of one file against its component's catalog; nothing for a component
 * without one (the FE proxy).
 *
 * @internal
 */
export function checkConfigAssignments(kind: ComponentKind, assignments: readonly ConfigAssignment[], opts: ConfigCheckOptions): ConfigFindings {
  const errors: StarRocksPropError[] = [];
  const warnings: string[] = [];
  const catalog = catalogOf(kind);
  if (catalog === undefined) {
    return { errors, warnings };
  }
  const file = configFileName(kind);
  const defined = new Set(assignments.map((a) => a.key));
  const seen = new Map<string, ConfigAssignment>();
  for (const a of assignments) {
    const at = a.line !== undefined ? ` (line ${a.line})` : '';
    const lookup = catalog.lookup(a.key);
    // ${VAR} is resolved when the process starts, from its environment
    if (opts.hasEnvVar !== undefined) {
      for (const name of referencedVariables(a.value)) {
        if (!defined.has(name) && !isContainerVariable(kind, name) && !opts.hasEnvVar(name)) {
          warnings.push(`${file}: ${show(a.key)}${at} refers to \${${name}}, which the container does not define; `
            + `${kind === ComponentKind.FE ? 'FE' : 'BE'} stops at start on an unset variable (add it with envVars or addEnvVar)`);
        }
      }
    }
    if (lookup === undefined) {
      if (!isStartScriptVariable(a.key) && !catalog.isObsolete(a.key)) {
        warnings.push(unknownKeyWarning(file, catalog, a.key, at));
      }
      continue;
    }
    const key = lookup.key;
    const previous = seen.get(key.name);
    if (previous !== undefined) {
      const names = previous.key === a.key ? show(a.key) : `${show(key.name)} (as ${show(previous.key)} and ${show(a.key)})`;
      const lines = previous.line !== undefined && a.line !== undefined ? ` (lines ${previous.line} and ${a.line})` : '';
      warnings.push(`${file}: ${names} is set twice${lines}; StarRocks uses ${kind === ComponentKind.FE && previous.key === key.name && a.key !== key.name ? 'the first, by its own name' : 'the later one'}`);
    }
    seen.set(key.name, a);
    if (key.deprecated) {
      warnings.push(`${file}: ${show(a.key)}${at} is deprecated in StarRocks`);
    }
    const problem = valueProblem(kind, key, a.value, opts.chartPrinted === true);
    if (problem === undefined) {
      continue;
    }
    if (problem.warning) {
      warnings.push(`${file}: ${show(a.key)}${at} ${problem.text}`);
    } else {
      errors.push(new StarRocksPropError(`${opts.prop}.${a.key}`, `${problem.text}, got ${show(a.value)}`));
    }
  }
  return { errors, warnings };
}

function unknownKeyWarning(file: string, catalog: ConfigCatalog, key: string, at: string): string {
  const suggestions = suggestKeys(key, catalog.names());
  const hint = suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => show(s)).join(' or ')}?` : '';
  return `${file}: ${show(key)}${at} is not ${catalog.file === 'fe' ? 'an FE' : 'a BE/CN'} configuration key of StarRocks, which ignores it${hint}`;
}

function isContainerVariable(kind: ComponentKind, name: string): boolean {
  return CONTAINER_VARIABLES.has(name) || (kind !== ComponentKind.FE && WORKER_VARIABLES.has(name)) || SERVICE_LINK.test(name);
}

/** The names of the `${VAR}` references of a value. */
function referencedVariables(value: string): string[] {
  const out: string[] = [];
  const re = /\$\{([^}]*)\}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value)) !== null) {
    out.push(m[1]);
  }
  return out;
}

/** What is wrong with a value for its key, worded to follow `'<prop>' `; undefined if nothing. */
function valueProblem(kind: ComponentKind, key: CatalogKey, value: string, chartPrinted: boolean): { text: string; warning?: boolean } | undefined {
  const fe = kind === ComponentKind.FE;
  const file = configFileName(kind);
  const stops = `${fe ? 'FE' : 'BE'} stops at start on a value it cannot parse`;
  if (value.includes('${')) {
    // resolved at start; the result is not known here
    return undefined;
  }
  // FE keeps the default for an empty value
  if (fe && value === '') {
    return undefined;
  }
  if (key.type === 'unsupported') {
    return { text: `must not be set in ${file}: FE cannot read its type (a boxed Long) from the file and stops at start` };
  }
  if (key.type === 'string' && !key.list) {
    if (key.enumValues !== undefined && !key.enumValues.some((v) => v.toLowerCase() === value.toLowerCase())) {
      return { text: `must be one of ${key.enumValues.map((v) => show(v)).join(', ')} in ${file} (${stops})` };
    }
    return fe ? feSpecialProblem(key.name, value) : undefined;
  }
  if (fe && key.type === 'boolean' && !key.list) {
    return /^(true|false)$/i.test(value) ? undefined
      : { warning: true, text: `is a boolean: FE reads ${show(value)} as false (only "true" is true); write true or false` };
  }
  const items = key.list ? listItems(value, fe) : [value];
  for (const item of items) {
    if (!parses(key, item, fe)) {
      const what = describeType(key, fe);
      if (chartPrinted && /^[0-9](\.[0-9]+)?e\+[0-9]+$/.test(item) && key.type.startsWith('int')) {
        return { warning: true, text: `is ${show(value)}, which ${fe ? 'FE' : 'BE'} cannot parse as ${what} and stops at start: the chart prints a number of 7 digits or more in exponent form; quote it in the values` };
      }
      return { text: `must be ${what} in ${file} (${stops})` };
    }
  }
  return fe ? feSpecialProblem(key.name, value) : undefined;
}

function listItems(value: string, fe: boolean): string[] {
  if (value === '') {
    return [];
  }
  const parts = value.split(',').map((p) => p.trim());
  if (fe) {
    // Java's split drops trailing empty parts only
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    return parts;
  }
  // BE skips empty parts
  return parts.filter((p) => p !== '');
}

function parses(key: CatalogKey, item: string, fe: boolean): boolean {
  switch (key.type) {
    case 'boolean':
      return fe ? true : /^(true|false|1|0)$/i.test(item);
    case 'int16':
    case 'int32':
    case 'int64': {
      if (!/^[+-]?[0-9]+$/.test(item)) {
        return false;
      }
      const n = BigInt(item);
      const [min, max] = INT_RANGES[key.type];
      return n >= min && n <= max;
    }
    case 'double':
      return fe
        ? /^[+-]?(NaN|Infinity|((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+)[fFdD]?)$/.test(item)
        : /^[+-]?(inf|infinity|nan|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)([pP][+-]?\d+)?)$/i.test(item);
    default:
      return true;
  }
}

function describeType(key: CatalogKey, fe: boolean): string {
  let one: string;
  switch (key.type) {
    case 'boolean':
      one = 'a boolean (true, false, 1 or 0)';
      break;
    case 'int16':
    case 'int32':
    case 'int64': {
      const [min, max] = INT_RANGES[key.type];
      one = `an ${key.type} (a whole number from ${min} to ${max}, no unit${fe ? '' : ' or exponent'})`;
      break;
    }
    case 'double':
      one = 'a double (a decimal number such as 0.5 or 1e3)';
      break;
    default:
      one = `a ${key.type}`;
  }
  return key.list ? `a comma list of ${one.replace(/^an? /, '')} values` : one;
}

/** The few checks FE's ConfigBase makes beyond the types. */
function feSpecialProblem(name: string, value: string): { text: string } | undefined {
  switch (name) {
    case 'authentication_chain': {
      const parts = value.split(',').map((p) => p.trim());
      if (!parts.includes('native') || new Set(parts).size !== parts.length) {
        return { text: 'must be a comma list of distinct authentication methods that includes "native" in fe.conf (FE stops at start otherwise)' };
      }
      return undefined;
    }
    case 'db_used_data_quota_update_interval_secs':
      return Number(value) < 30 ? { text: 'must be at least 30 in fe.conf (FE stops at start otherwise)' } : undefined;
    case 'max_varchar_length':
      return Number(value) > 2147482624 ? { text: 'must be at most 2147482624 in fe.conf (FE stops at start otherwise)' } : undefined;
    default:
      return undefined;
  }
}

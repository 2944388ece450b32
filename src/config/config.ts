import { checkConfigAssignments, ConfigAssignment, configAssignments, ConfigFindings } from './check';
import { catalogOf } from './keys';
import { ComponentKind } from '../cluster/component-kind';
import { StarRocksPropError } from '../common/errors';
import { byteOrder, goJson, sha256Prefix } from '../common/hash';
import { sortStrings } from '../common/sort';
import { fail } from '../common/validate';

const KEY = /^[A-Za-z_][A-Za-z0-9_.\-]*$/;
/** 8 hex digits, or what the chart writes for a component without a config. */
const HASH = /^([0-9a-f]{8}|no-config)$/;

/** Options of a configuration file given as text. */
export interface StarRocksConfigTextOptions {
  /**
   * The config-hash annotation value to use instead of the hash of the text, e.g. what the chart
   * computed; 8 hex digits (or `no-config`, what the chart writes for a component without a
   * config).
   *
   * Pods roll when the annotation changes, so keeping the value a running cluster already has
   * (for example when moving a release from Helm) keeps its pods as they are.
   *
   * @default - the hash the kube-starrocks chart computes for the same text given as `config`
   */
  readonly hash?: string;

  /**
   * Whether an integer setting written in exponent form (`1e+07`, as Helm prints a large number
   * given without quotes) is only a warning. StarRocks cannot parse such a value and stops at
   * start, so it is an error unless the text must stay as another tool printed it.
   *
   * @default false
   */
  readonly exponentIntegersWarn?: boolean;
}

/**
 * The contents of a StarRocks configuration file (`fe.conf`, `be.conf` or `cn.conf`).
 *
 * Create it from entries (rendered as sorted `key = value` lines, so the same entries always give
 * the same bytes) or from the text of an existing file (kept byte for byte, comments included).
 * Its `hash` goes into the `app.starrocks.io/<x>-config-hash` pod annotation so that a change of
 * configuration rolls the pods.
 */
export class StarRocksConfig {
  /**
   * A configuration file made of entries, rendered one `key = value` line per entry, keys in
   * byte order.
   *
   * Values are strings, numbers or booleans, written as StarRocks reads them: strings as given,
   * whole numbers in plain digits (never in exponent form), other numbers in JavaScript's shortest
   * form (`0.25`), booleans as `true` or `false`. A whole number beyond 2^53 cannot be held exactly
   * in a number: give it as a string.
   *
   * The hash is the one the kube-starrocks chart computes for the same map given as `configyaml`
   * (numbers and booleans as YAML numbers and booleans), so moving such a map from Helm keeps the
   * pods as they are. A map of strings hashes exactly as before typed values were accepted.
   *
   * @param entries the entries; keys are StarRocks configuration items (letters, digits, `_`, `.`
   * and `-`), values strings, finite numbers or booleans.
   */
  // jsii has no union of string, number and boolean: the map takes any value and narrows it at once
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  public static fromEntries(entries: { [key: string]: any }): StarRocksConfig {
    if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) {
      fail('config', 'a map of configuration items to strings, numbers or booleans', entries);
    }
    const copy: { [key: string]: string } = {};
    const given: { [key: string]: string | number | boolean } = {};
    let typed = false;
    for (const key of Object.keys(entries)) {
      const value: unknown = entries[key];
      const text = entryText('config', key, value);
      copy[key] = text;
      given[key] = value as string | number | boolean;
      typed = typed || typeof value !== 'string';
    }
    // a map of strings hashes as that map (as always); numbers and booleans hash as themselves
    return new StarRocksConfig(renderEntries(copy), copy, typed ? given : undefined);
  }

  /**
   * A configuration file given as text, kept exactly as written.
   *
   * The hash is the one the kube-starrocks chart computes for the same text given as `config`,
   * unless `options.hash` gives it.
   *
   * @param text the file's text
   * @param options the hash to use
   */
  public static fromText(text: string, options: StarRocksConfigTextOptions = {}): StarRocksConfig {
    if (typeof text !== 'string') {
      fail('config', 'a string', text);
    }
    const config = new StarRocksConfig(text, undefined, text);
    if (options.hash !== undefined) {
      if (typeof options.hash !== 'string' || !HASH.test(options.hash)) {
        fail('config hash', '8 lower-case hex digits, e.g. "1a2b3c4d" (or "no-config")', options.hash);
      }
      config._hash = options.hash;
    }
    if (options.exponentIntegersWarn !== undefined && typeof options.exponentIntegersWarn !== 'boolean') {
      fail('config exponentIntegersWarn', 'true or false', options.exponentIntegersWarn);
    }
    config.exponentIntegersWarn = options.exponentIntegersWarn ?? false;
    return config;
  }

  /** The file's text. */
  public readonly text: string;

  /** Integers in exponent form are warnings, not errors (`StarRocksConfigTextOptions`). */
  private exponentIntegersWarn = false;

  private readonly _entries?: { [key: string]: string };
  private readonly _hashInput: unknown;
  private _parsed?: { [key: string]: string };
  private _hash?: string;

  private constructor(text: string, entries: { [key: string]: string } | undefined, hashInput: unknown) {
    this.text = text;
    this._entries = entries;
    this._hashInput = hashInput !== undefined ? hashInput : entries;
  }

  /**
   * Whether the configuration is made of entries (`fromEntries`), so that entries can be added to
   * it without touching text the user wrote.
   *
   * @internal
   */
  public get _isEntries(): boolean {
    return this._entries !== undefined;
  }

  /**
   * The 8-hex-digit hash of this configuration, as put into the config-hash pod annotation.
   */
  public get hash(): string {
    // the configuration cannot change: the hash is computed once
    if (this._hash === undefined) {
      this._hash = sha256Prefix(goJson(this._hashInput));
    }
    return this._hash;
  }

  /**
   * Returns the value of an entry, as StarRocks reads the file (the last assignment wins).
   *
   * @param key the configuration item
   * @returns the value, or undefined when the file does not set it
   */
  public get(key: string): string | undefined {
    return this.entries()[key];
  }

  /**
   * Returns every entry of the file as StarRocks reads it (comments and blank lines left out).
   */
  public entries(): { [key: string]: string } {
    if (this._entries) {
      return { ...this._entries };
    }
    if (!this._parsed) {
      this._parsed = parseConfigText(this.text);
    }
    return { ...this._parsed };
  }

  /**
   * Returns a new configuration with more entries. Entries that the configuration already sets are
   * an error, so nothing is overwritten silently.
   *
   * @param entries the entries to add
   * @param prop the property named in errors
   */
  public withEntries(entries: { [key: string]: string }, prop: string = 'config'): StarRocksConfig {
    const current = this.entries();
    for (const key of Object.keys(entries)) {
      const value = entries[key];
      checkKey(prop, key);
      if (typeof value !== 'string') {
        fail(`${prop}.${key}`, 'a string', value);
      }
      checkLine(`${prop}.${key}`, value);
      if (key in current && current[key] !== value) {
        throw new StarRocksPropError(`${prop}.${key}`, `is already set to ${JSON.stringify(current[key])}; cannot set it to ${JSON.stringify(value)}`);
      }
    }
    if (this._entries) {
      // the values as given (numbers stay numbers in the hash)
      return StarRocksConfig.fromEntries({ ...(this._hashInput as { [key: string]: unknown }), ...entries });
    }
    let text = this.text;
    const added = Object.keys(entries).filter((k) => !(k in current)).sort(byteOrder);
    if (added.length === 0) {
      return this;
    }
    if (text.length > 0 && !text.endsWith('\n')) {
      text += '\n';
    }
    for (const key of added) {
      text += `${key} = ${entries[key]}\n`;
    }
    return StarRocksConfig.fromText(text);
  }

  /**
   * The keys this file sets that StarRocks can change at run time, without a restart: FE with
   * `ADMIN SET FRONTEND CONFIG ("key" = "value")`, BE and CN with their HTTP update-config API
   * (`POST /api/update_config?key=value`). Keys as the file writes them (an alias stays an alias),
   * sorted.
   *
   * @param kind the component the file is for (FE, BE or CN): FE and BE/CN have their own keys
   */
  public runtimeMutableKeys(kind: ComponentKind): string[] {
    return this.keysByMutability(kind, true);
  }

  /**
   * The keys this file sets that take effect only when the process restarts: keys StarRocks reads
   * at start only, start-script variables (`JAVA_OPTS`), and keys it does not know (which it
   * ignores, but a restart is what would apply a key a later StarRocks version knows). Sorted.
   *
   * @param kind the component the file is for (FE, BE or CN)
   */
  public restartRequiredKeys(kind: ComponentKind): string[] {
    return this.keysByMutability(kind, false);
  }

  /**
   * The assignments of the file as the component of that kind reads it, in order (a text's
   * duplicates included).
   *
   * @internal
   */
  public _assignments(kind: ComponentKind): ConfigAssignment[] {
    if (this._entries) {
      return Object.keys(this._entries).map((key) => ({ key, value: this._entries![key] }));
    }
    return configAssignments(kind, this.text);
  }

  /**
   * Checks the file against the keys StarRocks declares for that kind (see `./check.ts`).
   *
   * @param prop the property named in errors (`fe.config`)
   * @param hasEnvVar whether the container has a variable; undefined leaves `${VAR}` unchecked
   * @internal
   */
  public _check(kind: ComponentKind, prop: string, hasEnvVar?: (name: string) => boolean): ConfigFindings {
    return checkConfigAssignments(kind, this._assignments(kind), { prop, hasEnvVar, chartPrinted: this.exponentIntegersWarn });
  }

  private keysByMutability(kind: ComponentKind, mutable: boolean): string[] {
    const catalog = catalogOf(kind);
    if (catalog === undefined) {
      fail('kind', 'a component with a StarRocks config file: FE, BE or CN', kind);
    }
    const out = new Set<string>();
    for (const a of this._assignments(kind)) {
      if ((catalog.lookup(a.key)?.key.mutable ?? false) === mutable) {
        out.add(a.key);
      }
    }
    const keys = [...out];
    sortStrings(keys, byteOrder);
    return keys;
  }
}

function checkKey(prop: string, key: string) {
  if (!KEY.test(key)) {
    fail(`${prop} key`, 'a StarRocks configuration item (letters, digits, \'_\', \'.\' and \'-\', starting with a letter or \'_\')', key);
  }
}

function checkLine(prop: string, value: string) {
  if (/[\r\n]/.test(value)) {
    fail(prop, 'a single line', value);
  }
}

/** The text of an entry's value as the file holds it: strings as given, numbers and booleans as StarRocks reads them. */
function entryText(prop: string, key: string, value: unknown): string {
  checkKey(prop, key);
  const p = `${prop}.${key}`;
  if (typeof value === 'string') {
    checkLine(p, value);
    return value;
  }
  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      fail(p, 'a finite number (StarRocks reads no NaN or Infinity from a number here; give such text as a string)', String(value));
    }
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      fail(p, 'a whole number of at most 2^53 (a larger one cannot be held exactly in a number: give it as a string, e.g. "10737418240000000000")', value);
    }
    // -0 is 0; whole numbers up to 2^53 print in plain digits
    return Object.is(value, -0) ? '0' : String(value);
  }
  return fail(p, 'a string, a finite number or a boolean', value);
}

/** Renders entries as sorted `key = value` lines. @internal */
export function renderEntries(entries: { [key: string]: string }): string {
  // one flat string (not a chain of concatenations kept alive with the construct tree)
  const keys = Object.keys(entries);
  sortStrings(keys, byteOrder);
  const lines: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    lines.push(`${keys[i]} = ${entries[keys[i]]}\n`);
  }
  return lines.join('');
}

/**
 * Reads a StarRocks configuration text the way StarRocks (and the operator's port discovery)
 * does: one `key = value` per line, `#` starts a comment line, spaces around `=` are dropped, the
 * last assignment of a key wins.
 *
 * @internal
 */
export function parseConfigText(text: string): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.length === 0 || line.startsWith('#')) {
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) {
      continue;
    }
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    out[key] = value;
  }
  return out;
}

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
   * The hash is the one the kube-starrocks chart computes for the same map given as `configyaml`,
   * so moving such a map from Helm keeps the pods as they are.
   *
   * @param entries the entries; keys are StarRocks configuration items (letters, digits, `_`, `.`
   * and `-`), values are written as given.
   */
  public static fromEntries(entries: { [key: string]: string }): StarRocksConfig {
    const copy: { [key: string]: string } = {};
    for (const key of Object.keys(entries)) {
      const value = entries[key];
      checkEntry('config', key, value);
      copy[key] = value;
    }
    return new StarRocksConfig(renderEntries(copy), copy, undefined);
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
    return config;
  }

  /** The file's text. */
  public readonly text: string;

  private readonly _entries?: { [key: string]: string };
  private readonly _hashInput: unknown;
  private _parsed?: { [key: string]: string };
  private _hash?: string;

  private constructor(text: string, entries: { [key: string]: string } | undefined, hashInput: unknown) {
    this.text = text;
    this._entries = entries;
    this._hashInput = entries ?? hashInput;
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
      checkEntry(prop, key, value);
      if (key in current && current[key] !== value) {
        throw new StarRocksPropError(`${prop}.${key}`, `is already set to ${JSON.stringify(current[key])}; cannot set it to ${JSON.stringify(value)}`);
      }
    }
    if (this._entries) {
      return StarRocksConfig.fromEntries({ ...this._entries, ...entries });
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
}

function checkEntry(prop: string, key: string, value: string) {
  if (!KEY.test(key)) {
    fail(`${prop} key`, 'a StarRocks configuration item (letters, digits, \'_\', \'.\' and \'-\', starting with a letter or \'_\')', key);
  }
  if (typeof value !== 'string') {
    fail(`${prop}.${key}`, 'a string (quote numbers and booleans)', value);
  }
  if (/[\r\n]/.test(value)) {
    fail(`${prop}.${key}`, 'a single line', value);
  }
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

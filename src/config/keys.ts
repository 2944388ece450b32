/**
 * The configuration keys StarRocks declares, read from the generated catalogs in `./catalog`
 * (`npx projen config-catalog`; facts from ../shared/starrocks-config): FE's for `fe.conf`, BE's
 * for `be.conf` and `cn.conf` (CN runs the BE binary). Each catalog is parsed on first use.
 *
 * @internal
 */
import * as be from './catalog/be';
import * as fe from './catalog/fe';
import { ComponentKind } from '../cluster/component-kind';

/** What a key's value is read as. @internal */
export type ConfigValueType = 'boolean' | 'int16' | 'int32' | 'int64' | 'double' | 'string' | 'unsupported';

/** One key of a catalog. @internal */
export interface CatalogKey {
  /** The key's declared name (an alias resolves to it). */
  readonly name: string;
  readonly type: ConfigValueType;
  /** A comma list of `type`. */
  readonly list: boolean;
  /** Changeable at run time (`ADMIN SET FRONTEND CONFIG`, BE's update-config API). */
  readonly mutable: boolean;
  readonly deprecated: boolean;
  /** Only in some builds (BE keys under `#ifdef USE_STAROS` or `__x86_64__`). */
  readonly conditional: boolean;
  /** The only values accepted (case-insensitive), for enum keys. */
  readonly enumValues?: readonly string[];
}

/** A looked-up key: the key, and the alias it was found by. @internal */
export interface KeyLookup {
  readonly key: CatalogKey;
  readonly alias?: string;
}

/** Which configuration file: FE's (`fe.conf`) or BE's (`be.conf`, `cn.conf`). @internal */
export type CatalogName = 'fe' | 'be';

/**
 * Keys that StarRocks does not declare (so it ignores them) but that the kube-starrocks chart's
 * default configs carry: known as obsolete, so the defaults check clean.
 *
 * @internal
 */
export const OBSOLETE_KEYS: { readonly [file in CatalogName]: readonly string[] } = {
  // the chart's default fe.conf; FE dropped the NIO switch (NIO is always on)
  fe: ['mysql_service_nio_enabled'],
  // the chart's default be.conf; BE writes only beta rowsets
  be: ['default_rowset_type'],
};

const TYPE_OF: { [letter: string]: ConfigValueType } = {
  b: 'boolean', h: 'int16', i: 'int32', l: 'int64', d: 'double', s: 'string', x: 'unsupported',
};

/**
 * One catalog, read where it is asked: lookups search the generated strings (a few microseconds
 * each) instead of building a map of every key first, so a process that checks a handful of keys
 * pays for no more.
 *
 * @internal
 */
export class ConfigCatalog {
  /** The words of each string between spaces, so that ` name:` finds exactly one word. */
  private readonly keys: string;
  private readonly aliases: string;
  private readonly enums: string;
  private readonly parsed = new Map<string, CatalogKey | null>();
  private _names?: string[];

  constructor(public readonly file: CatalogName, keys: string, aliases: string, enums: string) {
    this.keys = ` ${keys} `;
    this.aliases = ` ${aliases} `;
    this.enums = ` ${enums} `;
  }

  /** The key of that name or alias (`doris_`-prefixed names included in be.conf). */
  public lookup(name: string): KeyLookup | undefined {
    const own = this.key(name);
    if (own !== undefined) {
      return { key: own };
    }
    const target = field(this.aliases, name, '=');
    if (target !== undefined) {
      return { key: this.key(target)!, alias: name };
    }
    if (this.file === 'be' && name.startsWith('doris_')) {
      return this.lookup(name.slice('doris_'.length));
    }
    return undefined;
  }

  /** Every key name and alias, sorted. */
  public names(): readonly string[] {
    if (this._names === undefined) {
      const names: string[] = [];
      for (const w of this.keys.trim().split(' ')) names.push(w.slice(0, w.indexOf(':')));
      for (const w of this.aliases.trim().split(' ')) if (w !== '') names.push(w.slice(0, w.indexOf('=')));
      this._names = names.sort();
    }
    return this._names;
  }

  /** Whether the name is one of the obsolete keys the chart defaults carry. */
  public isObsolete(name: string): boolean {
    return OBSOLETE_KEYS[this.file].includes(name);
  }

  private key(name: string): CatalogKey | undefined {
    const cached = this.parsed.get(name);
    if (cached !== undefined) {
      return cached ?? undefined;
    }
    const code = field(this.keys, name, ':');
    let key: CatalogKey | null = null;
    if (code !== undefined) {
      const letter = code[0];
      const enumValues = field(this.enums, name, '=');
      key = {
        name,
        type: TYPE_OF[letter.toLowerCase()],
        list: letter !== letter.toLowerCase(),
        mutable: code.includes('m', 1),
        deprecated: code.includes('d', 1),
        conditional: code.includes('c', 1),
        ...(enumValues !== undefined ? { enumValues: enumValues.split('|') } : {}),
      };
    }
    this.parsed.set(name, key);
    return key ?? undefined;
  }
}

/** The part after `<name><sep>` of the word of that name in a ` `-separated (and -framed) string. */
function field(words: string, name: string, sep: string): string | undefined {
  if (name.length === 0 || name.includes(' ')) {
    return undefined;
  }
  const at = words.indexOf(` ${name}${sep}`);
  if (at < 0) {
    return undefined;
  }
  const start = at + name.length + 2;
  return words.slice(start, words.indexOf(' ', start));
}

let feCatalog: ConfigCatalog | undefined;
let beCatalog: ConfigCatalog | undefined;

/** The catalog of a component's config file; undefined for the FE proxy, which has none. @internal */
export function catalogOf(kind: ComponentKind): ConfigCatalog | undefined {
  switch (kind) {
    case ComponentKind.FE:
      return feCatalog ??= new ConfigCatalog('fe', fe.KEYS, fe.ALIASES, fe.ENUMS);
    case ComponentKind.BE:
    case ComponentKind.CN:
      return beCatalog ??= new ConfigCatalog('be', be.KEYS, be.ALIASES, be.ENUMS);
    default:
      return undefined;
  }
}

/**
 * Whether a name is one of the start scripts' variables rather than a key (upper-case letters,
 * digits and `_`: `JAVA_OPTS`, `LOG_DIR`, `DATE`); BE skips such names silently, FE ignores them.
 *
 * @internal
 */
export function isStartScriptVariable(name: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(name);
}

/**
 * The ApiObject every construct of the library writes its objects with, and its one-pass
 * `toJson()` (a fast path: see ./index.ts).
 *
 * @internal
 */
import { ApiObject, ApiObjectMetadataDefinition, ApiObjectProps, App, ImplicitTokenResolver, IResolver, JsonPatch, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { Construct } from 'constructs';
import { fastPathsEnabled } from './switch';
import { sortStrings } from '../common/sort';
import { checkUniqueNames } from '../common/unique-names';

/** Thrown inside the fast path for values it leaves to cdk8s. */
const DECLINE = new Error('left to cdk8s');

/** The resolvers of an app with no `resolvers` of its own, in cdk8s 2.x's order. */
const DEFAULT_RESOLVERS = [LazyResolver, ImplicitTokenResolver, NumberStringUnionResolver];

/** Apps whose resolvers are cdk8s's defaults only (the answer per app). */
const defaultOnly = new WeakMap<App, boolean>();

function hasDefaultResolvers(app: App): boolean {
  let known = defaultOnly.get(app);
  if (known === undefined) {
    const resolvers: readonly IResolver[] = app.resolvers;
    known = resolvers.length === DEFAULT_RESOLVERS.length && resolvers.every((r, i) => Object.getPrototypeOf(r) === DEFAULT_RESOLVERS[i].prototype);
    defaultOnly.set(app, known);
  }
  return known;
}

/**
 * An `ApiObject` whose `toJson()` gives cdk8s's result in one pass over the values.
 *
 * cdk8s's `ApiObject.toJson()` resolves the object's values (asking each resolver of the app about
 * every value, with a new context object and key path per value), drops `null`/`undefined`, sorts
 * the keys, applies the JSON patches and puts `apiVersion`, `kind` and `metadata` first. With the
 * app's default resolvers and no patches, that is: `Lazy` values produced, plain maps and lists
 * walked, `null` and `undefined` map values dropped (and list items made `undefined`), keys sorted
 * (unless `CDK8S_DISABLE_SORT` is set). The metadata is resolved the same way, with empty lists and
 * maps dropped as well and its keys always sorted (cdk8s's `ApiObjectMetadataDefinition.toJson()`).
 * This class does exactly that in one pass, and hands
 * everything else to cdk8s's `toJson()`: an app with resolvers of its own, an object with patches
 * (`ApiObject.of(x).addJsonPatch(...)`), and values other than strings, numbers, booleans, plain
 * maps, lists and `Lazy`s. test/fast/api-object.test.ts compares both on every object of large
 * scenarios and on generated values, with the fast paths on and off.
 *
 * With the fast paths off (`CDK8S_STARROCKS_FAST=0`, see ./switch.ts), `toJson()` is cdk8s's
 * `ApiObject.toJson()` for every object.
 *
 * @internal
 */
export class StarRocksApiObject extends ApiObject {
  private readonly values: ApiObjectProps;
  private patched = false;
  private app?: App;

  constructor(scope: Construct, id: string, props: ApiObjectProps) {
    super(scope, id, props);
    this.values = props;
    // every object name unique per kind and namespace in the app: one check per app
    checkUniqueNames(this);
  }

  public addJsonPatch(...ops: JsonPatch[]): void {
    this.patched = true;
    super.addJsonPatch(...ops);
  }

  // the signature of cdk8s's ApiObject.toJson(), which this overrides
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  public toJson(): any {
    // the app is looked up once (a construct stays in its tree)
    this.app ??= App.of(this);
    if (this.patched || !fastPathsEnabled() || !hasDefaultResolvers(this.app)) {
      return super.toJson();
    }
    const sortKeys = !process.env.CDK8S_DISABLE_SORT;
    const values = this.values as { [key: string]: unknown };
    // cdk8s resolves `{ ...props, metadata: metadata.toJson() }`, drops what is empty and sorts the
    // keys, then puts apiVersion, kind and metadata first
    const keys = Object.keys(values);
    if (!Object.prototype.hasOwnProperty.call(values, 'metadata')) keys.push('metadata');
    if (sortKeys) sortStrings(keys);
    const json: { [key: string]: unknown } = {};
    try {
      if (typeof values.resolve === 'function' || values.constructor !== Object) throw DECLINE;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        // the metadata comes out of metadataJson new, plain and sorted: what a second pass would give
        const v = k === 'metadata' ? metadataJson(this.metadata) : plainData(values[k], sortKeys, false);
        if (v !== undefined) json[k] = v;
      }
    } catch (e) {
      if (e === DECLINE) return super.toJson();
      // as cdk8s words it
      throw new Error(`Failed serializing construct at path '${this.node.path}' with name '${this.name}': ${e}`);
    }
    const result: { [key: string]: unknown } = {};
    if (json.apiVersion !== undefined) result.apiVersion = json.apiVersion;
    if (json.kind !== undefined) result.kind = json.kind;
    if (json.metadata !== undefined) result.metadata = json.metadata;
    for (const k in json) {
      if (k !== 'apiVersion' && k !== 'kind' && k !== 'metadata') result[k] = json[k];
    }
    UNSHARED.add(result);
    return result;
  }
}

/** Objects rendered by the one-pass `toJson()`: every map and list in them is new and appears once. */
const UNSHARED = new WeakSet<object>();

/**
 * Whether a document was rendered by a `StarRocksApiObject`'s one-pass `toJson()` (so it holds no
 * object twice, and a YAML printer need not look for aliases in it).
 *
 * @internal
 */
export function isUnshared(doc: object): boolean {
  return UNSHARED.has(doc);
}

/**
 * What cdk8s's `ApiObjectMetadataDefinition.toJson()` gives, for plain data and `Lazy`s: the
 * metadata's fields resolved, `null`/`undefined`, empty lists and empty maps dropped (a map left
 * empty by that too), keys sorted. It reads the metadata's own fields as cdk8s's method does (they
 * are private in cdk8s's types); if they are not there as expected (another cdk8s version), or a
 * value is other than plain data, it throws DECLINE and cdk8s renders the whole object.
 */
function metadataJson(metadata: ApiObjectMetadataDefinition): unknown {
  const fields = metadata as unknown as {
    readonly _additionalAttributes?: unknown;
    readonly labels?: unknown;
    readonly annotations?: unknown;
    readonly finalizers?: unknown;
    readonly ownerReferences?: unknown;
  };
  const extra = fields._additionalAttributes as { [key: string]: unknown } | null | undefined;
  if (extra === null || typeof extra !== 'object' || Object.getPrototypeOf(extra) !== Object.prototype
    || !Array.isArray(fields.finalizers) || !Array.isArray(fields.ownerReferences)
    || typeof extra.resolve === 'function' || extra.constructor !== Object) {
    throw DECLINE;
  }
  // cdk8s resolves `{ ...extra, name, namespace, annotations, finalizers, ownerReferences, labels }`
  const keys = Object.keys(extra);
  for (let i = 0; i < METADATA_FIELDS.length; i++) {
    if (keys.indexOf(METADATA_FIELDS[i]) < 0) keys.push(METADATA_FIELDS[i]);
  }
  sortStrings(keys);
  const out: { [key: string]: unknown } = {};
  let empty = true;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    let raw: unknown;
    switch (k) {
      case 'name': raw = metadata.name; break;
      case 'namespace': raw = metadata.namespace; break;
      case 'annotations': raw = fields.annotations; break;
      case 'finalizers': raw = fields.finalizers; break;
      case 'ownerReferences': raw = fields.ownerReferences; break;
      case 'labels': raw = fields.labels; break;
      default: raw = extra[k];
    }
    const v = plainData(raw, true, true);
    if (v !== null && v !== undefined) {
      out[k] = v;
      empty = false;
    }
  }
  return empty ? undefined : out;
}

/** The metadata fields cdk8s keeps apart from the rest (`name` and `namespace` are public). */
const METADATA_FIELDS = ['name', 'namespace', 'annotations', 'finalizers', 'ownerReferences', 'labels'];

/**
 * cdk8s's `sanitizeValue(resolve(value), options)` for plain data and `Lazy`s: `Lazy` values
 * produced, `null` and `undefined` dropped from maps (and made `undefined` in lists), keys sorted
 * when `sortKeys`; with `dropEmpty` (the metadata's `filterEmptyArrays` and `filterEmptyObjects`)
 * empty lists and maps, and maps left empty, are dropped too. Throws DECLINE for anything else.
 */
function plainData(value: unknown, sortKeys: boolean, dropEmpty: boolean): unknown {
  if (value === null || value === undefined) return undefined;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      throw DECLINE;
  }
  if (Array.isArray(value)) {
    if (dropEmpty && value.length === 0) return undefined;
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = plainData(value[i], sortKeys, dropEmpty);
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype) {
    const obj = value as { [key: string]: unknown };
    // a map with a resolve() is a token for cdk8s's ImplicitTokenResolver; one with its own
    // `constructor` key is not a plain map to cdk8s (it refuses to render it)
    if (typeof obj.resolve === 'function' || obj.constructor !== Object) throw DECLINE;
    const keys = Object.keys(obj);
    if (sortKeys) sortStrings(keys);
    const out: { [key: string]: unknown } = {};
    let empty = true;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const v = plainData(obj[k], sortKeys, dropEmpty);
      if (v !== null && v !== undefined) {
        out[k] = v;
        empty = false;
      }
    }
    return dropEmpty && empty ? undefined : out;
  }
  if (value instanceof Lazy) {
    return plainData((value as Lazy).produce(), sortKeys, dropEmpty);
  }
  throw DECLINE;
}

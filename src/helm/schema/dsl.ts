/**
 * The declared type of every values key the charts read: what a key may hold, written once per
 * chart (`./starrocks.ts`, `./operator.ts`, `./warehouse.ts`, `./kube-starrocks.ts`) and checked
 * by `./check.ts` before any translation reads the values. A value of another type is an error
 * naming its values key; a key no schema declares is a warning with the closest known key.
 *
 * Every key may also be `null` or absent: that is Helm's "not set" (a `null` removes a default).
 *
 * @internal
 */

/** A string. Numbers and booleans are refused ("quote it"): Helm would print them its own way. @internal */
export interface StringSchema {
  readonly type: 'string';
  /** Never shown in a message (passwords, tokens): the value is `<redacted>`. */
  readonly secret?: boolean;
  /** The only strings allowed, when the chart or the operator knows only these. */
  readonly oneOf?: readonly string[];
  /** Whether line breaks are allowed (scripts, config texts). Default: not allowed. */
  readonly multiline?: boolean;
}

/**
 * A whole number (replicas, ports, seconds). A float, a string or a boolean is refused; with
 * `digitString`, a string of digits is allowed too (the chart prints the key with `{{ }}`, where
 * quotes are lost).
 *
 * @internal
 */
export interface IntegerSchema {
  readonly type: 'integer';
  readonly min?: number;
  readonly max?: number;
  readonly digitString?: boolean;
}

/** A number, whole or not (ratios, percentages of CPU). @internal */
export interface NumberSchema {
  readonly type: 'number';
  readonly min?: number;
  readonly max?: number;
}

/** `true` or `false`, unquoted: a string is refused (Go templates read the string "false" as true). @internal */
export interface BooleanSchema {
  readonly type: 'boolean';
}

/** A Kubernetes resource quantity: a number (`4`, `0.5`) or a string (`"500m"`, `"8Gi"`). @internal */
export interface QuantitySchema {
  readonly type: 'quantity';
  /** Whether the chart's `unlimited` (drop the limit) is allowed. */
  readonly unlimited?: boolean;
}

/**
 * A scalar printed with `{{ }}` into a text (config values, Secret data): a string, a number or a
 * boolean. A number Helm would print in exponent form (`1e+07`) is refused ("quote it") unless
 * `exponentWarns`, where it is a warning.
 *
 * @internal
 */
export interface ScalarSchema {
  readonly type: 'scalar';
  readonly secret?: boolean;
  readonly multiline?: boolean;
  readonly exponentWarns?: boolean;
}

/** A map of strings (labels, annotations, node selectors): a null entry is the empty string. @internal */
export interface StringMapSchema {
  readonly type: 'stringMap';
}

/**
 * A map with declared keys. A key not declared is a warning (Helm ignores it), with the closest
 * declared key.
 *
 * @internal
 */
export interface StructSchema {
  readonly type: 'struct';
  /** Never shown in a message, nor anything under it. */
  readonly secret?: boolean;
  readonly fields: { readonly [key: string]: ValueSchema };
}

/** A map whose keys are the user's (config maps, env var maps): every value of one schema. @internal */
export interface MapOfSchema {
  readonly type: 'mapOf';
  /** Never shown in a message, nor anything under it (Secret data). */
  readonly secret?: boolean;
  readonly values: ValueSchema;
  /** What a key must look like, when the chart or the API server restricts it. */
  readonly keyPattern?: RegExp;
  /** What `keyPattern` allows, for the message. */
  readonly keyDescription?: string;
}

/** A list, every item of one schema. @internal */
export interface ListOfSchema {
  readonly type: 'listOf';
  /** Never shown in a message, nor anything under it. */
  readonly secret?: boolean;
  readonly items: ValueSchema;
}

/**
 * A Kubernetes object the chart prints as given with `toYaml` (affinity, tolerations, sidecars,
 * lifecycle, securityContext): only its outer shape is the chart's; its fields are checked by the
 * typed constructs and the API server's rules.
 *
 * @internal
 */
export interface WireSchema {
  readonly type: 'wire';
  readonly shape: 'map' | 'list';
  /** What it is, for the message (e.g. "an affinity"). */
  readonly what?: string;
}

/** The first alternative that the value matches (e.g. env vars as a list or as a map). @internal */
export interface OneOfSchema {
  readonly type: 'oneOf';
  readonly alternatives: readonly ValueSchema[];
}

/** Anything (values the chart passes on without reading). @internal */
export interface AnySchema {
  readonly type: 'any';
}

/** @internal */
export type ValueSchema =
  | StringSchema | IntegerSchema | NumberSchema | BooleanSchema | QuantitySchema | ScalarSchema
  | StringMapSchema | StructSchema | MapOfSchema | ListOfSchema | WireSchema | OneOfSchema | AnySchema;

/** A string key. @internal */
export function str(options: Omit<StringSchema, 'type'> = {}): StringSchema {
  return { type: 'string', ...options };
}

/** A string key whose value is a secret. @internal */
export function secretStr(): StringSchema {
  return { type: 'string', secret: true };
}

/** A whole-number key. @internal */
export function int(options: Omit<IntegerSchema, 'type'> = {}): IntegerSchema {
  return { type: 'integer', ...options };
}

/** A number key. @internal */
export function num(options: Omit<NumberSchema, 'type'> = {}): NumberSchema {
  return { type: 'number', ...options };
}

/** A boolean key. @internal */
export function bool(): BooleanSchema {
  return { type: 'boolean' };
}

/** A resource quantity key. @internal */
export function quantity(options: Omit<QuantitySchema, 'type'> = {}): QuantitySchema {
  return { type: 'quantity', ...options };
}

/** A scalar printed into a text. @internal */
export function scalar(options: Omit<ScalarSchema, 'type'> = {}): ScalarSchema {
  return { type: 'scalar', ...options };
}

/** A map of strings. @internal */
export function stringMap(): StringMapSchema {
  return { type: 'stringMap' };
}

/** A map with declared keys. @internal */
export function struct(fields: { readonly [key: string]: ValueSchema }): StructSchema {
  return { type: 'struct', fields };
}

/** A map of the user's keys. @internal */
export function mapOf(values: ValueSchema, options: Omit<MapOfSchema, 'type' | 'values'> = {}): MapOfSchema {
  return { type: 'mapOf', values, ...options };
}

/** A list. @internal */
export function listOf(items: ValueSchema): ListOfSchema {
  return { type: 'listOf', items };
}

/** A Kubernetes map printed as given. @internal */
export function wireMap(what?: string): WireSchema {
  return { type: 'wire', shape: 'map', what };
}

/** A Kubernetes list printed as given. @internal */
export function wireList(what?: string): WireSchema {
  return { type: 'wire', shape: 'list', what };
}

/** One of several schemas. @internal */
export function oneOf(...alternatives: ValueSchema[]): OneOfSchema {
  return { type: 'oneOf', alternatives };
}

/** Any value. @internal */
export function anything(): AnySchema {
  return { type: 'any' };
}

/** `{repository, tag}` of an image, as every chart takes it. @internal */
export function image(): StructSchema {
  return struct({ repository: str(), tag: str() });
}

/** `{limits, requests}` (and `claims`) of a container's resources. @internal */
export function resources(): StructSchema {
  return struct({
    limits: mapOf(quantity({ unlimited: true })),
    requests: mapOf(quantity()),
    claims: listOf(struct({ name: str() })),
  });
}

/** `[{name: ...}]` of image pull secrets. @internal */
export function pullSecrets(): ListOfSchema {
  return listOf(struct({ name: str() }));
}

/** A scalar whose value is a secret (Secret data printed with `{{ }}`). @internal */
export function secretScalar(options: Omit<ScalarSchema, 'type' | 'secret'> = {}): ScalarSchema {
  return { type: 'scalar', ...options, secret: true };
}

/** The same schema, its value and everything under it never shown in a message. @internal */
export function redacted<T extends StringSchema | ScalarSchema | StructSchema | MapOfSchema | ListOfSchema>(schema: T): T {
  return { ...schema, secret: true };
}

/** A whole number in a range (ports: 1 to 65535; int32 fields: 0 to 2147483647 by default). @internal */
export function int32(options: Omit<IntegerSchema, 'type'> = {}): IntegerSchema {
  return { type: 'integer', min: 0, max: 2147483647, ...options };
}

/** An EnvVar map printed as given (`name`, `value`, `valueFrom`). @internal */
export function envVar(): StructSchema {
  return struct({ name: str(), value: str({ multiline: true }), valueFrom: wireMap('an EnvVarSource (secretKeyRef, configMapKeyRef, fieldRef or resourceFieldRef)') });
}

/** `[{name, mountPath, subPath}]`: mounts of existing Secrets or ConfigMaps. @internal */
export function mountList(): ListOfSchema {
  return listOf(struct({ name: str(), mountPath: str(), subPath: str() }));
}

/**
 * The top-level `secrets` (`secret: true`: data never shown) or `configMaps` list: objects the
 * chart creates, `[{name, data: {key: text}}]`.
 *
 * @internal
 */
export function valueObjects(secret: boolean): ListOfSchema {
  const data = mapOf(scalar({ multiline: true }));
  return listOf(struct({ name: str(), data: secret ? redacted(data) : data }));
}

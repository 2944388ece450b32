/**
 * The compact form of a CRD's `openAPIV3Schema` that projenrc/crd-schemas.js generates into
 * ./crd-schemas.ts: only what structural validation reads. A number stands for a shared subschema
 * (an index into `DEFS`).
 *
 * @internal
 */
export interface CompactSchema {
  /** type */
  readonly t?: string;
  /** properties */
  readonly p?: { readonly [name: string]: CompactSchemaRef };
  /** required */
  readonly r?: readonly string[];
  /** items */
  readonly i?: CompactSchemaRef;
  /** additionalProperties */
  readonly a?: CompactSchemaRef | boolean;
  /** enum */
  readonly e?: readonly unknown[];
  /** pattern */
  readonly pt?: string;
  /** minimum, maximum, and whether they are exclusive */
  readonly min?: number;
  readonly max?: number;
  readonly xmin?: boolean;
  readonly xmax?: boolean;
  /** minItems, maxItems, minLength, maxLength, minProperties, maxProperties, uniqueItems */
  readonly minI?: number;
  readonly maxI?: number;
  readonly minL?: number;
  readonly maxL?: number;
  readonly minP?: number;
  readonly maxP?: number;
  readonly u?: boolean;
  /** format */
  readonly f?: string;
  /** nullable */
  readonly n?: boolean;
  /** x-kubernetes-int-or-string */
  readonly ios?: boolean;
  /** x-kubernetes-preserve-unknown-fields */
  readonly pu?: boolean;
  /** x-kubernetes-embedded-resource */
  readonly er?: boolean;
  /** x-kubernetes-list-type: set */
  readonly ls?: boolean;
  /** x-kubernetes-list-map-keys, each with the default of the key field (or null) */
  readonly lk?: ReadonlyArray<readonly [string, unknown]>;
}

/** A subschema, or the index of a shared one. @internal */
export type CompactSchemaRef = CompactSchema | number;

/**
 * The typed props a manifest maps to, as a tree that gives both their values (for
 * `fromManifest`) and the TypeScript that writes them (for `convert`): plain data (strings,
 * numbers, booleans, arrays, objects) stands for itself; a `Code` node is a value written by a
 * call (`Size.gibibytes(10)`); a `K8sData` node is plain data of a cdk8s-plus `k8s.*` type, whose
 * quantities and int-or-strings are written as `k8s.Quantity` / `k8s.IntOrString`.
 */

/** A module and a name the generated code imports. @internal */
export interface ImportName {
  readonly module: 'cdk8s' | 'cdk8s-plus-27' | 'cdk8s-starrocks';
  readonly name: string;
}

/** A value written by a call, e.g. `Size.gibibytes(10)`. @internal */
export class Code {
  constructor(readonly code: string, readonly value: unknown, readonly imports: readonly ImportName[]) {}
}

/** Plain data of a cdk8s-plus `k8s.*` type (affinity, containers, HPA metrics, ...). @internal */
export class K8sData {
  constructor(readonly value: unknown) {}
}

/** A node of the tree. @internal */
export type Expr = string | number | boolean | Code | K8sData | Expr[] | ExprMap;
/** An object of the tree. @internal */
export interface ExprMap { [key: string]: Expr }

/** The value the tree stands for (what `fromManifest` passes to the constructs). @internal */
export function exprValue(e: Expr): unknown {
  if (e instanceof Code) return e.value;
  if (e instanceof K8sData) return copyPlain(e.value);
  if (Array.isArray(e)) return e.map(exprValue);
  if (typeof e === 'object' && e !== null) {
    const out: { [key: string]: unknown } = {};
    for (const k of Object.keys(e)) out[k] = exprValue(e[k]);
    return out;
  }
  return e;
}

function copyPlain(v: unknown): unknown {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}

/** Collects the imports of the code written. @internal */
export class Imports {
  private readonly names = new Map<string, Set<string>>();
  public add(i: ImportName): void {
    const set = this.names.get(i.module) ?? new Set<string>();
    set.add(i.name);
    this.names.set(i.module, set);
  }
  /** The import lines, sorted. */
  public lines(): string[] {
    const order: Array<ImportName['module']> = ['cdk8s', 'cdk8s-plus-27', 'cdk8s-starrocks'];
    const out: string[] = [];
    for (const m of order) {
      const set = this.names.get(m);
      if (set && set.size > 0) out.push(`import { ${[...set].sort().join(', ')} } from '${m}';`);
    }
    return out;
  }
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const K8S: ImportName = { module: 'cdk8s-plus-27', name: 'k8s' };

/** A string as a TypeScript literal (single quotes, or a template for long multi-line text). @internal */
export function stringCode(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, '\\\'').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

/** An object key as TypeScript. @internal */
export function keyCode(k: string): string {
  return IDENT.test(k) ? k : stringCode(k);
}

/** The TypeScript that writes the tree, indented by `indent` spaces after the first line. @internal */
export function exprCode(e: Expr, imports: Imports, indent = 0): string {
  if (e instanceof Code) {
    e.imports.forEach((i) => imports.add(i));
    return e.code;
  }
  if (e instanceof K8sData) {
    return dataCode(e.value, imports, indent, []);
  }
  if (Array.isArray(e)) {
    return listCode(e.map((x) => exprCode(x, imports, indent + 2)), indent);
  }
  if (typeof e === 'object' && e !== null) {
    return mapCode(Object.keys(e).map((k) => [k, exprCode(e[k], imports, indent + 2)]), indent);
  }
  return primitiveCode(e);
}

function primitiveCode(v: unknown): string {
  if (typeof v === 'string') return stringCode(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return 'undefined';
}

function listCode(items: string[], indent: number): string {
  if (items.length === 0) return '[]';
  const one = `[${items.join(', ')}]`;
  if (one.length + indent <= 100 && !one.includes('\n')) return one;
  const pad = ' '.repeat(indent + 2);
  return `[\n${items.map((i) => `${pad}${i},\n`).join('')}${' '.repeat(indent)}]`;
}

function mapCode(entries: Array<[string, string]>, indent: number): string {
  if (entries.length === 0) return '{}';
  const parts = entries.map(([k, v]) => `${keyCode(k)}: ${v}`);
  const one = `{ ${parts.join(', ')} }`;
  if (one.length + indent <= 100 && !one.includes('\n')) return one;
  const pad = ' '.repeat(indent + 2);
  return `{\n${parts.map((p) => `${pad}${p},\n`).join('')}${' '.repeat(indent)}}`;
}

/** Keys whose values are `k8s.Quantity` in the cdk8s-plus types, by the key above them (`*` any). */
function isQuantity(keys: readonly string[]): boolean {
  const k = keys[keys.length - 1];
  const parent = keys[keys.length - 2];
  return parent === 'limits' || parent === 'requests' || k === 'divisor' || k === 'sizeLimit'
    || (parent === 'target' && (k === 'averageValue' || k === 'value'));
}

/** Keys whose values are `k8s.IntOrString` in the cdk8s-plus types. */
function isIntOrString(keys: readonly string[]): boolean {
  const k = keys[keys.length - 1];
  const parent = keys[keys.length - 2];
  return ((parent === 'httpGet' || parent === 'tcpSocket') && k === 'port') || k === 'maxUnavailable' || k === 'maxSurge';
}

function dataCode(v: unknown, imports: Imports, indent: number, keys: string[]): string {
  if (Array.isArray(v)) {
    return listCode(v.map((x) => dataCode(x, imports, indent + 2, keys)), indent);
  }
  if (typeof v === 'object' && v !== null) {
    const o = v as { [key: string]: unknown };
    return mapCode(Object.keys(o).map((k) => [k, dataCode(o[k], imports, indent + 2, [...keys, k])]), indent);
  }
  if (keys.length > 0 && (typeof v === 'string' || typeof v === 'number')) {
    const how = typeof v === 'string' ? 'fromString' : 'fromNumber';
    if (isQuantity(keys)) {
      imports.add(K8S);
      return `k8s.Quantity.${how}(${primitiveCode(v)})`;
    }
    if (isIntOrString(keys)) {
      imports.add(K8S);
      return `k8s.IntOrString.${how}(${primitiveCode(v)})`;
    }
  }
  return primitiveCode(v);
}

import { Duration, Size } from 'cdk8s';
import { Code, Expr, ExprMap, ImportName, K8sData, stringCode } from './expr';
import { bool, int, Json, list, obj, objects, str, stringMap, unrepresentable, checkKeys, isObject } from './read';
import { StarRocksPropError } from '../common/errors';
import { ResourceQuantity } from '../common/quantity';
import { fail } from '../common/validate';

/** Value types of the mapping: each turns manifest data into a tree node, checked. */

const CDK8S = (name: string): ImportName => ({ module: 'cdk8s', name });
const LIB = (name: string): ImportName => ({ module: 'cdk8s-starrocks', name });

/** `Duration.seconds(n)` from whole seconds. @internal */
export function seconds(path: string, v: unknown): Code {
  const n = int(path, v);
  if (n < 0) unrepresentable('a negative number of seconds');
  return new Code(`Duration.seconds(${n})`, Duration.seconds(n), [CDK8S('Duration')]);
}

const SIZE_UNITS: { [unit: string]: [string, (n: number) => Size] } = {
  Mi: ['mebibytes', Size.mebibytes],
  Gi: ['gibibytes', Size.gibibytes],
  Ti: ['tebibytes', Size.tebibytes],
  Pi: ['pebibyte', Size.pebibyte],
};

/** `Size.gibibytes(n)` from a storage size written as a whole number and a binary unit. @internal */
export function size(path: string, v: unknown): Code {
  const text = str(path, v);
  const m = /^([1-9][0-9]*|0)(Mi|Gi|Ti|Pi)$/.exec(text);
  if (m === null) unrepresentable(`the size ${JSON.stringify(text)} is not a whole number of Mi, Gi, Ti or Pi`);
  const [method, make] = SIZE_UNITS[m[2]];
  return new Code(`Size.${method}(${m[1]})`, make(Number(m[1])), [CDK8S('Size')]);
}

/** `ResourceQuantity.of('8Gi')` or `.fromNumber(8)`, written back exactly as given. @internal */
export function quantity(path: string, v: unknown): Code {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) {
    return new Code(`ResourceQuantity.fromNumber(${v})`, ResourceQuantity.fromNumber(v), [LIB('ResourceQuantity')]);
  }
  if (typeof v !== 'string') {
    fail(path, 'a whole number or a quantity string such as "500m" or "8Gi" (the CRD refuses a fractional JSON number)', v);
  }
  let q: ResourceQuantity;
  try {
    q = ResourceQuantity.of(v);
  } catch (e) {
    if (e instanceof StarRocksPropError) throw new StarRocksPropError(path, e.problem);
    throw e;
  }
  return new Code(`ResourceQuantity.of(${stringCode(v)})`, q, [LIB('ResourceQuantity')]);
}

/** A map of quantities (limits, requests). @internal */
export function quantities(path: string, v: unknown): ExprMap {
  const o = obj(path, v);
  const out: ExprMap = {};
  for (const k of Object.keys(o)) out[k] = quantity(`${path}.${k}`, o[k]);
  return out;
}

/** An enum member of the library (`ImagePullPolicy.ALWAYS`) for a string value. @internal */
export function enumMember(enumName: string, members: { [member: string]: string }): (path: string, v: unknown) => Expr {
  return (path, v) => {
    const text = str(path, v);
    const member = Object.keys(members).find((m) => members[m] === text);
    if (member === undefined) unrepresentable(`${JSON.stringify(text)} is not one of ${Object.values(members).join(', ')}`);
    return new Code(`${enumName}.${member}`, text, [LIB(enumName)]);
  };
}

/** Data of a `k8s.*` type, passed as written. @internal */
export function k8sData(_path: string, v: unknown): K8sData {
  if (v === null || v === undefined) unrepresentable('a null value');
  return new K8sData(v);
}

/** A list of `k8s.*` data. @internal */
export function k8sList(path: string, v: unknown): K8sData {
  return k8sData(path, list(path, v));
}

/** A string. @internal */
export const text = (path: string, v: unknown): Expr => str(path, v);
/** An integer. @internal */
export const integer = (path: string, v: unknown): Expr => int(path, v);
/** A boolean. @internal */
export const flag = (path: string, v: unknown): Expr => bool(path, v);
/** A map of strings. @internal */
export const strings = (path: string, v: unknown): Expr => stringMap(path, v);
/** A list of strings. @internal */
export const stringList = (path: string, v: unknown): Expr => list(path, v).map((x, i) => str(`${path}[${i}]`, x));

/** `imagePullSecrets: [{name}]` as a list of names. @internal */
export function secretNames(path: string, v: unknown): Expr {
  return objects(path, v).map((o, i) => {
    checkKeys(`${path}[${i}]`, o, ['name'], 'CRD');
    return str(`${path}[${i}].name`, o.name);
  });
}

/** ConfigMap and Secret mounts (`MountOptions`). @internal */
export function mountList(path: string, v: unknown): Expr {
  return objects(path, v).map((o, i) => {
    const p = `${path}[${i}]`;
    checkKeys(p, o, ['name', 'mountPath', 'subPath'], 'CRD');
    if (o.name === undefined || o.mountPath === undefined) unrepresentable(`${p} has no name or mountPath`);
    const out: ExprMap = { name: str(`${p}.name`, o.name), mountPath: str(`${p}.mountPath`, o.mountPath) };
    if (o.subPath !== undefined) out.subPath = str(`${p}.subPath`, o.subPath);
    return out;
  });
}

/** Whether a value is plain JSON data without nulls. @internal */
export function plainData(v: unknown): v is Json | unknown[] | string | number | boolean {
  if (Array.isArray(v)) return v.every(plainData);
  if (isObject(v)) return Object.values(v).every(plainData);
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

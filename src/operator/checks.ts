/**
 * Input checks specific to the operator construct. The generic ones live in `common/validate.ts`.
 *
 * @internal
 */
import type { WireObject } from './k8s-wire';
import { fail } from '../common/validate';
import { wireValue } from '../common/wire';

/** A non-empty string without whitespace, e.g. an image reference. @internal */
export function checkToken(prop: string, value: string, what: string): string {
  if (typeof value !== 'string' || !/^\S+$/.test(value)) {
    fail(prop, what, value);
  }
  return value;
}

const TIME_ZONE = /^[A-Za-z0-9_+-]+(\/[A-Za-z0-9_+-]+)*$/;

/** An IANA time zone name such as `UTC` or `America/Argentina/Buenos_Aires`. @internal */
export function checkTimeZone(prop: string, value: string): string {
  if (typeof value !== 'string' || !TIME_ZONE.test(value)) {
    fail(prop, 'an IANA time zone name such as "UTC" or "Europe/Berlin"', value);
  }
  return value;
}

/**
 * A command-line flag. Go's flag package stops at the first argument that does not start with
 * `-`, so a stray value would silently disable every flag after it (`--namespace`, ...).
 *
 * @internal
 */
export function checkFlag(prop: string, value: string): string {
  if (typeof value !== 'string' || !/^--?[A-Za-z0-9]\S*$/.test(value)) {
    fail(prop, 'a command-line flag starting with "-" or "--" (e.g. "--zap-log-level=4"), without spaces', value);
  }
  return value;
}

/** A list, copied. @internal */
export function checkArray<T>(prop: string, value: T[] | undefined): T[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    fail(prop, 'a list', value);
  }
  return [...value];
}

/** Wire form of a typed Kubernetes object; `undefined` when it has no content. @internal */
export function wireObject(prop: string, value: unknown): WireObject | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    fail(prop, 'an object', value);
  }
  // wireValue keeps the shape: plain data in, plain data out
  const wire = asWireObject(prop, wireValue(value, prop));
  return Object.keys(wire).length === 0 ? undefined : wire;
}

/** Wire form of a list of typed Kubernetes objects; `undefined` when empty. @internal */
export function wireList(prop: string, value: unknown[] | undefined): WireObject[] | undefined {
  const list = checkArray(prop, value);
  if (list === undefined || list.length === 0) {
    return undefined;
  }
  return list.map((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      fail(`${prop}[${i}]`, 'an object', item);
    }
    return asWireObject(`${prop}[${i}]`, wireValue(item, `${prop}[${i}]`));
  });
}

/** The wire form of an object, checked to be one (an object stays an object through `wireValue`). */
function asWireObject(prop: string, wire: unknown): WireObject {
  if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) {
    return fail(prop, 'an object', wire);
  }
  return wire as WireObject;
}

/** `undefined` for an empty map. @internal */
export function nonEmptyMap(map: { [key: string]: string } | undefined): { [key: string]: string } | undefined {
  return map === undefined || Object.keys(map).length === 0 ? undefined : map;
}

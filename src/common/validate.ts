/**
 * Synth-time checks shared by every construct. Each error names the property, shows the value
 * and says what is allowed.
 *
 * @internal
 */
import { StarRocksPropError } from './errors';

/** Renders a value for an error message. @internal */
export function show(value: unknown): string {
  if (value === undefined) {
    return 'nothing (it is not set)';
  }
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return String(value);
  }
  try {
    return JSON.stringify(value) ?? `a ${typeof value}`;
  } catch {
    // a value that refers to itself, or holds a bigint
    return typeof value === 'bigint' ? String(value) : 'a value that refers to itself';
  }
}

/** Throws `'<prop>' must be <allowed>, got <value>` (a `StarRocksPropError`). @internal */
export function fail(prop: string, allowed: string, value: unknown): never {
  throw new StarRocksPropError(prop, `must be ${allowed}, got ${show(value)}`);
}

/** A boolean, not a string or number that merely looks like one; `defaultValue` when not given. @internal */
export function checkBoolean(prop: string, value: boolean | undefined, defaultValue: boolean): boolean {
  if (value === undefined) {
    return defaultValue;
  }
  if (typeof value !== 'boolean') {
    fail(prop, 'true or false', value);
  }
  return value;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A DNS-1123 label: lower-case alphanumerics and '-', at most 63 characters. @internal */
export function checkDnsLabel(prop: string, value: string, maxLength = 63): string {
  if (typeof value !== 'string' || value.length > maxLength || !DNS_LABEL.test(value)) {
    fail(prop, `a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit) of at most ${maxLength} characters`, value);
  }
  return value;
}

/** A DNS-1035 label: like a DNS-1123 label but starting with a letter. @internal */
export function checkDns1035Label(prop: string, value: string, maxLength = 63): string {
  if (typeof value !== 'string' || value.length > maxLength || !DNS_1035_LABEL.test(value)) {
    fail(prop, `a DNS-1035 label (lower-case letters, digits and '-', starting with a letter, ending with a letter or digit) of at most ${maxLength} characters`, value);
  }
  return value;
}

/** A DNS-1123 subdomain (the name of most Kubernetes objects), at most 253 characters. @internal */
export function checkDnsSubdomain(prop: string, value: string): string {
  if (typeof value !== 'string' || value.length > 253 || !DNS_SUBDOMAIN.test(value)) {
    fail(prop, 'a DNS-1123 subdomain (lower-case letters, digits, \'-\' and \'.\', at most 253 characters)', value);
  }
  return value;
}

/** A whole number within [min, max]. @internal */
export function checkInt(prop: string, value: number, min: number, max = 2147483647): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(prop, `a whole number from ${min} to ${max}`, value);
  }
  return value;
}

/** One of the given wire values. @internal */
export function checkOneOf<T extends string>(prop: string, value: T, allowed: readonly string[]): T {
  if (!allowed.includes(value)) {
    fail(prop, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, value);
  }
  return value;
}

/** Copies a string map, checking that keys and values are strings. @internal */
export function copyStringMap(prop: string, map: { [key: string]: string } | undefined): { [key: string]: string } | undefined {
  if (map === undefined) {
    return undefined;
  }
  const out: { [key: string]: string } = {};
  const keys = Object.keys(map);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = map[k];
    if (typeof v !== 'string') {
      fail(`${prop}.${k}`, 'a string', v);
    }
    out[k] = v;
  }
  return out;
}

/**
 * Sets a key of a map once: setting it again to the same value is fine, to another value an
 * error (a mutator never overwrites silently). @internal
 */
export function setOnce(prop: string, map: { [key: string]: string }, key: string, value: string): void {
  if (typeof value !== 'string') {
    fail(`${prop}.${key}`, 'a string', value);
  }
  if (key in map && map[key] !== value) {
    throw new StarRocksPropError(`${prop}.${key}`, `is already set to ${show(map[key])}; cannot set it to ${show(value)}`);
  }
  map[key] = value;
}

/** An absolute mount path. @internal */
export function checkMountPath(prop: string, path: string): string {
  if (typeof path !== 'string' || !path.startsWith('/') || path.includes(':') || /\/\.\.(\/|$)/.test(path)) {
    fail(prop, 'an absolute path without ":" or ".." segments', path);
  }
  return path;
}

/** A port number read from a config file: 1 to 65535. @internal */
export function parsePort(prop: string, text: string): number {
  const n = Number(text);
  if (!/^[0-9]+$/.test(text) || n < 1 || n > 65535) {
    fail(prop, 'a port number from 1 to 65535', text);
  }
  return n;
}

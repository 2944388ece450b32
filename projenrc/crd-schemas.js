#!/usr/bin/env node
/**
 * Regenerates src/lint/crd-schemas.ts from the pinned StarRocks CRDs in ../shared/crds
 * (starrocks.com_starrocksclusters.yaml, starrocks.com_starrockswarehouses.yaml): the
 * `openAPIV3Schema` of each served version, reduced to what structural validation reads (no
 * descriptions, no defaults except those of list-map keys), with every subtree that occurs more
 * than once stored once in a table and referenced by its index, so that the package carries a few
 * tens of KB instead of the CRDs' 440 KB.
 *
 * A node is an object with the keys of the JSON schema it stands for, shortened:
 *   t type, p properties, r required, i items, a additionalProperties (a node or false/true),
 *   e enum, pt pattern, min/max minimum/maximum (xmin/xmax exclusive flags), f format,
 *   ios x-kubernetes-int-or-string, pu x-kubernetes-preserve-unknown-fields, n nullable,
 *   ls x-kubernetes-list-type "set", lk list-map keys as [key, default] pairs,
 *   minI/maxI/minL/maxL/minP/maxP item, length and property bounds, u uniqueItems.
 * A number instead of a node is an index into DEFS.
 *
 * Usage: node projenrc/crd-schemas.js [out-file]     (default: src/lint/crd-schemas.ts)
 */
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const CRDS = path.resolve(ROOT, process.env.SHARED_DIR ?? '../shared', 'crds');
// eslint-disable-next-line import/no-extraneous-dependencies
const YAML = require('yaml');

const FILES = [
  { file: 'starrocks.com_starrocksclusters.yaml', name: 'STARROCKS_CLUSTER' },
  { file: 'starrocks.com_starrockswarehouses.yaml', name: 'STARROCKS_WAREHOUSE' },
];

/** Keys of the source schema this generator knows; anything else stops it (a new CRD needs a look). */
const IGNORED = new Set(['description', 'default', 'example', 'x-kubernetes-map-type', 'title', 'externalDocs']);

function reduce(src, where) {
  const out = {};
  for (const [k, v] of Object.entries(src)) {
    switch (k) {
      case 'type': out.t = v; break;
      case 'properties': {
        out.p = {};
        for (const name of Object.keys(v).sort()) out.p[name] = reduce(v[name], `${where}.${name}`);
        break;
      }
      case 'required': out.r = [...v].sort(); break;
      case 'items': out.i = reduce(v, `${where}[]`); break;
      case 'additionalProperties': out.a = typeof v === 'boolean' ? v : reduce(v, `${where}.*`); break;
      case 'enum': out.e = v; break;
      case 'pattern': out.pt = v; break;
      case 'minimum': out.min = v; break;
      case 'maximum': out.max = v; break;
      case 'exclusiveMinimum': if (v) out.xmin = true; break;
      case 'exclusiveMaximum': if (v) out.xmax = true; break;
      case 'minItems': out.minI = v; break;
      case 'maxItems': out.maxI = v; break;
      case 'minLength': out.minL = v; break;
      case 'maxLength': out.maxL = v; break;
      case 'minProperties': out.minP = v; break;
      case 'maxProperties': out.maxP = v; break;
      case 'uniqueItems': if (v) out.u = true; break;
      case 'format': out.f = v; break;
      case 'nullable': if (v) out.n = true; break;
      case 'x-kubernetes-int-or-string': if (v) out.ios = true; break;
      case 'x-kubernetes-preserve-unknown-fields': if (v) out.pu = true; break;
      case 'x-kubernetes-embedded-resource': if (v) out.er = true; break;
      case 'x-kubernetes-list-type': if (v === 'set') out.ls = true; break;
      case 'x-kubernetes-list-map-keys': {
        const itemProps = (src.items && src.items.properties) || {};
        out.lk = v.map((key) => [key, itemProps[key] && itemProps[key].default !== undefined ? itemProps[key].default : null]);
        break;
      }
      case 'anyOf':
        // controller-gen writes int-or-string as anyOf [integer, string] beside the flag
        if (!(src['x-kubernetes-int-or-string'] === true && v.length === 2 && v.every((b) => Object.keys(b).length === 1 && (b.type === 'integer' || b.type === 'string')))) {
          throw new Error(`${where}: anyOf other than int-or-string is not supported`);
        }
        break;
      default:
        if (!IGNORED.has(k)) throw new Error(`${where}: schema keyword ${k} is not supported by src/lint/structural.ts`);
    }
  }
  // a list-map key's default only matters inside the list's items: dropped there above
  return out;
}

/** Replaces subtrees that occur more than once (and are not tiny) by indexes into `defs`. */
function share(roots) {
  const counts = new Map();
  const count = (node) => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
    const key = JSON.stringify(node);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const child of children(node)) count(child);
  };
  roots.forEach(count);
  const defs = [];
  const index = new Map();
  const rewrite = (node) => {
    const key = JSON.stringify(node);
    const copy = { ...node };
    if (copy.p) copy.p = Object.fromEntries(Object.entries(copy.p).map(([k, v]) => [k, rewrite(v)]));
    if (copy.i) copy.i = rewrite(copy.i);
    if (copy.a && typeof copy.a === 'object') copy.a = rewrite(copy.a);
    if ((counts.get(key) ?? 0) > 1 && key.length > 24) {
      if (!index.has(key)) {
        index.set(key, defs.length);
        defs.push(null);
        defs[index.get(key)] = copy;
      }
      return index.get(key);
    }
    return copy;
  };
  const out = roots.map((r) => {
    const copy = { ...r };
    if (copy.p) copy.p = Object.fromEntries(Object.entries(copy.p).map(([k, v]) => [k, rewrite(v)]));
    return copy;
  });
  return { defs, roots: out };
}

function children(node) {
  const out = [];
  if (node.p) out.push(...Object.values(node.p));
  if (node.i) out.push(node.i);
  if (node.a && typeof node.a === 'object') out.push(node.a);
  return out;
}

function generate() {
  const roots = [];
  const sources = [];
  for (const { file } of FILES) {
    const docs = YAML.parseAllDocuments(fs.readFileSync(path.join(CRDS, file), 'utf8')).map((d) => d.toJS());
    const crd = docs.find((d) => d && d.kind === 'CustomResourceDefinition');
    const versions = crd.spec.versions.filter((v) => v.served);
    if (versions.length !== 1) throw new Error(`${file}: expected one served version, found ${versions.length}`);
    roots.push(reduce(versions[0].schema.openAPIV3Schema, crd.spec.names.kind));
    sources.push({ group: crd.spec.group, version: versions[0].name, kind: crd.spec.names.kind });
  }
  const { defs, roots: shared } = share(roots);
  const lines = [
    '// Generated by projenrc/crd-schemas.js from ../shared/crds (StarRocks operator CRDs); do not edit.',
    '// Node keys: see projenrc/crd-schemas.js. A number stands for DEFS[number].',
    '/* eslint-disable */',
    "import type { CompactSchema } from './schema-types';",
    '',
    '/** Subschemas used more than once. @internal */',
    `export const DEFS: readonly CompactSchema[] = JSON.parse(${JSON.stringify(JSON.stringify(defs))});`,
    '',
  ];
  FILES.forEach(({ name }, i) => {
    lines.push(`/** The openAPIV3Schema of ${sources[i].group}/${sources[i].version} ${sources[i].kind}. @internal */`);
    lines.push(`export const ${name}_API_VERSION = '${sources[i].group}/${sources[i].version}';`);
    lines.push(`/** @internal */`);
    lines.push(`export const ${name}: CompactSchema = JSON.parse(${JSON.stringify(JSON.stringify(shared[i]))});`);
    lines.push('');
  });
  return lines.join('\n');
}

module.exports = { generate };

if (require.main === module) {
  const out = path.resolve(ROOT, process.argv[2] ?? path.join('src', 'lint', 'crd-schemas.ts'));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, generate());
}

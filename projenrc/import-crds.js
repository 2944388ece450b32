#!/usr/bin/env node
/**
 * Regenerates imports/ from the pinned CRDs in ../shared/crds (see ../shared/crds/README.md):
 * wire-shaped TypeScript interfaces of each custom resource, one file per API group
 * (`imports/starrocks.com.ts`, `imports/monitoring.coreos.com.ts`). They are types only: the
 * compiled JavaScript is empty, so nothing generated runs or ships as code.
 *
 * Each CRD's `openAPIV3Schema` (its served storage version) is prepared for json-schema-to-typescript:
 *
 * - object nodes get a `title` from their path, which names their interface: `StarRocksClusterSpec`,
 *   `StarRocksClusterSpecStarRocksFeSpec`, `StarRocksClusterSpecStarRocksFeSpecStorageVolumes`
 *   (array items take the array's name, map values add `Value`);
 * - a subtree that is the same as one met before under the same property name (descriptions aside;
 *   FE, BE and CN share most of theirs) is the same object, so it becomes one interface, named
 *   after what its paths have in common (`StarRocksClusterSpecStorageVolumes`);
 * - `additionalProperties: false` where the schema declares properties, because the API server
 *   prunes undeclared fields; an object without declared properties is a map of `unknown`;
 * - `x-kubernetes-int-or-string` becomes `number | string`, `x-kubernetes-preserve-unknown-fields`
 *   (without properties) `unknown`;
 * - `status` is left out: the library never writes it.
 *
 * Usage: node projenrc/import-crds.js [out-dir]     (default: imports)
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { compile } = require('json-schema-to-typescript');
const YAML = require('yaml');

const ROOT = path.resolve(__dirname, '..');
const SHARED = path.resolve(ROOT, process.env.SHARED_DIR ?? '../shared', 'crds');

/** The output files and the CRD files each is made of, in this order. */
const GROUPS = {
  'starrocks.com': ['starrocks.com_starrocksclusters.yaml', 'starrocks.com_starrockswarehouses.yaml'],
  'monitoring.coreos.com': ['monitoring.coreos.com_servicemonitors.yaml', 'monitoring.coreos.com_podmonitors.yaml',
    'monitoring.coreos.com_prometheusrules.yaml'],
};

const pascal = (s) => s.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_m, _sep, c) => c.toUpperCase());

/** A key of a schema node without its descriptions, for finding equal subtrees. */
function shapeKey(node) {
  return JSON.stringify(node, (k, v) => (k === 'description' ? undefined : v));
}

/**
 * Prepares a CRD's schema (see the file comment). `path` is the list of name segments of the node;
 * `shapes` maps the shape of every object node met (with the property it sits under) to the node
 * kept for it and the paths it was met at.
 */
function prepare(node, path, shapes) {
  if (node === null || typeof node !== 'object') {
    return node;
  }
  if (node['x-kubernetes-int-or-string']) {
    return withDescription({ tsType: 'number | string' }, node);
  }
  if (node['x-kubernetes-preserve-unknown-fields'] && !node.properties) {
    return withDescription({ tsType: 'unknown' }, node);
  }
  const out = {};
  for (const k of Object.keys(node)) {
    if (k.startsWith('x-kubernetes-') || k === 'properties' || k === 'items' || k === 'additionalProperties') {
      continue;
    }
    out[k] = node[k];
  }
  if (node.items !== undefined) {
    out.items = prepare(node.items, path, shapes);
  }
  if (node.properties !== undefined) {
    out.properties = {};
    for (const p of Object.keys(node.properties)) {
      out.properties[p] = prepare(node.properties[p], [...path, pascal(p)], shapes);
    }
    out.additionalProperties = false;
  } else if (typeof node.additionalProperties === 'object') {
    out.additionalProperties = prepare(node.additionalProperties, [...path, 'Value'], shapes);
  } else if (node.additionalProperties !== undefined) {
    out.additionalProperties = node.additionalProperties;
  }
  if (out.type === 'object' && out.properties !== undefined) {
    const key = `${path[path.length - 1]} ${shapeKey(out)}`;
    const earlier = shapes.get(key);
    if (earlier !== undefined) {
      earlier.paths.push(path);
      return earlier.node;
    }
    shapes.set(key, { node: out, paths: [path] });
  }
  return out;
}

/**
 * Names the object nodes: by their path, or for a node met at several paths (FE, BE and CN share
 * most of their shapes) by what the paths have in common at the start and at the end, e.g.
 * `StarRocksClusterSpec` + `StorageVolumes`. A name taken twice falls back to the first path.
 */
function nameShapes(shapes) {
  const used = new Set();
  for (const { node, paths } of shapes.values()) {
    const first = paths[0];
    let name = first.join('');
    if (paths.length > 1) {
      const min = Math.min(...paths.map((p) => p.length));
      let head = 0;
      while (head < min && paths.every((p) => p[head] === first[head])) head++;
      let tail = 0;
      while (tail < min - head && paths.every((p) => p[p.length - 1 - tail] === first[first.length - 1 - tail])) tail++;
      const common = [...first.slice(0, head), ...first.slice(first.length - tail)].join('');
      if (/^[A-Z]/.test(common) && !used.has(common)) {
        name = common;
      }
    }
    if (used.has(name)) {
      throw new Error(`two shapes are both named ${name}`);
    }
    used.add(name);
    node.title = name;
  }
}

function withDescription(out, node) {
  return node.description !== undefined ? { description: node.description, ...out } : out;
}

function readCrd(file) {
  const doc = YAML.parse(fs.readFileSync(path.join(SHARED, file), 'utf8'));
  const version = doc.spec.versions.find((v) => v.storage) ?? doc.spec.versions[0];
  return { kind: doc.spec.names.kind, group: doc.spec.group, version: version.name, schema: version.schema.openAPIV3Schema };
}

/** The TypeScript of one API group. */
async function generateGroup(group, files) {
  const shapes = new Map();
  const properties = {};
  for (const file of files) {
    const crd = readCrd(file);
    if (crd.group !== group) {
      throw new Error(`${file} is in group ${crd.group}, not ${group}`);
    }
    const schema = { ...crd.schema, properties: { ...crd.schema.properties } };
    delete schema.properties.status;
    schema.properties.apiVersion = { ...schema.properties.apiVersion, const: `${group}/${crd.version}` };
    schema.properties.kind = { ...schema.properties.kind, const: crd.kind };
    schema.required = ['apiVersion', 'kind'];
    properties[crd.kind] = prepare(schema, [crd.kind], shapes);
  }
  nameShapes(shapes);
  // one schema for the group, so that the shared subtrees are declared once
  const root = { title: `${pascal(group)}Kinds`, type: 'object', properties, additionalProperties: false };
  const banner = [
    '/* eslint-disable */',
    `// Generated by projenrc/import-crds.js from ${files.join(', ')} (../shared/crds). Do not edit: run \`npx projen import\`.`,
    '// Wire shapes of the custom resources (types only; the library renders these objects).',
  ].join('\n');
  const ts = await compile(root, root.title, {
    bannerComment: banner,
    additionalProperties: true,
    unknownAny: true,
    ignoreMinAndMaxItems: true,
    strictIndexSignatures: false,
    declareExternallyReferenced: true,
    enableConstEnums: false,
    format: true,
    style: { printWidth: 150, singleQuote: true, semi: true, tabWidth: 2, trailingComma: 'all', bracketSpacing: true },
    cwd: ROOT,
  });
  return ts;
}

async function main() {
  const out = path.resolve(ROOT, process.argv[2] ?? 'imports');
  if (!fs.existsSync(SHARED)) {
    throw new Error(`${SHARED} is missing (clone ../shared beside this project)`);
  }
  const started = process.hrtime.bigint();
  const results = {};
  for (const group of Object.keys(GROUPS)) {
    results[group] = await generateGroup(group, GROUPS[group]);
  }
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  for (const group of Object.keys(results)) {
    fs.writeFileSync(path.join(out, `${group}.ts`), results[group]);
  }
  if (process.env.IMPORT_CRDS_TIMING) {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.error(`import-crds: ${Object.keys(results).length} files in ${ms.toFixed(0)} ms`);
  }
}

main().catch((e) => {
  console.error(`import-crds: ${e.stack ?? e.message}`);
  process.exitCode = 1;
});

'use strict';
/**
 * What one `require` costs in a fresh process:
 *
 *   node bench/load-worker.js <constructs|cdk8s|yaml|lib|cli|imports>
 *
 * - constructs, cdk8s: the packages as the library resolves them;
 * - yaml: the yaml package the library depends on (its own copy, not the one cdk8s bundles);
 * - lib: the whole public API (`require('lib/src')`), which loads cdk8s and every construct;
 * - cli: the command's module (lib/src/cli/main.js), which loads only the flag parser;
 * - imports: the generated code of `cdk8s import` (lib/imports/*.js), which a run should not need.
 *
 * Prints one JSON line: the time of the require, the number and size of the files it loaded, and
 * how many of them are generated imports.
 */
const fs = require('fs');
const path = require('path');
const { libDir } = require('./workload');

function main() {
  const target = process.argv[2];
  const dir = libDir();
  const from = { paths: [dir] };
  const targets = {
    constructs: () => [require.resolve('constructs', from)],
    cdk8s: () => [require.resolve('cdk8s', from)],
    yaml: () => [require.resolve('yaml', from)],
    lib: () => [path.join(dir, 'src', 'index.js')],
    cli: () => [path.join(dir, 'src', 'cli', 'main.js')],
    imports: () => fs.readdirSync(path.join(dir, 'imports')).filter(f => f.endsWith('.js')).map(f => path.join(dir, 'imports', f)),
  };
  if (!targets[target]) throw new Error(`unknown target ${target} (known: ${Object.keys(targets).join(', ')})`);
  const files = targets[target]();
  const before = new Set(Object.keys(require.cache));
  const t0 = process.hrtime.bigint();
  for (const f of files) require(f);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const loaded = Object.keys(require.cache).filter(f => !before.has(f));
  const bytes = loaded.reduce((s, f) => s + fs.statSync(f).size, 0);
  const importsFiles = loaded.filter(f => f.startsWith(path.join(dir, 'imports') + path.sep)).length;
  process.stdout.write(`${JSON.stringify({ target, ms, modules: loaded.length, bytes, importsFiles })}\n`);
}

main();

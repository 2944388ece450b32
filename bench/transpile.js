'use strict';
/**
 * For `bench.js --transpile` (the quick run of the tests, where lib/ may not be compiled yet):
 * transpiles src/ and imports/ one file at a time with TypeScript (no type check) into
 * `<dir>/lib/src` and `<dir>/lib/imports`, the layout jsii writes, with `<dir>/node_modules` linked
 * to the repository's and a copy of package.json. Figures from such a build are for checking the
 * harness, not for BENCHMARKS.md.
 */
const fs = require('fs');
const path = require('path');
const { REPO_ROOT } = require('./util');

function tsFiles(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Transpiles the library into `dir` and returns the lib directory (`<dir>/lib`). */
function transpileLib(dir) {
  const ts = require(require.resolve('typescript', { paths: [REPO_ROOT] }));
  const compilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    experimentalDecorators: true,
    resolveJsonModule: true,
  };
  for (const top of ['src', 'imports']) {
    for (const file of tsFiles(path.join(REPO_ROOT, top))) {
      const rel = path.relative(REPO_ROOT, file);
      const js = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions, fileName: file }).outputText;
      const dest = path.join(dir, 'lib', rel.replace(/\.ts$/, '.js'));
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.writeFileSync(dest, js);
    }
  }
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(dir, 'package.json'));
  return path.join(dir, 'lib');
}

module.exports = { transpileLib, tsFiles };

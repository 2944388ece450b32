/**
 * imports/ is generated from the pinned CRDs in ../shared/crds and never edited by hand: this
 * regenerates it into a temporary folder and requires the committed files to be identical.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { describeShared, REPO_ROOT } from './util/shared';

describeShared('imports/', () => {
  test('is what `npx projen import` generates from ../shared/crds', () => {
    // GIVEN
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'imports-'));

    // WHEN
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'projenrc', 'import-crds.js'), out], { cwd: REPO_ROOT, stdio: 'pipe' });

    // THEN
    const committed = fs.readdirSync(path.join(REPO_ROOT, 'imports')).sort();
    expect(fs.readdirSync(out).sort()).toEqual(committed);
    for (const file of committed) {
      expect(fs.readFileSync(path.join(out, file), 'utf8')).toBe(fs.readFileSync(path.join(REPO_ROOT, 'imports', file), 'utf8'));
    }
    fs.rmSync(out, { recursive: true, force: true });
  }, 120_000);

  test('holds types only: its compiled JavaScript defines nothing', () => {
    // WHEN
    const emitted = fs.readdirSync(path.join(REPO_ROOT, 'imports')).map((file) => ts.transpileModule(
      fs.readFileSync(path.join(REPO_ROOT, 'imports', file), 'utf8'),
      { compilerOptions: { module: ts.ModuleKind.CommonJS } },
    ).outputText);

    // THEN
    for (const js of emitted) {
      expect(js.replace(/^\s*("use strict";|Object\.defineProperty\(exports, "__esModule", \{ value: true \}\);|\/\/.*|\/\*[^]*?\*\/)\s*$/gm, '').trim()).toBe('');
    }
  });
});

/**
 * What `lint` loads: the files src/cli/lint.ts reaches through its imports stay out of the Helm
 * layer and the constructs, and need neither ajv nor ../shared at run time.
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../util/shared';

/** The project files reachable from `entry` by relative imports, and the packages they import. */
function reach(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'|require\('([^']+)'\)/gm)) {
      if (m[1]) continue; // type-only: erased
      const spec = m[2] ?? m[3];
      if (spec.startsWith('.')) {
        const base = path.resolve(path.dirname(file), spec);
        const target = [`${base}.ts`, path.join(base, 'index.ts')].find(f => fs.existsSync(f));
        if (target) visit(target);
      } else {
        packages.add(spec);
      }
    }
  };
  visit(entry);
  return { files: [...files].map(f => path.relative(REPO_ROOT, f)).sort(), packages: [...packages].sort() };
}

describe('the lint command\'s imports', () => {
  const { files, packages } = reach(path.join(REPO_ROOT, 'src', 'cli', 'lint.ts'));

  test('sees the lint engine (the walk works)', () => {
    expect(files).toEqual(expect.arrayContaining(['src/lint/lint.ts', 'src/lint/structural.ts', 'src/lint/crd-schemas.ts', 'src/config/check.ts']));
  });

  test('never reach the Helm layer, the constructs or cdk8s', () => {
    expect(files.filter(f => /^src\/(helm|components|cluster\/cluster|warehouse|operator)\b/.test(f))).toEqual([]);
    expect(packages.filter(p => /^(cdk8s|constructs|ajv)/.test(p))).toEqual([]);
  });

  test('read nothing from ../shared at run time (their code, comments aside, never names it)', () => {
    for (const f of files) {
      const code = fs.readFileSync(path.join(REPO_ROOT, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      expect({ f, shared: /\.\.\/shared|SHARED_DIR/.test(code) }).toEqual({ f, shared: false });
    }
  });
});

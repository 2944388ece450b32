/**
 * imports/ is generated from the pinned CRDs in ../shared/crds and never edited by hand: this
 * regenerates it into a temporary folder and requires the committed files to be identical.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeShared, REPO_ROOT } from './util/shared';

describeShared('imports/', () => {
  test('is what `npx projen import` generates from ../shared/crds', () => {
    // GIVEN
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'imports-'));
    const env = { ...process.env, PATH: `${path.join(REPO_ROOT, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}` };

    // WHEN
    execFileSync('bash', [path.join(REPO_ROOT, 'projenrc', 'import-crds.sh'), out], { cwd: REPO_ROOT, env, stdio: 'pipe' });

    // THEN
    const committed = fs.readdirSync(path.join(REPO_ROOT, 'imports')).sort();
    expect(fs.readdirSync(out).sort()).toEqual(committed);
    for (const file of committed) {
      expect(fs.readFileSync(path.join(out, file), 'utf8')).toBe(fs.readFileSync(path.join(REPO_ROOT, 'imports', file), 'utf8'));
    }
    fs.rmSync(out, { recursive: true, force: true });
  }, 120_000);
});

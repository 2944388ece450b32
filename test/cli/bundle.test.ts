/**
 * The loader of the command's single-file bundle (src/cli/bundle.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bundledMain, loadBundle } from '../../src/cli/bundle';
import { main } from '../../src/cli/main';

describe('the bundle loader', () => {
  test('runs a bundle file (a function expression) and returns its main', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-bundle-'));
    const file = path.join(dir, 'cli.js');
    fs.writeFileSync(file, "(function (exports, require, module, __filename, __dirname) {exports.main = async (argv, io) => { io.stdout(require('path').basename(__filename) + ' ' + argv.join(',')); return 3; };\n})");
    const { main: bundled, script } = loadBundle(file);
    let out = '';
    expect(await bundled(['a', 'b'], { stdout: s => { out += s; }, stderr: () => undefined, cwd: dir })).toBe(3);
    expect(out).toBe('cli.js a,b');
    // with its own code cache
    const again = loadBundle(file, script.createCachedData());
    expect(again.script.cachedDataRejected).toBe(false);
    fs.writeFileSync(file, '(function () {})');
    expect(() => loadBundle(file)).toThrow(/is not a bundle/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('from the sources there is no bundle: the modules run', () => {
    expect(bundledMain()).toBeUndefined();
    expect(typeof main).toBe('function');
  });
});

/**
 * Access to the read-only reference material in `../shared` (beside the repository root):
 * pinned CRDs, the official example manifests and the Helm chart conformance cases.
 *
 * Nothing from there is copied into the project; tests read it at run time. When the folder
 * is absent, tests that need it are skipped with a notice, except under CI (`CI=true`), where
 * its absence is a test failure so that nothing is silently left unchecked.
 */
import * as fs from 'fs';
import * as path from 'path';

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`cannot find the repository root (a directory with package.json) above ${start}`);
    }
    dir = parent;
  }
}

/** Absolute path of the repository root (the directory holding package.json). */
export const REPO_ROOT: string = findRepoRoot(__dirname);

/** Absolute path of `../shared`, beside the repository root. */
export const SHARED_DIR: string = path.resolve(REPO_ROOT, '..', 'shared');

/** Whether `../shared` is present. */
export function sharedAvailable(): boolean {
  try {
    return fs.statSync(SHARED_DIR).isDirectory();
  } catch {
    return false;
  }
}

/**
 * `describe(name, fn)` when `../shared` is present. Otherwise `fn` is not called (suite bodies may
 * read ../shared while collecting tests): under CI a failing test ("../shared is required under
 * CI"), elsewhere a console notice and a `describe.skip` holding one skipped placeholder test.
 */
export function describeShared(name: string, fn: () => void): void {
  if (sharedAvailable()) {
    describe(name, fn);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      test('../shared is present', () => {
        throw new Error(`../shared is required under CI: ${SHARED_DIR} does not exist, so "${name}" cannot run`);
      });
    });
    return;
  }
  // eslint-disable-next-line no-console
  console.warn(`skipping "${name}": ${SHARED_DIR} (../shared) is not available`);
  // fn is not run: the bodies of these suites read ../shared while collecting their tests.
  describe.skip(name, () => {
    test('needs ../shared', () => undefined);
  });
}

/** Absolute path of `rel` inside `../shared`; refuses paths that leave it. */
export function sharedPath(rel: string): string {
  const abs = path.resolve(SHARED_DIR, rel);
  if (abs !== SHARED_DIR && !abs.startsWith(SHARED_DIR + path.sep)) {
    throw new Error(`path ${JSON.stringify(rel)} is outside ${SHARED_DIR}`);
  }
  return abs;
}

/** Reads a UTF-8 file under `../shared`, e.g. `readShared('crds/starrocks.com_starrocksclusters.yaml')`. */
export function readShared(rel: string): string {
  const abs = sharedPath(rel);
  if (!fs.existsSync(abs)) {
    throw new Error(`${abs} does not exist${sharedAvailable() ? '' : ' (../shared is not available)'}`);
  }
  return fs.readFileSync(abs, 'utf8');
}

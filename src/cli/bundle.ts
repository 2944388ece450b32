/**
 * The single-file build of the command, for its start-up time. `projenrc/bundle-cli.js` (run after
 * the compile) bundles lib/src/cli/main.js with everything it loads (this library's modules, cdk8s,
 * constructs, yaml) into lib/cli.js, and writes lib/cli.cache: V8's code cache for that file,
 * taken after sample renders, so that a run neither resolves and reads ~150 modules nor compiles
 * the functions a render uses. bin.js runs the bundle when it is there and up to date, and the
 * modules under lib/src otherwise (tests that run from the sources, a checkout without the build
 * step). Both give the same output: the bundle is the same code.
 *
 * The bundle has the cdk8s, constructs and yaml of the build (the devDependencies), not the peer
 * dependencies installed beside the package.
 *
 * A code cache made by another Node.js (V8) version, or for other V8 flags, is rejected by V8; the
 * bundle then compiles as any script does (slower, same result).
 *
 * @internal
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import type { main } from './main';

/** The bundle, lib/cli.js (this file is lib/src/cli/bundle.js). @internal */
export const BUNDLE_FILE = path.join(__dirname, '..', '..', 'cli.js');

/** The code cache of a bundle: lib/cli.cache beside lib/cli.js. @internal */
export function cacheFileOf(bundle: string): string {
  return bundle.replace(/\.js$/, '.cache');
}

/** A bundle, compiled and run: its `main` and its script (for `createCachedData()`). @internal */
export interface LoadedBundle {
  readonly main: typeof main;
  readonly script: vm.Script;
}

/**
 * Compiles and runs a bundle. The file is a function expression (esbuild's output between the
 * banner `(function (exports, require, module, __filename, __dirname) {` and the footer `})`), in
 * ASCII only (esbuild's default charset), so it is read as latin1, the fastest decoding.
 *
 * @param cachedData the code cache, if any; a rejected one is ignored by V8
 * @internal
 */
export function loadBundle(file: string, cachedData?: Buffer): LoadedBundle {
  const source = fs.readFileSync(file, 'latin1');
  const script = new vm.Script(source, { filename: file, cachedData });
  const wrapper = script.runInThisContext() as (exports: object, req: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const module = { exports: {} as { main?: typeof main } };
  // the bundle requires only Node's built-in modules
  wrapper.call(module.exports, module.exports, require, module, file, path.dirname(file));
  if (typeof module.exports.main !== 'function') {
    throw new Error(`${file} is not a bundle of the cdk8s-starrocks command`);
  }
  return { main: module.exports.main, script };
}

/**
 * The `main` of lib/cli.js with its code cache, or undefined when there is no bundle, when it does
 * not load, in a checkout when it is older than lib/src/cli/main.js (compiled again without the
 * bundle step), or when `CDK8S_STARROCKS_NO_BUNDLE` is set (to run the modules).
 *
 * @internal
 */
export function bundledMain(): typeof main | undefined {
  if (process.env.CDK8S_STARROCKS_NO_BUNDLE) {
    return undefined;
  }
  try {
    const bundleTime = fs.statSync(BUNDLE_FILE).mtimeMs;
    // in a checkout (src/ beside lib/), a compile without the bundle step leaves an old bundle; an
    // installed package has no src/, and its files' times say nothing (package managers set them)
    if (fs.existsSync(path.join(__dirname, '..', '..', '..', 'src', 'cli', 'main.ts'))
      && fs.statSync(path.join(__dirname, 'main.js')).mtimeMs > bundleTime) {
      return undefined;
    }
  } catch {
    return undefined;
  }
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFileOf(BUNDLE_FILE));
  } catch {
    // no cache: compiled from the source
  }
  try {
    return loadBundle(BUNDLE_FILE, cachedData).main;
  } catch {
    // a broken bundle (an interrupted build): the modules do the same
    return undefined;
  }
}

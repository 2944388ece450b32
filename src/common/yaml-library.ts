/**
 * Where the `yaml` 2.x that cdk8s uses is, and that copy of it: the command reads and prints with
 * it (cdk8s loads it anyway), and {@link StarRocksApp} prints what cdk8s's `Yaml.stringify` prints
 * with it.
 *
 * @internal
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as YAML from 'yaml';
import type * as YAMLUtil from 'yaml/util';

let library: typeof YAML | undefined;

/**
 * `true` in the single-file bundle of the command (lib/cli.js, see projenrc/bundle-cli.js, which
 * defines it); not defined anywhere else. The bundle has one `yaml` built in, the copy cdk8s
 * bundles, under the plain name `yaml`.
 */
declare const CDK8S_STARROCKS_BUNDLE: boolean | undefined;

/**
 * Where the `yaml` 2.x that cdk8s loads anyway is (cdk8s bundles its own copy), or undefined when
 * there is none or it is not a 2.x.
 *
 * @param from the directory to resolve cdk8s from
 * @internal
 */
export function cdk8sYamlPath(from: string = __dirname): string | undefined {
  try {
    const cdk8sDir = path.dirname(require.resolve('cdk8s/package.json', { paths: [from] }));
    const pkgFile = require.resolve('yaml/package.json', { paths: [cdk8sDir] });
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
    return pkg.name === 'yaml' && /^2\./.test(String(pkg.version)) ? path.dirname(pkgFile) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The `yaml` library. Every render loads cdk8s, and cdk8s loads its own bundled copy of `yaml` 2.x:
 * using that same copy (same module instance) instead of loading ours beside it saves about 15-20 ms
 * per run. Falls back to this package's own `yaml` dependency when cdk8s has no `yaml` 2.x.
 *
 * @internal
 */
export function yamlLibrary(): typeof YAML {
  if (!library) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    if (typeof CDK8S_STARROCKS_BUNDLE !== 'undefined' && CDK8S_STARROCKS_BUNDLE) {
      library = require('yaml') as typeof YAML;
      loadUtil = () => require('yaml/util') as typeof YAMLUtil;
    } else {
      const shared = cdk8sYamlPath();
      library = (shared ? require(shared) : require('yaml')) as typeof YAML;
      loadUtil = () => (shared ? require(path.join(shared, 'dist', 'util.js')) : require('yaml/util')) as typeof YAMLUtil;
    }
    /* eslint-enable @typescript-eslint/no-require-imports */
  }
  return library;
}

let loadUtil: (() => typeof YAMLUtil) | undefined;

/**
 * `yaml/util` (the scalar printers) of the same copy as {@link yamlLibrary}, or undefined if that copy has none.
 *
 * @internal
 */
export function yamlUtil(): Partial<typeof YAMLUtil> | undefined {
  yamlLibrary();
  try {
    return loadUtil!();
  } catch {
    return undefined;
  }
}

/**
 * The fast synthesis paths of the library, and their one switch. This file is the only way in:
 * nothing outside src/fast imports its other files.
 *
 * What is here, each giving byte for byte what the general path gives (the tests under test/fast
 * and test/app compare them with cdk8s and the `yaml` package, with the fast paths on and off):
 *
 * - `StarRocksApiObject` (./api-object.ts), the `ApiObject` every construct writes its objects
 *   with: a one-pass `toJson()` in place of cdk8s's resolve, sanitize and sort.
 * - The synthesis of `StarRocksApp` (./synthesis.ts): the library's YAML printer in place of cdk8s's
 *   `Yaml.stringify`, the app prepared once per synthesis instead of once per chart, the charts
 *   listed without cdk8s's dependency graph when nothing depends on anything.
 * - The YAML printer (./yaml-printer.ts), used by `StarRocksApp` and by the command's output.
 * - The values reader (./values-reader.ts): the command's reading of block-style values files.
 *
 * The switch: the environment variable `CDK8S_STARROCKS_FAST` (./switch.ts). Set to `0` (or
 * `false`, `off`, `no`), it turns every fast path off: `StarRocksApiObject.toJson()` is cdk8s's
 * `ApiObject.toJson()`, `StarRocksApp` synthesizes as cdk8s's `App`, the printer is `yaml.stringify`
 * and the reader declines every file (the `yaml` package reads them). The output is the same either
 * way; the switch is there to tell a bug of a fast path from one elsewhere, and to measure them.
 *
 * @internal
 */
export { FAST_PATHS_ENV, fastPathsEnabled } from './switch';
export { StarRocksApiObject, isUnshared } from './api-object';
export { synthesizeFast, chartsWithoutGraph, fastYamlInUse } from './synthesis';
export { blockPrinter } from './yaml-printer';
export type { YamlPrintOptions } from './yaml-printer';
export { simpleValuesReader } from './values-reader';

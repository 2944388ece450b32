/**
 * The one switch of the fast synthesis paths (see ./index.ts).
 *
 * @internal
 */

/**
 * The environment variable that turns every fast path of the library off: `0`, `false`, `off` or
 * `no` (in any case). Unset, empty or anything else leaves them on. The output is byte for byte
 * the same either way; only the time it takes differs.
 *
 * @internal
 */
export const FAST_PATHS_ENV = 'CDK8S_STARROCKS_FAST';

/** The values of {@link FAST_PATHS_ENV} that turn the fast paths off. */
const OFF = /^(?:0|false|off|no)$/i;

/**
 * Whether the fast paths are on: the only place {@link FAST_PATHS_ENV} is read. It is read at every
 * use (about 0.1 µs, a few thousand times in a synthesis of 100 clusters), not cached, so a change
 * of the variable applies to the next object, document or synthesis.
 *
 * @internal
 */
export function fastPathsEnabled(): boolean {
  const value = process.env[FAST_PATHS_ENV];
  return value === undefined || !OFF.test(value.trim());
}

/**
 * Runs tests with the library's fast paths on and off (src/fast: the environment variable
 * `CDK8S_STARROCKS_FAST`, read at every use, so setting it is all it takes).
 *
 *   describe.each(FAST_SETTINGS)('%s', (_name, fast) => {
 *     useFastSetting(fast);
 *     test(...);   // asserts the same output either way, and which path was used
 *   });
 */
import { FAST_PATHS_ENV, fastPathsEnabled } from '../../src/fast';

/** The two settings, for `describe.each`: a name and whether the fast paths are on. */
export const FAST_SETTINGS: [string, boolean][] = [
  ['fast paths on', true],
  [`fast paths off (${FAST_PATHS_ENV}=0)`, false],
];

/** Sets the switch for the tests of the enclosing `describe` (from its `beforeAll` to its `afterAll`). */
export function useFastSetting(on: boolean): void {
  let previous: string | undefined;
  beforeAll(() => {
    previous = process.env[FAST_PATHS_ENV];
    setFastPaths(on);
  });
  afterAll(() => {
    restore(previous);
  });
}

/** Turns the fast paths on (the variable unset) or off (`0`), and checks that the library sees it. */
export function setFastPaths(on: boolean): void {
  if (on) delete process.env[FAST_PATHS_ENV]; else process.env[FAST_PATHS_ENV] = '0';
  if (fastPathsEnabled() !== on) throw new Error(`the fast paths should be ${on ? 'on' : 'off'}`);
}

/** Runs `fn` with the fast paths on or off, then sets the variable back as it was. */
export function withFastPaths<T>(on: boolean, fn: () => T): T {
  const previous = process.env[FAST_PATHS_ENV];
  setFastPaths(on);
  try {
    return fn();
  } finally {
    restore(previous);
  }
}

function restore(previous: string | undefined): void {
  if (previous === undefined) delete process.env[FAST_PATHS_ENV]; else process.env[FAST_PATHS_ENV] = previous;
}

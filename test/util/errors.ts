/**
 * Catching the library's errors in tests.
 */
import { StarRocksPropError } from '../../src/common/errors';

/** The error `f` throws, which must be a StarRocksPropError (the test fails otherwise). */
export function propErrorOf(f: () => unknown): StarRocksPropError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(StarRocksPropError);
    return e as StarRocksPropError;
  }
  throw new Error('expected a StarRocksPropError');
}

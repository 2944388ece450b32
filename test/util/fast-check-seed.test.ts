/**
 * The property tests' seed (test/util/fast-check-seed.ts): fixed, unless FC_SEED asks otherwise.
 */
import * as fc from 'fast-check';

test('property tests run with a fixed seed unless FC_SEED says otherwise', () => {
  const requested = process.env.FC_SEED;
  const { seed } = fc.readConfigureGlobal();
  if (requested === 'random') {
    expect(seed).toBeUndefined();
  } else {
    expect(seed).toBe(requested ? Number(requested) : 20261124);
  }
});

/**
 * Every property test (fast-check) runs with one fixed seed unless `FC_SEED` says otherwise, so
 * that a test run, CI's included, is repeatable: `FC_SEED=random` explores new inputs,
 * `FC_SEED=<number>` replays a run. Tests that pass their own `seed` keep it. Loaded before each
 * test file (jest `setupFiles`, see .projenrc.ts).
 */
import * as fc from 'fast-check';

const FIXED_SEED = 20261124;

const requested = process.env.FC_SEED;
if (requested !== 'random') {
  const seed = requested === undefined || requested === '' ? FIXED_SEED : Number(requested);
  if (!Number.isInteger(seed)) {
    throw new Error(`FC_SEED must be "random" or an integer, got ${JSON.stringify(requested)}`);
  }
  fc.configureGlobal({ seed });
}

/**
 * Schema validation of synthesized objects for the warehouse and disruption-budget tests.
 *
 * Custom resources are validated against the CRDs in ../shared. When that folder is missing the
 * validation fails under CI (`CI=true`) and is skipped elsewhere, with a notice; the behavioural
 * assertions of the tests still run.
 */
import { expectValidManifests } from '../util/schema';
import { SHARED_DIR, sharedAvailable } from '../util/shared';

let noticed = false;

/** Validates every object against the CRD / Kubernetes schemas (see the file comment for ../shared). */
export function expectValid(manifest: readonly any[]): void {
  if (sharedAvailable() || process.env.CI === 'true') {
    expectValidManifests(manifest);
    return;
  }
  if (!noticed) {
    noticed = true;
    // eslint-disable-next-line no-console
    console.warn(`schema validation skipped: ${SHARED_DIR} (../shared) is not available`);
  }
}

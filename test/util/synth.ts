/**
 * Synthesis helpers shared by the construct tests.
 */
import { Chart, Testing } from 'cdk8s';
import { expectValidManifests } from './schema';

/** Synthesizes the chart and checks every object against the CRD and Kubernetes schemas. */
export function synthValid(chart: Chart): any[] {
  const manifests = Testing.synth(chart);
  expectValidManifests(manifests);
  return manifests;
}

/** The one object of that kind and name (fails the test when there is not exactly one). */
export function find(manifests: any[], kind: string, name: string): any {
  const found = manifests.filter((o) => o.kind === kind && o.metadata?.name === name);
  expect(found).toHaveLength(1);
  return found[0];
}

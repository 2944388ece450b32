/**
 * Issue 12's property, over the typed props: every configuration of a StarRocksCluster either fails
 * with the library's error (a StarRocksPropError naming the prop, or a synthesis error listing such
 * problems), or synthesizes objects that pass the schemas (CRDs, core kinds) and the API server's
 * rules for what the operator builds from them (test/util/downstream.ts).
 *
 * The generated props mix valid values with the kinds of invalid ones users write: label keys with
 * spaces, names with capitals, env var names with `=`, toleration operators that do not exist,
 * requests above limits, negative quantities, repeated port numbers, sidecars named like the main
 * container.
 */
import { Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import { StarRocksCluster, StarRocksClusterProps } from '../../src/cluster/cluster';
import { StarRocksPropError } from '../../src/common/errors';
import { ResourceQuantity } from '../../src/common/quantity';
import { ServicePortOptions } from '../../src/components/options';
import { downstreamProblems } from '../util/downstream';
import { validateManifests } from '../util/schema';

// warnings are recorded as construct metadata; keep them off stderr
process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

/** Texts no error of the library may contain. */
const BAD_TEXT = /\[object Object\]|NaN|is not a function|is not iterable|Cannot read prop|Maximum call stack|undefined is not/;

/** A valid value three times in four, else an invalid one. */
function pick<T>(valid: readonly T[], invalid: readonly T[]): fc.Arbitrary<T> {
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...invalid) });
}

/** A field left out six times in seven: each generated cluster sets a few fields. */
function sometimes<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

/** The object without its undefined fields. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const labelKey = pick(['app', 'team', 'example.com/role', 'A.b/c_d'], ['bad key', '-x', 'Example.com/x', 'x'.repeat(64), 'a/b/c', '']);
const labelValue = pick(['', 'v1', 'a-b_c.d', 'ok'], ['bad value', '-x', 'x'.repeat(64)]);
const smallMap = (keys: fc.Arbitrary<string>, values: fc.Arbitrary<string>) => fc.dictionary(keys, values, { minKeys: 1, maxKeys: 2 });
const objectName = pick(['default-scheduler', 'sa-1', 'a.b'], ['Bad_Name', 'UPPER', 'x'.repeat(254), '-x']);
const envName = pick(['A', 'JAVA_OPTS', 'a.b-c'], ['1A', 'A=B', 'A B', '..x', '']);
const refName = pick(['my-secret', 'a.b'], ['Bad_Secret']);
const refKey = pick(['password', 'k.ey'], ['a/b', '..']);
const quantityText = pick(['500m', '1', '2', '4Gi', '512Mi', '0.5', '1.5Gi'], ['-1', '1e3', '2Gi']);
const resourceName = pick(['cpu', 'memory', 'ephemeral-storage', 'nvidia.com/gpu'], ['bad name']);

const envVar: fc.Arbitrary<k8s.EnvVar> = fc.oneof(
  fc.record({ name: envName, value: fc.constantFrom('x', '') }),
  fc.record({ name: envName, valueFrom: fc.record({ secretKeyRef: fc.record({ name: refName, key: refKey }) }) }),
  { weight: 1, arbitrary: fc.record({ name: envName, value: fc.constant('x'), valueFrom: fc.record({ configMapKeyRef: fc.record({ name: refName, key: refKey }) }) }) },
);

const toleration: fc.Arbitrary<k8s.Toleration> = fc.oneof(
  fc.record({ key: pick(['dedicated', 'example.com/x'], ['bad key']), operator: pick(['Equal'], ['Maybe']), value: pick(['starrocks', ''], ['bad value']), effect: pick(['NoSchedule', 'PreferNoSchedule'], ['Bogus']) }),
  fc.record({ key: fc.constant('dedicated'), operator: fc.constant('Exists'), value: pick([undefined], ['x']) }).map(defined),
  fc.record({ operator: fc.constant('Exists'), effect: pick(['NoExecute'], ['NoSchedule']), tolerationSeconds: fc.constant(30) }),
);

const quantities = fc.dictionary(resourceName, quantityText, { minKeys: 1, maxKeys: 2 });
const resources = fc.record({ requests: sometimes(quantities), limits: sometimes(quantities) }).map(defined);

const servicePort: fc.Arbitrary<ServicePortOptions> = fc.record({
  name: pick(['query', 'http', 'extra'], ['Bad_Port']),
  port: pick([9030, 8030, 9999], [0, 70000]),
  containerPort: fc.constantFrom(9030, 9999),
});

const container = (main: string): fc.Arbitrary<k8s.Container> => fc.record({
  name: pick(['logger', 'helper'], ['Bad_Name', main]),
  image: fc.constant('busybox:1.36'),
});

/** Fields every component takes, valid or not. */
function componentFields(main: string) {
  return fc.record({
    replicas: sometimes(pick([1, 3, 0], [-1])),
    podLabels: sometimes(smallMap(labelKey, labelValue)),
    podAnnotations: sometimes(smallMap(labelKey, pick(['x'], ['y'.repeat(300 * 1024)]))),
    nodeSelector: sometimes(smallMap(labelKey, labelValue)),
    serviceAccount: sometimes(objectName),
    schedulerName: sometimes(objectName),
    tolerations: sometimes(fc.array(toleration, { minLength: 1, maxLength: 2 })),
    envVars: sometimes(fc.array(envVar, { minLength: 1, maxLength: 3 })),
    resources: sometimes(resources),
    sidecars: sometimes(fc.array(container(main), { minLength: 1, maxLength: 2 })),
    initContainers: sometimes(fc.array(container(main), { minLength: 1, maxLength: 1 })),
    hostAliases: sometimes(fc.array(fc.record({ ip: pick(['10.0.0.1', '::1'], ['nope']), hostnames: fc.constant(['db']) }), { minLength: 1, maxLength: 1 })),
    sysctls: sometimes(fc.array(fc.record({ name: pick(['net.core.somaxconn'], ['bad name', 'kernel/shm']), value: fc.constant('1') }), { minLength: 1, maxLength: 1 })),
    service: sometimes(fc.record({
      ports: sometimes(fc.array(servicePort, { minLength: 1, maxLength: 2 })),
      annotations: sometimes(smallMap(labelKey, fc.constant('x'))),
      loadBalancerIp: sometimes(pick(['10.1.1.1'], ['nope'])),
    }).map(defined)),
  }).map(defined);
}

/** The props, with the quantities made into ResourceQuantity (which may itself refuse a text). */
function clusterProps(raw: any): StarRocksClusterProps {
  const withQuantities = (c: any) => {
    if (c === undefined) {
      return undefined;
    }
    const toQ = (m: Record<string, string> | undefined) => m === undefined ? undefined
      : Object.fromEntries(Object.entries(m).map(([k, v]) => [k, ResourceQuantity.of(v)]));
    return c.resources === undefined ? c : { ...c, resources: { requests: toQ(c.resources.requests), limits: toQ(c.resources.limits) } };
  };
  return { ...raw, fe: withQuantities(raw.fe), be: withQuantities(raw.be), cn: withQuantities(raw.cn) };
}

const clusterArb = fc.record({
  name: pick(['sr', 'sr-2'], ['Bad', 'x'.repeat(70)]),
  labels: sometimes(smallMap(labelKey, labelValue)),
  annotations: sometimes(smallMap(labelKey, fc.constant('x'))),
  fe: componentFields('fe'),
  be: sometimes(componentFields('be')),
  cn: sometimes(componentFields('cn')),
}).map(defined);

/** What building and synthesizing one cluster gave: the objects, or the error. */
function attempt(raw: any): { objects?: any[]; error?: unknown } {
  try {
    const chart = new Chart(Testing.app(), 'test');
    new StarRocksCluster(chart, 'Sr', clusterProps(raw));
    return { objects: Testing.synth(chart) };
  } catch (error) {
    return { error };
  }
}

/** Whether an error is the library's: a prop error, or a synthesis error made of them. */
function libraryError(error: unknown): string | undefined {
  if (!(error instanceof Error)) {
    return `not an Error: ${String(error)}`;
  }
  if (BAD_TEXT.test(error.message)) {
    return `unhelpful text in ${JSON.stringify(error.message)}`;
  }
  if (error instanceof StarRocksPropError) {
    return undefined;
  }
  // synthesis-time problems are reported by cdk8s together, each naming its prop in quotes
  if (/^Validation failed/.test(error.message) && /'[^']+'/.test(error.message)) {
    return undefined;
  }
  return `not a library error: ${error.name}: ${error.message}`;
}

describe('typed props: valid all the way down, or an error naming the prop', () => {
  test('every generated cluster fails with the library\'s error or passes the schemas and the API server\'s rules', () => {
    let rendered = 0;
    let refused = 0;
    fc.assert(fc.property(clusterArb, (raw) => {
      const { objects, error } = attempt(raw);
      if (error !== undefined) {
        refused++;
        const problem = libraryError(error);
        if (problem !== undefined) {
          throw new Error(problem);
        }
        return;
      }
      rendered++;
      const problems = [...validateManifests(objects!), ...downstreamProblems(objects!)];
      if (problems.length > 0) {
        throw new Error(`rendered objects the API server or the schemas reject:\n${problems.join('\n')}`);
      }
    }), { numRuns: 300 });
    // the generator must reach both outcomes, or the property says little
    expect(rendered).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
  });

  test('fails with an error naming the prop for each kind of invalid field alone', () => {
    const cases: Array<[string, any, RegExp]> = [
      ['a label key with a space', { fe: { podLabels: { 'bad key': 'x' } } }, /'fe\.podLabels/],
      ['an env var name with =', { be: { envVars: [{ name: 'A=B', value: 'x' }] } }, /'be\.envVars\[0\]\.name'/],
      ['a toleration operator Maybe', { fe: { tolerations: [{ operator: 'Maybe' }] } }, /'fe\.tolerations\[0\]\.operator'/],
      ['a sidecar named like the main container', { be: { sidecars: [{ name: 'be', image: 'busybox:1.36' }] } }, /'be\.sidecars/],
      ['a host alias IP that is no IP', { fe: { hostAliases: [{ ip: 'nope', hostnames: ['db'] }] } }, /'fe\.hostAliases\[0\]\.ip'/],
    ];
    for (const [what, raw, expected] of cases) {
      const { error } = attempt(raw);
      expect({ what, message: (error as Error | undefined)?.message }).toEqual({ what, message: expect.stringMatching(expected) });
    }
  });
});

/**
 * Property-based tests of the names a cluster gets and derives: the default name from the
 * construct id (`nameFromId`) and the length budgets of every name the operator derives from it
 * (FEATURES.md section 2.7, rule V51).
 */
import { Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { StarRocksCluster } from '../../src/cluster/cluster';
import { nameFromId } from '../../src/common/names';
import { synthValid } from '../util/synth';

// warnings are asserted through construct metadata; keep them off stderr
process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Construct ids with at least one ASCII letter or digit, of at most 32 characters: `nameFromId`
 * puts a '-' at most before every character, so the name has at most 63 characters.
 */
const idWithAlnum: fc.Arbitrary<string> = fc.tuple(
  fc.string({ unit: 'binary', maxLength: 15 }),
  fc.constantFrom(...ALNUM.split('')),
  fc.string({ unit: 'binary', maxLength: 16 }),
).map(([a, c, b]) => a + c + b);

/** Ids in the styles people write: PascalCase, camelCase, snake_case, kebab-case, with digits. */
const typicalId: fc.Arbitrary<string> = fc.array(
  fc.tuple(fc.constantFrom(...ALNUM.split('')), fc.string({ unit: fc.constantFrom(...ALNUM.split('')), maxLength: 6 })).map(([a, b]) => a + b),
  { minLength: 1, maxLength: 4 },
).chain((words) => fc.constantFrom('', '_', '-', '.', ' ').map((sep) => words.join(sep)));

/** A cluster name: a DNS-1035 label of the given length. */
function clusterName(minLength: number, maxLength: number): fc.Arbitrary<string> {
  const inner = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'.split(''));
  const last = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split(''));
  return fc.integer({ min: minLength, max: maxLength }).chain((n) => {
    if (n === 1) {
      return fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split(''));
    }
    return fc.tuple(
      fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split('')),
      fc.string({ unit: inner, minLength: n - 2, maxLength: n - 2 }),
      last,
    ).map(([a, b, c]) => a + b + c);
  });
}

describe('nameFromId', () => {
  test('any id with a letter or digit gives a DNS label', () => {
    fc.assert(fc.property(idWithAlnum, (id) => {
      const name = nameFromId(id);
      expect(name).toMatch(DNS_LABEL);
      expect(name.length).toBeLessThanOrEqual(63);
    }), { numRuns: 2000 });
  });

  test('is idempotent: a name made from an id is its own name', () => {
    fc.assert(fc.property(idWithAlnum, (id) => {
      const name = nameFromId(id);
      expect(nameFromId(name)).toBe(name);
    }), { numRuns: 1000 });
  });

  test('keeps every ASCII letter and digit of the id, in order, lower-cased', () => {
    fc.assert(fc.property(typicalId, (id) => {
      expect(nameFromId(id).replace(/-/g, '')).toBe(id.replace(/[^A-Za-z0-9]/g, '').toLowerCase());
    }), { numRuns: 1000 });
  });

  test('a DNS label id is kept as it is', () => {
    fc.assert(fc.property(clusterName(1, 63), (id) => {
      fc.pre(!id.includes('--'));
      expect(nameFromId(id)).toBe(id);
    }), { numRuns: 500 });
  });

  test('fails for ids without any letter or digit', () => {
    const noAlnum = fc.string({ unit: fc.constantFrom('-', '_', '.', ' ', '/', '😀', 'é'), minLength: 1, maxLength: 10 });
    fc.assert(fc.property(noAlnum, (id) => {
      expect(() => nameFromId(id)).toThrow(/'name' must be set explicitly: the construct id gives no DNS label/);
    }), { numRuns: 300 });
  });
});

describe('cluster name budgets (V51)', () => {
  test('a typical id gives a cluster whose name is the id as a DNS label, or a clear error', () => {
    fc.assert(fc.property(typicalId, (id) => {
      const chart = Testing.chart();
      const name = nameFromId(id);
      if (DNS_1035_LABEL.test(name) && name.length <= 49) {
        const cluster = new StarRocksCluster(chart, id);
        expect(cluster.clusterName).toBe(name);
      } else {
        expect(() => new StarRocksCluster(chart, id)).toThrow(/^'name' must be/);
      }
    }), { numRuns: 300 });
  });

  test('every name up to 49 characters fits: StatefulSets <= 52, Services <= 63, all valid', () => {
    fc.assert(fc.property(clusterName(1, 49), (name) => {
      const chart = Testing.chart();
      const cluster = new StarRocksCluster(chart, 'Sr', { name, cn: {} });
      for (const c of [cluster.fe, cluster.be!, cluster.cn!]) {
        expect(c.statefulSetName.length).toBeLessThanOrEqual(52);
        expect(c.serviceName).toMatch(DNS_1035_LABEL);
        expect(c.serviceName.length).toBeLessThanOrEqual(63);
        expect(c.searchServiceName.length).toBeLessThanOrEqual(63);
      }
      synthValid(chart);
    }), { numRuns: 100 });
  });

  test('names of 50 to 63 characters are refused, naming the prop and the value', () => {
    fc.assert(fc.property(clusterName(50, 63), (name) => {
      expect(() => new StarRocksCluster(Testing.chart(), 'Sr', { name })).toThrow(new RegExp(`^'name' must be at most 49 characters, .* got "${name}"$`));
    }), { numRuns: 100 });
  });

  test('with the FE proxy every name up to 46 characters fits; longer ones are refused with the tightest budget, 46', () => {
    fc.assert(fc.property(clusterName(1, 55), (name) => {
      const chart = Testing.chart();
      if (name.length <= 46) {
        const cluster = new StarRocksCluster(chart, 'Sr', { name, feProxy: {} });
        expect(cluster.feProxyServiceName!.length).toBeLessThanOrEqual(63);
        synthValid(chart);
      } else {
        expect(() => new StarRocksCluster(chart, 'Sr', { name, feProxy: {} })).toThrow(/^'name' must be at most 46 characters/);
      }
    }), { numRuns: 100 });
  });

  test('with an entrypoint script every name up to 37 characters fits; longer ones are refused with the tightest budget, 37', () => {
    fc.assert(fc.property(clusterName(1, 50), fc.constantFrom('fe', 'be', 'cn'), (name, component) => {
      const chart = Testing.chart();
      const props = { name, [component]: { entrypointScript: 'exec /opt/starrocks/entrypoint.sh' } };
      if (name.length <= 37) {
        new StarRocksCluster(chart, 'Sr', props);
        const manifests = synthValid(chart);
        const cm = manifests.filter((o) => o.kind === 'ConfigMap');
        expect(cm).toHaveLength(1);
        expect(cm[0].metadata.name).toBe(`${name}-${component}-entrypoint-script`);
      } else {
        expect(() => new StarRocksCluster(chart, 'Sr', props)).toThrow(/^'name' must be at most 37 characters/);
      }
    }), { numRuns: 100 });
  });
});

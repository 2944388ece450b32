/**
 * Property-based tests of StarRocksConfig (fast-check): rendering entries and reading them back,
 * independence of insertion order, and text kept byte for byte through synthesis.
 */
import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import * as YAML from 'yaml';
import { StarRocksCluster } from '../../src/cluster/cluster';
import { helmValueHash } from '../../src/common/hash';
import { parseConfigText, StarRocksConfig } from '../../src/config/config';
import { synthValid } from '../util/synth';

// warnings are asserted through construct metadata; keep them off stderr
process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

/** A StarRocks configuration item: a letter or '_', then letters, digits, '_', '.', '-'. */
const configKey: fc.Arbitrary<string> = fc.tuple(
  fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_'.split('')),
  fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-'.split('')), maxLength: 30 }),
).map(([first, rest]) => first + rest);

/**
 * A value as StarRocks reads it back: one line (no CR or LF) without leading or trailing white
 * space (StarRocks trims it), any other Unicode text, '=' and '#' included.
 */
const configValue: fc.Arbitrary<string> = fc.string({ unit: 'binary', maxLength: 40 })
  .map((s) => s.replace(/[\r\n]/g, ' ').trim());

const configEntries: fc.Arbitrary<Array<[string, string]>> = fc.uniqueArray(fc.tuple(configKey, configValue), {
  selector: ([k]) => k,
  maxLength: 25,
});

/** The same entries in two independent orders. */
const entriesTwoOrders: fc.Arbitrary<[Array<[string, string]>, Array<[string, string]>]> = configEntries.chain((entries) =>
  fc.tuple(fc.constant(entries), fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length })));

/** The text of the FE ConfigMap as read back from the YAML the app writes. */
function yamlRoundTrip(text: string): string {
  const app = Testing.app();
  const chart = new Chart(app, 'test');
  new StarRocksCluster(chart, 'Sr', { fe: { config: StarRocksConfig.fromText(text) } });
  synthValid(chart);
  const configMaps = YAML.parseAllDocuments(app.synthYaml()).map((d) => d.toJS()).filter((o) => o.kind === 'ConfigMap' && o.metadata.name === 'sr-fe-cm');
  expect(configMaps).toHaveLength(1);
  return configMaps[0].data['fe.conf'];
}

describe('fromEntries', () => {
  test('parsing the rendered text gives the entries back', () => {
    fc.assert(fc.property(configEntries, (entries) => {
      const map = Object.fromEntries(entries);
      const config = StarRocksConfig.fromEntries(map);
      expect(parseConfigText(config.text)).toStrictEqual(map);
      expect(config.entries()).toStrictEqual(map);
    }), { numRuns: 300 });
  });

  test('one line per entry, "key = value", keys in byte order', () => {
    fc.assert(fc.property(configEntries, (entries) => {
      const text = StarRocksConfig.fromEntries(Object.fromEntries(entries)).text;
      const lines = text.split('\n');
      expect(lines.pop()).toBe('');
      expect(lines).toHaveLength(entries.length);
      const keys = lines.map((l) => l.slice(0, l.indexOf(' = ')));
      expect(keys).toStrictEqual(entries.map(([k]) => k).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }), { numRuns: 200 });
  });

  test('the text does not depend on the order the entries were given in', () => {
    fc.assert(fc.property(entriesTwoOrders, ([a, b]) => {
      expect(StarRocksConfig.fromEntries(Object.fromEntries(b)).text).toBe(StarRocksConfig.fromEntries(Object.fromEntries(a)).text);
    }), { numRuns: 200 });
  });

  test('the hash does not depend on the order the entries were given in', () => {
    fc.assert(fc.property(entriesTwoOrders, ([a, b]) => {
      expect(StarRocksConfig.fromEntries(Object.fromEntries(b)).hash).toBe(StarRocksConfig.fromEntries(Object.fromEntries(a)).hash);
    }), { numRuns: 200 });
  });

  test('the hash is the chart\'s hash of the map and changes with any value', () => {
    fc.assert(fc.property(configEntries.filter((e) => e.length > 0), configValue, (entries, other) => {
      const map = Object.fromEntries(entries);
      const config = StarRocksConfig.fromEntries(map);
      expect(config.hash).toBe(helmValueHash(map));
      const [firstKey, firstValue] = entries[0];
      fc.pre(other !== firstValue);
      expect(StarRocksConfig.fromEntries({ ...map, [firstKey]: other }).hash).not.toBe(config.hash);
    }), { numRuns: 200 });
  });

  test('the synthesized ConfigMap does not depend on the order of the entries', () => {
    fc.assert(fc.property(entriesTwoOrders, ([a, b]) => {
      const yamlOf = (entries: Array<[string, string]>) => {
        const app = Testing.app();
        const chart = new Chart(app, 'test');
        new StarRocksCluster(chart, 'Sr', { fe: { config: StarRocksConfig.fromEntries(Object.fromEntries(entries)) } });
        return app.synthYaml();
      };
      expect(yamlOf(b)).toBe(yamlOf(a));
    }), { numRuns: 50 });
  });
});

describe('fromText', () => {
  test('keeps any text byte for byte', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      expect(StarRocksConfig.fromText(text).text).toBe(text);
    }), { numRuns: 300 });
  });

  test('the ConfigMap holds any text byte for byte', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      const chart = Testing.chart();
      new StarRocksCluster(chart, 'Sr', { be: { config: StarRocksConfig.fromText(text) } });
      const cm = synthValid(chart).filter((o) => o.kind === 'ConfigMap' && o.metadata.name === 'sr-be-cm');
      expect(cm).toHaveLength(1);
      expect(cm[0].data['be.conf']).toBe(text);
    }), { numRuns: 100 });
  });

  test('config files keep their bytes through the YAML the app writes', () => {
    const lines = fc.array(fc.oneof(
      fc.tuple(configKey, configValue).map(([k, v]) => `${k} = ${v}`),
      fc.string({ unit: 'binary', maxLength: 30 }).map((s) => `# ${s}`),
      fc.string({ unit: fc.constantFrom(' ', '\t', '"', '\'', ':', '-', '|', '>', '{', '}', '[', ']', '&', '*', '!', '%', '@', '`', '\\', 'a', '1'), maxLength: 10 }),
    ), { maxLength: 12 });
    // printable text, as config files are: no control characters besides tab and line feed
    const texts = fc.tuple(lines, fc.constantFrom('', '\n', '\n\n', ' \n'))
      .map(([ls, end]) => ls.join('\n') + end)
      .map((t) => t.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?'));
    fc.assert(fc.property(texts, (text) => {
      expect(yamlRoundTrip(text)).toBe(text);
    }), { numRuns: 200 });
  });

  // Known upstream bug, not in src/: the `yaml` package cdk8s writes with (2.8.0; 2.9.1 too) writes a
  // line holding a single space as `\\ ` when it folds a double-quoted string (chosen for texts
  // longer than 40 characters that contain a CR or another control character), so the file reads
  // back with a backslash instead of the space. Remove `.failing` once cdk8s writes it correctly.
  test.failing('a CRLF config with a blank line of one space keeps its bytes through the YAML the app writes', () => {
    const text = 'http_port = 8030\r\n\n \nquery_port = 9030\r\nrpc_port = 9020\r\n';
    expect(yamlRoundTrip(text)).toBe(text);
  });

  test('the hash is the chart\'s hash of the text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      expect(StarRocksConfig.fromText(text).hash).toBe(helmValueHash(text));
    }), { numRuns: 200 });
  });

  test('withEntries keeps the text before it and adds the new keys so that they read back', () => {
    fc.assert(fc.property(configEntries, configEntries, (baseEntries, added) => {
      const baseText = baseEntries.map(([k, v]) => `${k}=${v}`).join('\n');
      const base = StarRocksConfig.fromText(baseText);
      const fresh = added.filter(([k]) => !(k in base.entries()));
      const result = base.withEntries(Object.fromEntries(fresh));
      expect(result.text.startsWith(baseText)).toBe(true);
      expect(result.entries()).toStrictEqual({ ...Object.fromEntries(baseEntries), ...Object.fromEntries(fresh) });
    }), { numRuns: 200 });
  });
});

/**
 * StarRocksConfig: rendering of entries, text kept as written, the config hash (the chart's
 * `app.starrocks.io/<x>-config-hash`), reading entries back, and adding entries.
 */
import { createHash } from 'crypto';
import { Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { StarRocksCluster } from '../../src/cluster/cluster';
import { warningsOf } from '../../src/common/warnings';
import { parseConfigText, renderEntries, StarRocksConfig } from '../../src/config/config';
import { describeShared, readShared } from '../util/shared';
import { find, synthValid } from '../util/synth';

// warnings are asserted through construct metadata; keep them off stderr
process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

function sha8(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8);
}

describe('fromEntries', () => {
  test('renders one "key = value" line per entry, keys in byte order', () => {
    // GIVEN
    const entries = { sys_log_level: 'INFO', JAVA_OPTS: '-Xmx8192m -XX:+UseG1GC', http_port: '8030', Zeta: 'z', audit_log_roll_mode: '' };

    // WHEN
    const config = StarRocksConfig.fromEntries(entries);

    // THEN
    expect(config.text).toBe([
      'JAVA_OPTS = -Xmx8192m -XX:+UseG1GC',
      'Zeta = z',
      'audit_log_roll_mode = ',
      'http_port = 8030',
      'sys_log_level = INFO',
      '',
    ].join('\n'));
  });

  test('no entries give an empty file', () => {
    expect(StarRocksConfig.fromEntries({}).text).toBe('');
  });

  test('the hash is SHA-256 of the sorted Go JSON of the map, as the chart computes it for configyaml', () => {
    // GIVEN
    const config = StarRocksConfig.fromEntries({ b: 'x < y & z', a: '1' });

    // WHEN / THEN
    expect(config.hash).toBe(sha8('{"a":"1","b":"x \\u003c y \\u0026 z"}'));
    expect(config.hash).toMatch(/^[0-9a-f]{8}$/);
  });

  test('the caller\'s map is copied', () => {
    // GIVEN
    const entries: { [key: string]: string } = { a: '1' };
    const config = StarRocksConfig.fromEntries(entries);
    const hash = config.hash;

    // WHEN
    entries.a = '2';
    entries.b = '3';

    // THEN
    expect(config.text).toBe('a = 1\n');
    expect(config.hash).toBe(hash);
    expect(config.entries()).toStrictEqual({ a: '1' });
  });

  test('entries() and get() read the entries; entries() returns a copy', () => {
    // GIVEN
    const config = StarRocksConfig.fromEntries({ query_port: '9030', run_mode: 'shared_data' });

    // WHEN
    const entries = config.entries();
    entries.query_port = '1';

    // THEN
    expect(config.get('query_port')).toBe('9030');
    expect(config.get('missing')).toBeUndefined();
    expect(config.entries()).toStrictEqual({ query_port: '9030', run_mode: 'shared_data' });
  });

  test('fails for a key with a space', () => {
    expect(() => StarRocksConfig.fromEntries({ 'query port': '9030' })).toThrow(/'config key' must be a StarRocks configuration item .* got "query port"/);
  });

  test('fails for a key starting with a digit', () => {
    expect(() => StarRocksConfig.fromEntries({ '9lives': 'x' })).toThrow(/'config key' must be .* got "9lives"/);
  });

  test('fails for a key with "=" (it would change what the line means)', () => {
    expect(() => StarRocksConfig.fromEntries({ 'a=b': 'c' })).toThrow(/'config key' must be .* got "a=b"/);
  });

  test('writes a number in plain digits (V62: never the exponent form Helm prints for 10000000)', () => {
    expect(StarRocksConfig.fromEntries({ tablet_sched_max_scheduling_tablets: 10000000 }).text).toBe('tablet_sched_max_scheduling_tablets = 10000000\n');
  });

  test('writes a boolean as true or false', () => {
    expect(StarRocksConfig.fromEntries({ enable_a: true, enable_b: false }).text).toBe('enable_a = true\nenable_b = false\n');
  });

  test.each([
    ['an object', { a: 1 }, /'config.v' must be a string, a finite number or a boolean, got \{"a":1\}/],
    ['a list', ['1'], /'config.v' must be a string, a finite number or a boolean, got \["1"\]/],
    ['null', null, /'config.v' must be a string, a finite number or a boolean, got null/],
    ['NaN', NaN, /'config.v' must be a finite number .* got "NaN"/],
    ['Infinity', Infinity, /'config.v' must be a finite number .* got "Infinity"/],
    ['a whole number beyond 2^53', 2 ** 60, /'config.v' must be a whole number of at most 2\^53 .*give it as a string/],
  ])('fails for %s as a value', (_what, value, message) => {
    expect(() => StarRocksConfig.fromEntries({ v: value })).toThrow(message);
  });

  test('fails for a value with a line break', () => {
    expect(() => StarRocksConfig.fromEntries({ a: 'x\ny = z' })).toThrow(/'config.a' must be a single line, got "x\\ny = z"/);
  });

  test('fails for a value with a carriage return', () => {
    expect(() => StarRocksConfig.fromEntries({ a: 'x\r' })).toThrow(/'config.a' must be a single line/);
  });
});

describe('fromText', () => {
  test('keeps the text byte for byte, comments and spacing included', () => {
    // GIVEN
    const text = '# FE\r\nJAVA_OPTS="-Xmx8192m"\n\n  query_port=9031   \n# done';

    // WHEN
    const config = StarRocksConfig.fromText(text);

    // THEN
    expect(config.text).toBe(text);
  });

  test('the hash is SHA-256 of the Go JSON string of the text, as the chart computes it for config', () => {
    // GIVEN
    const text = 'a = 1\n# <b> & "c"\n';

    // WHEN / THEN
    expect(StarRocksConfig.fromText(text).hash).toBe(sha8('"a = 1\\n# \\u003cb\\u003e \\u0026 \\"c\\"\\n"'));
  });

  test('a text and the same entries hash differently (the chart hashes a string vs a map)', () => {
    expect(StarRocksConfig.fromText('a = 1\n').hash).not.toBe(StarRocksConfig.fromEntries({ a: '1' }).hash);
  });

  test('entries are read as StarRocks reads them: comments skipped, spaces trimmed, last one wins', () => {
    // GIVEN
    const config = StarRocksConfig.fromText([
      '# comment = ignored',
      '   # indented comment',
      'http_port = 8030',
      'query_port=9031',
      '  rpc_port   =   9020  ',
      'JAVA_OPTS="-Xmx8g -Dx=y"',
      'empty =',
      'no equals sign',
      '= no key',
      'http_port = 8031',
      'crlf = yes\r',
    ].join('\n'));

    // WHEN / THEN
    expect(config.entries()).toStrictEqual({
      http_port: '8031',
      query_port: '9031',
      rpc_port: '9020',
      JAVA_OPTS: '"-Xmx8g -Dx=y"',
      empty: '',
      crlf: 'yes',
    });
    expect(config.get('http_port')).toBe('8031');
  });

  test('fails for something other than a string (untyped input)', () => {
    expect(() => StarRocksConfig.fromText({ a: 'b' } as any)).toThrow(/'config' must be a string, got \{"a":"b"\}/);
  });
});

describe('fromText with options', () => {
  test('hash replaces the hash of the text, e.g. the one the chart computed', () => {
    // WHEN
    const config = StarRocksConfig.fromText('a = 1\n', { hash: '0a1b2c3d' });

    // THEN
    expect(config.hash).toBe('0a1b2c3d');
    expect(config.text).toBe('a = 1\n');
    expect(StarRocksConfig.fromText('a = 1\n', {}).hash).toBe(StarRocksConfig.fromText('a = 1\n').hash);
  });

  test('accepts the chart\'s "no-config"', () => {
    expect(StarRocksConfig.fromText('', { hash: 'no-config' }).hash).toBe('no-config');
  });

  test('the hash is in the pod annotation', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    new StarRocksCluster(chart, 'Sr', { fe: { config: StarRocksConfig.fromText('a = 1\n', { hash: 'deadbeef' }) } });

    // THEN
    const spec = find(synthValid(chart), 'StarRocksCluster', 'sr').spec;
    expect(spec.starRocksFeSpec.annotations).toStrictEqual({ 'app.starrocks.io/fe-config-hash': 'deadbeef' });
  });

  test.each([['upper case', 'DEADBEEF'], ['too short', 'abc'], ['not hex', 'xyzxyzxy'], ['nine digits', '0a1b2c3d4']])('fails for a hash that is %s', (_what, hash) => {
    expect(() => StarRocksConfig.fromText('a = 1\n', { hash })).toThrow(new RegExp(`'config hash' must be 8 lower-case hex digits.*got "${hash}"`));
  });
});

describe('fromText with exponentIntegersWarn', () => {
  const text = 'inc_rowset_expired_sec = 1e+07\n';

  test('fails by default: BE cannot parse an integer in exponent form', () => {
    // GIVEN
    const chart = Testing.chart();

    // THEN
    expect(() => new StarRocksCluster(chart, 'Sr', { name: 'sr', be: { config: StarRocksConfig.fromText(text) } })).toThrow(/'be.config.inc_rowset_expired_sec' must be an int32 .* got "1e\+07"/);
  });

  test('only warns with the option (text printed by Helm, kept as it is)', () => {
    // GIVEN
    const chart = Testing.chart();
    new StarRocksCluster(chart, 'Sr', { name: 'sr', be: { config: StarRocksConfig.fromText(text, { exponentIntegersWarn: true }) } });

    // WHEN
    const manifests = Testing.synth(chart);

    // THEN
    expect(find(manifests, 'ConfigMap', 'sr-be-cm').data['be.conf']).toBe(text);
    expect(warningsOf(chart)).toContainEqual(expect.stringMatching(/"inc_rowset_expired_sec" .* is "1e\+07", which BE cannot parse/));
  });

  test('fails for a value that is not a boolean', () => {
    expect(() => StarRocksConfig.fromText(text, { exponentIntegersWarn: 'yes' as unknown as boolean })).toThrow(/'config exponentIntegersWarn' must be true or false, got "yes"/);
  });
});

describe('withEntries', () => {
  test('on entries: a new config with all entries, sorted; the original is unchanged', () => {
    // GIVEN
    const base = StarRocksConfig.fromEntries({ b: '2' });

    // WHEN
    const more = base.withEntries({ a: '1', c: '3' });

    // THEN
    expect(more.text).toBe('a = 1\nb = 2\nc = 3\n');
    expect(more.hash).toBe(StarRocksConfig.fromEntries({ a: '1', b: '2', c: '3' }).hash);
    expect(base.text).toBe('b = 2\n');
  });

  test('on text: new keys are appended in byte order after a final newline', () => {
    // GIVEN
    const base = StarRocksConfig.fromText('# mine\nb = 2');

    // WHEN
    const more = base.withEntries({ c: '3', a: '1' });

    // THEN
    expect(more.text).toBe('# mine\nb = 2\na = 1\nc = 3\n');
    expect(base.text).toBe('# mine\nb = 2');
  });

  test('setting an entry to the value it has changes nothing', () => {
    // GIVEN
    const text = 'b = 2\n';
    const base = StarRocksConfig.fromText(text);

    // WHEN
    const same = base.withEntries({ b: '2' });

    // THEN
    expect(same.text).toBe(text);
    expect(same.hash).toBe(base.hash);
  });

  test('fails for an entry the config sets to another value, naming the property', () => {
    // GIVEN
    const base = StarRocksConfig.fromEntries({ query_port: '9030' });

    // WHEN / THEN
    expect(() => base.withEntries({ query_port: '9031' }, 'fe.config')).toThrow(/'fe.config.query_port' is already set to "9030"; cannot set it to "9031"/);
  });

  test('fails for an invalid key', () => {
    expect(() => StarRocksConfig.fromText('').withEntries({ '': 'x' }, 'be.config')).toThrow(/'be.config key' must be a StarRocks configuration item .* got ""/);
  });
});

describe('internal helpers', () => {
  test('renderEntries and parseConfigText are inverse for plain entries', () => {
    // GIVEN
    const entries = { a: '1', b: 'two words', c: '' };

    // WHEN / THEN
    expect(parseConfigText(renderEntries(entries))).toStrictEqual(entries);
  });
});

describeShared('hash parity with the kube-starrocks chart', () => {
  test('01-default: fe.conf and be.conf hash to fa8499a9 and 951886d3', () => {
    // GIVEN
    const expected = YAML.parseAllDocuments(readShared('conformance/cases/01-default/expected.yaml')).map((d) => d.toJS()).filter((d) => d);

    // WHEN
    const fe = StarRocksConfig.fromText(find(expected, 'ConfigMap', 'kube-starrocks-fe-cm').data['fe.conf']);
    const be = StarRocksConfig.fromText(find(expected, 'ConfigMap', 'kube-starrocks-be-cm').data['be.conf']);

    // THEN
    expect(fe.hash).toBe('fa8499a9');
    expect(be.hash).toBe('951886d3');
  });

  test('10-config-ports-and-hash: texts with <, > and & (HTML-escaped by Go) and one without a final newline', () => {
    // GIVEN
    const values = YAML.parse(readShared('conformance/cases/10-config-ports-and-hash/values.yaml')).starrocks;
    const expected = YAML.parseAllDocuments(readShared('conformance/cases/10-config-ports-and-hash/expected.yaml')).map((d) => d.toJS()).filter((d) => d);
    const cr = find(expected, 'StarRocksCluster', 'kube-starrocks').spec;

    // WHEN
    const chart = Testing.chart();
    new StarRocksCluster(chart, 'Sr', {
      name: 'kube-starrocks',
      fe: { config: StarRocksConfig.fromText(values.starrocksFESpec.config) },
      be: { config: StarRocksConfig.fromText(values.starrocksBeSpec.config) },
      cn: { config: StarRocksConfig.fromText(values.starrocksCnSpec.config) },
    });
    const manifests = synthValid(chart);
    const ours = find(manifests, 'StarRocksCluster', 'kube-starrocks').spec;

    // THEN
    expect(values.starrocksBeSpec.config.endsWith('\n')).toBe(false);
    expect(ours.starRocksFeSpec.annotations['app.starrocks.io/fe-config-hash']).toBe(cr.starRocksFeSpec.annotations['app.starrocks.io/fe-config-hash']);
    expect(ours.starRocksBeSpec.annotations['app.starrocks.io/be-config-hash']).toBe(cr.starRocksBeSpec.annotations['app.starrocks.io/be-config-hash']);
    expect(ours.starRocksCnSpec.annotations['app.starrocks.io/cn-config-hash']).toBe(cr.starRocksCnSpec.annotations['app.starrocks.io/cn-config-hash']);
    expect(find(manifests, 'ConfigMap', 'kube-starrocks-fe-cm').data).toStrictEqual(find(expected, 'ConfigMap', 'kube-starrocks-fe-cm').data);
  });
});

/**
 * The checks of fe.conf, be.conf and cn.conf against the keys StarRocks declares
 * (../shared/starrocks-config), where a component attaches its config: unknown keys with "did you
 * mean", values StarRocks cannot parse, FE booleans, deprecated keys, duplicates, `${VAR}`
 * references, aliases, start-script variables and the obsolete keys of the chart defaults; and
 * which keys StarRocks can change at run time.
 */
import { createHash } from 'crypto';
import { Testing } from 'cdk8s';
import { StarRocksCluster, StarRocksClusterProps } from '../../src/cluster/cluster';
import { ComponentKind } from '../../src/cluster/component-kind';
import { warningsOf } from '../../src/common/warnings';
import { configAssignments } from '../../src/config/check';
import { StarRocksConfig } from '../../src/config/config';
import { editDistance, suggestKeys } from '../../src/config/suggest';
import { StarRocksWarehouse } from '../../src/warehouse/warehouse';

// warnings are asserted through construct metadata; keep them off stderr
process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

const ENTERPRISE_IMAGE = 'starrocks/cn-ubuntu:3.3-enterprise';

/** The config warnings of a cluster after synthesis, without the construct path. */
function configWarnings(props: StarRocksClusterProps, after: (c: StarRocksCluster) => void = () => undefined): string[] {
  const chart = Testing.chart();
  const cluster = new StarRocksCluster(chart, 'Sr', props);
  after(cluster);
  Testing.synth(chart);
  return onlyConfig(warningsOf(chart));
}

function onlyConfig(warnings: string[]): string[] {
  return warnings.map((w) => w.replace(/^[^:]*: /, '')).filter((w) => /^(fe|be|cn)\.conf: /.test(w));
}

const fe = (text: string): StarRocksClusterProps => ({ fe: { config: StarRocksConfig.fromText(text) } });
const be = (text: string): StarRocksClusterProps => ({ be: { config: StarRocksConfig.fromText(text) } });

describe('unknown keys', () => {
  test('a typo warns with the closest key (edit distance)', () => {
    expect(configWarnings(fe('qe_max_conection = 2048\n'))).toEqual([
      'fe.conf: "qe_max_conection" (line 1) is not an FE configuration key of StarRocks, which ignores it; did you mean "qe_max_connection"?',
    ]);
  });

  test('words in another order are found by word parts', () => {
    expect(configWarnings({ be: { config: StarRocksConfig.fromEntries({ concurrency_max_compaction: '2' }) } })).toEqual([
      'be.conf: "concurrency_max_compaction" is not a BE/CN configuration key of StarRocks, which ignores it; did you mean "max_compaction_concurrency"?',
    ]);
  });

  test('a key of the other file is unknown here (each file against its own catalog)', () => {
    expect(configWarnings(be('qe_max_connection = 2048\n'))[0]).toMatch(/^be\.conf: "qe_max_connection" \(line 1\) is not a BE\/CN configuration key/);
  });

  test('a key far from every known one warns without a suggestion', () => {
    expect(configWarnings(fe('zzzz_nothing_like_it = 1\n'))).toEqual([
      'fe.conf: "zzzz_nothing_like_it" (line 1) is not an FE configuration key of StarRocks, which ignores it',
    ]);
  });

  test('start-script variables are known in every file', () => {
    expect(configWarnings({
      fe: { config: StarRocksConfig.fromText('LOG_DIR = ${STARROCKS_HOME}/log\nDATE = "$(date +%Y%m%d-%H%M%S)"\nJAVA_OPTS = -Xmx8g -Xlog:gc*:${LOG_DIR}/fe.gc.log.$DATE\nJAVA_OPTS_FOR_JDK_17 = -Xmx8g\n') },
      be: { config: StarRocksConfig.fromText('JAVA_OPTS = -Xmx1g\n') },
    })).toEqual([]);
  });

  test('aliases are keys: webserver_port (BE), and FE\'s own', () => {
    expect(configWarnings({
      fe: { config: StarRocksConfig.fromEntries({ disable_balance: 'true' }) },
      be: { config: StarRocksConfig.fromEntries({ webserver_port: '8040' }) },
    })).toEqual([]);
  });

  test('the obsolete keys of the chart defaults are silent', () => {
    expect(configWarnings({
      fe: { config: StarRocksConfig.fromText('mysql_service_nio_enabled = true\n') },
      be: { config: StarRocksConfig.fromText('default_rowset_type = beta\n') },
    })).toEqual([]);
  });

  test('the BE doris_ prefix is read as BE reads it', () => {
    expect(configWarnings(be('doris_be_port = 9060\n'))).toEqual([]);
  });
});

describe('values StarRocks cannot parse', () => {
  test.each([
    ['be', 'max_compaction_concurrency = two', /'be.config.max_compaction_concurrency' must be an int32 \(a whole number from -2147483648 to 2147483647, no unit or exponent\) in be.conf \(BE stops at start on a value it cannot parse\), got "two"/],
    ['be', 'max_compaction_concurrency = 2147483648', /'be.config.max_compaction_concurrency' must be an int32 .* got "2147483648"/],
    ['be', 'inc_rowset_expired_sec = 1e+07', /must be an int32 .* got "1e\+07"/],
    ['be', 'brpc_socket_max_unwritten_bytes = 10G', /'be.config.brpc_socket_max_unwritten_bytes' must be an int64 \(a whole number from -9223372036854775808 to 9223372036854775807, no unit or exponent\) .* got "10G"/],
    ['be', 'brpc_socket_max_unwritten_bytes = 9223372036854775808', /must be an int64 .* got "9223372036854775808"/],
    ['be', 'enable_bitmap_union_disk_format_with_set = yes', /'be.config.enable_bitmap_union_disk_format_with_set' must be a boolean \(true, false, 1 or 0\) in be.conf .* got "yes"/],
    ['be', 'agg_prefetch_l2_ratio = half', /'be.config.agg_prefetch_l2_ratio' must be a double \(a decimal number such as 0.5 or 1e3\) in be.conf .* got "half"/],
    ['be', 'brpc_connection_type = tcp', /'be.config.brpc_connection_type' must be one of "single", "pooled", "short" in be.conf .* got "tcp"/],
    ['be', 'max_compaction_concurrency = ', /'be.config.max_compaction_concurrency' must be an int32 .* got ""/],
    ['fe', 'qe_max_connection = 4096L', /'fe.config.qe_max_connection' must be an int32 \(a whole number from -2147483648 to 2147483647, no unit\) in fe.conf \(FE stops at start on a value it cannot parse\), got "4096L"/],
    ['fe', 'default_replication_num = 40000', /'fe.config.default_replication_num' must be an int16 \(a whole number from -32768 to 32767, no unit\) .* got "40000"/],
    ['fe', 'histogram_sample_ratio = 0,25', /'fe.config.histogram_sample_ratio' must be a double .* got "0,25"/],
    ['fe', 'oauth2_connect_wait_timeout = 10', /'fe.config.oauth2_connect_wait_timeout' must not be set in fe.conf: FE cannot read its type \(a boxed Long\)/],
    ['fe', 'authentication_chain = ldap', /'fe.config.authentication_chain' must be a comma list of distinct authentication methods that includes "native"/],
    ['fe', 'db_used_data_quota_update_interval_secs = 10', /must be at least 30 in fe.conf/],
    ['fe', 'max_varchar_length = 2147483647', /must be at most 2147482624 in fe.conf/],
  ])('fails for %s.conf "%s"', (file, line, message) => {
    expect(() => new StarRocksCluster(Testing.chart(), 'Sr', file === 'fe' ? fe(`${line}\n`) : be(`${line}\n`))).toThrow(message);
  });

  test('fails for a list item that does not parse (comma lists of the element type)', () => {
    expect(() => new StarRocksCluster(Testing.chart(), 'Sr', fe('tablet_sched_colocate_balance_high_prio_backends = 10001, x\n')))
      .toThrow(/'fe.config.tablet_sched_colocate_balance_high_prio_backends' must be a comma list of int64 \(a whole number from -9223372036854775808 to 9223372036854775807, no unit\) values in fe.conf .* got "10001, x"/);
  });

  test.each([
    ['be', 'max_compaction_concurrency = -1'],
    ['be', 'max_compaction_concurrency = +4'],
    ['be', 'enable_bitmap_union_disk_format_with_set = TRUE'],
    ['be', 'enable_bitmap_union_disk_format_with_set = 0'],
    ['be', 'agg_prefetch_l2_ratio = 1e-3'],
    ['be', 'brpc_connection_type = POOLED'],
    ['be', 'storage_root_path = ${STARROCKS_HOME}/storage'],
    ['be', 'mem_limit = 80%'],
    ['fe', 'qe_max_connection = 4096'],
    ['fe', 'qe_max_connection ='],
    ['fe', 'histogram_sample_ratio = 0.25'],
    ['fe', 'tablet_sched_colocate_balance_high_prio_backends = 10001, 10002'],
    ['be', 'sys_log_verbose_modules = a,,b'],
    ['fe', 'query_port: 9030'],
    ['fe', 'authentication_chain = native,ldap'],
  ])('accepts %s.conf "%s"', (file, line) => {
    expect(configWarnings(file === 'fe' ? fe(`${line}\n`) : be(`${line}\n`))).toEqual([]);
  });

  test('fails for a typed entry of the wrong type (the check reads the rendered text)', () => {
    expect(() => new StarRocksCluster(Testing.chart(), 'Sr', { be: { config: StarRocksConfig.fromEntries({ max_compaction_concurrency: true }) } }))
      .toThrow(/'be.config.max_compaction_concurrency' must be an int32 .* got "true"/);
  });

  test('fails at synthesis for a value added with addConfig (reported with the other problems)', () => {
    // GIVEN
    const chart = Testing.chart();
    const cluster = new StarRocksCluster(chart, 'Sr', {});

    // WHEN
    cluster.be!.addConfig('max_compaction_concurrency', 'two');

    // THEN
    expect(() => Testing.synth(chart)).toThrow(/'be.config.max_compaction_concurrency' must be an int32 .* got "two"/);
  });

  test('fails for a port once, with the port check\'s message', () => {
    // GIVEN
    const chart = Testing.chart();
    const cluster = new StarRocksCluster(chart, 'Sr', {});

    // WHEN
    cluster.be!.addConfig('be_port', 'nine');

    // THEN
    let message = '';
    try {
      Testing.synth(chart);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/'be.config.be_port' must be a port number from 1 to 65535, got "nine"/);
    expect(message.match(/'be.config.be_port'/g)).toHaveLength(1);
  });

  test('fails for the warehouse\'s cn.conf against the BE catalog', () => {
    // GIVEN
    const chart = Testing.chart();
    const cluster = new StarRocksCluster(chart, 'Sr', { be: { enabled: false }, cn: {} });

    // THEN
    expect(() => new StarRocksWarehouse(chart, 'Wh', { cluster, image: ENTERPRISE_IMAGE, config: StarRocksConfig.fromEntries({ datacache_enable: 'sometimes' }) }))
      .toThrow(/'cn.config.datacache_enable' must be a boolean \(true, false, 1 or 0\) in cn.conf/);
  });
});

describe('warnings', () => {
  test('an FE boolean other than true/false warns (FE reads it as false)', () => {
    expect(configWarnings(fe('enable_collect_query_detail_info = yes\nenable_udf = TRUE\n'))).toEqual([
      'fe.conf: "enable_collect_query_detail_info" (line 1) is a boolean: FE reads "yes" as false (only "true" is true); write true or false',
    ]);
  });

  test('a deprecated key warns', () => {
    expect(configWarnings(fe('sys_log_roll_mode = SIZE-MB-1024\n'))).toEqual(['fe.conf: "sys_log_roll_mode" (line 1) is deprecated in StarRocks']);
    expect(configWarnings(be('clone_worker_count = 3\n'))).toEqual(['be.conf: "clone_worker_count" (line 1) is deprecated in StarRocks']);
  });

  test('a key set twice warns (StarRocks uses the later one)', () => {
    expect(configWarnings(be('be_port = 9060\nsys_log_level = INFO\nbe_port = 9061\n'))).toEqual([
      'be.conf: "be_port" is set twice (lines 1 and 3); StarRocks uses the later one',
    ]);
  });

  test('a key set by its name and by an alias warns', () => {
    expect(configWarnings(be('webserver_port = 8040\nbe_http_port = 8040\n'))).toEqual([
      'be.conf: "be_http_port" (as "webserver_port" and "be_http_port") is set twice (lines 1 and 2); StarRocks uses the later one',
    ]);
    expect(configWarnings(fe('disable_balance = true\ntablet_sched_disable_balance = false\n'))).toEqual([
      'fe.conf: "tablet_sched_disable_balance" (as "disable_balance" and "tablet_sched_disable_balance") is set twice (lines 1 and 2); StarRocks uses the later one',
    ]);
    expect(configWarnings(fe('tablet_sched_disable_balance = false\ndisable_balance = true\n'))).toEqual([
      'fe.conf: "tablet_sched_disable_balance" (as "tablet_sched_disable_balance" and "disable_balance") is set twice (lines 1 and 2); StarRocks uses the first, by its own name',
    ]);
  });

  test('${VAR} of a variable the container does not define warns', () => {
    expect(configWarnings(be('storage_root_path = ${DATA_ROOT}/storage\n'))).toEqual([
      'be.conf: "storage_root_path" (line 1) refers to ${DATA_ROOT}, which the container does not define; BE stops at start on an unset variable (add it with envVars or addEnvVar)',
    ]);
  });

  test('${VAR} of a variable the component defines, even added after the config, is silent', () => {
    expect(configWarnings(be('storage_root_path = ${DATA_ROOT}/storage\n'), (c) => c.be!.addEnvVar({ name: 'DATA_ROOT', value: '/data' }))).toEqual([]);
    expect(configWarnings({ be: { config: StarRocksConfig.fromText('storage_root_path = ${DATA_ROOT}/storage\n'), envVars: [{ name: 'DATA_ROOT', value: '/data' }] } })).toEqual([]);
  });

  test('${VAR} of what the start scripts, the operator and the file itself define is silent', () => {
    expect(configWarnings(fe('LOG_DIR = ${STARROCKS_HOME}/log\nJAVA_OPTS = -Xlog:gc*:${LOG_DIR}/gc.log\npriority_networks = ${POD_IP}/32\n'))).toEqual([]);
    expect(configWarnings(be('sys_log_dir = ${STARROCKS_HOME}/log/${POD_NAME}\n'))).toEqual([]);
  });

  test('the same config warns once, however often the app is synthesized', () => {
    // GIVEN
    const chart = Testing.chart();
    new StarRocksCluster(chart, 'Sr', fe('qe_max_conection = 1\n'));

    // WHEN
    Testing.synth(chart);
    Testing.synth(chart);

    // THEN
    expect(onlyConfig(warningsOf(chart))).toHaveLength(1);
  });

  test('a config added to with addConfig is checked as a whole again', () => {
    expect(configWarnings({}, (c) => c.fe.addConfig('qe_max_conection', '1'))).toEqual([
      'fe.conf: "qe_max_conection" is not an FE configuration key of StarRocks, which ignores it; did you mean "qe_max_connection"?',
    ]);
  });

  test('the library\'s own config entries check clean (storage paths)', () => {
    expect(configWarnings({
      fe: { metaStorage: { mountPath: '/data/meta' }, logStorage: { mountPath: '/data/log' } },
    })).toEqual([]);
  });
});

describe('config text as StarRocks reads it', () => {
  test('FE reads fe.conf as Java properties: separators, comments, continuations', () => {
    expect(configAssignments(ComponentKind.FE, 'a = 1\nb: 2\nc 3\n! comment\n# comment\nd = x \\\n  y\n  e=5\n')).toEqual([
      { key: 'a', value: '1', line: 1 },
      { key: 'b', value: '2', line: 2 },
      { key: 'c', value: '3', line: 3 },
      { key: 'd', value: 'x y', line: 6 },
      { key: 'e', value: '5', line: 8 },
    ]);
  });

  test('BE reads be.conf split at the first "="', () => {
    expect(configAssignments(ComponentKind.BE, 'a = 1 = 2\n# b = 3\nno equals\n  c=\n')).toEqual([
      { key: 'a', value: '1 = 2', line: 1 },
      { key: 'c', value: '', line: 4 },
    ]);
  });
});

describe('suggestions', () => {
  test('edit distance counts a swap of two letters as one edit', () => {
    expect(editDistance('abcd', 'abdc', 3)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });

  test('at most three, the closest first', () => {
    expect(suggestKeys('http_prt', ['http_port', 'rpc_port', 'http_ports_x', 'query_port'])).toEqual(['http_port']);
    expect(suggestKeys('x', ['a', 'b', 'c', 'd'])).toEqual(['a', 'b', 'c']);
  });
});

describe('restart awareness', () => {
  test('tells which keys StarRocks can change at run time and which need a restart', () => {
    // GIVEN
    const config = StarRocksConfig.fromText('JAVA_OPTS = -Xmx8g\nqe_max_connection = 4096\nmax_routine_load_task_num_per_be = 16\ndisable_balance = true\nnot_a_key = 1\n');

    // THEN
    expect(config.runtimeMutableKeys(ComponentKind.FE)).toEqual(['disable_balance', 'max_routine_load_task_num_per_be']);
    expect(config.restartRequiredKeys(ComponentKind.FE)).toEqual(['JAVA_OPTS', 'not_a_key', 'qe_max_connection']);
  });

  test('reads the file by the given component\'s keys', () => {
    // GIVEN: routine_load_kafka_timeout_second is run-time mutable in FE, not in BE
    const config = StarRocksConfig.fromEntries({ routine_load_kafka_timeout_second: 12, webserver_port: 8040, update_config_test: 'x' });

    // THEN
    expect(config.runtimeMutableKeys(ComponentKind.FE)).toEqual(['routine_load_kafka_timeout_second']);
    expect(config.runtimeMutableKeys(ComponentKind.BE)).toEqual([]);
    expect(config.restartRequiredKeys(ComponentKind.CN)).toEqual(['routine_load_kafka_timeout_second', 'update_config_test', 'webserver_port']);
  });

  test('fails for the FE proxy, which has no StarRocks config file', () => {
    expect(() => StarRocksConfig.fromEntries({}).runtimeMutableKeys(ComponentKind.FE_PROXY)).toThrow(/'kind' must be a component with a StarRocks config file: FE, BE or CN, got "fe-proxy"/);
  });
});

describe('typed values', () => {
  test('numbers and booleans render as StarRocks reads them and check clean', () => {
    // GIVEN
    const config = StarRocksConfig.fromEntries({
      brpc_socket_max_unwritten_bytes: 10737418240, agg_prefetch_l2_ratio: 0.25, enable_bitmap_union_disk_format_with_set: true, be_port: 9060,
    });

    // THEN
    expect(config.text).toBe('agg_prefetch_l2_ratio = 0.25\nbe_port = 9060\nbrpc_socket_max_unwritten_bytes = 10737418240\nenable_bitmap_union_disk_format_with_set = true\n');
    expect(configWarnings({ be: { config } })).toEqual([]);
  });

  test('a map of strings hashes as it always did; numbers hash as the chart hashes YAML numbers', () => {
    // GIVEN: the chart's toJson of {"a":"1"} and of {"a":1}
    const strings = StarRocksConfig.fromEntries({ a: '1' });
    const numbers = StarRocksConfig.fromEntries({ a: 1 });

    // THEN
    expect(strings.hash).toBe(createHash('sha256').update('{"a":"1"}').digest('hex').slice(0, 8));
    expect(numbers.hash).toBe(createHash('sha256').update('{"a":1}').digest('hex').slice(0, 8));
    expect(numbers.text).toBe(strings.text);
  });

  test('withEntries keeps typed values typed (the hash as for the whole map given at once)', () => {
    expect(StarRocksConfig.fromEntries({ a: 1 }).withEntries({ b: '2' }).hash).toBe(StarRocksConfig.fromEntries({ a: 1, b: '2' }).hash);
  });
});

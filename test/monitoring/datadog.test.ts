import { Chart, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { StarRocksCluster, StarRocksClusterProps } from '../../src/cluster/cluster';
import { ComponentKind } from '../../src/cluster/component-kind';
import { warningsOf } from '../../src/common/warnings';
import { StarRocksConfig } from '../../src/config/config';
import { DatadogLogConfig, DatadogOptions, renderLogsAnnotation, StarRocksDatadog } from '../../src/monitoring/datadog';
import { ConformanceCase, expectedManifests, loadConformanceCases } from '../util/conformance';
import { expectValidManifests } from '../util/schema';
import { describeShared } from '../util/shared';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

function specOf(chart: Chart): any {
  const cr = Testing.synth(chart).filter((o) => o.kind === 'StarRocksCluster');
  expect(cr).toHaveLength(1);
  return cr[0].spec;
}

function setup(clusterProps: StarRocksClusterProps, options: DatadogOptions) {
  const chart = new Chart(Testing.app(), 'test');
  const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'sr', namespace: 'db', ...clusterProps });
  cluster.addDatadog('Datadog', options);
  return { chart, cluster };
}

describe('Datadog', () => {
  describe('logsAnnotationValue', () => {
    test('is a JSON list of one object with service and source', () => {
      expect(StarRocksDatadog.logsAnnotationKey(ComponentKind.BE)).toBe('ad.datadoghq.com/be.logs');
      expect(StarRocksDatadog.logsAnnotationValue(ComponentKind.BE)).toBe('[{"service":"starrocks","source":"be"}]');
    });

    test('merges the attributes with sorted keys; service and source stay the library\'s', () => {
      // GIVEN
      const config = DatadogLogConfig.fromJson('{"tags": ["env:prod"], "service": "mine", "source": "java", "app": "x", "n": 1.5}');

      // THEN
      expect(StarRocksDatadog.logsAnnotationValue(ComponentKind.FE, { config }))
        .toBe('[{"app":"x","n":1.5,"service":"starrocks","source":"fe","tags":["env:prod"]}]');
    });

    test('adds the multi-line rule of the component', () => {
      expect(StarRocksDatadog.logsAnnotationValue(ComponentKind.FE, { multilineLogParsing: true })).toBe(
        '[{"log_processing_rules":[{"name":"log_start_with_timestamp","pattern":"\\\\d{4}-\\\\d{2}-\\\\d{2} \\\\d{2}:\\\\d{2}:\\\\d{2}\\\\.\\\\d+","type":"multi_line"}],'
        + '"service":"starrocks","source":"fe"}]');
      expect(JSON.parse(StarRocksDatadog.logsAnnotationValue(ComponentKind.CN, { multilineLogParsing: true }))[0].log_processing_rules[0].pattern)
        .toBe('[IWEF]\\d{8}\\s+\\d{2}:\\d{2}:\\d{2}\\.\\d+');
    });

    test('keeps the user\'s own processing rules instead of the multi-line rule', () => {
      // GIVEN
      const rules = [{ type: 'exclude_at_match', name: 'no_health', pattern: 'health' }];

      // WHEN
      const config = DatadogLogConfig.fromObject({ log_processing_rules: rules });
      const value = StarRocksDatadog.logsAnnotationValue(ComponentKind.BE, { config, multilineLogParsing: true });

      // THEN
      expect(JSON.parse(value)[0].log_processing_rules).toEqual(rules);
    });

    test('escapes <, > and & as Go\'s JSON encoder does', () => {
      expect(StarRocksDatadog.logsAnnotationValue(ComponentKind.FE, { config: DatadogLogConfig.fromObject({ note: 'a<b>&c' }) }))
        .toBe('[{"note":"a\\u003cb\\u003e\\u0026c","service":"starrocks","source":"fe"}]');
    });

    test('an empty JSON text means no attributes', () => {
      expect(StarRocksDatadog.logsAnnotationValue(ComponentKind.FE, { config: DatadogLogConfig.fromJson(' { } ') })).toBe('[{"service":"starrocks","source":"fe"}]');
    });

    test('the warehouse form: a base without source', () => {
      expect(renderLogsAnnotation({ service: 'warehouse' }, DatadogLogConfig.fromJson('{"app": "starrocks-wh", "tags": ["wh:analytics"]}'), undefined))
        .toBe('[{"app":"starrocks-wh","service":"warehouse","tags":["wh:analytics"]}]');
    });

    test('fails for a log config that is not JSON', () => {
      expect(() => DatadogLogConfig.fromJson('{tags: [env:prod]}')).toThrow(/'logConfig' must be a JSON object \(/);
    });

    test('fails for JSON that is not an object', () => {
      expect(() => DatadogLogConfig.fromJson('["env:prod"]')).toThrow(/'logConfig' must be a JSON object \(not a list or a scalar\)/);
      expect(() => DatadogLogConfig.fromJson('"text"')).toThrow(/'logConfig' must be a JSON object \(not a list or a scalar\)/);
    });

    test('fails for attributes that are not plain data', () => {
      expect(() => DatadogLogConfig.fromObject({ when: new Date(0) })).toThrow(/'logConfig.when' must be plain JSON data/);
      expect(() => DatadogLogConfig.fromObject({ n: Infinity })).toThrow(/'logConfig.n' must be a finite number/);
    });

    test('fails for a config that is not a DatadogLogConfig', () => {
      expect(() => StarRocksDatadog.logsAnnotationValue(ComponentKind.FE, { config: { tags: [] } as any })).toThrow(/'logs.config' must be a DatadogLogConfig/);
    });

    test('fails for an unknown component', () => {
      expect(() => StarRocksDatadog.logsAnnotationKey('proxy' as any)).toThrow(/'component' must be one of "fe", "be", "cn"/);
    });

    test('fails for the FE proxy', () => {
      expect(() => StarRocksDatadog.logsAnnotationKey(ComponentKind.FE_PROXY)).toThrow(/'component' must be ComponentKind.FE, BE or CN \(the FE proxy runs nginx, not StarRocks\), got "fe-proxy"/);
    });
  });

  test('prometheusAnnotations point at the metrics port', () => {
    expect(StarRocksDatadog.prometheusAnnotations(8040)).toStrictEqual({ 'prometheus.io/path': '/metrics', 'prometheus.io/port': '8040', 'prometheus.io/scrape': 'true' });
    expect(() => StarRocksDatadog.prometheusAnnotations(0)).toThrow(/'port' must be a port number/);
  });

  test('profilingEnv follows the chart: FE gets the ddprof switches, DD_VERSION is the image tag', () => {
    expect(StarRocksDatadog.profilingEnv(ComponentKind.BE, { env: 'prod' }, 'registry.example.com:5000/starrocks/be-ubuntu:3.3.11')).toStrictEqual({
      ENABLE_DATADOG_PROFILE: 'true',
      DD_PROFILING_ENABLED: 'true',
      DD_SERVICE: 'starrocks-be',
      DD_ENV: 'prod',
      DD_VERSION: '3.3.11',
    });
    expect(Object.keys(StarRocksDatadog.profilingEnv(ComponentKind.FE, {}, 'starrocks/fe-ubuntu@sha256:' + 'a'.repeat(64)))).toEqual([
      'ENABLE_DATADOG_PROFILE', 'DD_PROFILING_ENABLED', 'DD_SERVICE',
      'DD_PROFILING_DDPROF_ALLOC_ENABLED', 'DD_PROFILING_DDPROF_ENABLED', 'DD_PROFILING_DDPROF_LIVEHEAP_ENABLED', 'DD_PROFILING_DIRECTALLOCATION_ENABLED',
    ]);
  });

  test('addDatadog adds annotations, labels, env and capabilities through the component mutators', () => {
    // GIVEN
    const { chart } = setup({ cn: {}, be: { envVars: [{ name: 'LOG_CONSOLE', value: '0' }] } }, {
      logs: {},
      metrics: true,
      profiling: { be: true, configMode: 'hostip' },
    });

    // WHEN
    const spec = specOf(chart);

    // THEN
    expect(spec.starRocksFeSpec.annotations).toEqual({ 'ad.datadoghq.com/fe.logs': '[{"service":"starrocks","source":"fe"}]' });
    expect(spec.starRocksFeSpec.feEnvVars).toEqual([{ name: 'LOG_CONSOLE', value: '1' }]);
    expect(spec.starRocksFeSpec.podLabels).toBeUndefined();
    expect(spec.starRocksBeSpec.beEnvVars.slice(0, 2)).toEqual([{ name: 'LOG_CONSOLE', value: '0' }, { name: 'ENABLE_DATADOG_PROFILE', value: 'true' }]);
    expect(spec.starRocksBeSpec.beEnvVars.map((e: any) => e.name)).not.toContain('DD_ENV');
    expect(spec.starRocksBeSpec.podLabels).toEqual({ 'admission.datadoghq.com/config.mode': 'hostip', 'admission.datadoghq.com/enabled': 'true' });
    expect(spec.starRocksBeSpec.capabilities).toEqual({ add: ['PERFMON', 'SYS_PTRACE'] });
    expect(spec.starRocksCnSpec.capabilities).toBeUndefined();
    expect(spec.starRocksCnSpec.service).toEqual({
      type: 'ClusterIP',
      annotations: { 'prometheus.io/path': '/metrics', 'prometheus.io/port': '8040', 'prometheus.io/scrape': 'true' },
    });
    expectValidManifests(Testing.synth(chart));
  });

  test('a variable Datadog needs gives way to the user\'s, added before or after addDatadog', () => {
    // GIVEN: one cluster whose user variable comes before addDatadog, one where it comes after
    const { chart: before } = setup({ be: { envVars: [{ name: 'LOG_CONSOLE', value: '0' }] } }, { logs: {} });
    const { chart: after, cluster } = setup({}, { logs: {} });

    // WHEN
    cluster.be!.addEnvVar({ name: 'LOG_CONSOLE', value: '0' });

    // THEN: the same variables either way, the user's value kept, no error
    expect(specOf(after).starRocksBeSpec.beEnvVars).toEqual([{ name: 'LOG_CONSOLE', value: '0' }]);
    expect(specOf(before).starRocksBeSpec.beEnvVars).toEqual(specOf(after).starRocksBeSpec.beEnvVars);
    expect(specOf(after).starRocksFeSpec.feEnvVars).toEqual([{ name: 'LOG_CONSOLE', value: '1' }]);
  });

  test('addDatadog reads the metrics ports from the config files', () => {
    // GIVEN
    const { chart } = setup({
      fe: { config: StarRocksConfig.fromEntries({ http_port: '8031' }) },
      be: { config: StarRocksConfig.fromEntries({ webserver_port: '8041' }) },
    }, { metrics: true });

    // THEN
    const spec = specOf(chart);
    expect(spec.starRocksFeSpec.service.annotations['prometheus.io/port']).toBe('8031');
    expect(spec.starRocksBeSpec.service.annotations['prometheus.io/port']).toBe('8041');
  });

  test('the prometheus.io/port annotations follow config entries added after addDatadog', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test');
    const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'sr', namespace: 'db', cn: {} });
    cluster.addDatadog('Datadog', { metrics: true });

    // WHEN
    cluster.fe.addConfig('http_port', '8031');
    cluster.be!.addConfig('webserver_port', '8041');

    // THEN
    const spec = specOf(chart);
    expect(spec.starRocksFeSpec.service.annotations).toEqual({ 'prometheus.io/path': '/metrics', 'prometheus.io/port': '8031', 'prometheus.io/scrape': 'true' });
    expect(spec.starRocksBeSpec.service.annotations['prometheus.io/port']).toBe('8041');
    expect(spec.starRocksCnSpec.service.annotations['prometheus.io/port']).toBe('8040');
  });

  test('fails at synth for every component whose prometheus.io/port is set to another port, in one report', () => {
    // GIVEN
    const { chart, cluster } = setup({}, { metrics: true });

    // WHEN
    cluster.fe.addServiceAnnotation('prometheus.io/port', '9999');
    cluster.be!.addServiceAnnotation('prometheus.io/port', '9998');

    // THEN
    let message = '';
    try {
      Testing.synth(chart);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/\[test\/Cluster\] 'fe\.service\.annotations\.prometheus\.io\/port' is already set to "9999"; cannot set it to "8030"/);
    expect(message).toMatch(/\[test\/Cluster\] 'be\.service\.annotations\.prometheus\.io\/port' is already set to "9998"; cannot set it to "8040"/);
  });

  test('addDatadog can run twice with the same options', () => {
    // GIVEN
    const options: DatadogOptions = { logs: { multilineLogParsing: true }, metrics: true, profiling: { fe: true, be: true, env: 'prod' } };
    const { chart, cluster } = setup({}, options);

    // WHEN
    const again = cluster.addDatadog('Again', options);

    // THEN
    expect(again).toBeInstanceOf(StarRocksDatadog);
    expect(again.node.path).toBe('test/Cluster/Again');
    expect(again.cluster).toBe(cluster);

    // THEN
    const spec = specOf(chart);
    expect(spec.starRocksFeSpec.feEnvVars.filter((e: any) => e.name === 'LOG_CONSOLE')).toHaveLength(1);
    expect(spec.starRocksBeSpec.capabilities.add).toEqual(['PERFMON', 'SYS_PTRACE']);
  });

  test('profiling a component the cluster does not have gives a warning', () => {
    // GIVEN
    const { chart } = setup({}, { profiling: { cn: true } });

    // THEN
    expect(warningsOf(chart)).toEqual([expect.stringMatching(/test\/Cluster: 'datadog.profiling.cn' is set but the cluster has no CN; ignored/)]);
  });

  test('fails for a cluster defined elsewhere', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test');
    const cluster = StarRocksCluster.fromClusterName(chart, 'Cluster', 'lake');

    // THEN
    expect(() => new StarRocksDatadog(chart, 'Datadog', { cluster, metrics: true })).toThrow(/'cluster' must be a StarRocksCluster of this app/);
  });
});

/** Chart cases with `datadog`: the same settings through `addDatadog` must give the chart's component specs. */
describeShared('Datadog against the kube-starrocks chart', () => {
  const cases = new Map(loadConformanceCases().map((c) => [c.name, c]));
  const get = (name: string): ConformanceCase => cases.get(name)!;
  const chartSpec = (c: ConformanceCase) => expectedManifests(c).find((o) => o.kind === 'StarRocksCluster').spec;
  const confText = (c: ConformanceCase, x: string) => expectedManifests(c).find((o) => o.kind === 'ConfigMap' && o.metadata.name === `kube-starrocks-${x}-cm`).data[`${x}.conf`];
  const DATADOG_KEYS = ['annotations', 'service', 'podLabels', 'capabilities'];

  test('case 29: logs with a JSON config and multi-line rules, metrics, profiling on FE, BE and CN', () => {
    // GIVEN
    const c = get('29-datadog-full');
    const dd = YAML.parse(c.valuesYaml).starrocks.datadog;
    const chart = new Chart(Testing.app(), 'test', { namespace: c.namespace });
    const cluster = new StarRocksCluster(chart, 'Cluster', {
      name: 'kube-starrocks',
      timeZone: 'Asia/Shanghai',
      shared: { imageTag: '3.3.11' },
      fe: { podLabels: { 'app-team': 'dba' }, config: StarRocksConfig.fromText(confText(c, 'fe')) },
      be: {
        image: 'starrocks/be-ubuntu:3.3.11-be',
        capabilities: { add: ['PERFMON', 'NET_ADMIN'], drop: ['SYS_ADMIN'] },
        config: StarRocksConfig.fromText(confText(c, 'be')),
      },
      cn: { config: StarRocksConfig.fromText(confText(c, 'cn')) },
    });

    // WHEN
    cluster.addDatadog('Datadog', {
      logs: { config: DatadogLogConfig.fromJson(dd.log.logConfig), multilineLogParsing: dd.log.enableMultilineLogParsing },
      metrics: dd.metrics.enabled,
      profiling: { fe: dd.profiling.fe, be: dd.profiling.be, cn: dd.profiling.cn, env: dd.profiling.env, configMode: dd.profiling.configMode },
    });

    // THEN
    const spec = specOf(chart);
    const expected = chartSpec(c);
    for (const [key, env] of [['starRocksFeSpec', 'feEnvVars'], ['starRocksBeSpec', 'beEnvVars'], ['starRocksCnSpec', 'cnEnvVars']]) {
      for (const k of [...DATADOG_KEYS, env]) {
        expect({ [`${key}.${k}`]: spec[key][k] }).toEqual({ [`${key}.${k}`]: expected[key][k] });
      }
    }
    expectValidManifests(Testing.synth(chart));
  });

  test('case 10: the prometheus.io/port annotations come from the config files', () => {
    // GIVEN
    const c = get('10-config-ports-and-hash');
    const chart = new Chart(Testing.app(), 'test', { namespace: c.namespace });
    const cluster = new StarRocksCluster(chart, 'Cluster', {
      name: 'kube-starrocks',
      fe: { config: StarRocksConfig.fromText(confText(c, 'fe')) },
      be: { config: StarRocksConfig.fromText(confText(c, 'be')) },
      cn: { config: StarRocksConfig.fromText(confText(c, 'cn')) },
    });

    // WHEN
    cluster.addDatadog('Datadog', { metrics: true });

    // THEN
    const spec = specOf(chart);
    const expected = chartSpec(c);
    for (const key of ['starRocksFeSpec', 'starRocksBeSpec', 'starRocksCnSpec']) {
      expect(spec[key].service).toEqual(expected[key].service);
    }
  });
});

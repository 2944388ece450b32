import { ApiObject, Chart, Duration, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as YAML from 'yaml';
import { StarRocksCluster, StarRocksClusterProps } from '../../src/cluster/cluster';
import { ComponentKind } from '../../src/cluster/component-kind';
import { warningsOf } from '../../src/common/warnings';
import { StarRocksConfig } from '../../src/config/config';
import { ScrapeInterval, StarRocksServiceMonitor, StarRocksServiceMonitorOptions } from '../../src/monitoring/service-monitor';
import { compareManifests, ConformanceCase, expectedManifests, loadConformanceCases } from '../util/conformance';
import { expectValidManifests } from '../util/schema';
import { describeShared } from '../util/shared';

/** A CN-only cluster is a shared-data one (without run_mode the cluster warns). */
const SHARED_DATA_FE = StarRocksConfig.fromEntries({ run_mode: 'shared_data' });

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

function serviceMonitors(manifest: any[]): any[] {
  return manifest.filter((o) => o.kind === 'ServiceMonitor');
}

function find(manifest: any[], kind: string, name: string): any {
  const found = manifest.filter((o) => o.kind === kind && o.metadata?.name === name);
  expect(found).toHaveLength(1);
  return found[0];
}

function setup(clusterProps: StarRocksClusterProps = {}, options: StarRocksServiceMonitorOptions = {}) {
  const chart = new Chart(Testing.app(), 'test');
  const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'sr', namespace: 'db', ...clusterProps });
  const monitor = new StarRocksServiceMonitor(chart, 'Metrics', { cluster, ...options });
  return { chart, cluster, monitor };
}

describe('StarRocksServiceMonitor', () => {
  test('defines one ServiceMonitor per component the cluster has', () => {
    // GIVEN
    const { chart, monitor } = setup({ cn: {} });

    // WHEN
    const manifest = Testing.synth(chart);

    // THEN
    expect(serviceMonitors(manifest).map((o) => o.metadata.name)).toEqual(['sr-fe', 'sr-be', 'sr-cn']);
    expect(monitor.components).toEqual([ComponentKind.FE, ComponentKind.BE, ComponentKind.CN]);
    expect(find(manifest, 'ServiceMonitor', 'sr-fe')).toStrictEqual({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: {
        name: 'sr-fe',
        namespace: 'db',
        labels: {
          'cluster': 'sr',
          'app.kubernetes.io/instance': 'sr',
          'app.kubernetes.io/managed-by': 'cdk8s-starrocks',
          'app.kubernetes.io/name': 'starrocks',
        },
      },
      spec: {
        endpoints: [{
          port: 'http',
          interval: '15s',
          path: '/metrics',
          relabelings: [
            { sourceLabels: ['__meta_kubernetes_endpoints_label_app_starrocks_ownerreference_name'], targetLabel: 'app_starrocks_ownerreference_name' },
            { sourceLabels: ['__meta_kubernetes_service_label_app_kubernetes_io_component'], targetLabel: 'app_kubernetes_io_component' },
            { sourceLabels: ['__meta_kubernetes_service_label_app_kubernetes_io_component'], targetLabel: 'group' },
            { action: 'replace', replacement: 'sr', targetLabel: 'cluster' },
          ],
        }],
        namespaceSelector: { matchNames: ['db'] },
        selector: { matchLabels: { 'app.starrocks.ownerreference/name': 'sr', 'app.kubernetes.io/component': 'fe' } },
      },
    });
    expect(find(manifest, 'ServiceMonitor', 'sr-be').spec.endpoints[0].port).toBe('webserver');
    expect(find(manifest, 'ServiceMonitor', 'sr-cn').spec.selector.matchLabels['app.kubernetes.io/component']).toBe('cn');
    expectValidManifests(manifest);
  });

  test('leaves BE out of a cluster without BE (unlike the chart)', () => {
    // GIVEN
    const { chart, monitor } = setup({ fe: { config: SHARED_DATA_FE }, be: { enabled: false }, cn: {} });

    // THEN
    expect(serviceMonitors(Testing.synth(chart)).map((o) => o.metadata.name)).toEqual(['sr-fe', 'sr-cn']);
    expect(monitor.beServiceMonitor).toBeUndefined();
    expect(warningsOf(chart)).toEqual([]);
  });

  test('renders a listed component the cluster lacks, with a warning', () => {
    // GIVEN
    const components = [ComponentKind.CN, ComponentKind.BE, ComponentKind.FE, ComponentKind.BE];
    const { chart } = setup({ fe: { config: SHARED_DATA_FE }, be: { enabled: false }, cn: {} }, { components });

    // THEN
    expect(serviceMonitors(Testing.synth(chart)).map((o) => o.metadata.name)).toEqual(['sr-fe', 'sr-be', 'sr-cn']);
    expect(warningsOf(chart)).toEqual([expect.stringMatching(/test\/Metrics: 'components' lists BE but cluster sr has no BE: nothing will be scraped for it/)]);
  });

  test('basic auth and endpoint parameters go on the FE ServiceMonitor only', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test');
    const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'sr', namespace: 'db' });
    const secret = kplus.Secret.fromSecretName(chart, 'Auth', 'metrics-auth');

    // WHEN
    new StarRocksServiceMonitor(chart, 'Metrics', {
      cluster,
      basicAuth: { usernameSecret: secret, usernameKey: 'user', passwordSecret: secret, passwordKey: 'pass' },
      endpointParams: { with_materialized_view_metrics: ['all'] },
    });

    // THEN
    const manifest = Testing.synth(chart);
    expect(find(manifest, 'ServiceMonitor', 'sr-fe').spec.endpoints[0]).toMatchObject({
      basicAuth: { username: { name: 'metrics-auth', key: 'user' }, password: { name: 'metrics-auth', key: 'pass' } },
      params: { with_materialized_view_metrics: ['all'] },
    });
    const be = find(manifest, 'ServiceMonitor', 'sr-be').spec.endpoints[0];
    expect(be.basicAuth).toBeUndefined();
    expect(be.params).toBeUndefined();
    expectValidManifests(manifest);
  });

  test('basic auth takes the Secrets by name, without a cdk8s-plus Secret', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test');
    const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'sr', namespace: 'db' });

    // WHEN
    new StarRocksServiceMonitor(chart, 'Metrics', {
      cluster,
      basicAuth: { usernameSecretName: 'metrics-user', usernameKey: 'user', passwordSecretName: 'metrics-password', passwordKey: 'pass' },
    });

    // THEN
    expect(find(Testing.synth(chart), 'ServiceMonitor', 'sr-fe').spec.endpoints[0].basicAuth).toStrictEqual({
      username: { name: 'metrics-user', key: 'user' }, password: { name: 'metrics-password', key: 'pass' },
    });
  });

  test.each([
    ['30s', Duration.seconds(30)],
    ['90s', Duration.seconds(90)],
    ['1m', Duration.minutes(1)],
    ['1500ms', Duration.millis(1500)],
    ['2h', Duration.hours(2)],
  ])('the interval is written in its largest whole unit: %s', (text, interval) => {
    // GIVEN
    const { chart } = setup({}, { interval: ScrapeInterval.duration(interval) });

    // THEN
    expect(find(Testing.synth(chart), 'ServiceMonitor', 'sr-fe').spec.endpoints[0].interval).toBe(text);
  });

  test('a zero interval leaves it to Prometheus', () => {
    // GIVEN
    const { chart } = setup({}, { interval: ScrapeInterval.duration(Duration.seconds(0)) });

    // THEN
    expect(find(Testing.synth(chart), 'ServiceMonitor', 'sr-fe').spec.endpoints[0].interval).toBeUndefined();
  });

  test.each([
    ['1m30s', ScrapeInterval.fromText('1m30s')],
    ['60s', ScrapeInterval.fromText('60s')],
    ['2m', ScrapeInterval.duration(Duration.seconds(120))],
    [undefined, ScrapeInterval.prometheusDefault()],
    [undefined, ScrapeInterval.duration(Duration.seconds(0))],
  ])('interval writes %s on every endpoint', (text, interval) => {
    // GIVEN
    const { chart } = setup({}, { interval });

    // THEN
    const manifest = Testing.synth(chart);
    for (const name of ['sr-fe', 'sr-be']) {
      expect(find(manifest, 'ServiceMonitor', name).spec.endpoints[0].interval).toBe(text);
    }
    expect(interval.text).toBe(text);
  });

  test('fails for an interval text that is not a Prometheus duration', () => {
    for (const text of ['1 minute', '', '90', 's', '1.5m']) {
      expect(() => ScrapeInterval.fromText(text)).toThrow(/'interval' must be a Prometheus duration such as "30s", "1m" or "1m30s", got/);
    }
  });

  test('fails for an interval that is a Duration, not a ScrapeInterval', () => {
    expect(() => setup({}, { interval: Duration.seconds(30) as unknown as ScrapeInterval }))
      .toThrow(/'interval' must be a ScrapeInterval \(ScrapeInterval.duration/);
  });

  test('labels are added to cluster: <name>; another namespace keeps selecting the cluster\'s', () => {
    // GIVEN
    const { chart } = setup({}, { labels: { release: 'prometheus' }, namespace: 'monitoring' });

    // THEN
    const fe = find(Testing.synth(chart), 'ServiceMonitor', 'sr-fe');
    expect(fe.metadata.namespace).toBe('monitoring');
    expect(fe.metadata.labels).toMatchObject({ cluster: 'sr', release: 'prometheus' });
    expect(fe.spec.namespaceSelector).toEqual({ matchNames: ['db'] });
  });

  test('without a known namespace there is no namespace selector (the ServiceMonitor\'s own namespace)', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test');
    const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'sr' });

    // WHEN
    new StarRocksServiceMonitor(chart, 'Metrics', { cluster });

    // THEN
    const fe = find(Testing.synth(chart), 'ServiceMonitor', 'sr-fe');
    expect(fe.metadata.namespace).toBeUndefined();
    expect(fe.spec.namespaceSelector).toBeUndefined();
  });

  test('a cluster defined elsewhere gets FE and BE ServiceMonitors', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test', { namespace: 'db' });
    const cluster = StarRocksCluster.fromClusterName(chart, 'Cluster', 'lake');

    // WHEN
    new StarRocksServiceMonitor(chart, 'Metrics', { cluster });

    // THEN
    const manifest = Testing.synth(chart);
    expect(serviceMonitors(manifest).map((o) => o.metadata.name)).toEqual(['lake-fe', 'lake-be']);
    expect(find(manifest, 'ServiceMonitor', 'lake-be').spec.selector.matchLabels).toEqual({ 'app.starrocks.ownerreference/name': 'lake', 'app.kubernetes.io/component': 'be' });
    expect(find(manifest, 'ServiceMonitor', 'lake-be').spec.namespaceSelector).toEqual({ matchNames: ['db'] });
    expectValidManifests(manifest);
  });

  test('each ServiceMonitor is an ApiObject that takes JSON patches', () => {
    // GIVEN
    const { chart, monitor } = setup();

    // WHEN
    monitor.feServiceMonitor!.addJsonPatch(JsonPatch.add('/spec/endpoints/0/scrapeTimeout', '10s'));

    // THEN
    expect(monitor.serviceMonitors).toEqual([monitor.feServiceMonitor, monitor.beServiceMonitor]);
    expect(monitor.feServiceMonitor).toBeInstanceOf(ApiObject);
    expect(find(Testing.synth(chart), 'ServiceMonitor', 'sr-fe').spec.endpoints[0].scrapeTimeout).toBe('10s');
  });

  test('fails without a cluster', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => new StarRocksServiceMonitor(chart, 'Metrics', {} as any)).toThrow(/'cluster' must be the StarRocks cluster to scrape/);
  });

  test('fails for an interval of a fraction of a millisecond', () => {
    expect(() => setup({}, { interval: ScrapeInterval.duration(Duration.millis(0.5)) })).toThrow(/'interval' must be a whole number of milliseconds/);
  });

  test('fails for an interval that is not a ScrapeInterval', () => {
    expect(() => setup({}, { interval: '30s' as any })).toThrow(/'interval' must be a ScrapeInterval/);
    expect(() => ScrapeInterval.duration('30s' as any)).toThrow(/'interval' must be a Duration/);
  });

  test('fails for an empty or unknown component list', () => {
    expect(() => setup({}, { components: [] })).toThrow(/'components' must be a non-empty list of ComponentKind \(FE, BE, CN\)/);
    expect(() => setup({}, { components: [ComponentKind.FE_PROXY] })).toThrow(/'components\[0\]' must be ComponentKind.FE, BE or CN \(the FE proxy serves no StarRocks metrics\), got "fe-proxy"/);
    expect(() => setup({}, { components: ['proxy' as any] })).toThrow(/'components\[0\]' must be one of "fe", "be", "cn"/);
  });

  test('fails for endpoint parameters that are not lists of strings', () => {
    expect(() => setup({}, { endpointParams: { type: 'core' as any } })).toThrow(/'endpointParams.type' must be a list of strings/);
  });

  test('fails for basic auth without a Secret name or with a bad key', () => {
    const secret = { name: 'auth' } as kplus.ISecret;
    expect(() => setup({}, { basicAuth: { usernameSecret: {} as any, usernameKey: 'u', passwordSecret: secret, passwordKey: 'p' } }))
      .toThrow(/'basicAuth.usernameSecret' must be a Secret/);
    expect(() => setup({}, { basicAuth: { usernameSecret: secret, usernameKey: 'u', passwordSecret: secret, passwordKey: 'p w' } }))
      .toThrow(/'basicAuth.passwordKey' must be a Secret key/);
  });

  test('fails for basic auth with a Secret given twice, or a Secret name that is no DNS subdomain', () => {
    const secret = { name: 'auth' } as kplus.ISecret;
    expect(() => setup({}, { basicAuth: { usernameSecret: secret, usernameSecretName: 'auth', usernameKey: 'u', passwordSecretName: 'auth', passwordKey: 'p' } }))
      .toThrow(/'basicAuth.usernameSecretName' must be unset when basicAuth.usernameSecret is given, got "auth"/);
    expect(() => setup({}, { basicAuth: { usernameSecretName: 'auth', usernameKey: 'u', passwordSecretName: 'Bad_Name', passwordKey: 'p' } }))
      .toThrow(/'basicAuth.passwordSecretName' must be a DNS-1123 subdomain .* got "Bad_Name"/);
    expect(() => setup({}, { basicAuth: { usernameKey: 'u', passwordSecretName: 'auth', passwordKey: 'p' } }))
      .toThrow(/'basicAuth.usernameSecret' must be a Secret \(kplus.ISecret\) with a name, or basicAuth.usernameSecretName/);
  });

  test('fails for a namespace that is not a DNS label', () => {
    expect(() => setup({}, { namespace: 'Monitoring' })).toThrow(/'namespace' must be a DNS-1123 label/);
  });
});

/** Chart cases with `metrics.serviceMonitor`: the typed API given the same settings must produce the chart's ServiceMonitors. */
describeShared('StarRocksServiceMonitor against the kube-starrocks chart', () => {
  const cases = new Map(loadConformanceCases().map((c) => [c.name, c]));
  const get = (name: string): ConformanceCase => cases.get(name)!;
  const chartMonitors = (c: ConformanceCase) => serviceMonitors(expectedManifests(c));

  test('case 26: labels, interval, basic auth and parameters on FE, CN enabled', () => {
    // GIVEN
    const c = get('26-servicemonitor-full');
    const sm = YAML.parse(c.valuesYaml).starrocks.metrics.serviceMonitor;
    const chart = new Chart(Testing.app(), 'test', { namespace: c.namespace });
    const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'kube-starrocks', cn: {} });

    // WHEN
    new StarRocksServiceMonitor(chart, 'Metrics', {
      cluster,
      labels: sm.labels,
      interval: ScrapeInterval.duration(Duration.seconds(30)),
      basicAuth: {
        usernameSecret: kplus.Secret.fromSecretName(chart, 'User', sm.basicAuth.usernameSecretName),
        usernameKey: sm.basicAuth.usernameSecretKey,
        passwordSecret: kplus.Secret.fromSecretName(chart, 'Password', sm.basicAuth.passwordSecretName),
        passwordKey: sm.basicAuth.passwordSecretKey,
      },
      endpointParams: sm.endpointParam.params,
    });

    // THEN
    const manifest = Testing.synth(chart);
    expect(chartMonitors(c)).toHaveLength(3);
    expect(compareManifests(serviceMonitors(manifest), chartMonitors(c), c.namespace)).toEqual([]);
    expectValidManifests(manifest);
  });

  test('case 21: a cluster without BE gets FE and CN by default, and the chart\'s BE one when asked', () => {
    // GIVEN
    const c = get('21-shared-data-cn-only');
    const build = (components?: ComponentKind[]) => {
      const chart = new Chart(Testing.app(), 'test', { namespace: c.namespace });
      const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'kube-starrocks', fe: { config: SHARED_DATA_FE }, be: { enabled: false }, cn: {} });
      new StarRocksServiceMonitor(chart, 'Metrics', { cluster, components });
      return chart;
    };

    // WHEN
    const typed = serviceMonitors(Testing.synth(build()));
    const chartSet = build([ComponentKind.FE, ComponentKind.BE, ComponentKind.CN]);

    // THEN
    const expected = chartMonitors(c);
    expect(compareManifests(typed, expected.filter((o) => o.metadata.name !== 'kube-starrocks-be'), c.namespace)).toEqual([]);
    expect(compareManifests(serviceMonitors(Testing.synth(chartSet)), expected, c.namespace)).toEqual([]);
    expect(warningsOf(chartSet)).toHaveLength(1);
  });

  test('case 27: without the Prometheus operator API the chart renders no ServiceMonitor; the library renders one only when asked', () => {
    // GIVEN
    const c = get('27-servicemonitor-no-api');
    const chart = new Chart(Testing.app(), 'test', { namespace: c.namespace });

    // WHEN
    new StarRocksCluster(chart, 'Cluster', { name: 'kube-starrocks', cn: {} });

    // THEN
    expect(chartMonitors(c)).toEqual([]);
    expect(serviceMonitors(Testing.synth(chart))).toEqual([]);
  });
});

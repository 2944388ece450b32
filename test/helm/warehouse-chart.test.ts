/**
 * The warehouse chart 1.11.5, rendered from values through `renderHelmChart`: conformance cases
 * 35 (every key) and 02 (no cluster name: refused), the rest of case 02 with a cluster name, and
 * the translation of single keys and the errors.
 */
import { createHash } from 'crypto';
import { Chart, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { coverageKeys, leafPaths } from './coverage';
import { warningsOf } from '../../src/common/warnings';
import { HelmValuesError } from '../../src/helm/context';
import { addHelmChart, renderHelmChart } from '../../src/helm/render';
import { dig } from '../../src/helm/values';
import { WAREHOUSE_CHART_DEFAULTS } from '../../src/helm/warehouse-defaults';
import { compareManifests, ConformanceCase, expectedManifests, loadConformanceCases } from '../util/conformance';
import { expectValidManifests } from '../util/schema';
import { describeShared } from '../util/shared';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

const NS = 'starrocks';
const RELEASE = 'wh';
const API_VERSIONS = ['monitoring.coreos.com/v1'];

function loadCase(name: string): ConformanceCase {
  const c = loadConformanceCases().find((x) => x.name === name);
  if (!c) {
    throw new Error(`conformance case ${name} not found`);
  }
  return c;
}

function renderCase(c: ConformanceCase, values?: any): any[] {
  return renderHelmChart({
    chart: 'warehouse',
    release: c.release,
    namespace: c.namespace,
    apiVersions: c.apiVersions,
    values: values ?? YAML.parse(c.valuesYaml) ?? {},
  });
}

/** Renders values with a cluster name (unless the values set one). */
function render(values: any): any[] {
  const withCluster = { ...values, spec: { starRocksClusterName: 'kube-starrocks', ...(values.spec ?? {}) } };
  const manifest = renderHelmChart({ chart: 'warehouse', release: RELEASE, namespace: NS, apiVersions: API_VERSIONS, values: withCluster });
  expectValidManifests(manifest);
  return manifest;
}

function template(manifest: any[]): any {
  const found = manifest.filter((o) => o.kind === 'StarRocksWarehouse');
  expect(found).toHaveLength(1);
  return found[0].spec.template;
}

function expectValuesError(values: any, key: string): void {
  const withCluster = { ...values, spec: { starRocksClusterName: 'kube-starrocks', ...(values.spec ?? {}) } };
  let error: unknown;
  try {
    renderHelmChart({ chart: 'warehouse', release: RELEASE, namespace: NS, apiVersions: API_VERSIONS, values: withCluster });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(HelmValuesError);
  expect((error as Error).message.startsWith(key)).toBe(true);
}

describeShared('warehouse chart: conformance cases', () => {
  test('WAREHOUSE_CHART_DEFAULTS has exactly the leaf keys of the chart\'s values.yaml (COVERAGE.md)', () => {
    const keys = coverageKeys(/^### warehouse\/values\.yaml/m, '');
    expect(keys.length).toBeGreaterThan(30);
    expect(leafPaths(WAREHOUSE_CHART_DEFAULTS, '').sort()).toEqual(keys.sort());
  });

  test('35-warehouse-full: every object matches the chart\'s', () => {
    // GIVEN
    const c = loadCase('35-warehouse-full');

    // WHEN
    const manifest = renderCase(c);

    // THEN
    expect(compareManifests(manifest, expectedManifests(c), c.namespace)).toEqual([]);
    expectValidManifests(manifest);
  });

  test('35-warehouse-full: the top-level Secret and ConfigMap are in the release namespace, where Helm puts them', () => {
    const c = loadCase('35-warehouse-full');
    const manifest = renderCase(c);
    const plain = manifest.filter((o) => o.metadata.name === 'wh-secret' || o.metadata.name === 'wh-config');
    expect(plain.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'Secret']);
    for (const o of plain) {
      expect(o.metadata.namespace).toBe(c.namespace);
    }
  });

  test('35-warehouse-full: warnings for what the chart silently gets wrong', () => {
    const c = loadCase('35-warehouse-full');
    const chart = new Chart(Testing.app(), c.release, { namespace: c.namespace });
    addHelmChart(chart, { chart: 'warehouse', release: c.release, namespace: c.namespace, apiVersions: c.apiVersions, values: YAML.parse(c.valuesYaml) });
    const warnings = warningsOf(chart).join('\n');
    expect(warnings).toMatch(/spec\.service\.loadbalancerIP is ignored for a NodePort Service/);
    expect(warnings).toMatch(/ad\.datadoghq\.com\/warehouse\.logs.*container is named "cn"/);
  });

  test('02-warehouse-default: refused, naming spec.starRocksClusterName (libraryExpectError)', () => {
    const c = loadCase('02-warehouse-default');
    expect(c.libraryExpectError).toBe('starRocksClusterName');
    expect(() => renderCase(c)).toThrow(HelmValuesError);
    expect(() => renderCase(c)).toThrow(/spec\.starRocksClusterName/);
  });

  test('02-warehouse-default: with a cluster name, the rest of the chart\'s output', () => {
    // GIVEN
    const c = loadCase('02-warehouse-default');

    // WHEN
    const manifest = renderCase(c, { spec: { starRocksClusterName: 'kube-starrocks' } });

    // THEN: the chart prints `starRocksCluster:` with no value
    const expected = expectedManifests(c).map((o) => (o.kind === 'StarRocksWarehouse'
      ? { ...o, spec: { ...o.spec, starRocksCluster: 'kube-starrocks' } }
      : o));
    expect(compareManifests(manifest, expected, c.namespace)).toEqual([]);
    expectValidManifests(manifest);
  });
});

describe('warehouse chart: defaults and merging', () => {
  test('WAREHOUSE_CHART_DEFAULTS is frozen all the way down', () => {
    expect(Object.isFrozen(WAREHOUSE_CHART_DEFAULTS)).toBe(true);
    expect(dig(WAREHOUSE_CHART_DEFAULTS, 'spec', 'resources', 'limits')).toEqual(expect.any(Object));
    expect(Object.isFrozen(dig(WAREHOUSE_CHART_DEFAULTS, 'spec', 'resources', 'limits'))).toBe(true);
  });

  test('a null removes a chart default (the warehouse chart is rendered on its own)', () => {
    const t = template(render({ spec: { resources: null, minReadySeconds: null } }));
    expect(t.limits).toBeUndefined();
    expect(t.requests).toBeUndefined();
    expect(t.minReadySeconds).toBeUndefined();
  });

  test('keys the chart does not read are reported', () => {
    const chart = new Chart(Testing.app(), 'wh', { namespace: NS });
    addHelmChart(chart, {
      chart: 'warehouse',
      release: RELEASE,
      namespace: NS,
      apiVersions: API_VERSIONS,
      values: { spec: { starRocksClusterName: 'c', sharedLabels: { a: 'b' }, nodeSelecter: {}, annotations: { free: 'form' } }, extra: 1 },
    });
    // one warning per key, with the closest declared key where there is one (issue 11)
    expect(warningsOf(chart)).toEqual([
      'wh: spec.sharedLabels is not a key the chart reads (ignored)',
      'wh: spec.nodeSelecter is not a key the chart reads (ignored); did you mean spec.nodeSelector?',
      'wh: extra is not a key the chart reads (ignored)',
    ]);
  });

  test('maps merge with the defaults, lists replace them', () => {
    const t = template(render({ spec: { resources: { limits: { cpu: 8 } } } }));
    expect(t.limits).toEqual({ cpu: 8, memory: '8Gi' });
    expect(t.requests).toEqual({ cpu: 4, memory: '8Gi' });
  });
});

describe('warehouse chart: single keys', () => {
  test('the name is the release, in the release namespace, with the chart\'s labels', () => {
    const wh = render({}).find((o) => o.kind === 'StarRocksWarehouse');
    expect(wh.metadata.name).toBe(RELEASE);
    expect(wh.metadata.namespace).toBe(NS);
    expect(wh.metadata.labels).toEqual(expect.objectContaining({ 'warehouse': RELEASE, 'app.kubernetes.io/instance': RELEASE }));
    expect(wh.spec.starRocksCluster).toBe('kube-starrocks');
  });

  test('spec.replicas only when set; a quoted number prints as a number', () => {
    expect(template(render({})).replicas).toBeUndefined();
    expect(template(render({ spec: { replicas: 0 } })).replicas).toBeUndefined();
    expect(template(render({ spec: { replicas: 3 } })).replicas).toBe(3);
    expect(template(render({ spec: { replicas: '2' } })).replicas).toBe(2);
  });

  test('spec.runAsNonRoot and spec.minReadySeconds are always printed', () => {
    expect(template(render({})).runAsNonRoot).toBe(false);
    expect(template(render({})).minReadySeconds).toBe(0);
    expect(template(render({ spec: { runAsNonRoot: true, minReadySeconds: '10' } }))).toEqual(expect.objectContaining({ runAsNonRoot: true, minReadySeconds: 10 }));
  });

  test('fails on a quoted boolean for spec.runAsNonRoot (issue 11: a boolean key takes unquoted true or false only)', () => {
    expectValuesError({ spec: { runAsNonRoot: 'true' } }, 'spec.runAsNonRoot');
  });

  test('with an empty spec.config, a top-level ConfigMap may provide <release>-cm', () => {
    const manifest = render({ spec: { config: '' }, configMaps: [{ name: `${RELEASE}-cm`, data: { 'cn.conf': 'a = 1' } }] });
    expect(manifest.find((o) => o.kind === 'ConfigMap').data).toEqual({ 'cn.conf': 'a = 1\n' });
  });

  test('timeZone empty: TZ with no value, as the chart prints it', () => {
    expect(template(render({ timeZone: '' })).envVars).toEqual([{ name: 'TZ' }]);
  });

  test('a TZ of spec.envVars replaces the chart\'s', () => {
    expect(template(render({ spec: { envVars: [{ name: 'TZ', value: 'UTC' }] } })).envVars).toEqual([{ name: 'TZ', value: 'UTC' }]);
  });

  test('datadog.log: LOG_CONSOLE and the annotation; an empty logConfig gives only the service', () => {
    const t = template(render({ datadog: { log: { enabled: true } } }));
    expect(t.envVars).toEqual([{ name: 'TZ', value: 'Asia/Shanghai' }, { name: 'LOG_CONSOLE', value: '1' }]);
    expect(t.annotations['ad.datadoghq.com/warehouse.logs']).toBe('[{"service":"warehouse"}]');
  });

  test('datadog.log.logConfig: the chart\'s service wins over the user\'s', () => {
    const t = template(render({ datadog: { log: { enabled: true, logConfig: '{"service": "mine", "source": "x"}' } } }));
    expect(t.annotations['ad.datadoghq.com/warehouse.logs']).toBe('[{"service":"warehouse","source":"x"}]');
  });

  test('datadog.metrics: Prometheus annotations with the webserver port of the config, 8040 without one', () => {
    const withPort = template(render({ datadog: { metrics: { enabled: true } }, spec: { config: 'webserver_port = 8041\n' } }));
    expect(withPort.service.annotations).toEqual({ 'prometheus.io/path': '/metrics', 'prometheus.io/port': '8041', 'prometheus.io/scrape': 'true' });
    const without = template(render({ datadog: { metrics: { enabled: true } }, spec: { config: 'sys_log_level = INFO\n' } }));
    expect(without.service.annotations['prometheus.io/port']).toBe('8040');
  });

  test('spec.service.type empty: no service block at all', () => {
    expect(template(render({ spec: { service: { type: '' } } })).service).toBeUndefined();
  });

  test('spec.service.loadbalancerIP only for LoadBalancer', () => {
    expect(template(render({ spec: { service: { type: 'LoadBalancer', loadbalancerIP: '10.0.0.1' } } })).service)
      .toEqual({ type: 'LoadBalancer', loadBalancerIP: '10.0.0.1' });
    expect(template(render({ spec: { service: { loadbalancerIP: '10.0.0.1' } } })).service).toEqual({ type: 'ClusterIP' });
  });

  test('spec.config empty: no ConfigMap, configMapInfo still points at <release>-cm, hash no-config', () => {
    const manifest = render({ spec: { config: '' } });
    expect(manifest.filter((o) => o.kind === 'ConfigMap')).toEqual([]);
    const t = template(manifest);
    expect(t.configMapInfo).toEqual({ configMapName: `${RELEASE}-cm`, resolveKey: 'cn.conf' });
    expect(t.annotations).toEqual({ 'app.starrocks.io/cn-config-hash': 'no-config' });
  });

  test('spec.config: the ConfigMap holds it with exactly one final newline; the hash is over the value as given', () => {
    const manifest = render({ spec: { config: 'a = 1' } });
    const cm = manifest.find((o) => o.kind === 'ConfigMap');
    expect(cm.data).toEqual({ 'cn.conf': 'a = 1\n' });
    // sha256 of the JSON string "a = 1", first 8 hex characters
    expect(template(manifest).annotations['app.starrocks.io/cn-config-hash']).toBe(createHash('sha256').update('"a = 1"').digest('hex').slice(0, 8));
  });

  test('spec.storageSpec: data and log volumes; no log volume without logStorageSize', () => {
    expect(template(render({ spec: { storageSpec: { name: 'st' } } })).storageVolumes).toEqual([
      { name: 'st-data', storageSize: '100Gi', mountPath: '/opt/starrocks/cn/storage' },
      { name: 'st-log', storageSize: '1Gi', mountPath: '/opt/starrocks/cn/log' },
    ]);
    expect(template(render({ spec: { storageSpec: { name: 'st', logStorageSize: '' } } })).storageVolumes).toEqual([
      { name: 'st-data', storageSize: '100Gi', mountPath: '/opt/starrocks/cn/storage' },
    ]);
  });

  test('top-level configMaps: a value without a final newline gains one; empty values are left out', () => {
    const cm = render({ configMaps: [{ name: 'extra', data: { 'a.conf': 'x = 1', 'b.conf': 'y = 2\n\n', 'empty': '' } }] })
      .find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'extra');
    expect(cm.data).toEqual({ 'a.conf': 'x = 1\n', 'b.conf': 'y = 2\n' });
  });

  test('top-level secrets: base64 of the value as given, type Opaque', () => {
    const s = render({ secrets: [{ name: 'creds', data: { user: 'admin\n' } }] }).find((o) => o.kind === 'Secret');
    expect(s).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: NS }, type: 'Opaque', data: { user: Buffer.from('admin\n').toString('base64') } });
  });

  test('spec.autoScalingPolicy without hpaPolicy', () => {
    expect(template(render({ spec: { autoScalingPolicy: { maxReplicas: 4 } } })).autoScalingPolicy).toEqual({ maxReplicas: 4 });
  });
});

describe('warehouse chart: errors name the values key', () => {
  test.each([
    ['cluster name empty', { spec: { starRocksClusterName: '' } }, 'spec.starRocksClusterName'],
    ['cluster name invalid', { spec: { starRocksClusterName: 'Kube_StarRocks' } }, 'spec.starRocksClusterName'],
    ['image tag empty', { spec: { image: { tag: '' } } }, 'spec.image.tag'],
    ['replicas negative', { spec: { replicas: -1 } }, 'spec.replicas'],
    ['replicas a word', { spec: { replicas: 'two' } }, 'spec.replicas'],
    ['runAsNonRoot a string', { spec: { runAsNonRoot: 'yes' } }, 'spec.runAsNonRoot'],
    ['minReadySeconds a fraction', { spec: { minReadySeconds: 1.5 } }, 'spec.minReadySeconds'],
    ['podLabels number', { spec: { podLabels: { tier: 1 } } }, 'spec.podLabels.tier'],
    ['podLabels selector label', { spec: { podLabels: { 'app.kubernetes.io/component': 'x' } } }, 'spec.podLabels'],
    ['annotation boolean', { spec: { annotations: { a: true } } }, 'spec.annotations.a'],
    ['annotation of the config hash', { spec: { annotations: { 'app.starrocks.io/cn-config-hash': 'x' } } }, 'spec.annotations.app.starrocks.io/cn-config-hash'],
    ['env number value', { spec: { envVars: [{ name: 'N', value: 1 }] } }, 'spec.envVars[0].value'],
    ['env duplicate', { spec: { envVars: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] } }, 'spec.envVars[1].name'],
    ['service type unknown', { spec: { service: { type: 'External' } } }, 'spec.service.type'],
    ['service port string', { spec: { service: { type: 'NodePort', ports: [{ name: 'webserver', nodePort: '30040' }] } } }, 'spec.service.ports[0].nodePort'],
    ['service port unknown field', { spec: { service: { ports: [{ name: 'webserver', protocol: 'TCP' }] } } }, 'spec.service.ports[0]'],
    ['service port of no CN port', { spec: { service: { ports: [{ name: 'query' }] } } }, 'spec.service.ports[0]'],
    ['node port for ClusterIP', { spec: { service: { ports: [{ name: 'webserver', nodePort: 30040 }] } } }, 'spec.service.ports[0].nodePort'],
    ['service annotation clash with Datadog', { datadog: { metrics: { enabled: true } }, spec: { service: { annotations: { 'prometheus.io/port': '1' } } } }, 'spec.service.annotations.prometheus.io/port'],
    ['autoscaling without maxReplicas', { spec: { autoScalingPolicy: { minReplicas: 1 } } }, 'spec.autoScalingPolicy.maxReplicas'],
    ['autoscaling unknown field', { spec: { autoScalingPolicy: { maxReplicas: 2, metrics: [] } } }, 'spec.autoScalingPolicy'],
    ['autoscaling unknown version', { spec: { autoScalingPolicy: { maxReplicas: 2, version: 'v3' } } }, 'spec.autoScalingPolicy.version'],
    ['resources bad quantity', { spec: { resources: { limits: { cpu: 'many' } } } }, 'spec.resources.limits.cpu'],
    ['resources unknown field', { spec: { resources: { claims: [{ name: 'gpu' }] } } }, 'spec.resources'],
    ['config a map', { spec: { config: { a: 1 } } }, 'spec.config'],
    ['mount without mountPath', { spec: { secrets: [{ name: 's' }] } }, 'spec.secrets[0]'],
    ['mount name invalid', { spec: { configMaps: [{ name: 'Bad_Name', mountPath: '/x' }] } }, 'spec.configMaps[0].name'],
    ['pull secret as a string', { spec: { imagePullSecrets: ['s'] } }, 'spec.imagePullSecrets[0]'],
    ['storage size without a binary unit', { spec: { storageSpec: { name: 'st', storageSize: '100G' } } }, 'spec.storageSpec.storageSize'],
    ['storage size empty', { spec: { storageSpec: { name: 'st', storageSize: '' } } }, 'spec.storageSpec.storageSize'],
    ['storage name invalid', { spec: { storageSpec: { name: 'St' } } }, 'spec.storageSpec.name'],
    ['pvc retention unknown', { spec: { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' } } }, 'spec.persistentVolumeClaimRetentionPolicy.whenDeleted'],
    ['Datadog logConfig ending with a nested object', { datadog: { log: { enabled: true, logConfig: '{"a": {"b": 1}}' } } }, 'datadog.log.logConfig'],
    ['secret name invalid', { secrets: [{ name: 'Bad', data: { a: 'b' } }] }, 'secrets[0].name'],
    ['configMap named like the config ConfigMap', { configMaps: [{ name: `${RELEASE}-cm`, data: { a: 'b' } }] }, 'configMaps[0].name'],
    ['two secrets of one name', { secrets: [{ name: 's', data: { a: 'b' } }, { name: 's', data: { c: 'd' } }] }, 'secrets[1].name'],
    ['configMap data key invalid', { configMaps: [{ name: 'ok', data: { 'a/b': 'x' } }] }, 'configMaps[0].data'],
  ])('%s', (_what, values, key) => {
    expectValuesError(values, key);
  });

  test('spec that is not a map', () => {
    expect(() => renderHelmChart({ chart: 'warehouse', release: RELEASE, namespace: NS, apiVersions: API_VERSIONS, values: { spec: 'x' } }))
      .toThrow(/^spec must be a map/);
  });

  test('values that are not a map', () => {
    expect(() => renderHelmChart({ chart: 'warehouse', release: RELEASE, namespace: NS, apiVersions: API_VERSIONS, values: 'x' as any }))
      .toThrow(HelmValuesError);
  });

  test('a release name the warehouse cannot have', () => {
    expect(() => renderHelmChart({ chart: 'warehouse', release: '1wh', namespace: NS, apiVersions: API_VERSIONS, values: { spec: { starRocksClusterName: 'c' } } }))
      .toThrow(/^the release name \(the warehouse's name\) must be a DNS-1035 label/);
  });
});

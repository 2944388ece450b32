/**
 * The readers every chart translation shares (src/helm/values.ts, src/helm/common.ts), and the
 * kube-starrocks side of what the translations now do alike: errors name the values key where the
 * chart would print something the API server rejects, and everything else is printed as the chart
 * prints it.
 */
import { Testing } from 'cdk8s';
import { KubeStarRocks } from '../../src';
import { StarRocksPropError } from '../../src/common/errors';
import { StarRocksConfig } from '../../src/config/config';
import {
  chartConfig, configTextValue, literalBlock, pullSecrets, quantity, storageSize, withUserAnnotations,
} from '../../src/helm/common';
import { HelmValuesError } from '../../src/helm/context';
import { renderHelmChart } from '../../src/helm/render';
import { goPrint, mapAt, scalar, stringMap, trimAll, valuesError } from '../../src/helm/values';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

const NS = 'starrocks';

function renderStarRocks(values: any): any[] {
  return renderHelmChart({ chart: 'kube-starrocks', release: 'kube-starrocks', namespace: NS, apiVersions: [], values: { starrocks: values } });
}

function feSpec(manifest: any[]): any {
  return manifest.find((o) => o.kind === 'StarRocksCluster').spec.starRocksFeSpec;
}

function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('no error');
}

describe('values readers', () => {
  test('stringMap: nothing for an empty map, the empty string for null, strings as given', () => {
    expect(stringMap('a', {})).toBeUndefined();
    expect(stringMap('a', null)).toBeUndefined();
    expect(stringMap('a', { x: null, y: 'z' })).toEqual({ x: '', y: 'z' });
  });

  test('stringMap: a number or boolean is refused, naming its key', () => {
    const e = errorOf(() => stringMap('spec.podLabels', { tier: 1 }));
    expect(e).toBeInstanceOf(HelmValuesError);
    expect(e.message).toMatch(/^spec\.podLabels\.tier must be a string: quote it/);
    expect(() => stringMap('a', { b: true })).toThrow(/^a\.b must be a string/);
    expect(() => stringMap('a', 'x')).toThrow(/^a must be a map, got "x"/);
  });

  test('mapAt and scalar name the key', () => {
    expect(mapAt('a', undefined)).toBeUndefined();
    expect(() => mapAt('a', [1])).toThrow(/^a must be a map, got \[1\]/);
    expect(scalar('a', 1048576)).toBe('1.048576e+06');
    expect(() => scalar('a', { b: 1 })).toThrow(/^a must be a string/);
  });

  test('trimAll strips the cut set from both ends only', () => {
    expect(trimAll(' {"a": {"b": 1}} ', ' {}')).toBe('"a": {"b": 1');
    expect(trimAll('{ }', ' {}')).toBe('');
  });

  test('valuesError rewords a construct error to name the values key, by the error\'s path', () => {
    const table = [['cn.replicas', 'spec.replicas'], ['cn', 'spec']] as const;
    const e = valuesError(new StarRocksPropError('cn.replicas', 'must be a number'), table) as Error;
    expect(e).toBeInstanceOf(HelmValuesError);
    expect(e.message).toBe('spec.replicas must be a number');
    // the part of the path below the table's prefix is kept, list indexes included
    expect((valuesError(new StarRocksPropError('cn.envVars[2].name', 'must be set'), table) as Error).message).toBe('spec.envVars[2].name must be set');
    const other = new StarRocksPropError('fe', 'must be set');
    expect(valuesError(other, table)).toBe(other);
  });

  test('valuesError leaves errors without a prop path as they are, whatever their message', () => {
    const table = [['cn', 'spec']] as const;
    const plain = new Error("'cn.replicas' must be a number");
    expect(valuesError(plain, table)).toBe(plain);
    const helm = new HelmValuesError('spec must be a map');
    expect(valuesError(helm, table)).toBe(helm);
  });
});

describe('shared chart pieces', () => {
  test('literalBlock: exactly one final newline, nothing for line breaks only', () => {
    expect(literalBlock('a = 1')).toBe('a = 1\n');
    expect(literalBlock('a = 1\n\n\n')).toBe('a = 1\n');
    expect(literalBlock('\n\n')).toBe('');
  });

  test('configTextValue: lines of exactly one "=", trimmed, the last one winning, as written', () => {
    expect(configTextValue('http_port = 8030\nhttp_port = 08031\n', 'http_port')).toBe('08031');
    expect(configTextValue('http_port = a = b\n', 'http_port')).toBeUndefined();
    expect(configTextValue('http_port =\n', 'http_port')).toBeUndefined();
    expect(configTextValue(undefined, 'http_port')).toBeUndefined();
  });

  test('storageSize: a binary unit, in the form it is printed', () => {
    expect(storageSize('s', '100Gi').asString()).toBe('100Gi');
    expect(storageSize('s', '0.5Ti').asString()).toBe('0.5Ti');
    expect(() => storageSize('s', '100G')).toThrow(/^s must be a size with a binary unit/);
    expect(() => storageSize('s', '1.0Gi')).toThrow(/^s must be written in its shortest form/);
  });

  test('quantity: numbers, strings and large --set integers; not booleans', () => {
    expect(quantity('q', 4).value).toBe(4);
    expect(quantity('q', '500m').value).toBe('500m');
    expect(quantity('q', BigInt(2000000)).value).toBe('2000000');
    expect(() => quantity('q', true)).toThrow(/^q must be a Kubernetes quantity/);
  });

  test('pullSecrets: maps with a name only', () => {
    expect(pullSecrets('p', [{ name: 'a' }])).toEqual(['a']);
    expect(() => pullSecrets('p', ['a'])).toThrow(/^p\[0\] must be a map with a name/);
  });

  test('withUserAnnotations: the user\'s after the chart\'s; another value for a chart key is refused', () => {
    expect(withUserAnnotations({ a: '1' }, 'x', { b: '2', a: '1' })).toEqual({ a: '1', b: '2' });
    expect(() => withUserAnnotations({ a: '1' }, 'x', { a: '2' }, ' with y')).toThrow(/^x\.a must not be set with y: the chart sets it to "1"/);
    expect(withUserAnnotations({}, 'x', { constructor: 'c' })).toEqual({ constructor: 'c' });
  });
});

describe('kube-starrocks: the shared readers', () => {
  test.each([
    ['a pod label number', { starrocksFESpec: { podLabels: { tier: 1 } } }, 'starrocks.starrocksFESpec.podLabels.tier'],
    ['a componentValues node selector number', { starrocksCluster: { componentValues: { nodeSelector: { zone: 1 } } } },
      'starrocks.starrocksCluster.componentValues.nodeSelector.zone'],
    ['a cluster annotation boolean', { starrocksCluster: { annotations: { a: true } } }, 'starrocks.starrocksCluster.annotations.a'],
    ['a service label number', { starrocksFESpec: { service: { type: 'ClusterIP', labels: { n: 1 } } } }, 'starrocks.starrocksFESpec.service.labels.n'],
    ['a pull secret as a string', { starrocksFESpec: { imagePullSecrets: ['s'] } }, 'starrocks.starrocksFESpec.imagePullSecrets[0]'],
    ['a mount without mountPath', { starrocksBeSpec: { secrets: [{ name: 's' }] } }, 'starrocks.starrocksBeSpec.secrets[0]'],
    ['a storage size not in its printed form', { starrocksFESpec: { storageSpec: { name: 'm', storageSize: '010Gi' } } }, 'starrocks.starrocksFESpec.storageSpec.storageSize'],
    ['a quantity map that is not a map', { starrocksFESpec: { resources: { requests: '4' } } }, 'starrocks.starrocksFESpec.resources.requests'],
    ['a service annotation the Datadog metrics set', {
      datadog: { metrics: { enabled: true } }, starrocksFESpec: { service: { type: 'ClusterIP', annotations: { 'prometheus.io/port': '1' } } },
    }, 'starrocks.starrocksFESpec.service.annotations.prometheus.io/port'],
    ['a top-level Secret name', { secrets: [{ name: 'Bad', data: { a: 'b' } }] }, 'starrocks.secrets[0].name'],
    ['two top-level ConfigMaps of one name', { configMaps: [{ name: 'c', data: { a: 'b' } }, { name: 'c', data: { a: 'b' } }] }, 'starrocks.configMaps[1].name'],
  ])('%s is refused, naming the values key', (_what, values, key) => {
    const e = errorOf(() => renderStarRocks(values));
    expect(e).toBeInstanceOf(HelmValuesError);
    expect(e.message.startsWith(key)).toBe(true);
  });

  test('the Prometheus port is the config\'s text as written', () => {
    const fe = feSpec(renderStarRocks({
      datadog: { metrics: { enabled: true } },
      starrocksFESpec: { config: 'http_port = 08030\n', service: { type: 'ClusterIP' } },
    }));
    expect(fe.service.annotations['prometheus.io/port']).toBe('08030');
  });

  test('the top-level Secrets and ConfigMaps are in the release namespace', () => {
    const manifest = renderStarRocks({ secrets: [{ name: 's', data: { a: 'b' } }], configMaps: [{ name: 'c', data: { a: 'b\n\n' } }] });
    expect(manifest.find((o) => o.kind === 'Secret' && o.metadata.name === 's').metadata.namespace).toBe(NS);
    const cm = manifest.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'c');
    expect(cm.metadata.namespace).toBe(NS);
    expect(cm.data).toEqual({ a: 'b\n' });
  });

  test('null quantities are left out, in the older resource key too', () => {
    // the starrocks subchart alone: a null removes the default `resources`
    const chart = Testing.chart();
    KubeStarRocks.clusterFromValues(chart, 'Cluster', { starrocksFESpec: { resources: null, resource: { requests: { cpu: 1, memory: null } } } });
    expect(feSpec(Testing.synth(chart)).requests).toEqual({ cpu: 1 });
  });
});

describe('kube-starrocks: the constructs\' errors name the values key', () => {
  test.each([
    ['the FE storage name', { starrocksFESpec: { storageSpec: { name: 'Bad_Name' } } }, /^starrocks\.starrocksFESpec\.storageSpec\.name must be /],
    ['the BE storage count', { starrocksBeSpec: { storageSpec: { name: 'be', storageCount: 2.5 } } }, /^starrocks\.starrocksBeSpec\.storageSpec\.storageCount must be /],
    ['the root password Secret', { initPassword: { enabled: true, passwordSecret: 'Bad_Secret' } }, /^starrocks\.initPassword\.passwordSecret must be /],
    ['the cluster name from nameOverride', { nameOverride: 'Bad_Name' }, /^starrocks\.nameOverride must be /],
    ['the cluster name', { starrocksCluster: { name: 'Bad_Name' } }, /^starrocks\.starrocksCluster\.name must be /],
    ['the FE replicas', { starrocksFESpec: { replicas: -1 } }, /^starrocks\.starrocksFESpec\.replicas must be /],
    ['the ServiceMonitor interval', { metrics: { serviceMonitor: { enabled: true, interval: '15 seconds' } } }, /^starrocks\.metrics\.serviceMonitor\.interval must be /],
    // synth-time checks, run by the translation
    ['a FE Service port of no FE port', { starrocksFESpec: { service: { type: 'NodePort', ports: [{ name: 'webserver' }] } } }, /^starrocks\.starrocksFESpec\.service\.ports\[0\] must be to match one of the component's ports/],
    ['a BE Service port for ClusterIP with a node port', { starrocksBeSpec: { service: { type: 'ClusterIP', ports: [{ name: 'webserver', nodePort: 30040 }] } } }, /^starrocks\.starrocksBeSpec\.service\.ports\[0\]\.nodePort must be set only with service type NodePort/],
    ['the metrics basic auth Secret name', { metrics: { serviceMonitor: { enabled: true, basicAuth: { enabled: true, usernameSecretName: 'Bad_Name', usernameSecretKey: 'u', passwordSecretName: 'p', passwordSecretKey: 'p' } } } }, /^starrocks\.metrics\.serviceMonitor\.basicAuth\.usernameSecretName must be a DNS-1123 subdomain/],
  ])('fails for %s, naming its values key', (_what, values, message) => {
    const e = errorOf(() => renderHelmChart({
      chart: 'kube-starrocks', release: 'kube-starrocks', namespace: NS, apiVersions: ['monitoring.coreos.com/v1'], values: { starrocks: values },
    }));
    expect(e).toBeInstanceOf(HelmValuesError);
    expect(e.message).toMatch(message);
  });
});

describe('kube-starrocks: disaster recovery', () => {
  const disasterRecovery = (dr: unknown) => renderStarRocks({ starrocksCluster: { disasterRecovery: dr } })
    .find((o) => o.kind === 'StarRocksCluster').spec.disasterRecovery;

  test('switched off, it is the typed prop: printed as given, without a snapshot mount', () => {
    expect(disasterRecovery({ enabled: false, generation: 3 })).toEqual({ enabled: false, generation: 3 });
  });

  test('switched on without a snapshot mount, it is printed as the chart prints it', () => {
    expect(disasterRecovery({ generation: 2 })).toEqual({ generation: 2 });
    expect(disasterRecovery({ enabled: true, generation: 2 })).toEqual({ enabled: true, generation: 2 });
  });

  test('without enabled and with a snapshot mount, it is printed without enabled, as the chart prints it', () => {
    const dr = renderStarRocks({
      starrocksCluster: { disasterRecovery: { generation: 5 } },
      starrocksFESpec: { configMaps: [{ name: 'snap', mountPath: '/opt/starrocks/fe/conf/cluster_snapshot.yaml', subPath: 'cluster_snapshot.yaml' }] },
    }).find((o) => o.kind === 'StarRocksCluster').spec.disasterRecovery;
    expect(dr).toStrictEqual({ generation: 5 });
  });

  test('fails for a generation that is no whole number, naming the values key', () => {
    const e = errorOf(() => disasterRecovery({ enabled: true, generation: -2 }));
    expect(e).toBeInstanceOf(HelmValuesError);
    expect(e.message).toMatch(/^starrocks\.starrocksCluster\.disasterRecovery\.generation must be a whole number from 0/);
  });
});

describe('chartConfig', () => {
  test('hashes the values as Helm holds them, or takes the chart\'s fixed hash (through the public fromText)', () => {
    expect(chartConfig('a = 1\n', { a: '1' }).hash).toBe(StarRocksConfig.fromEntries({ a: '1' }).hash);
    expect(chartConfig('a = 1\n', 'a = 1\n').hash).not.toBe(chartConfig('a = 1\n', { a: '1' }).hash);
    expect(chartConfig('', undefined, 'no-config').hash).toBe('no-config');
  });
});

describe('goPrint', () => {
  // Go's fmt %v of the values Helm holds: float64 numbers, map[string]interface{} with sorted keys, []interface{}
  test('prints maps and lists as Go does, never [object Object]', () => {
    expect(goPrint({ b: 'x', a: 1 })).toBe('map[a:1 b:x]');
    expect(goPrint([1, 'a', true])).toBe('[1 a true]');
    expect(goPrint({ a: [12345678] })).toBe('map[a:[1.2345678e+07]]');
    expect(goPrint(3.1)).toBe('3.1');
  });
});

describe('valuesError', () => {
  test('a prop the values leave unset is "not set", never "got undefined"', () => {
    const e = valuesError(new StarRocksPropError('cn.x', 'must be a string, got undefined'), [['cn', 'spec']]);
    expect((e as Error).message).toBe('spec.x must be a string, but it is not set');
  });
});

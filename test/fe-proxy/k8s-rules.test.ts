/**
 * The API server's rules (src/common/k8s-rules.ts) on the FE proxy's props: each refused when the
 * cluster is defined, naming its prop and value.
 */
import { Testing } from 'cdk8s';
import { StarRocksCluster } from '../../src/cluster/cluster';
import { ResourceQuantity } from '../../src/common/quantity';
import { ServiceType } from '../../src/components/options';
import { FeProxyOptions } from '../../src/fe-proxy/fe-proxy';
import { find, synthValid } from '../util/synth';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

const make = (feProxy: FeProxyOptions) => () => new StarRocksCluster(Testing.chart(), 'Sr', { feProxy });

describe('FE proxy props checked with the API server\'s rules', () => {
  test('accepts valid values of every checked prop, and writes them', () => {
    // GIVEN
    const chart = Testing.chart();
    new StarRocksCluster(chart, 'Sr', {
      feProxy: {
        podLabels: { team: 'data' },
        podAnnotations: { 'example.com/a': 'b' },
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }],
        affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['x'] }] } }] } },
        schedulerName: 'my-scheduler',
        serviceAccount: 'proxy',
        imagePullSecrets: ['regcred'],
        resolver: 'coredns.kube-system.svc.cluster.local valid=10s',
        resources: { requests: { cpu: ResourceQuantity.of('500m') }, limits: { cpu: ResourceQuantity.of('1') } },
        service: { type: ServiceType.NODE_PORT, annotations: { 'a.example.com/x': 'y' }, labels: { tier: 'edge' }, ports: [{ name: 'http-port', nodePort: 30080 }] },
      },
    });

    // WHEN
    const spec = find(synthValid(chart), 'StarRocksCluster', 'sr').spec.starRocksFeProxySpec;

    // THEN
    expect(spec.resolver).toBe('coredns.kube-system.svc.cluster.local valid=10s');
    expect(spec.schedulerName).toBe('my-scheduler');
    expect(spec.imagePullSecrets).toStrictEqual([{ name: 'regcred' }]);
  });

  test('accepts an empty resolver, the chart\'s default', () => {
    expect(make({ resolver: '' })).not.toThrow();
  });

  test.each<[string, FeProxyOptions, RegExp]>([
    ['a pod label value', { podLabels: { team: 'a b' } }, /'feProxy\.podLabels\.team' must be a label value .* got "a b"/],
    ['a pod annotation key', { podAnnotations: { 'a b': 'x' } }, /'feProxy\.podAnnotations' must be keys .* got "a b"/],
    ['pod annotations over 256 KiB', { podAnnotations: { a: 'x'.repeat(256 * 1024) } }, /'feProxy\.podAnnotations' must be at most 262144 bytes/],
    ['a nodeSelector key', { nodeSelector: { 'a/b/c': 'x' } }, /'feProxy\.nodeSelector' must be keys .* got "a\/b\/c"/],
    ['a toleration operator', { tolerations: [{ key: 'k', operator: 'Maybe' }] }, /'feProxy\.tolerations\[0\]\.operator' must be one of "Exists", "Equal", got "Maybe"/],
    ['an affinity without topology key', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: '' }] } } }, /'feProxy\.affinity\.podAffinity\.requiredDuringSchedulingIgnoredDuringExecution\[0\]\.topologyKey' must be/],
    ['an affinity match expression with values and Exists', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] } }] } } },
      /labelSelector\.matchExpressions\[0\]\.values' must be empty with operator Exists/],
    ['a scheduler name', { schedulerName: 'My Scheduler' }, /'feProxy\.schedulerName' must be a DNS-1123 subdomain .* got "My Scheduler"/],
    ['an empty service account', { serviceAccount: '' }, /'feProxy\.serviceAccount' must be a DNS-1123 subdomain .* got ""/],
    ['an image pull secret', { imagePullSecrets: ['Reg_Cred'] }, /'feProxy\.imagePullSecrets\[0\]' must be a DNS-1123 subdomain .* got "Reg_Cred"/],
    ['a resolver that would end the directive', { resolver: '10.0.0.1; include /etc/passwd' }, /'feProxy\.resolver' must be nginx resolver addresses/],
    ['a resolver over the 1 MiB of the ConfigMap', { resolver: 'a'.repeat(1024 * 1024 + 1) }, /'feProxy\.resolver' must be at most 1048576 bytes/],
    ['a request above its limit', { resources: { requests: { memory: ResourceQuantity.of('1Gi') }, limits: { memory: ResourceQuantity.of('512Mi') } } }, /'feProxy\.resources\.requests\.memory' must be at most its limit "512Mi" .*got "1Gi"/],
    ['a resource name', { resources: { requests: { 'bad name': ResourceQuantity.of('1') } } }, /'feProxy\.resources\.requests' must be keys that are each a resource name.* got "bad name"/],
    ['a service annotation key', { service: { annotations: { 'a b': 'x' } } }, /'feProxy\.service\.annotations' must be keys .* got "a b"/],
    ['a service label value', { service: { labels: { tier: '-edge' } } }, /'feProxy\.service\.labels\.tier' must be a label value/],
    ['two service ports of one name', { service: { type: ServiceType.NODE_PORT, ports: [{ name: 'http-port', nodePort: 30080 }, { name: 'http-port', port: 80 }] } }, /'feProxy\.service\.ports\[1\]' must be a port whose name differs from that of feProxy\.service\.ports\[0\]/],
  ])('fails for %s', (_what, feProxy, message) => {
    expect(make(feProxy)).toThrow(message);
  });
});

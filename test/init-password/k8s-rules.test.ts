/**
 * The API server's rules (src/common/k8s-rules.ts) on the init-password Job's own props: each
 * refused at construction, naming its prop and value (never the password).
 */
import { Chart, Testing } from 'cdk8s';
import { StarRocksCluster } from '../../src/cluster/cluster';
import { ResourceQuantity } from '../../src/common/quantity';
import { InitPasswordJob, InitPasswordJobOptions } from '../../src/init-password/init-password-job';
import { RootPasswordSource } from '../../src/init-password/password-source';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

function make(options: Partial<InitPasswordJobOptions>, clusterName = 'sr'): () => void {
  return () => {
    const chart = new Chart(Testing.app(), 'test');
    const cluster = new StarRocksCluster(chart, 'Cluster', { name: clusterName, namespace: 'db' });
    new InitPasswordJob(chart, 'RootPassword', { cluster, password: RootPasswordSource.fromSecretName('sr-root'), ...options });
    Testing.synth(chart);
  };
}

describe('init-password Job props checked with the API server\'s rules', () => {
  test('accepts valid values of every checked prop', () => {
    expect(make({
      labels: { 'team': 'data', 'example.com/tier': '' },
      annotations: { 'argocd.argoproj.io/hook': 'PostSync' },
      podAnnotations: { 'sidecar.istio.io/inject': 'false' },
      tolerations: [{ operator: 'Exists' }],
      affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } }] } },
      resources: { requests: { cpu: ResourceQuantity.of('100m') }, limits: { cpu: ResourceQuantity.fromNumber(0.5) } },
    })).not.toThrow();
  });

  test.each<[string, Partial<InitPasswordJobOptions>, RegExp]>([
    ['a label key', { labels: { 'a b': 'x' } }, /'labels' must be keys that are each a qualified name .* got "a b"/],
    ['a label value', { labels: { team: 'x'.repeat(64) } }, /'labels\.team' must be a label value/],
    ['an annotation key', { annotations: { '/x': 'y' } }, /'annotations' must be keys .* got "\/x"/],
    ['annotations over 256 KiB', { annotations: { a: 'x'.repeat(300 * 1024) } }, /'annotations' must be at most 262144 bytes/],
    ['a pod annotation key', { podAnnotations: { 'x/': 'y' } }, /'podAnnotations' must be keys .* got "x\/"/],
    ['a toleration with Exists and a value', { tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] }, /'tolerations\[0\]\.value' must be empty when the operator is "Exists", got "v"/],
    ['a toleration effect', { tolerations: [{ key: 'k', effect: 'Never' }] }, /'tolerations\[0\]\.effect' must be one of/],
    ['a node affinity Gt without one number', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['many'] }] }] } } } },
      /matchExpressions\[0\]\.values' must be exactly one whole number \(as text\) with operator Gt, got \["many"\]/],
    ['a request above its limit', { resources: { requests: { cpu: ResourceQuantity.of('2') }, limits: { cpu: ResourceQuantity.of('1500m') } } }, /'resources\.requests\.cpu' must be at most its limit "1500m" .*got "2"/],
    ['a resource name', { resources: { requests: { 'bad name': ResourceQuantity.of('1') } } }, /'resources\.requests' must be keys that are each a resource name.* got "bad name"/],
    ['an image', { image: 'fe:' }, /'image' must be an image reference/],
  ])('fails for %s', (_what, options, message) => {
    expect(make(options)).toThrow(message);
  });
});

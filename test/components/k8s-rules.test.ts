/**
 * The API server's rules added for issue 12 on a component's props: requests and limits, resource
 * names, env var references, affinity. Each refused at construction or synth, naming its prop.
 */
import { Testing } from 'cdk8s';
import { StarRocksCluster, StarRocksClusterProps } from '../../src/cluster/cluster';
import { ResourceQuantity } from '../../src/common/quantity';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

function make(props: StarRocksClusterProps): () => void {
  return () => {
    const chart = Testing.chart();
    new StarRocksCluster(chart, 'Sr', props);
    Testing.synth(chart);
  };
}

describe('component props checked with the API server\'s rules', () => {
  test('accepts requests at their limits, extended resources and huge pages', () => {
    expect(make({
      fe: { resources: { requests: { cpu: ResourceQuantity.of('1000m'), memory: ResourceQuantity.of('1Gi') }, limits: { cpu: ResourceQuantity.of('1'), memory: ResourceQuantity.of('1073741824') } } },
      be: { resources: { requests: { cpu: ResourceQuantity.fromNumber(0.5) }, limits: { 'cpu': ResourceQuantity.of('500m'), 'nvidia.com/gpu': ResourceQuantity.of('1'), 'hugepages-2Mi': ResourceQuantity.of('64Mi') } } },
    })).not.toThrow();
  });

  test.each<[string, StarRocksClusterProps, RegExp]>([
    ['CPU requested above its limit', { fe: { resources: { requests: { cpu: ResourceQuantity.of('1') }, limits: { cpu: ResourceQuantity.of('500m') } } } },
      /'fe\.resources\.requests\.cpu' must be at most its limit "500m" .*got "1"/],
    ['memory requested above its limit', { be: { resources: { requests: { memory: ResourceQuantity.of('1Gi') }, limits: { memory: ResourceQuantity.of('512Mi') } } } },
      /'be\.resources\.requests\.memory' must be at most its limit "512Mi" .*got "1Gi"/],
    ['a resource named "bad name"', { cn: { resources: { limits: { 'bad name': ResourceQuantity.of('1') } } } },
      /'cn\.resources\.limits' must be keys that are each a resource name.* got "bad name"/],
    ['a GPU request without a limit', { be: { resources: { requests: { 'nvidia.com/gpu': ResourceQuantity.of('1') } } } },
      /'be\.resources\.limits' must set "nvidia\.com\/gpu" too/],
    ['a secretKeyRef naming no Secret', { fe: { envVars: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'Bad_Name', key: 'k' } } }] } },
      /'fe\.envVars\[0\]\.valueFrom\.secretKeyRef\.name' must be a DNS-1123 subdomain .* got "Bad_Name"/],
    ['a configMapKeyRef key with a slash', { cn: { envVars: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cm', key: 'a/b' } } }] } },
      /'cn\.envVars\[0\]\.valueFrom\.configMapKeyRef\.key' must be a ConfigMap or Secret key/],
    ['an affinity operator', { fe: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.labels', operator: 'In', values: ['x'] }] }] } } } } },
      /'fe\.affinity\.nodeAffinity\.requiredDuringSchedulingIgnoredDuringExecution\.nodeSelectorTerms\[0\]\.matchFields\[0\]\.key' must be "metadata\.name"/],
    ['a shared affinity weight, named where it is given', { shared: { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 101, podAffinityTerm: { topologyKey: 'zone' } }] } } }, be: {} },
      /'shared\.affinity\.podAntiAffinity\.preferredDuringSchedulingIgnoredDuringExecution\[0\]\.weight' must be a whole number from 1 to 100, got 101/],
  ])('fails for %s', (_what, props, message) => {
    expect(make(props)).toThrow(message);
  });

  test('fails for requests above limits when the cluster is defined, not only at synth', () => {
    expect(() => new StarRocksCluster(Testing.chart(), 'Sr', {
      fe: { resources: { requests: { memory: ResourceQuantity.of('2Gi') }, limits: { memory: ResourceQuantity.of('2047Mi') } } },
    })).toThrow(/^'fe\.resources\.requests\.memory' must be at most its limit "2047Mi" \(the API server refuses a request above the limit\), got "2Gi"$/);
  });
});

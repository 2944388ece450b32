/**
 * The API server's rules (src/common/k8s-rules.ts) on the operator's Deployment and
 * ServiceAccount: each prop refused at construction, naming its path and value.
 */
import { Chart, Testing } from 'cdk8s';
import { ResourceQuantity } from '../../src/common/quantity';
import { StarRocksOperator, StarRocksOperatorProps } from '../../src/operator';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

const make = (props: StarRocksOperatorProps) => () => new StarRocksOperator(new Chart(Testing.app(), 'c', { namespace: 'ops' }), 'Operator', props);

describe('operator props checked with the API server\'s rules', () => {
  test('accepts valid values of every checked prop', () => {
    expect(make({
      annotations: { 'example.com/owner': 'data team' },
      podAnnotations: { 'prometheus.io/scrape': 'true' },
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'ops', effect: 'NoSchedule' }],
      affinity: {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } },
        podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'x' } } } }] },
      },
      envVars: [{ name: 'KUBE_STARROCKS_UNSUPPORTED_ENVS', value: 'A,B' }, { name: 'S', valueFrom: { secretKeyRef: { name: 'my-secret', key: 'token' } } }],
      resources: { requests: { cpu: ResourceQuantity.of('250m') }, limits: { cpu: ResourceQuantity.of('1') } },
      serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/x' }, labels: { team: 'ops' } },
    })).not.toThrow();
  });

  test.each<[string, StarRocksOperatorProps, RegExp]>([
    ['an annotation key', { annotations: { 'bad key': 'x' } }, /'operator\.annotations' must be keys that are each a qualified name .* got "bad key"/],
    ['a pod annotation key', { podAnnotations: { '-x': 'x' } }, /'operator\.podAnnotations' must be keys .* got "-x"/],
    ['pod annotations over 256 KiB', { podAnnotations: { a: 'x'.repeat(256 * 1024) } }, /'operator\.podAnnotations' must be at most 262144 bytes/],
    ['a nodeSelector key', { nodeSelector: { 'a b': 'x' } }, /'operator\.nodeSelector' must be keys .* got "a b"/],
    ['a nodeSelector value', { nodeSelector: { zone: 'not ok' } }, /'operator\.nodeSelector\.zone' must be a label value .* got "not ok"/],
    ['a toleration operator', { tolerations: [{ key: 'k', operator: 'Maybe' }] }, /'operator\.tolerations\[0\]\.operator' must be one of "Exists", "Equal", got "Maybe"/],
    ['tolerationSeconds without NoExecute', { tolerations: [{ key: 'k', effect: 'NoSchedule', tolerationSeconds: 5 }] }, /'operator\.tolerations\[0\]\.tolerationSeconds'/],
    ['an env var name', { envVars: [{ name: '1A', value: 'x' }] }, /'operator\.envVars\[0\]\.name' must be an environment variable name/],
    ['an env var with value and valueFrom', { envVars: [{ name: 'A', value: 'hidden', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }, /'operator\.envVars\[0\]' must set either value or valueFrom/],
    ['a secretKeyRef name', { envVars: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'My_Secret', key: 'k' } } }] }, /'operator\.envVars\[0\]\.valueFrom\.secretKeyRef\.name' must be a DNS-1123 subdomain .* got "My_Secret"/],
    ['a configMapKeyRef key', { envVars: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cm', key: 'a/b' } } }] }, /'operator\.envVars\[0\]\.valueFrom\.configMapKeyRef\.key' must be a ConfigMap or Secret key/],
    ['an affinity operator', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'Maybe' }] }] } } } },
      /'operator\.affinity\.nodeAffinity\.requiredDuringSchedulingIgnoredDuringExecution\.nodeSelectorTerms\[0\]\.matchExpressions\[0\]\.operator' must be one of "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt", got "Maybe"/],
    ['an affinity without node selector terms', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } }, /nodeSelectorTerms' must be at least one node selector term/],
    ['a pod affinity weight', { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: { topologyKey: 'zone' } }] } } }, /'operator\.affinity\.podAffinity\.preferredDuringSchedulingIgnoredDuringExecution\[0\]\.weight' must be a whole number from 1 to 100, got 0/],
    ['a pod affinity topology key', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: '', labelSelector: { matchLabels: { app: 'x' } } }] } } }, /requiredDuringSchedulingIgnoredDuringExecution\[0\]\.topologyKey' must be a node label key/],
    ['a label selector value', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelector: { matchLabels: { app: 'a b' } } }] } } }, /labelSelector\.matchLabels\.app' must be a label value/],
    ['a request above its limit', { resources: { requests: { memory: ResourceQuantity.of('1Gi') }, limits: { memory: ResourceQuantity.of('512Mi') } } }, /'operator\.resources\.requests\.memory' must be at most its limit "512Mi" .*got "1Gi"/],
    ['a resource name', { resources: { limits: { 'bad name': ResourceQuantity.of('1') } } }, /'operator\.resources\.limits' must be keys that are each a resource name.* got "bad name"/],
    ['a service account annotation key', { serviceAccount: { annotations: { 'a b': 'x' } } }, /'operator\.serviceAccount\.annotations' must be keys/],
    ['a service account label value', { serviceAccount: { labels: { team: '-x' } } }, /'operator\.serviceAccount\.labels\.team' must be a label value/],
    ['an image the kubelet cannot pull', { image: 'starrocks/operator:v1@sha256:abc' }, /'operator\.image' must be an image reference/],
  ])('fails for %s', (_what, props, message) => {
    expect(make(props)).toThrow(message);
  });

  test('never shows an env var\'s value', () => {
    expect(make({ envVars: [{ name: 'A', value: 's3cret-value', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] })).toThrow(/^(?!.*s3cret-value)/s);
  });
});

// Scheduling: node selection and tolerations for every component, BE pods spread over zones, and
// a PodDisruptionBudget that selects the BE pods by their selector labels.
// README:begin
import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { StarRocksCluster } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'scheduling', { namespace: 'starrocks' });
  // The labels the operator puts on the BE pods of a cluster named `analytics`;
  // `cluster.be.selectorLabels` returns the same map once the cluster exists.
  const bePods = {
    'app.kubernetes.io/component': 'be',
    'app.starrocks.ownerreference/name': 'analytics-be',
  };
  const cluster = new StarRocksCluster(chart, 'Analytics', {
    // FE, BE and CN inherit these unless they set their own.
    shared: {
      nodeSelector: { 'node.kubernetes.io/pool': 'starrocks' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'starrocks', effect: 'NoSchedule' }],
    },
    be: {
      replicas: 3,
      topologySpreadConstraints: [{
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: bePods },
      }],
    },
  });
  // Other objects select the pods of a component with its selector labels.
  new k8s.KubePodDisruptionBudget(chart, 'BeBudget', {
    spec: {
      maxUnavailable: k8s.IntOrString.fromNumber(1),
      selector: { matchLabels: cluster.be!.selectorLabels },
    },
  });
  return chart;
}
// README:end

// PodDisruptionBudgets for the pods the operator creates.
// README:begin
import { App, Chart } from 'cdk8s';
import { DisruptionBudget, StarRocksCluster, UnhealthyPodEvictionPolicy } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'disruption-budgets', { namespace: 'starrocks' });
  const cluster = new StarRocksCluster(chart, 'Analytics', {
    fe: { replicas: 3 },
    be: { replicas: 3 },
    cn: { replicas: 4 },
    feProxy: { replicas: 2 },
  });
  // `analytics-fe-pdb`, `analytics-be-pdb` and `analytics-cn-pdb`
  cluster.addDisruptionBudgets('DisruptionBudgets', {
    // FE and BE keep the default, one pod at a time.
    // With BE in the cluster, CN pods hold no data: let half of them go at once.
    cn: DisruptionBudget.maxUnavailablePercent(50),
    // no budget for the FE proxy
    feProxy: DisruptionBudget.none(),
    // a crash-looping pod never blocks a node drain
    unhealthyPodEvictionPolicy: UnhealthyPodEvictionPolicy.ALWAYS_ALLOW,
  });
  return chart;
}
// README:end

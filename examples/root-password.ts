// The root password, from a Secret created outside cdk8s.
// README:begin
import { App, Chart } from 'cdk8s';
import { RootPasswordSource, StarRocksCluster } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'root-password', { namespace: 'starrocks' });
  const cluster = new StarRocksCluster(chart, 'Analytics');
  cluster.addInitPassword('RootPassword', {
    // The Secret `starrocks-root` (key `password`) must exist in the cluster's
    // namespace before the pods start.
    password: RootPasswordSource.fromSecretName('starrocks-root', 'password'),
    // After the first deployment has set the password: emitJob: false,
  });
  return chart;
}
// README:end

// Argo CD: one app holding the CRDs, the operator and a cluster with a warehouse, ordered by sync
// waves, with the init-password Job as a PostSync hook. Argo CD runs it through a Config
// Management Plugin (see the README).
// README:begin
import { App, Chart } from 'cdk8s';
import { OperatorCrdSource, RootPasswordSource, StarRocksCluster, StarRocksGitOps, StarRocksOperator } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'starrocks', { namespace: 'starrocks' });
  new StarRocksOperator(chart, 'Operator', {
    // The CRDs as ordinary objects: applied (server-side) and upgraded with
    // every sync, never pruned.
    crds: [
      OperatorCrdSource.fromFile('crds/starrocks.com_starrocksclusters.yaml'),
      OperatorCrdSource.fromFile('crds/starrocks.com_starrockswarehouses.yaml'),
    ],
  });
  const cluster = new StarRocksCluster(chart, 'Analytics', { cn: { replicas: 1 } });
  // A warehouse needs a StarRocks enterprise edition CN image.
  cluster.addWarehouse('Etl', { image: 'registry.example.com/starrocks/cn-ee:3.3.8', replicas: 2 });
  cluster.addInitPassword('RootPassword', {
    password: RootPasswordSource.fromSecretName('starrocks-root', 'password'),
  });
  // Last, once every StarRocks object is defined: CRDs in wave -2, the
  // operator in -1, the cluster in 0, the warehouse in 1; the Job a PostSync
  // hook, deleted when it succeeds.
  StarRocksGitOps.argoCd(chart);
  return chart;
}
// README:end

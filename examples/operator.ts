// The StarRocks operator itself, watching one namespace, with its CRDs read from local files.
// README:begin
import { App, Chart } from 'cdk8s';
import { OperatorCrdSource, StarRocksOperator } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'operator', { namespace: 'starrocks-operator' });
  new StarRocksOperator(chart, 'Operator', {
    // Only StarRocks resources in this namespace are reconciled; the operator's
    // Role and RoleBinding go there too.
    watchNamespace: 'starrocks',
    timeZone: 'UTC',
    // Copies of the release's CRD files, read when the app synthesizes (paths are
    // relative to the directory `cdk8s synth` runs in).
    crds: [
      OperatorCrdSource.fromFile('crds/starrocks.com_starrocksclusters.yaml'),
      OperatorCrdSource.fromFile('crds/starrocks.com_starrockswarehouses.yaml'),
    ],
  });
  return chart;
}
// README:end

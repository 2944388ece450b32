// Names other constructs can use: Services, ports, clusters defined elsewhere.
// README:begin
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { StarRocksCluster } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'names', { namespace: 'starrocks' });
  const cluster = new StarRocksCluster(chart, 'Analytics');
  // A cluster defined in another app or namespace, known by its name.
  const reporting = StarRocksCluster.fromClusterName(chart, 'Reporting', 'reporting', { namespace: 'bi' });

  new kplus.Deployment(chart, 'Loader', {
    containers: [{
      image: 'example.com/loader:1.0',
      envVariables: {
        // analytics-fe-service:9030, in the same namespace
        STARROCKS_HOST: kplus.EnvValue.fromValue(cluster.feServiceName),
        STARROCKS_PORT: kplus.EnvValue.fromValue(String(cluster.feQueryPort)),
        // reporting-fe-service.bi.svc:9030
        REPORTING_HOST: kplus.EnvValue.fromValue(`${reporting.feServiceName}.${reporting.clusterNamespace}.svc`),
        REPORTING_PORT: kplus.EnvValue.fromValue(String(reporting.feQueryPort)),
      },
    }],
  });
  return chart;
}
// README:end

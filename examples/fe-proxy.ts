// The FE proxy: nginx in front of the FE HTTP port, for Stream Load from outside Kubernetes.
// README:begin
import { App, Chart } from 'cdk8s';
import { ServiceType, StarRocksCluster } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'fe-proxy', { namespace: 'starrocks' });
  new StarRocksCluster(chart, 'Analytics', {
    feProxy: {
      replicas: 2,
      // Loaders outside Kubernetes send Stream Load requests to this
      // Service (`analytics-fe-proxy-service`), port 8080.
      service: {
        type: ServiceType.LOAD_BALANCER,
        loadBalancerSourceRanges: ['10.0.0.0/8'],
      },
    },
  });
  return chart;
}
// README:end

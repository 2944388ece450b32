// The component Services the operator creates: type, load balancer settings, ports.
// README:begin
import { App, Chart } from 'cdk8s';
import { ServiceType, StarRocksCluster } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'services', { namespace: 'starrocks' });
  new StarRocksCluster(chart, 'Analytics', {
    fe: {
      // `analytics-fe-service`: MySQL clients connect to port 9030.
      service: {
        type: ServiceType.LOAD_BALANCER,
        annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' },
        loadBalancerSourceRanges: ['10.0.0.0/8'],
      },
    },
    be: {
      // `analytics-be-service`: expose the BE web server on a fixed node port.
      service: {
        type: ServiceType.NODE_PORT,
        ports: [{ name: 'webserver', nodePort: 30840 }],
      },
    },
  });
  return chart;
}
// README:end

// CN autoscaling: the operator creates a HorizontalPodAutoscaler for the CN StatefulSet.
// README:begin
import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { HpaVersion, StarRocksCluster } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'autoscaling', { namespace: 'starrocks' });
  const cpuAt60Percent: k8s.MetricSpecV2 = {
    type: 'Resource',
    resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } },
  };
  new StarRocksCluster(chart, 'Analytics', {
    cn: {
      // no `replicas`: the HPA owns the number of CN pods
      autoScaling: {
        minReplicas: 1,
        maxReplicas: 10,
        version: HpaVersion.V2,
        metrics: [cpuAt60Percent],
        behavior: {
          scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] },
          scaleDown: { stabilizationWindowSeconds: 600 },
        },
      },
    },
  });
  return chart;
}
// README:end

// Escape hatches: patch the custom resource where the typed API has no property.
// README:begin
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { StarRocksCluster } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'escape-hatch', { namespace: 'starrocks' });
  const cluster = new StarRocksCluster(chart, 'Analytics', { feProxy: {} });
  // `ApiObject.of(cluster)` and `cluster.apiObject` are the StarRocksCluster resource.
  ApiObject.of(cluster).addJsonPatch(
    JsonPatch.add('/spec/starRocksFeProxySpec/startupProbeFailureSeconds', 60),
  );
  cluster.apiObject.metadata.addAnnotation('example.com/owner', 'data-platform');
  return chart;
}
// README:end

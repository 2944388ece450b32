// Validation: mistakes fail at synth time; doubtful settings give warnings.
// README:begin
import { App, Chart } from 'cdk8s';
import { StarRocksCluster } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'validation', { namespace: 'starrocks' });
  // Warns: FE elects its leader by majority, so an even number of FE pods
  // tolerates no more failures than one pod fewer.
  new StarRocksCluster(chart, 'Analytics', { fe: { replicas: 4 } });
  return chart;
}
// README:end

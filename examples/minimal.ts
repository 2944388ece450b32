// The smallest working example: one FE and one BE with the operator's defaults.
// README:begin
import { App, Chart } from 'cdk8s';
import { StarRocksCluster } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'minimal', { namespace: 'starrocks' });
  new StarRocksCluster(chart, 'Analytics');
  return chart;
}
// README:end

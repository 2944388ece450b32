// Datadog: log collection, metrics scraping and profiling.
// README:begin
import { App, Chart } from 'cdk8s';
import { DatadogLogConfig, StarRocksCluster } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'datadog', { namespace: 'starrocks' });
  const cluster = new StarRocksCluster(chart, 'Analytics');
  cluster.addDatadog('Datadog', {
    logs: {
      config: DatadogLogConfig.fromObject({ tags: ['env:prod'] }),
      // joins the lines of a stack trace into one log record
      multilineLogParsing: true,
    },
    // `prometheus.io/*` annotations on the FE, BE and CN Services
    metrics: true,
    profiling: { fe: true, env: 'prod' },
  });
  return chart;
}
// README:end

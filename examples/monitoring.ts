// Prometheus: ServiceMonitors for every component and the opt-in alerting rules.
// README:begin
import { App, Chart, Duration } from 'cdk8s';
import { ScrapeInterval, StarRocksCluster } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'monitoring', { namespace: 'starrocks' });
  const cluster = new StarRocksCluster(chart, 'Analytics', { cn: { replicas: 2 } });
  // ServiceMonitors `analytics-fe`, `analytics-be` and `analytics-cn`.
  cluster.addServiceMonitor('Metrics', {
    // the label your Prometheus selects ServiceMonitors by
    labels: { release: 'prometheus' },
    interval: ScrapeInterval.duration(Duration.seconds(30)),
  });
  // PrometheusRule `analytics-alerts`.
  cluster.addPrometheusRule('Alerts', {
    labels: { release: 'prometheus' },
    alertLabels: { team: 'data-platform' },
    beDiskUsageWarningPercent: 80,
    disabledAlerts: ['StarRocksCompactionScoreHigh'],
  });
  return chart;
}
// README:end

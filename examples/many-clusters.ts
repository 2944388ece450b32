// Many clusters in one app, written with the faster YAML writer of StarRocksApp.
// README:begin
import { App, Chart } from 'cdk8s';
import { StarRocksApp, StarRocksCluster } from '../src';

const TEAMS = ['analytics', 'finance', 'growth'];

export function build(app: App): Chart {
  const chart = new Chart(app, 'many-clusters', { namespace: 'starrocks' });
  for (const team of TEAMS) {
    new StarRocksCluster(chart, team, { name: team, labels: { team } });
  }
  return chart;
}

// main.ts: StarRocksApp in place of App; the same files, written faster
export function main(): void {
  const app = new StarRocksApp();
  build(app);
  app.synth();
}
// README:end

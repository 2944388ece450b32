// Config files: entries or text, and the config hash that rolls the pods when they change.
// README:begin
import { App, Chart } from 'cdk8s';
import { StarRocksCluster, StarRocksConfig } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'config', { namespace: 'starrocks' });
  const cluster = new StarRocksCluster(chart, 'Analytics', {
    fe: {
      // Entries are written as sorted `key = value` lines.
      config: StarRocksConfig.fromEntries({
        query_port: '9030',
        sys_log_level: 'INFO',
        min_graceful_exit_time_second: '25',
      }),
    },
    be: {
      // Text is kept byte for byte, comments included.
      config: StarRocksConfig.fromText([
        '# BE settings',
        'sys_log_level = INFO',
        'default_rowset_type = beta',
        '',
      ].join('\n')),
    },
  });
  // Entries can be added after the cluster is defined; setting a key twice to
  // different values is an error.
  cluster.fe.addConfig('qe_max_connection', '4096');
  return chart;
}
// README:end

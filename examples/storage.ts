// Persistent volumes for FE metadata and logs, BE data, logs and spill.
// README:begin
import { App, Chart, Size } from 'cdk8s';
import { StarRocksCluster, StarRocksConfig } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'storage', { namespace: 'starrocks' });
  new StarRocksCluster(chart, 'Analytics', {
    fe: {
      replicas: 3,
      metaStorage: { size: Size.gibibytes(20), storageClassName: 'gp3' },
      logStorage: { size: Size.gibibytes(5) },
    },
    be: {
      replicas: 3,
      dataStorage: { size: Size.tebibytes(1), storageClassName: 'gp3' },
      // Two data volumes per pod: the library adds their paths to be.conf
      // as `storage_root_path`.
      dataVolumeCount: 2,
      config: StarRocksConfig.fromEntries({ sys_log_level: 'INFO' }),
      logStorage: { size: Size.gibibytes(20) },
      spillStorage: { size: Size.gibibytes(100) },
    },
  });
  return chart;
}
// README:end

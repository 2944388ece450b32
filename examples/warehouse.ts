// A warehouse: a separately sized group of CN pods of a shared-data cluster (enterprise edition).
// README:begin
import { App, Chart, Size } from 'cdk8s';
import { ResourceQuantity, StarRocksCluster, StarRocksConfig } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'warehouse', { namespace: 'starrocks' });
  const enterprise = 'registry.example.com/starrocks';
  const cluster = new StarRocksCluster(chart, 'Lakehouse', {
    fe: {
      image: `${enterprise}/fe-ee:3.3.8`,
      replicas: 3,
      config: StarRocksConfig.fromEntries({
        run_mode: 'shared_data',
        cloud_native_storage_type: 'S3',
        aws_s3_path: 'my-bucket/starrocks',
        aws_s3_region: 'us-west-2',
        aws_s3_use_instance_profile: 'true',
      }),
    },
    be: { enabled: false },
    cn: { image: `${enterprise}/cn-ee:3.3.8`, replicas: 2 },
  });
  // StarRocksWarehouse `etl`: the warehouse `etl` inside StarRocks, run by the
  // StatefulSet `etl-warehouse-cn`. Takes every CN setting.
  const etl = cluster.addWarehouse('Etl', {
    image: `${enterprise}/cn-ee:3.3.8`,
    replicas: 4,
    resources: {
      requests: { cpu: ResourceQuantity.fromNumber(8), memory: ResourceQuantity.of('32Gi') },
    },
    dataStorage: { size: Size.gibibytes(200) },
    config: StarRocksConfig.fromEntries({ sys_log_level: 'INFO' }),
  });
  // PodDisruptionBudget `etl-warehouse-cn-pdb`
  etl.addDisruptionBudgets('DisruptionBudgets');
  return chart;
}
// README:end

// Shared-data mode: data in object storage, CN (compute nodes) instead of BE.
// README:begin
import { App, Chart, Size } from 'cdk8s';
import { StarRocksCluster, StarRocksConfig } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'shared-data', { namespace: 'starrocks' });
  new StarRocksCluster(chart, 'Lakehouse', {
    // The pods use this service account to reach S3 (IAM roles for service accounts).
    shared: { serviceAccount: 'starrocks' },
    fe: {
      replicas: 3,
      metaStorage: { size: Size.gibibytes(20) },
      config: StarRocksConfig.fromEntries({
        run_mode: 'shared_data',
        cloud_native_meta_port: '6090',
        cloud_native_storage_type: 'S3',
        aws_s3_path: 'my-bucket/starrocks',
        aws_s3_region: 'us-west-2',
        aws_s3_endpoint: 'https://s3.us-west-2.amazonaws.com',
        aws_s3_use_instance_profile: 'true',
      }),
    },
    be: { enabled: false },
    cn: {
      replicas: 3,
      // The CN local cache of the data in object storage.
      dataStorage: { size: Size.gibibytes(500) },
    },
  });
  return chart;
}
// README:end

/**
 * Whole-scenario snapshots (few on purpose): the defaults, a cluster with every component, and the
 * kube-starrocks chart's defaults through the Helm translation. They are never updated silently:
 * the test task runs jest with --ci, so a changed or missing snapshot fails.
 */
import { Size, Testing } from 'cdk8s';
import {
  KubeStarRocks, ResourceQuantity, RootPasswordSource, ServiceType, StarRocksCluster, StarRocksConfig, StarRocksOperator,
} from '../src';
import { synthValid } from './util/synth';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

test('defaults', () => {
  const chart = Testing.chart();
  new StarRocksCluster(chart, 'Analytics');
  expect(synthValid(chart)).toMatchSnapshot();
});

test('a full-featured cluster', () => {
  const chart = Testing.chart();
  new StarRocksOperator(chart, 'Operator', { namespace: 'starrocks-system' });
  const cluster = new StarRocksCluster(chart, 'Analytics', {
    namespace: 'analytics',
    timeZone: 'UTC',
    shared: { imageTag: '3.3.10', runAsNonRoot: true },
    fe: {
      replicas: 3,
      config: StarRocksConfig.fromEntries({ query_port: '9030', http_port: '8030' }),
      metaStorage: { size: Size.gibibytes(20), storageClassName: 'ssd' },
      resources: { requests: { cpu: ResourceQuantity.of('4'), memory: ResourceQuantity.size(Size.gibibytes(16)) } },
      service: { type: ServiceType.LOAD_BALANCER, loadBalancerSourceRanges: ['10.0.0.0/8'] },
    },
    be: { replicas: 3, dataStorage: { size: Size.tebibytes(1) }, logStorage: { size: Size.gibibytes(20) } },
    cn: { autoScaling: { maxReplicas: 10 }, config: StarRocksConfig.fromEntries({ webserver_port: '8040' }) },
    feProxy: { replicas: 2 },
  });
  cluster.addInitPassword('RootPassword', { password: RootPasswordSource.fromSecretName('starrocks-root') });
  cluster.addServiceMonitor('Monitors');
  cluster.addDisruptionBudgets('DisruptionBudgets');
  expect(synthValid(chart)).toMatchSnapshot();
});

test('the kube-starrocks chart defaults through the Helm translation', () => {
  const chart = Testing.chart();
  new KubeStarRocks(chart, 'Release', { releaseNamespace: 'starrocks' });
  expect(synthValid(chart)).toMatchSnapshot();
});

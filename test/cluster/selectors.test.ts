import { Testing } from 'cdk8s';
import { ComponentKind, StarRocksCluster } from '../../src';

describe('StarRocksCluster.podSelectorLabels', () => {
  test('gives the labels of the pods the operator creates, before the cluster exists', () => {
    // GIVEN
    const labels = StarRocksCluster.podSelectorLabels('analytics', ComponentKind.BE);
    const chart = Testing.chart();

    // WHEN
    const cluster = new StarRocksCluster(chart, 'Analytics', { shared: { affinity: {} } });

    // THEN
    expect(labels).toStrictEqual({
      'app.kubernetes.io/component': 'be',
      'app.starrocks.ownerreference/name': 'analytics-be',
    });
    expect(cluster.be!.selectorLabels).toStrictEqual(labels);
    expect(StarRocksCluster.podSelectorLabels('analytics', ComponentKind.FE_PROXY)['app.starrocks.ownerreference/name']).toBe('analytics-fe-proxy');
  });

  test('fails for an unknown component', () => {
    expect(() => StarRocksCluster.podSelectorLabels('analytics', 'broker' as ComponentKind)).toThrow(/'component' must be one of "fe", "be", "cn", "fe-proxy", got "broker"/);
  });
});

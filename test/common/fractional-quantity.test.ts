/**
 * Fractional quantities (issue 12, item 2): the StarRocks CRD takes a quantity as an integer or a
 * string, so a fractional number is written as its decimal text, through the typed API and through
 * the Helm values alike; whole numbers stay numbers.
 */
import { Testing } from 'cdk8s';
import { StarRocksCluster } from '../../src/cluster/cluster';
import { ResourceQuantity } from '../../src/common/quantity';
import { renderHelmChart } from '../../src/helm/render';
import { expectValidManifests } from '../util/schema';
import { synthValid } from '../util/synth';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

describe('fractional quantities', () => {
  test('fromNumber writes a fractional number as its decimal text and a whole number as a number', () => {
    expect(ResourceQuantity.fromNumber(0.5).value).toBe('0.5');
    expect(ResourceQuantity.fromNumber(2.25).value).toBe('2.25');
    expect(ResourceQuantity.fromNumber(4).value).toBe(4);
    expect(ResourceQuantity.fromNumber(0).value).toBe(0);
  });

  test('a cluster with half a core passes the CRD schema', () => {
    const chart = Testing.chart();
    new StarRocksCluster(chart, 'Sr', {
      fe: { resources: { requests: { cpu: ResourceQuantity.fromNumber(0.5) }, limits: { cpu: ResourceQuantity.fromNumber(1.5), memory: ResourceQuantity.of('4Gi') } } },
      be: { resources: { requests: { cpu: ResourceQuantity.fromNumber(2) } } },
    });
    const cr = synthValid(chart).find((o) => o.kind === 'StarRocksCluster');
    expect(cr.spec.starRocksFeSpec.requests).toEqual({ cpu: '0.5' });
    expect(cr.spec.starRocksFeSpec.limits).toEqual({ cpu: '1.5', memory: '4Gi' });
    expect(cr.spec.starRocksBeSpec.requests).toEqual({ cpu: 2 });
  });

  test('cpu: 0.5 in values is written as "0.5" and passes the CRD schema', () => {
    const manifests = renderHelmChart({
      chart: 'kube-starrocks',
      release: 'kube-starrocks',
      namespace: 'starrocks',
      apiVersions: [],
      values: {
        starrocks: {
          starrocksFESpec: { resources: { requests: { cpu: 0.5, memory: '1Gi' }, limits: { cpu: 1, memory: '2Gi' } } },
          starrocksFeProxySpec: { enabled: true, resources: { requests: { cpu: 0.25 } } },
        },
      },
    });
    expectValidManifests(manifests);
    const cr: any = manifests.find((o: any) => o.kind === 'StarRocksCluster');
    expect(cr.spec.starRocksFeSpec.requests).toEqual({ cpu: '0.5', memory: '1Gi' });
    expect(cr.spec.starRocksFeSpec.limits).toEqual({ cpu: 1, memory: '2Gi' });
    expect(cr.spec.starRocksFeProxySpec.requests.cpu).toBe('0.25');
  });
});

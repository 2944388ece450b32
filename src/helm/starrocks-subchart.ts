import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import type { HelmReleaseOptions } from './kube-starrocks-chart';
import { coalesceValues } from './merge';
import { addStarRocksFromValues } from './starrocks';
import { starrocksChartDefaults } from './starrocks-defaults';
import { StarRocksCluster } from '../cluster/cluster';

/**
 * The starrocks subchart alone, for `StarRocksCluster.fromHelmValues`.
 *
 * @internal
 */
export function starrocksSubchart(scope: Construct, values: { [key: string]: any }, options: HelmReleaseOptions): StarRocksCluster {
  const merged = coalesceValues(starrocksChartDefaults(), values ?? {}, { nullRemoves: true });
  return addStarRocksFromValues(scope, merged, {
    release: options.releaseName ?? 'kube-starrocks',
    namespace: options.releaseNamespace ?? Chart.of(scope).namespace ?? 'default',
    apiVersions: options.apiVersions ?? ['monitoring.coreos.com/v1'],
  }).cluster;
}

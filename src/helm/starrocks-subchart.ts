import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { coalesceValues } from './merge';
import type { HelmReleaseOptions } from './release';
import { addStarRocksFromValues } from './starrocks';
import { starrocksChartDefaults } from './starrocks-defaults';
import { mapAt } from './values';
import { StarRocksCluster } from '../cluster/cluster';

/**
 * The starrocks subchart alone, for `KubeStarRocks.clusterFromValues`: the user's values over the
 * subchart's defaults (a `null` removes a default, as for the chart being rendered).
 *
 * @internal
 */
export function starrocksSubchart(scope: Construct, values: unknown, options: HelmReleaseOptions): StarRocksCluster {
  const merged = mapAt('the starrocks subchart\'s values', coalesceValues(starrocksChartDefaults(), values ?? {}, { nullRemoves: true })) ?? {};
  return addStarRocksFromValues(scope, merged, {
    release: options.releaseName ?? 'kube-starrocks',
    namespace: options.releaseNamespace ?? Chart.of(scope).namespace ?? 'default',
    apiVersions: options.apiVersions ?? ['monitoring.coreos.com/v1'],
  }, '').cluster;
}

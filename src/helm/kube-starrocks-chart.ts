import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { HelmReleaseOptions } from './release';
import { addHelmChart } from './render';
import type { StarRocksCluster } from '../cluster/cluster';
import { nameFromId } from '../common/names';
import { warn } from '../common/warnings';

/** Properties of a kube-starrocks Helm release turned into constructs. */
export interface KubeStarRocksProps extends HelmReleaseOptions {
  /**
   * The release's values, as in a `values.yaml` of the kube-starrocks chart 1.11.5 (`operator:`
   * and `starrocks:`); only what differs from the chart's defaults is needed.
   *
   * @default - the chart's defaults
   */
  // jsii has no `unknown`: a map of any value is how a values tree crosses the language boundary
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly values?: { [key: string]: any };
}

/**
 * The objects a kube-starrocks Helm chart (1.11.5) release renders, built with this library's
 * constructs from the release's values: the StarRocks operator, the StarRocksCluster with its
 * ConfigMaps, the root password Secret and Job, ServiceMonitors and the objects of the values'
 * `secrets`, `configMaps` and `resources` lists.
 *
 * The names, labels and config hashes are the chart's, so moving a release to cdk8s changes
 * nothing in the running cluster. Values the chart would turn into manifests the API server
 * rejects are errors instead.
 */
export class KubeStarRocks extends Construct {
  /**
   * Builds a cluster from the values of the kube-starrocks chart's `starrocks` subchart (the part
   * under `starrocks:` in a kube-starrocks values file), as the chart 1.11.5 would render it: the
   * StarRocksCluster, its ConfigMaps, the root password Secret and Job, ServiceMonitors and the
   * values' `secrets`, `configMaps` and `resources`. Only values that differ from the chart's
   * defaults are needed; a `null` removes a default. For the whole chart, the operator included,
   * use `new KubeStarRocks(...)`.
   *
   * Values the chart would turn into manifests the API server rejects are errors naming the values
   * key.
   *
   * @param scope the scope
   * @param id the id of a construct that holds what the values define
   * @param values the `starrocks` subchart's values
   * @param options the release the values belonged to (default: release `kube-starrocks`, the
   *   chart's namespace, `monitoring.coreos.com/v1` served)
   * @returns the cluster, for the typed API to build on
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  public static clusterFromValues(scope: Construct, id: string, values: { [key: string]: any }, options: HelmReleaseOptions = {}): StarRocksCluster {
    // loaded on demand, like the charts' translations
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { starrocksSubchart } = require('./starrocks-subchart') as typeof import('./starrocks-subchart');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { checkValues } = require('./schema/check') as typeof import('./schema/check');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { STARROCKS_SUBCHART_SCHEMA } = require('./schema/kube-starrocks') as typeof import('./schema/kube-starrocks');
    const holder = new Construct(scope, id);
    checkValues(values ?? {}, STARROCKS_SUBCHART_SCHEMA, '', (m) => warn(holder, m));
    return starrocksSubchart(holder, values, options);
  }

  constructor(scope: Construct, id: string, props: KubeStarRocksProps = {}) {
    super(scope, id);
    addHelmChart(this, {
      chart: 'kube-starrocks',
      values: props.values ?? {},
      release: props.releaseName ?? 'kube-starrocks',
      namespace: props.releaseNamespace ?? Chart.of(this).namespace ?? 'default',
      apiVersions: props.apiVersions ?? ['monitoring.coreos.com/v1'],
    });
  }
}

/** Properties of a warehouse Helm release turned into constructs. */
export interface StarRocksWarehouseChartProps extends HelmReleaseOptions {
  /**
   * The release's values, as in a `values.yaml` of the warehouse chart 1.11.5.
   *
   * @default - the chart's defaults (which lack the required `spec.starRocksClusterName`)
   */
  // jsii has no `unknown`: a map of any value is how a values tree crosses the language boundary
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly values?: { [key: string]: any };
}

/**
 * The objects a warehouse Helm chart (1.11.5) release renders (a StarRocksWarehouse named after
 * the release, its ConfigMap and the values' `secrets` and `configMaps`), built with this
 * library's constructs from the release's values.
 */
export class StarRocksWarehouseChart extends Construct {
  constructor(scope: Construct, id: string, props: StarRocksWarehouseChartProps = {}) {
    super(scope, id);
    addHelmChart(this, {
      chart: 'warehouse',
      values: props.values ?? {},
      release: props.releaseName ?? nameFromId(id),
      namespace: props.releaseNamespace ?? Chart.of(this).namespace ?? 'default',
      apiVersions: props.apiVersions ?? ['monitoring.coreos.com/v1'],
    });
  }
}

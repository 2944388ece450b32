import { CRD_RELEASE_URLS } from './facts';
import { fail } from '../common/validate';

/**
 * Where to read the StarRocks CustomResourceDefinitions from, for `StarRocksOperatorProps.crds`.
 *
 * The file is read (or the URL fetched) at synth time, when the operator construct is created, and
 * every object in it is added to the chart unchanged except that cluster-scoped CRDs never carry a
 * namespace. Operator v1.11.5 publishes its CRDs as release assets:
 *
 * - `https://github.com/StarRocks/starrocks-kubernetes-operator/releases/download/v1.11.5/starrocks.com_starrocksclusters.yaml`
 * - `https://github.com/StarRocks/starrocks-kubernetes-operator/releases/download/v1.11.5/starrocks.com_starrockswarehouses.yaml`
 *
 * @example
 * new StarRocksOperator(chart, 'Operator', {
 *   crds: [OperatorCrdSource.fromFile('crds/starrocks.com_starrocksclusters.yaml')],
 * });
 */
export class OperatorCrdSource {
  /**
   * The StarRocksCluster CRD of operator release v1.11.5, downloaded from GitHub at synth time.
   */
  public static starRocksClusterRelease(): OperatorCrdSource {
    return new OperatorCrdSource(CRD_RELEASE_URLS.starRocksCluster);
  }

  /**
   * The StarRocksWarehouse CRD of operator release v1.11.5, downloaded from GitHub at synth time.
   *
   * The operator only starts its warehouse controller if this CRD exists when it starts.
   */
  public static starRocksWarehouseRelease(): OperatorCrdSource {
    return new OperatorCrdSource(CRD_RELEASE_URLS.starRocksWarehouse);
  }

  /**
   * A local YAML file holding one or more CRDs, e.g. a copy of a release asset.
   *
   * @param path a file path, relative to the working directory of the synth
   */
  public static fromFile(path: string): OperatorCrdSource {
    if (typeof path !== 'string' || path.trim() === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
      fail('OperatorCrdSource.fromFile(path)', 'a local file path (use fromUrl() for URLs)', path);
    }
    return new OperatorCrdSource(path);
  }

  /**
   * A YAML document fetched over HTTP(S) at synth time.
   *
   * @param url an `http://` or `https://` URL
   */
  public static fromUrl(url: string): OperatorCrdSource {
    if (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url)) {
      fail('OperatorCrdSource.fromUrl(url)', 'an http:// or https:// URL', url);
    }
    return new OperatorCrdSource(url);
  }

  /** The file path or URL the CRDs are read from. */
  public readonly location: string;

  private constructor(location: string) {
    this.location = location;
  }
}

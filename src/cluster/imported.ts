import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ComponentKind } from './component-kind';
import type { StarRocksClusterReferenceOptions } from './props';
import { IStarRocksCluster, IStarRocksComponent } from './reference';
import { DEFAULT_FE_HTTP_PORT, DEFAULT_FE_QUERY_PORT, DERIVED_NAMES } from '../common/constants';
import { checkInt } from '../common/validate';

/**
 * A cluster defined elsewhere, known by its name (`StarRocksCluster.fromClusterName`).
 *
 * @internal
 */
export class ImportedCluster extends Construct implements IStarRocksCluster {
  public readonly clusterName: string;
  public readonly clusterNamespace?: string;
  public readonly feServiceName: string;
  public readonly feSearchServiceName: string;
  public readonly feQueryPort: number;
  public readonly feHttpPort: number;
  public readonly definedInApp = false;
  public readonly hasFeProxy = false;
  public readonly sharedData = false;

  constructor(scope: Construct, id: string, clusterName: string, options: StarRocksClusterReferenceOptions) {
    super(scope, id);
    this.clusterName = clusterName;
    this.clusterNamespace = options.namespace ?? Chart.of(this).namespace;
    this.feServiceName = DERIVED_NAMES.service(clusterName, 'fe');
    this.feSearchServiceName = DERIVED_NAMES.searchService(clusterName, 'fe');
    this.feQueryPort = checkInt('feQueryPort', options.feQueryPort ?? DEFAULT_FE_QUERY_PORT, 1, 65535);
    this.feHttpPort = checkInt('feHttpPort', options.feHttpPort ?? DEFAULT_FE_HTTP_PORT, 1, 65535);
  }

  public tryFindComponent(_kind: ComponentKind): IStarRocksComponent | undefined {
    return undefined;
  }
}

import type { IStarRocksCluster } from '../cluster/reference';
import type { CnBaseOptions } from '../components/options';
import { DisruptionBudget, UnhealthyPodEvictionPolicy } from '../disruption/budget';

/**
 * Options of a warehouse: a group of CN pods of a shared-data cluster, with the settings of the
 * cluster's CN (`CnBaseOptions`: all of `CnOptions` but `enabled`) plus the warehouse's own name,
 * namespace, labels and annotations.
 */
export interface WarehouseOptions extends CnBaseOptions {
  /**
   * Name of the StarRocksWarehouse resource. The operator names the warehouse's objects
   * `<name>-warehouse-cn...` and the warehouse inside StarRocks `<name>` with `-` replaced by
   * `_`. It must start with a letter, differ from the cluster's name and be at most 39
   * characters (27 with an entrypoint script).
   *
   * @default - the construct id as a DNS label (`Analytics` becomes `analytics`)
   */
  readonly name?: string;
  /**
   * Namespace of the warehouse. The operator only finds the cluster in the warehouse's own
   * namespace, so this must be the cluster's namespace.
   *
   * @default - the cluster's namespace
   */
  readonly namespace?: string;
  /**
   * Labels of the StarRocksWarehouse resource and of the ConfigMap the library creates, added
   * to `warehouse: <name>` and the library's `app.kubernetes.io/*` labels.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Whether the StarRocksWarehouse resource, its ConfigMap and its PodDisruptionBudget carry the
   * labels the library adds by default: `app.kubernetes.io/name: starrocks`,
   * `app.kubernetes.io/instance: <name>` and `app.kubernetes.io/managed-by: cdk8s-starrocks`.
   * `false` leaves them out; the chart's `warehouse: <name>` label (and the ConfigMap's `app:
   * warehouse`) stay either way.
   *
   * @default true
   */
  readonly defaultLabels?: boolean;
  /**
   * Annotations of the StarRocksWarehouse resource (the pods' are `podAnnotations`).
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Time zone of the CN containers, set as the first environment variable `TZ` (the warehouse
   * chart's `timeZone`).
   *
   * @default - not set; the image's time zone (UTC)
   */
  readonly timeZone?: string;
  /**
   * Whether the operator runs with `--volume-name-with-hash=true` (its default), which names the
   * volumes of mounted ConfigMaps and Secrets `<name>-<hash>`. Used to check volume names and
   * their lengths.
   *
   * @default true
   */
  readonly volumeNameWithHash?: boolean;
}

/** Properties of a StarRocks warehouse. */
export interface StarRocksWarehouseProps extends WarehouseOptions {
  /**
   * The shared-data cluster the warehouse belongs to (the warehouse chart's
   * `spec.starRocksClusterName`): a `StarRocksCluster` of this app or
   * `StarRocksCluster.fromClusterName(...)`.
   */
  readonly cluster: IStarRocksCluster;
}

/** Options of the PodDisruptionBudget of a warehouse (`StarRocksWarehouse.addDisruptionBudgets`). */
export interface WarehouseDisruptionBudgetsOptions {
  /**
   * How many CN pods of the warehouse an eviction may take down at once.
   *
   * @default DisruptionBudget.maxUnavailable(1)
   */
  readonly budget?: DisruptionBudget;
  /**
   * Whether running pods that are not ready may be evicted when the budget is not met.
   *
   * @default - not set; Kubernetes uses `IfHealthyBudget`
   */
  readonly unhealthyPodEvictionPolicy?: UnhealthyPodEvictionPolicy;
  /**
   * Labels of the PodDisruptionBudget, added to the warehouse's labels.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

import type { BeOptions, CnOptions, FeOptions, SharedComponentOptions } from '../components/options';
import type { FeProxyOptions } from '../fe-proxy/fe-proxy';

/** Restores a shared-data cluster from a cluster snapshot (operator 1.10 and StarRocks 3.4.1 or later). */
export interface DisasterRecoveryOptions {
  /**
   * Whether disaster recovery runs.
   *
   * @default true
   */
  readonly enabled?: boolean;
  /** Generation of the recovery; raise it to run the recovery again. */
  readonly generation: number;
  /**
   * Print no `enabled` field, as the kube-starrocks chart does when its values give none. The
   * operator reads a missing `enabled` as false: the recovery does not run, only `generation` is
   * recorded. Conflicts with `enabled`.
   *
   * @default false
   */
  readonly omitEnabled?: boolean;
  /**
   * The cluster snapshot (`cluster_snapshot.yaml`) reaches FE another way than an `fe.configMaps`
   * mount (e.g. a volume added by other means, or an image holding it). The library then does not
   * require that mount; the operator waits until FE finds the snapshot.
   *
   * @default false - an enabled recovery needs an `fe.configMaps` mount holding the snapshot
   */
  readonly snapshotMountedElsewhere?: boolean;
}

/** Where a cluster defined elsewhere listens. */
export interface StarRocksClusterReferenceOptions {
  /**
   * Namespace of the cluster.
   *
   * @default - the namespace of the chart
   */
  readonly namespace?: string;
  /**
   * The FE MySQL protocol port.
   *
   * @default 9030
   */
  readonly feQueryPort?: number;
  /**
   * The FE HTTP port.
   *
   * @default 8030
   */
  readonly feHttpPort?: number;
}

/** Properties of a StarRocks cluster. */
export interface StarRocksClusterProps {
  /**
   * Name of the StarRocksCluster resource. Every name the operator derives starts with it
   * (`<name>-fe`, `<name>-fe-service`, ...), so clients depend on it: it must start with a letter
   * and be at most 49 characters (46 with the FE proxy, 37 with entrypoint scripts).
   *
   * @default - the construct id as a DNS label (`MyCluster` becomes `my-cluster`)
   */
  readonly name?: string;
  /**
   * Namespace of the cluster and its ConfigMaps.
   *
   * @default - the namespace of the chart
   */
  readonly namespace?: string;
  /**
   * Labels of the StarRocksCluster resource and of the ConfigMaps the library creates, added to
   * `cluster: <name>` and the library's `app.kubernetes.io/*` labels. `cluster` may only repeat
   * the cluster's name (the chart's label on every object of the cluster); the ConfigMaps keep
   * their own `app: <component>` label.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Whether the StarRocksCluster resource and the ConfigMaps the library creates carry the labels
   * the library adds by default: `app.kubernetes.io/name: starrocks`, `app.kubernetes.io/instance:
   * <name>` and `app.kubernetes.io/managed-by: cdk8s-starrocks`. `false` leaves them out; the
   * chart's `cluster: <name>` label (of the resource) and `cluster`/`app` labels (of the ConfigMaps)
   * stay either way. The warehouses, budgets, password Job and monitoring objects added with the
   * cluster's `addX` methods take this value unless their options set their own.
   *
   * @default true
   */
  readonly defaultLabels?: boolean;
  /**
   * Annotations of the StarRocksCluster resource. `starrocks.com/ignored: "true"` pauses the
   * operator's reconciliation of it.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Wait until every FE pod is updated and ready before updating BE and CN.
   *
   * @default - not set; the operator updates BE and CN once one FE endpoint is ready
   */
  readonly waitForFullRollout?: boolean;
  /**
   * Restore the cluster from a snapshot. Needs shared-data mode and an FE ConfigMap mount
   * holding `cluster_snapshot.yaml` (`fe.configMaps`).
   *
   * @default - no disaster recovery
   */
  readonly disasterRecovery?: DisasterRecoveryOptions;
  /**
   * Time zone of the StarRocks containers, set as the first environment variable `TZ`.
   *
   * @default - not set; the image's time zone (UTC)
   */
  readonly timeZone?: string;
  /**
   * Settings shared by FE, BE and CN; a component's own setting replaces the shared one.
   *
   * @default - none
   */
  readonly shared?: SharedComponentOptions;
  /**
   * The FE (frontend) component.
   *
   * @default - one FE pod with the operator's defaults
   */
  readonly fe?: FeOptions;
  /**
   * The BE (backend) component; `enabled: false` leaves it out (shared-data clusters).
   *
   * @default - one BE pod with the operator's defaults
   */
  readonly be?: BeOptions;
  /**
   * The CN (compute node) component.
   *
   * @default - no CN
   */
  readonly cn?: CnOptions;
  /**
   * The FE proxy (nginx in front of the FE HTTP port, for Stream Load from outside Kubernetes).
   *
   * @default - no FE proxy
   */
  readonly feProxy?: FeProxyOptions;
  /**
   * Whether the operator runs with `--volume-name-with-hash=true` (its default), which names the
   * volumes of mounted ConfigMaps and Secrets `<name>-<hash>`. Used to check volume names and
   * their lengths.
   *
   * @default true
   */
  readonly volumeNameWithHash?: boolean;
}

/**
 * Whether FE mounts the cluster snapshot disaster recovery reads: a mount whose `subPath` names
 * `cluster_snapshot.yaml`, or one over FE's conf directory. @internal
 */
export function mountsClusterSnapshot(mounts: ReadonlyArray<{ readonly mountPath?: unknown; readonly subPath?: unknown }>): boolean {
  return mounts.some((m) => (typeof m.subPath === 'string' && m.subPath.includes('cluster_snapshot.yaml'))
    || (typeof m.mountPath === 'string' && m.mountPath.replace(/\/+$/, '').endsWith('fe/conf')));
}

import type { Duration } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { ComponentKind, IStarRocksCluster, IStarRocksComponent } from '../cluster/reference';
import { checkOneOf, fail } from '../common/validate';
import { warn } from '../common/warnings';

/** A StarRocks component whose metrics are scraped. */
export enum MonitoredComponent {
  /** The frontends: metrics on the `http` port (`http_port`, default 8030). */
  FE = 'fe',
  /** The backends: metrics on the `webserver` port (`webserver_port`, default 8040). */
  BE = 'be',
  /** The compute nodes: metrics on the `webserver` port (`webserver_port`, default 8040). */
  CN = 'cn',
}

/**
 * Name of the port of the operator's external Service that serves `/metrics` (operator
 * `pkg/common/resource_utils/service.go`: `FeHTTPPortName`, `BeWebserverPortName`,
 * `CnWebserverPortName`).
 *
 * @internal
 */
export const METRICS_PORT_NAME: Record<MonitoredComponent, string> = {
  [MonitoredComponent.FE]: 'http',
  [MonitoredComponent.BE]: 'webserver',
  [MonitoredComponent.CN]: 'webserver',
};

/** The path StarRocks serves Prometheus metrics on. @internal */
export const METRICS_PATH = '/metrics';

const ORDER = [MonitoredComponent.FE, MonitoredComponent.BE, MonitoredComponent.CN];

const KIND: Record<MonitoredComponent, ComponentKind> = {
  [MonitoredComponent.FE]: ComponentKind.FE,
  [MonitoredComponent.BE]: ComponentKind.BE,
  [MonitoredComponent.CN]: ComponentKind.CN,
};

/**
 * The component of a cluster defined in this app, if it has it; undefined for a cluster defined
 * elsewhere.
 *
 * @internal
 */
export function componentOf(cluster: IStarRocksCluster, c: MonitoredComponent): IStarRocksComponent | undefined {
  return cluster.tryFindComponent(KIND[c]);
}

/**
 * The components to monitor, in FE, BE, CN order: the requested ones (each once), else those the
 * cluster has (FE and BE for a cluster defined elsewhere). Warns for a requested component the
 * cluster does not have: nothing will be scraped for it.
 *
 * @internal
 */
export function resolveComponents(scope: IConstruct, cluster: IStarRocksCluster, requested: MonitoredComponent[] | undefined): MonitoredComponent[] {
  if (requested === undefined) {
    if (!cluster.definedInApp) {
      return [MonitoredComponent.FE, MonitoredComponent.BE];
    }
    return ORDER.filter((c) => componentOf(cluster, c) !== undefined);
  }
  if (!Array.isArray(requested) || requested.length === 0) {
    fail('components', 'a non-empty list of MonitoredComponent', requested);
  }
  requested.forEach((c, i) => checkOneOf(`components[${i}]`, c, ORDER));
  const out = ORDER.filter((c) => requested.includes(c));
  if (cluster.definedInApp) {
    for (const c of out) {
      if (componentOf(cluster, c) === undefined) {
        warn(scope, `'components' lists ${c.toUpperCase()} but cluster ${cluster.clusterName} has no ${c.toUpperCase()}: nothing will be scraped for it`);
      }
    }
  }
  return out;
}

/**
 * A duration in Prometheus' notation, in the largest unit that divides it (`30s`, `1m`, `90s`,
 * `2h`, `1d`); undefined for zero.
 *
 * @internal
 */
export function promDuration(prop: string, d: Duration): string | undefined {
  if (!isDuration(d)) {
    fail(prop, 'a Duration (Duration.seconds(30), Duration.minutes(1), ...)', d);
  }
  const ms = d.toMilliseconds({ integral: false });
  if (!Number.isInteger(ms) || ms < 0) {
    fail(prop, 'a whole number of milliseconds', ms);
  }
  if (ms === 0) {
    return undefined;
  }
  const units: Array<[string, number]> = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];
  for (const u of units) {
    if (ms % u[1] === 0) {
      return `${ms / u[1]}${u[0]}`;
    }
  }
  return `${ms}ms`;
}

/** Whether a value is a cdk8s `Duration` (also one of another copy of cdk8s). */
function isDuration(d: unknown): d is Duration {
  return typeof d === 'object' && d !== null && typeof (d as { toMilliseconds?: unknown }).toMilliseconds === 'function';
}

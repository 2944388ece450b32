import type { Duration } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { ComponentKind, StarRocksPort } from '../cluster/component-kind';
import { IStarRocksCluster, IStarRocksComponent } from '../cluster/reference';
import { checkOneOf, fail } from '../common/validate';
import { warn } from '../common/warnings';

/**
 * A component whose metrics are scraped and whose logs are collected: FE, BE or CN (the FE proxy
 * has no StarRocks metrics).
 *
 * @internal
 */
export type MonitoredKind = ComponentKind.FE | ComponentKind.BE | ComponentKind.CN;

/** The monitored kinds, in FE, BE, CN order. @internal */
export const MONITORED_KINDS: readonly MonitoredKind[] = [ComponentKind.FE, ComponentKind.BE, ComponentKind.CN];

/**
 * Checks that a component kind is FE, BE or CN; the FE proxy is refused with `why`.
 *
 * @internal
 */
export function checkMonitored(prop: string, kind: ComponentKind, why: string): MonitoredKind {
  if (kind === ComponentKind.FE_PROXY) {
    fail(prop, `ComponentKind.FE, BE or CN (${why})`, kind);
  }
  return checkOneOf(prop, kind, MONITORED_KINDS) as MonitoredKind;
}

/**
 * Name of the port of the operator's external Service that serves `/metrics` (operator
 * `pkg/common/resource_utils/service.go`: `FeHTTPPortName`, `BeWebserverPortName`,
 * `CnWebserverPortName`).
 *
 * @internal
 */
export const METRICS_PORT_NAME: Record<MonitoredKind, StarRocksPort> = {
  [ComponentKind.FE]: StarRocksPort.HTTP,
  [ComponentKind.BE]: StarRocksPort.WEBSERVER,
  [ComponentKind.CN]: StarRocksPort.WEBSERVER,
};

/** The path StarRocks serves Prometheus metrics on. @internal */
export const METRICS_PATH = '/metrics';

/**
 * The component of a cluster defined in this app, if it has it; undefined for a cluster defined
 * elsewhere.
 *
 * @internal
 */
export function componentOf(cluster: IStarRocksCluster, c: MonitoredKind): IStarRocksComponent | undefined {
  return cluster.tryFindComponent(c);
}

/**
 * The components to monitor, in FE, BE, CN order: the requested ones (each once), else those the
 * cluster has (FE and BE for a cluster defined elsewhere). Warns for a requested component the
 * cluster does not have: nothing will be scraped for it.
 *
 * @internal
 */
export function resolveComponents(scope: IConstruct, cluster: IStarRocksCluster, requested: ComponentKind[] | undefined): MonitoredKind[] {
  if (requested === undefined) {
    if (!cluster.definedInApp) {
      return [ComponentKind.FE, ComponentKind.BE];
    }
    return MONITORED_KINDS.filter((c) => componentOf(cluster, c) !== undefined);
  }
  if (!Array.isArray(requested) || requested.length === 0) {
    fail('components', 'a non-empty list of ComponentKind (FE, BE, CN)', requested);
  }
  requested.forEach((c, i) => checkMonitored(`components[${i}]`, c, 'the FE proxy serves no StarRocks metrics'));
  const out = MONITORED_KINDS.filter((c) => requested.includes(c));
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

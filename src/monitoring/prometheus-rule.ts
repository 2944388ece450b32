import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { MonitoredKind, resolveComponents } from './monitored-component';
import { MONITORING_API_VERSION } from './service-monitor';
import type { PrometheusRuleSpec } from './wire';
import { ComponentKind } from '../cluster/component-kind';
import { IStarRocksCluster } from '../cluster/reference';
import { StarRocksApiObject } from '../common/api-object';
import { LABEL_CLUSTER, libraryLabels, mergeLabels } from '../common/labels';
import { checkDnsLabel, copyStringMap, fail } from '../common/validate';

/** Severity of an alert, the value of its `severity` label. */
export enum AlertSeverity {
  /** Needs attention soon; the cluster still serves. */
  WARNING = 'warning',
  /** The cluster, or part of it, does not serve. */
  CRITICAL = 'critical',
}

/** Options of the Prometheus alerting rules of a StarRocks cluster. */
export interface StarRocksPrometheusRuleOptions {
  /**
   * Labels of the PrometheusRule, added to `cluster: <cluster>`; Prometheus usually selects rules
   * by one (e.g. `release: prometheus`).
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Labels added to every alert (for routing, e.g. `team: dba`). `severity` is the library's.
   *
   * @default - none
   */
  readonly alertLabels?: { [key: string]: string };
  /**
   * Components to alert on ("down", "not scraped").
   *
   * @default - FE, plus BE and CN if the cluster has them; FE and BE for a cluster defined elsewhere
   */
  readonly components?: ComponentKind[];
  /**
   * Whether the PrometheusRule carry the labels the library adds by default:
   * `app.kubernetes.io/name: starrocks`, `app.kubernetes.io/instance: <name>` and
   * `app.kubernetes.io/managed-by: cdk8s-starrocks`. `false` leaves them out; the `cluster:
   * <cluster>` label stay either way.
   *
   * @default true
   */
  readonly defaultLabels?: boolean;
  /**
   * Namespace of the PrometheusRule.
   *
   * @default - the cluster's namespace
   */
  readonly namespace?: string;
  /**
   * Names of alerts to leave out, e.g. `['StarRocksFeJournalLag']`.
   *
   * @default - every alert
   */
  readonly disabledAlerts?: string[];
  /**
   * Disk usage of a BE data disk, in percent, above which `StarRocksBeDiskUsageHigh` fires.
   *
   * @default 85
   */
  readonly beDiskUsageWarningPercent?: number;
  /**
   * Disk usage of a BE data disk, in percent, above which `StarRocksBeDiskAlmostFull` fires (BE
   * refuses loads at `storage_flood_stage_usage_percent`, 95 by default).
   *
   * @default 95
   */
  readonly beDiskUsageCriticalPercent?: number;
  /**
   * FE JVM heap usage, in percent of the maximum heap, above which `StarRocksFeJvmHeapHigh` fires.
   *
   * @default 90
   */
  readonly feHeapUsagePercent?: number;
  /**
   * Share of failed queries, in percent over 5 minutes, above which `StarRocksQueryErrorRateHigh`
   * fires.
   *
   * @default 5
   */
  readonly queryErrorPercent?: number;
  /**
   * Highest tablet compaction score above which `StarRocksCompactionScoreHigh` fires.
   *
   * @default 100
   */
  readonly compactionScoreThreshold?: number;
  /**
   * Highest number of rowsets (versions) of one tablet above which
   * `StarRocksTabletVersionCountHigh` fires (loads fail at `tablet_max_versions`, 1000 by default).
   *
   * @default 700
   */
  readonly tabletVersionThreshold?: number;
  /**
   * Number of edit log entries not yet in a metadata image above which
   * `StarRocksFeCheckpointStalled` fires.
   *
   * @default 100000
   */
  readonly checkpointLagThreshold?: number;
  /**
   * How many journal entries an FE may replay behind the most advanced FE before
   * `StarRocksFeJournalLag` fires.
   *
   * @default 10000
   */
  readonly journalLagThreshold?: number;
}

/** Properties of a `StarRocksPrometheusRule`. */
export interface StarRocksPrometheusRuleProps extends StarRocksPrometheusRuleOptions {
  /** The cluster to alert on. */
  readonly cluster: IStarRocksCluster;
}

/** One alerting rule. */
export interface StarRocksAlertRule {
  /** Name of the alert. */
  readonly alert: string;
  /** PromQL expression; the alert fires for every series it returns. */
  readonly expr: string;
  /** How long the expression must hold before the alert fires, in Prometheus notation (the rule's `for`). */
  readonly pendingFor: string;
  /** Severity label. */
  readonly severity: AlertSeverity;
  /** One-line summary. */
  readonly summary: string;
  /** What happened and what to look at. */
  readonly description: string;
}

/**
 * Prometheus alerting rules for a StarRocks cluster (a `PrometheusRule` of the Prometheus
 * operator, `monitoring.coreos.com/v1`), named `<cluster>-alerts`. Not part of the Helm chart.
 *
 * The rules read the series the `StarRocksServiceMonitor` (or the chart's ServiceMonitors)
 * produce, by their `cluster: <cluster>` and `group: fe|be|cn` labels and the namespace:
 *
 * - `StarRocks{Fe,Be,Cn}Down` (critical): a pod's metrics endpoint does not answer for 2 minutes;
 * - `StarRocks{Fe,Be,Cn}NotScraped` (warning): Prometheus has no target for the component for 10
 *   minutes (no ServiceMonitor, or the Service lost the labels it selects by);
 * - `StarRocksQueryErrorRateHigh` (warning): share of failed queries on an FE;
 * - `StarRocksFeJvmHeapHigh` (warning): FE heap usage;
 * - `StarRocksFeCheckpointStalled` (warning): edit log entries pile up without a new image;
 * - `StarRocksFeJournalLag` (warning): an FE replays the journal far behind the others;
 * - `StarRocksCompactionScoreHigh` (warning): compaction falls behind loads;
 * - with BE: `StarRocksBeDiskUsageHigh` (warning), `StarRocksBeDiskAlmostFull` (critical),
 *   `StarRocksTabletVersionCountHigh` (warning), `StarRocksBeCompactionFailing` (warning).
 *
 * Needs the Prometheus operator's CRDs.
 *
 * Labels: the library adds `app.kubernetes.io/name: starrocks`, `app.kubernetes.io/instance:
 * <name>` and `app.kubernetes.io/managed-by: cdk8s-starrocks` to the PrometheusRule, besides
 * `cluster: <cluster>`, which stays; `defaultLabels: false` leaves them out.
 *
 * @example
 * new StarRocksPrometheusRule(chart, 'Alerts', { cluster, labels: { release: 'prometheus' } });
 */
export class StarRocksPrometheusRule extends Construct {
  /** The PrometheusRule (also `ApiObject.of(this)`). */
  public readonly apiObject: ApiObject;
  /** Name of the rule group. */
  public readonly groupName: string;

  private readonly rules: StarRocksAlertRule[];
  private readonly alertLabels: { [key: string]: string };

  constructor(scope: Construct, id: string, props: StarRocksPrometheusRuleProps) {
    super(scope, id);
    if (!props || !props.cluster) {
      fail('cluster', 'the StarRocks cluster to alert on', props?.cluster);
    }
    const cluster = props.cluster;
    const c = cluster.clusterName;
    const namespace = props.namespace ?? cluster.clusterNamespace;
    if (props.namespace !== undefined) {
      checkDnsLabel('namespace', props.namespace);
    }
    this.alertLabels = copyStringMap('alertLabels', props.alertLabels) ?? {};
    if ('severity' in this.alertLabels) {
      fail('alertLabels.severity', 'unset (each alert has its own severity)', this.alertLabels.severity);
    }
    this.groupName = `starrocks.${c}`;
    const components = resolveComponents(this, cluster, props.components);
    const all = alertRules(c, cluster.clusterNamespace, components, thresholds(props));
    const disabled = props.disabledAlerts ?? [];
    for (const name of disabled) {
      if (!all.some((r) => r.alert === name)) {
        fail('disabledAlerts', `names of alerts of this rule (${all.map((r) => r.alert).join(', ')})`, name);
      }
    }
    this.rules = all.filter((r) => !disabled.includes(r.alert));
    this.apiObject = new StarRocksApiObject(this, 'Resource', {
      apiVersion: MONITORING_API_VERSION,
      kind: 'PrometheusRule',
      metadata: {
        name: checkDnsLabel('name', `${c}-alerts`),
        namespace,
        labels: mergeLabels(libraryLabels(c, props.defaultLabels), { [LABEL_CLUSTER]: c }, copyStringMap('labels', props.labels)),
      },
      spec: Lazy.any({ produce: () => this._renderSpec() }),
    });
  }

  /** The alerting rules, in the order they are rendered. */
  public get alertRules(): StarRocksAlertRule[] {
    return this.rules.slice();
  }

  /**
   * The spec of the PrometheusRule, which is also a Prometheus rule file (`groups: [...]`).
   *
   * @internal
   */
  public _renderSpec(): PrometheusRuleSpec {
    return {
      groups: [{
        name: this.groupName,
        rules: this.rules.map((r) => ({
          alert: r.alert,
          expr: r.expr,
          for: r.pendingFor,
          labels: { ...this.alertLabels, severity: r.severity },
          annotations: { summary: r.summary, description: r.description },
        })),
      }],
    };
  }
}

interface Thresholds {
  readonly diskWarn: number;
  readonly diskCrit: number;
  readonly heap: number;
  readonly queryErr: number;
  readonly compaction: number;
  readonly versions: number;
  readonly checkpoint: number;
  readonly journal: number;
}

function thresholds(p: StarRocksPrometheusRuleOptions): Thresholds {
  const percent = (prop: keyof StarRocksPrometheusRuleOptions, v: number | undefined, def: number) => {
    const n = v ?? def;
    if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0 || n > 100) {
      fail(prop, 'a percentage above 0 and at most 100', n);
    }
    return n;
  };
  const positive = (prop: keyof StarRocksPrometheusRuleOptions, v: number | undefined, def: number) => {
    const n = v ?? def;
    if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) {
      fail(prop, 'a number above 0', n);
    }
    return n;
  };
  const t: Thresholds = {
    diskWarn: percent('beDiskUsageWarningPercent', p.beDiskUsageWarningPercent, 85),
    diskCrit: percent('beDiskUsageCriticalPercent', p.beDiskUsageCriticalPercent, 95),
    heap: percent('feHeapUsagePercent', p.feHeapUsagePercent, 90),
    queryErr: percent('queryErrorPercent', p.queryErrorPercent, 5),
    compaction: positive('compactionScoreThreshold', p.compactionScoreThreshold, 100),
    versions: positive('tabletVersionThreshold', p.tabletVersionThreshold, 700),
    checkpoint: positive('checkpointLagThreshold', p.checkpointLagThreshold, 100000),
    journal: positive('journalLagThreshold', p.journalLagThreshold, 10000),
  };
  if (t.diskWarn >= t.diskCrit) {
    fail('beDiskUsageWarningPercent', `below beDiskUsageCriticalPercent (${t.diskCrit})`, t.diskWarn);
  }
  return t;
}

const UPPER: Record<MonitoredKind, string> = { fe: 'Fe', be: 'Be', cn: 'Cn' };

/**
 * The alerting rules for a cluster. Label matchers select the cluster's series by the labels the
 * ServiceMonitors' relabelings set (`cluster`, `group`) and, when known, the namespace.
 *
 * @internal
 */
export function alertRules(c: string, namespace: string | undefined, components: readonly MonitoredKind[], t: Thresholds): StarRocksAlertRule[] {
  const sel = (group?: string, extra = '') => {
    const parts = [`cluster="${c}"`];
    if (namespace !== undefined) {
      parts.push(`namespace="${namespace}"`);
    }
    if (group !== undefined) {
      parts.push(`group="${group}"`);
    }
    return `{${parts.join(', ')}${extra}}`;
  };
  const by = namespace !== undefined ? 'cluster, namespace' : 'cluster';
  const where = `cluster ${c}${namespace !== undefined ? ` (namespace ${namespace})` : ''}`;
  const rules: StarRocksAlertRule[] = [];
  for (const x of components) {
    const X = x.toUpperCase();
    rules.push({
      alert: `StarRocks${UPPER[x]}Down`,
      expr: `up${sel(x)} == 0`,
      pendingFor: '2m',
      severity: AlertSeverity.CRITICAL,
      summary: `StarRocks ${X} {{ $labels.instance }} is down`,
      description: `The metrics endpoint of ${X} {{ $labels.instance }} (pod {{ $labels.pod }}) in ${where} has not answered for 2 minutes.`,
    });
  }
  for (const x of components) {
    const X = x.toUpperCase();
    rules.push({
      alert: `StarRocks${UPPER[x]}NotScraped`,
      expr: `absent(up${sel(x)})`,
      pendingFor: '10m',
      severity: AlertSeverity.WARNING,
      summary: `Prometheus scrapes no StarRocks ${X} of ${where}`,
      description: `Prometheus has no ${X} target of ${where}: the ServiceMonitor is missing or does not select the ${X} Service `
        + '(its labels app.starrocks.ownerreference/name and app.kubernetes.io/component were changed), so the other alerts cannot fire.',
    });
  }
  if (components.includes(ComponentKind.FE)) {
    rules.push({
      alert: 'StarRocksQueryErrorRateHigh',
      expr: `sum by (${by}, instance) (rate(starrocks_fe_query_err${sel('fe')}[5m]))`
        + ` / sum by (${by}, instance) (rate(starrocks_fe_query_total${sel('fe')}[5m])) * 100 > ${t.queryErr}`,
      pendingFor: '10m',
      severity: AlertSeverity.WARNING,
      summary: 'Many queries fail on FE {{ $labels.instance }}',
      description: `{{ $value | printf "%.1f" }}% of the queries on FE {{ $labels.instance }} of ${where} failed over the last 5 minutes `
        + `(threshold ${t.queryErr}%). Look at fe.log and the audit log for the errors.`,
    });
    rules.push({
      alert: 'StarRocksFeJvmHeapHigh',
      expr: `jvm_heap_size_bytes${sel('fe', ', type="used"')} / ignoring(type) jvm_heap_size_bytes${sel('fe', ', type="max"')} * 100 > ${t.heap}`,
      pendingFor: '10m',
      severity: AlertSeverity.WARNING,
      summary: 'FE {{ $labels.instance }} is running out of JVM heap',
      description: `FE {{ $labels.instance }} of ${where} uses {{ $value | printf "%.1f" }}% of its maximum JVM heap (threshold ${t.heap}%). `
        + 'Raise -Xmx in JAVA_OPTS (and the memory limit), or look for large metadata operations.',
    });
    rules.push({
      alert: 'StarRocksFeCheckpointStalled',
      expr: `max by (${by}) (starrocks_fe_meta_log_count${sel('fe')}) > ${t.checkpoint}`,
      pendingFor: '30m',
      severity: AlertSeverity.WARNING,
      summary: `StarRocks FE checkpoints are not being taken in ${where}`,
      description: `{{ $value }} edit log entries of ${where} are not yet in a metadata image (threshold ${t.checkpoint}). `
        + 'The leader FE fails to checkpoint (look for checkpoint errors in fe.log; often too little heap or disk); '
        + 'a restart would replay all of them.',
    });
    rules.push({
      alert: 'StarRocksFeJournalLag',
      expr: `max by (${by}) (starrocks_fe_max_journal_id${sel('fe')}) - on (${by}) group_right() starrocks_fe_max_journal_id${sel('fe')} > ${t.journal}`,
      pendingFor: '10m',
      severity: AlertSeverity.WARNING,
      summary: 'FE {{ $labels.instance }} replays the journal far behind',
      description: `FE {{ $labels.instance }} of ${where} is {{ $value }} journal entries behind the most advanced FE (threshold ${t.journal}); `
        + 'it serves stale metadata. Look for replay errors in its fe.log.',
    });
    rules.push({
      alert: 'StarRocksCompactionScoreHigh',
      expr: `max by (${by}) (starrocks_fe_max_tablet_compaction_score${sel('fe')}) > ${t.compaction}`,
      pendingFor: '15m',
      severity: AlertSeverity.WARNING,
      summary: `Compaction falls behind in ${where}`,
      description: `The highest tablet compaction score of ${where} is {{ $value }} (threshold ${t.compaction}): `
        + 'loads create versions faster than compaction merges them, and queries slow down. Load less often, in larger batches, '
        + 'or give compaction more threads.',
    });
  }
  if (components.includes(ComponentKind.BE)) {
    const usage = `(starrocks_be_disks_total_capacity${sel('be')} - starrocks_be_disks_avail_capacity${sel('be')})`
      + ` / starrocks_be_disks_total_capacity${sel('be')} * 100`;
    rules.push({
      alert: 'StarRocksBeDiskUsageHigh',
      expr: `${usage} > ${t.diskWarn}`,
      pendingFor: '15m',
      severity: AlertSeverity.WARNING,
      summary: 'BE {{ $labels.instance }} disk {{ $labels.path }} is filling up',
      description: `Disk {{ $labels.path }} of BE {{ $labels.instance }} in ${where} is {{ $value | printf "%.1f" }}% full `
        + `(threshold ${t.diskWarn}%). Drop unused data, or grow the BE storage before loads are refused.`,
    });
    rules.push({
      alert: 'StarRocksBeDiskAlmostFull',
      expr: `${usage} > ${t.diskCrit}`,
      pendingFor: '5m',
      severity: AlertSeverity.CRITICAL,
      summary: 'BE {{ $labels.instance }} disk {{ $labels.path }} is almost full',
      description: `Disk {{ $labels.path }} of BE {{ $labels.instance }} in ${where} is {{ $value | printf "%.1f" }}% full `
        + `(threshold ${t.diskCrit}%): BE refuses loads and tablet migrations onto it.`,
    });
    rules.push({
      alert: 'StarRocksTabletVersionCountHigh',
      expr: `starrocks_be_max_tablet_rowset_num${sel('be')} > ${t.versions}`,
      pendingFor: '10m',
      severity: AlertSeverity.WARNING,
      summary: 'A tablet on BE {{ $labels.instance }} has too many versions',
      description: `A tablet on BE {{ $labels.instance }} of ${where} has {{ $value }} rowsets (threshold ${t.versions}); `
        + 'loads into it fail once it reaches tablet_max_versions (1000 by default). Load less often, in larger batches.',
    });
    rules.push({
      alert: 'StarRocksBeCompactionFailing',
      expr: `sum by (${by}, instance) (increase(starrocks_be_engine_requests_total${sel('be', ', status="failed", type=~"base_compaction|cumulative_compaction"')}[15m])) > 3`,
      pendingFor: '15m',
      severity: AlertSeverity.WARNING,
      summary: 'Compactions fail on BE {{ $labels.instance }}',
      description: `{{ $value | printf "%.0f" }} compactions failed on BE {{ $labels.instance }} of ${where} in the last 15 minutes. `
        + 'Look for compaction errors in be.INFO (often a damaged tablet or a full disk).',
    });
  }
  return rules;
}

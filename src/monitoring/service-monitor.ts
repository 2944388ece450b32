import { ApiObject, Duration, Lazy } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { componentOf, METRICS_PATH, METRICS_PORT_NAME, MonitoredKind, promDuration, resolveComponents } from './monitored-component';
import type {
  ServiceMonitorSpec, ServiceMonitorSpecEndpoints, ServiceMonitorSpecEndpointsBasicAuth, ServiceMonitorSpecEndpointsRelabelings,
} from './wire';
import { ComponentKind } from '../cluster/component-kind';
import { IStarRocksCluster } from '../cluster/reference';
import { StarRocksApiObject } from '../common/api-object';
import { LABEL_CLUSTER, LABEL_COMPONENT, LABEL_OWNER, libraryLabels, mergeLabels } from '../common/labels';
import { checkDnsLabel, checkDnsSubdomain, copyStringMap, fail } from '../common/validate';

/** The API version of the prometheus-operator custom resources. @internal */
export const MONITORING_API_VERSION = 'monitoring.coreos.com/v1';

/** A Prometheus duration as the chart and the Prometheus operator write it (`30s`, `1m30s`). */
const PROMETHEUS_DURATION = /^([0-9]+(ms|s|m|h|d|w|y))+$/;

/**
 * How often Prometheus scrapes the pods: the `interval` of each ServiceMonitor endpoint.
 *
 * @example
 * ScrapeInterval.duration(Duration.seconds(30)); // interval: 30s
 * ScrapeInterval.fromText('1m30s');              // interval: 1m30s, as written
 * ScrapeInterval.prometheusDefault();            // no interval: Prometheus' scrape_interval
 */
export class ScrapeInterval {
  /**
   * An interval given as a `Duration`, written in the largest unit that divides it (`30s`, `1m`,
   * `90s`, `2h`, `1d`). `Duration.seconds(0)` is `prometheusDefault()`.
   *
   * @param duration a whole number of milliseconds
   */
  public static duration(duration: Duration): ScrapeInterval {
    return new ScrapeInterval(promDuration('interval', duration));
  }

  /**
   * An interval given as a Prometheus duration text, written to the ServiceMonitor exactly as given
   * (`60s` stays `60s`): one or more numbers, each followed by `ms`, `s`, `m`, `h`, `d`, `w` or `y`.
   *
   * @param text e.g. `30s`, `1m30s`
   */
  public static fromText(text: string): ScrapeInterval {
    return new ScrapeInterval(parseDurationText('interval', text));
  }

  /** No interval on the ServiceMonitors: Prometheus uses its global `scrape_interval`. */
  public static prometheusDefault(): ScrapeInterval {
    return new ScrapeInterval(undefined);
  }

  /**
   * The interval as the ServiceMonitor's endpoints carry it.
   *
   * @default - none: Prometheus' global `scrape_interval` applies
   */
  public readonly text?: string;

  private constructor(text: string | undefined) {
    this.text = text;
  }
}

/**
 * Credentials Prometheus sends to the FE metrics endpoint (HTTP basic authentication). Each
 * Secret is given either as a cdk8s-plus Secret (`usernameSecret`) or by its name
 * (`usernameSecretName`, as the kube-starrocks chart's `metrics.serviceMonitor.basicAuth` does);
 * only the name is used.
 */
export interface MetricsBasicAuth {
  /**
   * Secret holding the user name, in the namespace of the ServiceMonitor. Give it or
   * `usernameSecretName`.
   *
   * @default - the Secret named `usernameSecretName`
   */
  readonly usernameSecret?: kplus.ISecret;
  /**
   * Name of the Secret holding the user name, in the namespace of the ServiceMonitor. Give it or
   * `usernameSecret`.
   *
   * @default - the name of `usernameSecret`
   */
  readonly usernameSecretName?: string;
  /** Key of the user name in the Secret. */
  readonly usernameKey: string;
  /**
   * Secret holding the password, in the namespace of the ServiceMonitor. Give it or
   * `passwordSecretName`.
   *
   * @default - the Secret named `passwordSecretName`
   */
  readonly passwordSecret?: kplus.ISecret;
  /**
   * Name of the Secret holding the password, in the namespace of the ServiceMonitor. Give it or
   * `passwordSecret`.
   *
   * @default - the name of `passwordSecret`
   */
  readonly passwordSecretName?: string;
  /** Key of the password in the Secret. */
  readonly passwordKey: string;
}

/** Options of the Prometheus ServiceMonitors of a StarRocks cluster. */
export interface StarRocksServiceMonitorOptions {
  /**
   * Labels of the ServiceMonitors, added to `cluster: <cluster>`; Prometheus usually selects
   * ServiceMonitors by one (e.g. `release: prometheus`).
   *
   * @default - none (chart: `metrics.serviceMonitor.labels`)
   */
  readonly labels?: { [key: string]: string };
  /**
   * How often Prometheus scrapes each pod: a `Duration` (`ScrapeInterval.duration(...)`), a
   * Prometheus duration text (`ScrapeInterval.fromText('1m30s')`) or none
   * (`ScrapeInterval.prometheusDefault()`, Prometheus' global `scrape_interval`).
   *
   * @default ScrapeInterval.duration(Duration.seconds(15)) (chart: `metrics.serviceMonitor.interval`)
   */
  readonly interval?: ScrapeInterval;
  /**
   * The components to scrape. Naming one the cluster does not have is allowed (with a warning):
   * its ServiceMonitor then selects nothing, which is what the chart renders for BE in a
   * shared-data cluster.
   *
   * @default - FE, plus BE and CN if the cluster has them; FE and BE for a cluster defined elsewhere
   */
  readonly components?: ComponentKind[];
  /**
   * HTTP basic authentication for the FE metrics endpoint (only the FE ServiceMonitor gets it).
   *
   * @default - none
   */
  readonly basicAuth?: MetricsBasicAuth;
  /**
   * Query parameters of the FE metrics endpoint (only the FE ServiceMonitor gets them), e.g.
   * `{ with_materialized_view_metrics: ['all'] }`.
   *
   * @default - none (chart: `metrics.serviceMonitor.endpointParam`)
   */
  readonly endpointParams?: { [name: string]: string[] };
  /**
   * Whether the ServiceMonitors carry the labels the library adds by default:
   * `app.kubernetes.io/name: starrocks`, `app.kubernetes.io/instance: <name>` and
   * `app.kubernetes.io/managed-by: cdk8s-starrocks`. `false` leaves them out; the chart's `cluster:
   * <cluster>` label stay either way.
   *
   * @default true
   */
  readonly defaultLabels?: boolean;
  /**
   * Namespace of the ServiceMonitors.
   *
   * @default - the cluster's namespace
   */
  readonly namespace?: string;
}

/** Properties of a `StarRocksServiceMonitor`. */
export interface StarRocksServiceMonitorProps extends StarRocksServiceMonitorOptions {
  /** The cluster to scrape. */
  readonly cluster: IStarRocksCluster;
}

/**
 * Prometheus ServiceMonitors for a StarRocks cluster, as the kube-starrocks chart renders them
 * with `metrics.serviceMonitor.enabled`.
 *
 * Defines one `ServiceMonitor` (`monitoring.coreos.com/v1`) per component, named
 * `<cluster>-fe`, `<cluster>-be`, `<cluster>-cn`. Each selects the component's Services by the
 * labels the operator puts on them (`app.starrocks.ownerreference/name: <cluster>`,
 * `app.kubernetes.io/component: <component>`), scrapes `/metrics` on the `http` (FE) or
 * `webserver` (BE, CN) port, and labels the samples `cluster: <cluster>` and `group: <component>`
 * (the label StarRocks' Grafana dashboards and alert examples use).
 *
 * The cluster needs the Prometheus operator's CRDs (`monitoring.coreos.com/v1`): without them the
 * API server rejects these objects. The chart silently skips them in that case; this construct is
 * an explicit opt-in instead.
 *
 * Unlike the chart, which always renders the BE ServiceMonitor, the default set follows the
 * cluster: no BE ServiceMonitor for a cluster without BE (shared-data). Pass `components` to get
 * the chart's set.
 *
 * Labels: the library adds `app.kubernetes.io/name: starrocks`, `app.kubernetes.io/instance:
 * <name>` and `app.kubernetes.io/managed-by: cdk8s-starrocks` to the ServiceMonitors, besides the
 * chart's `cluster: <cluster>` label, which stays; `defaultLabels: false` leaves them out.
 *
 * @example
 * new StarRocksServiceMonitor(chart, 'Metrics', { cluster, labels: { release: 'prometheus' } });
 */
export class StarRocksServiceMonitor extends Construct {
  /** The ServiceMonitors, in FE, BE, CN order. */
  public readonly serviceMonitors: ApiObject[];
  /** The FE ServiceMonitor, if FE is monitored. */
  public readonly feServiceMonitor?: ApiObject;
  /** The BE ServiceMonitor, if BE is monitored. */
  public readonly beServiceMonitor?: ApiObject;
  /** The CN ServiceMonitor, if CN is monitored. */
  public readonly cnServiceMonitor?: ApiObject;
  /** The monitored components. */
  public readonly components: ComponentKind[];

  private readonly props: StarRocksServiceMonitorProps;
  private interval: ScrapeInterval;

  constructor(scope: Construct, id: string, props: StarRocksServiceMonitorProps) {
    super(scope, id);
    if (!props || !props.cluster) {
      fail('cluster', 'the StarRocks cluster to scrape', props?.cluster);
    }
    this.props = props;
    const cluster = props.cluster;
    const c = cluster.clusterName;
    const namespace = props.namespace ?? cluster.clusterNamespace;
    if (props.namespace !== undefined) {
      checkDnsLabel('namespace', props.namespace);
    }
    this.interval = resolveInterval(props);
    const labels = mergeLabels(libraryLabels(c, props.defaultLabels), { [LABEL_CLUSTER]: c }, copyStringMap('labels', props.labels));
    const params = checkParams(props.endpointParams);
    const basicAuth = props.basicAuth !== undefined ? renderBasicAuth(props.basicAuth) : undefined;

    const monitored = resolveComponents(this, cluster, props.components);
    this.components = [...monitored];
    const objects: { [key: string]: ApiObject } = {};
    for (const component of monitored) {
      objects[component] = new StarRocksApiObject(this, component.charAt(0).toUpperCase() + component.slice(1), {
        apiVersion: MONITORING_API_VERSION,
        kind: 'ServiceMonitor',
        metadata: { name: checkDnsLabel('name', `${c}-${component}`), namespace, labels: { ...labels } },
        spec: Lazy.any({ produce: () => this._renderSpec(component, component === ComponentKind.FE ? { basicAuth, params } : {}) }),
      });
    }
    this.serviceMonitors = this.components.map((x) => objects[x]);
    this.feServiceMonitor = objects[ComponentKind.FE];
    this.beServiceMonitor = objects[ComponentKind.BE];
    this.cnServiceMonitor = objects[ComponentKind.CN];
  }

  /**
   * Renders the spec of one component's ServiceMonitor.
   *
   * @internal
   */
  public _renderSpec(component: MonitoredKind, fe: FeEndpointExtras = {}): ServiceMonitorSpec {
    const cluster = this.props.cluster;
    const namespace = cluster.clusterNamespace;
    const c = cluster.clusterName;
    const relabelings: ServiceMonitorSpecEndpointsRelabelings[] = [
      { sourceLabels: ['__meta_kubernetes_endpoints_label_app_starrocks_ownerreference_name'], targetLabel: 'app_starrocks_ownerreference_name' },
      { sourceLabels: ['__meta_kubernetes_service_label_app_kubernetes_io_component'], targetLabel: 'app_kubernetes_io_component' },
      { sourceLabels: ['__meta_kubernetes_service_label_app_kubernetes_io_component'], targetLabel: 'group' },
      { action: 'replace', replacement: c, targetLabel: 'cluster' },
    ];
    const endpoint: ServiceMonitorSpecEndpoints = {
      port: METRICS_PORT_NAME[component],
      interval: this.interval.text,
      path: METRICS_PATH,
      basicAuth: fe.basicAuth,
      params: fe.params,
      relabelings,
    };
    // a component of a cluster of this app knows its Service labels (read at synth time)
    const owned = componentOf(cluster, component);
    return {
      endpoints: [endpoint],
      namespaceSelector: namespace !== undefined ? { matchNames: [namespace] } : undefined,
      selector: { matchLabels: owned?.serviceLabels ?? { [LABEL_OWNER]: c, [LABEL_COMPONENT]: component } },
    };
  }
}

/** What only the FE endpoint carries. */
interface FeEndpointExtras {
  readonly basicAuth?: ServiceMonitorSpecEndpointsBasicAuth;
  readonly params?: { [name: string]: string[] };
}

function parseDurationText(prop: string, text: string): string {
  if (typeof text !== 'string' || !PROMETHEUS_DURATION.test(text)) {
    fail(prop, 'a Prometheus duration such as "30s", "1m" or "1m30s"', text);
  }
  return text;
}

function resolveInterval(props: StarRocksServiceMonitorOptions): ScrapeInterval {
  if (props.interval === undefined) {
    return ScrapeInterval.duration(Duration.seconds(15));
  }
  if (!(props.interval instanceof ScrapeInterval)) {
    fail('interval', 'a ScrapeInterval (ScrapeInterval.duration(...), ScrapeInterval.fromText(...) or ScrapeInterval.prometheusDefault())', props.interval);
  }
  return props.interval;
}

function renderBasicAuth(auth: MetricsBasicAuth): ServiceMonitorSpecEndpointsBasicAuth {
  const ref = (what: string, secret: kplus.ISecret | undefined, secretName: string | undefined, key: string) => {
    let name: string;
    if (secretName !== undefined) {
      if (secret !== undefined) {
        fail(`basicAuth.${what}SecretName`, `unset when basicAuth.${what}Secret is given`, secretName);
      }
      name = checkDnsSubdomain(`basicAuth.${what}SecretName`, secretName);
    } else {
      if (!secret || typeof secret.name !== 'string' || secret.name.length === 0) {
        fail(`basicAuth.${what}Secret`, `a Secret (kplus.ISecret) with a name, or basicAuth.${what}SecretName`, secret);
      }
      name = secret.name;
    }
    if (typeof key !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(key)) {
      fail(`basicAuth.${what}Key`, 'a Secret key (letters, digits, \'-\', \'_\' and \'.\')', key);
    }
    return { name, key };
  };
  return {
    username: ref('username', auth.usernameSecret, auth.usernameSecretName, auth.usernameKey),
    password: ref('password', auth.passwordSecret, auth.passwordSecretName, auth.passwordKey),
  };
}

function checkParams(params: { [name: string]: string[] } | undefined): { [name: string]: string[] } | undefined {
  if (params === undefined) {
    return undefined;
  }
  const out: { [name: string]: string[] } = {};
  for (const [name, values] of Object.entries(params)) {
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
      fail(`endpointParams.${name}`, 'a list of strings', values);
    }
    out[name] = values.slice();
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

import { Construct } from 'constructs';
import { checkMonitored, componentOf, METRICS_PATH, METRICS_PORT_NAME, MONITORED_KINDS, MonitoredKind } from './monitored-component';
import type { JsonValue } from './wire';
import { ComponentKind } from '../cluster/component-kind';
import { IStarRocksCluster, IStarRocksComponent } from '../cluster/reference';
import { contributeEnvVar } from '../common/env-contributions';
import { goJson } from '../common/hash';
import { ImageReference } from '../common/image';
import { fail } from '../common/validate';
import { warn } from '../common/warnings';

/** The Service annotation that carries the metrics port, computed when the manifest is synthesized. */
const PORT_ANNOTATION = 'prometheus.io/port';

/** Why the FE proxy is refused by the Datadog helpers. */
const NOT_FE_PROXY = 'the FE proxy runs nginx, not StarRocks';

/** Name of the multi-line rule the chart adds. @internal */
export const MULTILINE_RULE_NAME = 'log_start_with_timestamp';

/**
 * How a log record starts, per component: FE (Java, log4j) lines start with a date and time, BE
 * and CN (glog) lines with a severity letter followed by the date and time.
 *
 * @internal
 */
export const MULTILINE_PATTERN: Record<MonitoredKind, string> = {
  [ComponentKind.FE]: '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d+',
  [ComponentKind.BE]: '[IWEF]\\d{8}\\s+\\d{2}:\\d{2}:\\d{2}\\.\\d+',
  [ComponentKind.CN]: '[IWEF]\\d{8}\\s+\\d{2}:\\d{2}:\\d{2}\\.\\d+',
};

/** The Datadog `service` of StarRocks logs. @internal */
export const DATADOG_SERVICE = 'starrocks';

/**
 * Extra attributes of the Datadog log configuration (`tags`, `log_processing_rules`, ...), merged
 * into the `ad.datadoghq.com/<component>.logs` annotation.
 *
 * `service` and `source` are always the library's (`starrocks` and the component), as in the
 * kube-starrocks chart.
 */
export class DatadogLogConfig {
  /**
   * Attributes given as a JSON object, as in the chart's `datadog.log.logConfig` string. An empty
   * text or `{}` means no extra attributes.
   *
   * @param json a JSON object, e.g. `'{"tags": ["env:prod"]}'`
   */
  public static fromJson(json: string): DatadogLogConfig {
    if (typeof json !== 'string') {
      fail('logConfig', 'a JSON object as text', json);
    }
    if (json.replace(/[\s{}]/g, '') === '') {
      return new DatadogLogConfig({});
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      fail('logConfig', `a JSON object (${(e as Error).message})`, json);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return fail('logConfig', 'a JSON object (not a list or a scalar)', parsed);
    }
    return DatadogLogConfig.fromObject(parsed as { [key: string]: unknown });
  }

  /**
   * Attributes given as an object.
   *
   * @param config plain data: strings, numbers, booleans, lists and objects
   */
  public static fromObject(config: { [key: string]: unknown }): DatadogLogConfig {
    if (typeof config !== 'object' || config === null || Array.isArray(config)) {
      fail('logConfig', 'a JSON object (not a list or a scalar)', config);
    }
    const attributes = checkPlainData('logConfig', config);
    if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
      return fail('logConfig', 'a JSON object (not a list or a scalar)', attributes);
    }
    return new DatadogLogConfig(attributes);
  }

  /** The attributes. @internal */
  public readonly _attributes: { [key: string]: JsonValue };

  private constructor(attributes: { [key: string]: JsonValue }) {
    this._attributes = attributes;
  }
}

/** Datadog log collection from the StarRocks containers. */
export interface DatadogLogsOptions {
  /**
   * Extra attributes of the log configuration.
   *
   * @default - only `service: starrocks` and `source: <component>`
   */
  readonly config?: DatadogLogConfig;
  /**
   * Whether to add a `multi_line` processing rule that joins the lines of one log record (stack
   * traces), unless `config` has its own `log_processing_rules`.
   *
   * @default false (chart: `datadog.log.enableMultilineLogParsing`)
   */
  readonly multilineLogParsing?: boolean;
}

/** Datadog continuous profiling of StarRocks processes, through Datadog's admission controller. */
export interface DatadogProfilingOptions {
  /**
   * Profile the FE (Java) processes.
   *
   * @default false
   */
  readonly fe?: boolean;
  /**
   * Profile the BE processes (adds the `PERFMON` and `SYS_PTRACE` capabilities).
   *
   * @default false
   */
  readonly be?: boolean;
  /**
   * Profile the CN processes (adds the `PERFMON` and `SYS_PTRACE` capabilities).
   *
   * @default false
   */
  readonly cn?: boolean;
  /**
   * The Datadog environment (`DD_ENV`).
   *
   * @default - no `DD_ENV` variable
   */
  readonly env?: string;
  /**
   * How the admission controller injects the agent's address: the pod label
   * `admission.datadoghq.com/config.mode` (`hostip`, `service` or `socket`).
   *
   * @default - no label; the admission controller's own default applies
   */
  readonly configMode?: string;
}

/** Datadog integration of a StarRocks cluster (the chart's `datadog` values). */
export interface DatadogOptions {
  /**
   * Collect logs: pod annotation `ad.datadoghq.com/<component>.logs` and `LOG_CONSOLE=1`, which
   * makes StarRocks log to the console.
   *
   * @default - no log collection
   */
  readonly logs?: DatadogLogsOptions;
  /**
   * Let the agent scrape metrics: Service annotations `prometheus.io/path`, `prometheus.io/port`
   * and `prometheus.io/scrape`.
   *
   * @default false
   */
  readonly metrics?: boolean;
  /**
   * Continuous profiling.
   *
   * @default - no profiling
   */
  readonly profiling?: DatadogProfilingOptions;
}

/** Properties of `StarRocksDatadog`. */
export interface StarRocksDatadogProps extends DatadogOptions {
  /** The cluster to set up; a `StarRocksCluster` of this app. */
  readonly cluster: IStarRocksCluster;
}

/**
 * Datadog integration of a StarRocks cluster: annotations, labels and environment variables of
 * its FE, BE and CN, as the kube-starrocks chart sets them with its `datadog` values. It defines
 * no object of its own: it adds to the cluster's components through their mutators.
 *
 * - logs: pod annotation `ad.datadoghq.com/<component>.logs` and env `LOG_CONSOLE=1`;
 * - metrics: Service annotations `prometheus.io/path: /metrics`, `prometheus.io/port` (FE
 *   `http_port`, BE/CN `webserver_port`, read from the config when the manifest is synthesized)
 *   and `prometheus.io/scrape`;
 * - profiling, per selected component: pod labels `admission.datadoghq.com/enabled: "true"`
 *   (and `config.mode`), env `ENABLE_DATADOG_PROFILE`, `DD_PROFILING_ENABLED`,
 *   `DD_SERVICE=starrocks-<component>`, `DD_ENV`, `DD_VERSION` (the image tag), FE also the
 *   `DD_PROFILING_DDPROF_*` switches; BE and CN the capabilities `PERFMON` and `SYS_PTRACE`.
 *
 * Environment variables a component already has are kept as they are. New ones come after the
 * existing ones (the chart puts them right after `TZ`). The static helpers are pure.
 *
 * @example
 * cluster.addDatadog('Datadog', { metrics: true, logs: {} });
 */
export class StarRocksDatadog extends Construct {
  /**
   * The pod annotation key under which Datadog reads the log configuration of a container:
   * `ad.datadoghq.com/<component>.logs` (the StarRocks container is named after the component).
   *
   * @param component FE, BE or CN
   */
  public static logsAnnotationKey(component: ComponentKind): string {
    checkMonitored('component', component, NOT_FE_PROXY);
    return `ad.datadoghq.com/${component}.logs`;
  }

  /**
   * The value of the `ad.datadoghq.com/<component>.logs` pod annotation: a JSON list holding one
   * object with sorted keys, `service: starrocks`, `source: <component>` and the configured
   * attributes, exactly as the chart prints it.
   *
   * @param component FE, BE or CN
   * @param options extra attributes and the multi-line rule
   */
  public static logsAnnotationValue(component: ComponentKind, options: DatadogLogsOptions = {}): string {
    const kind = checkMonitored('component', component, NOT_FE_PROXY);
    return renderLogsAnnotation({ service: DATADOG_SERVICE, source: kind }, options.config,
      options.multilineLogParsing ? { name: MULTILINE_RULE_NAME, pattern: MULTILINE_PATTERN[kind] } : undefined);
  }

  /**
   * The Service annotations by which the Datadog agent (and other Prometheus-style scrapers) find
   * the metrics endpoint.
   *
   * @param port the metrics port: FE `http_port`, BE/CN `webserver_port`
   */
  public static prometheusAnnotations(port: number): { [key: string]: string } {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      fail('port', 'a port number from 1 to 65535', port);
    }
    return {
      'prometheus.io/path': METRICS_PATH,
      'prometheus.io/port': String(port),
      'prometheus.io/scrape': 'true',
    };
  }

  /**
   * The pod labels that make Datadog's admission controller configure a pod for profiling.
   *
   * @param options the profiling options (`configMode`)
   */
  public static profilingPodLabels(options: DatadogProfilingOptions = {}): { [key: string]: string } {
    const labels: { [key: string]: string } = {};
    if (options.configMode !== undefined && options.configMode !== '') {
      labels['admission.datadoghq.com/config.mode'] = options.configMode;
    }
    labels['admission.datadoghq.com/enabled'] = 'true';
    return labels;
  }

  /**
   * The environment variables that turn on profiling in a component, in the chart's order.
   *
   * @param component FE, BE or CN
   * @param options the profiling options (`env`)
   * @param image the component's image; its tag becomes `DD_VERSION`
   */
  public static profilingEnv(component: ComponentKind, options: DatadogProfilingOptions, image: string): { [name: string]: string } {
    checkMonitored('component', component, NOT_FE_PROXY);
    const env: { [name: string]: string } = {
      ENABLE_DATADOG_PROFILE: 'true',
      DD_PROFILING_ENABLED: 'true',
      DD_SERVICE: `starrocks-${component}`,
    };
    if (options.env !== undefined) {
      env.DD_ENV = options.env;
    }
    const tag = ImageReference.parse(image)?.tag;
    if (tag !== undefined) {
      env.DD_VERSION = tag;
    }
    if (component === ComponentKind.FE) {
      env.DD_PROFILING_DDPROF_ALLOC_ENABLED = 'true';
      env.DD_PROFILING_DDPROF_ENABLED = 'true';
      env.DD_PROFILING_DDPROF_LIVEHEAP_ENABLED = 'true';
      env.DD_PROFILING_DIRECTALLOCATION_ENABLED = 'true';
    }
    return env;
  }

  /** The cluster it set up. */
  public readonly cluster: IStarRocksCluster;

  constructor(scope: Construct, id: string, props: StarRocksDatadogProps) {
    super(scope, id);
    const cluster = props?.cluster;
    if (!cluster || typeof cluster.tryFindComponent !== 'function' || !cluster.definedInApp) {
      fail('cluster', 'a StarRocksCluster of this app', cluster?.clusterName);
    }
    this.cluster = cluster;
    const present: Array<[MonitoredKind, IStarRocksComponent]> = [];
    for (const c of MONITORED_KINDS) {
      const component = componentOf(cluster, c);
      if (component !== undefined) {
        present.push([c, component]);
      }
    }
    if (props.logs !== undefined) {
      for (const [c, component] of present) {
        component.addPodAnnotation(StarRocksDatadog.logsAnnotationKey(c), StarRocksDatadog.logsAnnotationValue(c, props.logs));
        contributeEnv(component, this, 'LOG_CONSOLE', '1');
      }
    }
    if (props.metrics) {
      for (const [c, component] of present) {
        component.addServiceAnnotation('prometheus.io/path', METRICS_PATH);
        component.addServiceAnnotation('prometheus.io/scrape', 'true');
        // the port comes from the config file, which can still change (`fe.addConfig('http_port', ...)`)
        component.addServiceAnnotationFromPort(PORT_ANNOTATION, METRICS_PORT_NAME[c]);
      }
    }
    const profiling = props.profiling;
    if (profiling !== undefined) {
      for (const c of MONITORED_KINDS) {
        if (!profiling[c]) {
          continue;
        }
        const component = componentOf(cluster, c);
        if (component === undefined) {
          warn(cluster, `'datadog.profiling.${c}' is set but the cluster has no ${c.toUpperCase()}; ignored`);
          continue;
        }
        const labels = StarRocksDatadog.profilingPodLabels(profiling);
        for (const k of Object.keys(labels)) {
          component.addPodLabel(k, labels[k]);
        }
        const env = StarRocksDatadog.profilingEnv(c, profiling, component.image);
        for (const k of Object.keys(env)) {
          contributeEnv(component, this, k, env[k]);
        }
        if (c !== ComponentKind.FE) {
          if (!takesCapabilities(component)) {
            fail(`datadog.profiling.${c}`, `false for a ${c.toUpperCase()} that takes no Linux capabilities`, true);
          }
          component.addCapability('PERFMON');
          component.addCapability('SYS_PTRACE');
        }
      }
    }
  }
}

/**
 * The Datadog log annotation value: `[<object>]` in Go's JSON encoding (sorted keys, HTML-safe
 * escapes), where the object is `base` over the configured attributes, plus a multi-line rule
 * unless the attributes already have `log_processing_rules`. Shared with the warehouse, whose
 * base is `{service: warehouse}`.
 *
 * @internal
 */
export function renderLogsAnnotation(
  base: { [key: string]: string },
  config: DatadogLogConfig | undefined,
  multiline: { name: string; pattern: string } | undefined,
): string {
  if (config !== undefined && !(config instanceof DatadogLogConfig)) {
    fail('logs.config', 'a DatadogLogConfig (DatadogLogConfig.fromJson(...) or DatadogLogConfig.fromObject(...))', config);
  }
  const merged: { [key: string]: JsonValue } = { ...(config?._attributes ?? {}), ...base };
  if (multiline !== undefined && !('log_processing_rules' in merged)) {
    merged.log_processing_rules = [{ name: multiline.name, pattern: multiline.pattern, type: 'multi_line' }];
  }
  return goJson([merged]);
}

/**
 * A variable Datadog needs in a component's container, resolved when the component renders: a
 * variable of that name the user gives (before or after) wins.
 */
function contributeEnv(component: IStarRocksComponent, source: Construct, name: string, value: string): void {
  if (!contributeEnvVar(component, source, { name, value }) && !component.hasEnvVar(name)) {
    component.addEnvVar({ name, value });
  }
}

/** A component that takes Linux capabilities (FE, BE and CN of a `StarRocksCluster` do). */
interface CapableComponent extends IStarRocksComponent {
  addCapability(capability: string): void;
}

function takesCapabilities(component: IStarRocksComponent): component is CapableComponent {
  return typeof (component as Partial<CapableComponent>).addCapability === 'function';
}

function checkPlainData(prop: string, value: unknown): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      fail(prop, 'a finite number', value);
    }
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((v: unknown, i) => checkPlainData(`${prop}[${i}]`, v));
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as { [key: string]: unknown };
    const out: { [key: string]: JsonValue } = {};
    for (const k of Object.keys(record)) {
      const v = record[k];
      if (v !== undefined) {
        out[k] = checkPlainData(`${prop}.${k}`, v);
      }
    }
    return out;
  }
  return fail(prop, 'plain JSON data', value);
}

import { componentOf, METRICS_PATH, METRICS_PORT_NAME, MonitoredComponent } from './monitored-component';
import type { StarRocksCluster } from '../cluster/cluster';
import { goJson } from '../common/hash';
import { checkOneOf, fail } from '../common/validate';
import { warn } from '../common/warnings';
import type { StarRocksComponent } from '../components/component';

/** Name of the multi-line rule the chart adds. @internal */
export const MULTILINE_RULE_NAME = 'log_start_with_timestamp';

/**
 * How a log record starts, per component: FE (Java, log4j) lines start with a date and time, BE
 * and CN (glog) lines with a severity letter followed by the date and time.
 *
 * @internal
 */
export const MULTILINE_PATTERN: Record<MonitoredComponent, string> = {
  [MonitoredComponent.FE]: '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d+',
  [MonitoredComponent.BE]: '[IWEF]\\d{8}\\s+\\d{2}:\\d{2}:\\d{2}\\.\\d+',
  [MonitoredComponent.CN]: '[IWEF]\\d{8}\\s+\\d{2}:\\d{2}:\\d{2}\\.\\d+',
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
    return DatadogLogConfig.fromObject(parsed as { [key: string]: any });
  }

  /**
   * Attributes given as an object.
   *
   * @param config plain data: strings, numbers, booleans, lists and objects
   */
  public static fromObject(config: { [key: string]: any }): DatadogLogConfig {
    if (typeof config !== 'object' || config === null || Array.isArray(config)) {
      fail('logConfig', 'a JSON object (not a list or a scalar)', config);
    }
    return new DatadogLogConfig(checkPlainData('logConfig', config));
  }

  /** The attributes. @internal */
  public readonly _attributes: { [key: string]: any };

  private constructor(attributes: { [key: string]: any }) {
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

/**
 * Datadog annotations, labels and environment variables for StarRocks, as the kube-starrocks chart
 * sets them with its `datadog` values.
 *
 * The static helpers are pure; `applyTo` adds everything to a cluster through its component
 * mutators.
 */
export class Datadog {
  /**
   * Adds the Datadog settings to every component of a cluster.
   *
   * - logs: pod annotation `ad.datadoghq.com/<component>.logs` and env `LOG_CONSOLE=1`;
   * - metrics: Service annotations `prometheus.io/path: /metrics`, `prometheus.io/port` (FE
   *   `http_port`, BE/CN `webserver_port`, read from the config now) and `prometheus.io/scrape`;
   * - profiling, per selected component: pod labels `admission.datadoghq.com/enabled: "true"`
   *   (and `config.mode`), env `ENABLE_DATADOG_PROFILE`, `DD_PROFILING_ENABLED`,
   *   `DD_SERVICE=starrocks-<component>`, `DD_ENV`, `DD_VERSION` (the image tag), FE also the
   *   `DD_PROFILING_DDPROF_*` switches; BE and CN the capabilities `PERFMON` and `SYS_PTRACE`.
   *
   * Environment variables a component already has are kept as they are. New ones come after the
   * existing ones (the chart puts them right after `TZ`).
   *
   * @param cluster the cluster
   * @param options what to enable
   */
  public static applyTo(cluster: StarRocksCluster, options: DatadogOptions): void {
    if (!cluster || typeof (cluster as any).fe?.addPodAnnotation !== 'function') {
      fail('cluster', 'a StarRocksCluster of this app', cluster);
    }
    const all = [MonitoredComponent.FE, MonitoredComponent.BE, MonitoredComponent.CN];
    const present = all.filter((c) => componentOf(cluster, c) !== undefined);
    if (options.logs !== undefined) {
      for (const c of present) {
        const component = componentOf(cluster, c)!;
        component.addPodAnnotation(Datadog.logsAnnotationKey(c), Datadog.logsAnnotationValue(c, options.logs));
        addEnvOnce(component, 'LOG_CONSOLE', '1');
      }
    }
    if (options.metrics) {
      for (const c of present) {
        const component = componentOf(cluster, c)!;
        const annotations = Datadog.prometheusAnnotations(component.port(METRICS_PORT_NAME[c]));
        for (const k of Object.keys(annotations)) {
          component.addServiceAnnotation(k, annotations[k]);
        }
      }
    }
    const profiling = options.profiling;
    if (profiling !== undefined) {
      for (const c of all) {
        if (!profiling[c]) {
          continue;
        }
        const component = componentOf(cluster, c);
        if (component === undefined) {
          warn(cluster, `'datadog.profiling.${c}' is set but the cluster has no ${c.toUpperCase()}; ignored`);
          continue;
        }
        const labels = Datadog.profilingPodLabels(profiling);
        for (const k of Object.keys(labels)) {
          component.addPodLabel(k, labels[k]);
        }
        const env = Datadog.profilingEnv(c, profiling, component.image);
        for (const k of Object.keys(env)) {
          addEnvOnce(component, k, env[k]);
        }
        if (c !== MonitoredComponent.FE) {
          component.addCapability('PERFMON');
          component.addCapability('SYS_PTRACE');
        }
      }
    }
  }

  /**
   * The pod annotation key under which Datadog reads the log configuration of a container:
   * `ad.datadoghq.com/<component>.logs` (the StarRocks container is named after the component).
   *
   * @param component the component
   */
  public static logsAnnotationKey(component: MonitoredComponent): string {
    checkOneOf('component', component, Object.values(MonitoredComponent));
    return `ad.datadoghq.com/${component}.logs`;
  }

  /**
   * The value of the `ad.datadoghq.com/<component>.logs` pod annotation: a JSON list holding one
   * object with sorted keys, `service: starrocks`, `source: <component>` and the configured
   * attributes, exactly as the chart prints it.
   *
   * @param component the component
   * @param options extra attributes and the multi-line rule
   */
  public static logsAnnotationValue(component: MonitoredComponent, options: DatadogLogsOptions = {}): string {
    checkOneOf('component', component, Object.values(MonitoredComponent));
    return renderLogsAnnotation({ service: DATADOG_SERVICE, source: component }, options.config,
      options.multilineLogParsing ? { name: MULTILINE_RULE_NAME, pattern: MULTILINE_PATTERN[component] } : undefined);
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
   * @param component the component
   * @param options the profiling options (`env`)
   * @param image the component's image; its tag becomes `DD_VERSION`
   */
  public static profilingEnv(component: MonitoredComponent, options: DatadogProfilingOptions, image: string): { [name: string]: string } {
    checkOneOf('component', component, Object.values(MonitoredComponent));
    const env: { [name: string]: string } = {
      ENABLE_DATADOG_PROFILE: 'true',
      DD_PROFILING_ENABLED: 'true',
      DD_SERVICE: `starrocks-${component}`,
    };
    if (options.env !== undefined) {
      env.DD_ENV = options.env;
    }
    const tag = imageTag(image);
    if (tag !== undefined) {
      env.DD_VERSION = tag;
    }
    if (component === MonitoredComponent.FE) {
      env.DD_PROFILING_DDPROF_ALLOC_ENABLED = 'true';
      env.DD_PROFILING_DDPROF_ENABLED = 'true';
      env.DD_PROFILING_DDPROF_LIVEHEAP_ENABLED = 'true';
      env.DD_PROFILING_DIRECTALLOCATION_ENABLED = 'true';
    }
    return env;
  }

  private constructor() {}
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
  const merged: { [key: string]: any } = { ...(config?._attributes ?? {}), ...base };
  if (multiline !== undefined && !('log_processing_rules' in merged)) {
    merged.log_processing_rules = [{ name: multiline.name, pattern: multiline.pattern, type: 'multi_line' }];
  }
  return goJson([merged]);
}

/** The tag of an image reference (`repo/name:tag`, `name:tag@sha256:...`), if it has one. @internal */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0];
  const last = withoutDigest.split('/').pop() ?? '';
  const i = last.lastIndexOf(':');
  return i >= 0 && i < last.length - 1 ? last.slice(i + 1) : undefined;
}

function addEnvOnce(component: StarRocksComponent, name: string, value: string): void {
  if (!component.hasEnvVar(name)) {
    component.addEnvVar({ name, value });
  }
}

function checkPlainData(prop: string, value: any): any {
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
    return value.map((v, i) => checkPlainData(`${prop}[${i}]`, v));
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: { [key: string]: any } = {};
    for (const k of Object.keys(value)) {
      const v = value[k];
      if (v !== undefined) {
        out[k] = checkPlainData(`${prop}.${k}`, v);
      }
    }
    return out;
  }
  return fail(prop, 'plain JSON data', value);
}

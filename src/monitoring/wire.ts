/**
 * Wire shapes of the prometheus-operator custom resources (`monitoring.coreos.com/v1`) this module
 * writes: only the fields it sets. The names follow the types `cdk8s import` generates from the
 * CRDs (`imports/monitoring.coreos.com.ts`), so that these declarations can be replaced by an
 * import of the generated ones; until then, this is the one place that describes them.
 *
 * @internal
 */

/** `ServiceMonitor.spec`. @internal */
export interface ServiceMonitorSpec {
  readonly endpoints: ServiceMonitorSpecEndpoints[];
  readonly namespaceSelector?: ServiceMonitorSpecNamespaceSelector;
  readonly selector: ServiceMonitorSpecSelector;
}

/** One scrape endpoint of a ServiceMonitor. @internal */
export interface ServiceMonitorSpecEndpoints {
  /** name of the Service port */
  readonly port: string;
  /** Prometheus duration (`30s`, `1m`) */
  readonly interval?: string;
  readonly path: string;
  readonly basicAuth?: ServiceMonitorSpecEndpointsBasicAuth;
  readonly params?: { [name: string]: string[] };
  readonly relabelings: ServiceMonitorSpecEndpointsRelabelings[];
}

/** HTTP basic authentication of an endpoint. @internal */
export interface ServiceMonitorSpecEndpointsBasicAuth {
  readonly username: ServiceMonitorSpecEndpointsBasicAuthUsername;
  readonly password: ServiceMonitorSpecEndpointsBasicAuthPassword;
}

/** A key of a Secret in the ServiceMonitor's namespace. @internal */
export interface ServiceMonitorSpecEndpointsBasicAuthUsername {
  readonly name: string;
  readonly key: string;
}

/** A key of a Secret in the ServiceMonitor's namespace. @internal */
export interface ServiceMonitorSpecEndpointsBasicAuthPassword {
  readonly name: string;
  readonly key: string;
}

/** One relabeling step, applied to the target's labels before scraping. @internal */
export interface ServiceMonitorSpecEndpointsRelabelings {
  /** `replace` (Prometheus' default), `keep`, `drop`, ... */
  readonly action?: string;
  readonly sourceLabels?: string[];
  readonly targetLabel?: string;
  readonly replacement?: string;
}

/** The namespaces whose Services are selected. @internal */
export interface ServiceMonitorSpecNamespaceSelector {
  readonly matchNames: string[];
}

/** The labels of the selected Services. @internal */
export interface ServiceMonitorSpecSelector {
  readonly matchLabels: { [key: string]: string };
}

/** `PrometheusRule.spec` (also the content of a Prometheus rule file). @internal */
export interface PrometheusRuleSpec {
  readonly groups: PrometheusRuleSpecGroups[];
}

/** A named group of rules. @internal */
export interface PrometheusRuleSpecGroups {
  readonly name: string;
  readonly rules: PrometheusRuleSpecGroupsRules[];
}

/** One alerting rule. @internal */
export interface PrometheusRuleSpecGroupsRules {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: { [key: string]: string };
  readonly annotations: { [key: string]: string };
}

/**
 * Plain JSON data, as the Datadog log configuration holds it.
 *
 * @internal
 */
export type JsonValue = null | string | number | boolean | JsonValue[] | { [key: string]: JsonValue };

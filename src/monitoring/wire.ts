/**
 * Wire shapes of the prometheus-operator custom resources (`monitoring.coreos.com/v1`) this module
 * writes, from the types generated from their CRDs (`imports/`, `npx projen import`).
 *
 * @internal
 */

export type {
  ServiceMonitorSpec, ServiceMonitorSpecEndpoints, BasicAuth as ServiceMonitorSpecEndpointsBasicAuth,
  Relabelings as ServiceMonitorSpecEndpointsRelabelings, PrometheusRuleSpec,
} from '../../imports/monitoring.coreos.com';

/**
 * Plain JSON data, as the Datadog log configuration holds it.
 *
 * @internal
 */
export type JsonValue = null | string | number | boolean | JsonValue[] | { [key: string]: JsonValue };

/**
 * Label keys the operator puts on what it creates (`pkg/common/labels.go`) and the library's own
 * labels.
 *
 * @internal
 */
export const LABEL_COMPONENT = 'app.kubernetes.io/component';
/** @internal */
export const LABEL_OWNER = 'app.starrocks.ownerreference/name';
/** The chart's `cluster: <c>` label on the CR, config ConfigMaps, init Job and ServiceMonitors. @internal */
export const LABEL_CLUSTER = 'cluster';

/**
 * Labels the library puts on every object it creates for a cluster, unless the construct's
 * `defaultLabels` is false; merged under the chart's and the user's labels.
 *
 * @internal
 */
export function libraryLabels(instance: string, defaultLabels?: boolean): { [key: string]: string } {
  if (defaultLabels === false) {
    return {};
  }
  return {
    'app.kubernetes.io/name': 'starrocks',
    'app.kubernetes.io/instance': instance,
    'app.kubernetes.io/managed-by': 'cdk8s-starrocks',
  };
}

/** Merges label maps in order, later ones winning. @internal */
export function mergeLabels(...maps: Array<{ [key: string]: string } | undefined>): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const m of maps) {
    if (m) {
      Object.assign(out, m);
    }
  }
  return out;
}

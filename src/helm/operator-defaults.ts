/**
 * Default values of the `operator` subchart of kube-starrocks 1.11.5 (its `values.yaml`), as data:
 * user values (`operator:` in the umbrella chart) are merged over them the way Helm does.
 *
 * They follow the chart's `values.yaml` (a copy is in `../shared/charts`).
 *
 * @internal
 */
import { deepFreeze, ReadonlyValuesMap } from './values';

/**
 * The operator subchart's default values. Frozen: merge user values over it with
 * `coalesceValues`, which copies.
 *
 * @internal
 */
export const OPERATOR_CHART_DEFAULTS: ReadonlyValuesMap = deepFreeze({
  global: {
    rbac: {
      // switches the ServiceAccount, the (Cluster)Role(Binding) and the leader-election Role(Binding)
      create: true,
      serviceAccount: {
        name: 'starrocks',
        annotations: {},
        labels: {},
      },
    },
  },
  timeZone: 'Asia/Shanghai',
  // the prefix of `<name>-operator`; an empty value falls back to the subchart's name, `operator`
  nameOverride: 'kube-starrocks',
  starrocksOperator: {
    enabled: true,
    annotations: {},
    namespaceOverride: '',
    image: {
      repository: 'starrocks/operator',
      tag: 'v1.11.5',
    },
    imagePullPolicy: 'Always',
    replicaCount: 1,
    resources: {
      limits: { cpu: '500m', memory: '800Mi' },
      requests: { cpu: '500m', memory: '400Mi' },
    },
    securityContext: {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
    },
    imagePullSecrets: [],
    nodeSelector: {},
    affinity: {},
    tolerations: [],
    watchNamespace: '',
    denyList: '',
    env: [],
    log: ['--zap-time-encoding=iso8601', '--zap-encoder=console'],
    dnsDomainSuffix: '',
    volumeNameWithHash: true,
  },
});

/**
 * Facts of the StarRocks operator v1.11.5 and the kube-starrocks chart 1.11.5 that the library
 * relies on: default ports, paths, name suffixes and length budgets.
 *
 * Sources (operator repository, tag v1.11.5):
 * - ports and their config keys: `pkg/common/resource_utils/service.go`, `pkg/common/resource_utils/configmap.go`
 * - names of derived objects: `pkg/apis/starrocks/v1/starrockscluster_types.go` (`*StatefulSetName`,
 *   `*ExternalServiceName`, `*SearchServiceName`), `pkg/subcontrollers/*`
 * - default volumes and mount paths: `pkg/k8sutils/templates/pod/spec.go`
 * - labels: `pkg/common/labels.go`
 * - chart defaults: `helm-charts/charts/kube-starrocks/charts/starrocks/values.yaml`
 * - container fields: the `sidecars`/`initContainers` schema in `deploy/starrocks.com_starrocksclusters.yaml`
 * - warehouses: the `-warehouse` suffix of every object the operator creates for one,
 *   `pkg/k8sutils/templates/object/meta.go` (`GetAliasName`; the CN objects then get the usual
 *   `-cn`, `-cn-service`, `-cn-search`, `-cn-autoscaler` suffixes); the template handled as a CN
 *   spec (`envVars` becomes `cnEnvVars`), `pkg/apis/starrocks/v1/starrockswarehouse_types.go`
 *   (`ToCnSpec`); the warehouse chart's ConfigMap (`<release>-cm`, key `cn.conf`, labels
 *   `warehouse` and `app: warehouse`), `helm-charts/charts/warehouse/templates/cnconfigmap.yaml`;
 *   enterprise edition 3.2 or later, `doc/deploy_warehouse_howto.md`
 *
 * @internal
 */

/** The StarRocks operator release this library targets. @internal */
export const OPERATOR_VERSION = 'v1.11.5';
/** The default StarRocks image tag of the chart (`starrocksCluster.componentValues.image.tag`). @internal */
export const DEFAULT_IMAGE_TAG = '4.1-latest';

/** Component short names. @internal */
export type ComponentKey = 'fe' | 'be' | 'cn';

/** Default image repositories of the chart. @internal */
export const DEFAULT_REPOSITORY: Record<ComponentKey, string> = {
  fe: 'starrocks/fe-ubuntu',
  be: 'starrocks/be-ubuntu',
  cn: 'starrocks/cn-ubuntu',
};

/** A port the operator derives from a component's config file. @internal */
export interface PortFact {
  /** the config keys that set it, first one preferred */
  readonly keys: readonly string[];
  /** the port's name on the component's external Service */
  readonly name: string;
  /** the default value */
  readonly defaultPort: number;
}

/** The ports of each component, in the order the operator lists them on the Service. @internal */
export const PORTS: Record<ComponentKey, readonly PortFact[]> = {
  fe: [
    { keys: ['http_port'], name: 'http', defaultPort: 8030 },
    { keys: ['rpc_port'], name: 'rpc', defaultPort: 9020 },
    { keys: ['query_port'], name: 'query', defaultPort: 9030 },
    { keys: ['edit_log_port'], name: 'edit-log', defaultPort: 9010 },
  ],
  be: [
    { keys: ['be_port'], name: 'be', defaultPort: 9060 },
    { keys: ['webserver_port', 'be_http_port'], name: 'webserver', defaultPort: 8040 },
    { keys: ['heartbeat_service_port'], name: 'heartbeat', defaultPort: 9050 },
    { keys: ['brpc_port'], name: 'brpc', defaultPort: 8060 },
  ],
  cn: [
    { keys: ['thrift_port', 'be_port'], name: 'thrift', defaultPort: 9060 },
    { keys: ['webserver_port', 'be_http_port'], name: 'webserver', defaultPort: 8040 },
    { keys: ['heartbeat_service_port'], name: 'heartbeat', defaultPort: 9050 },
    { keys: ['brpc_port'], name: 'brpc', defaultPort: 8060 },
  ],
};

/** The default of a port of a component (`PORTS`), by its Service port name. @internal */
export function defaultPort(key: ComponentKey, name: string): number {
  const fact = PORTS[key].find((p) => p.name === name);
  if (fact === undefined) {
    throw new Error(`no ${key} port named ${name}`);
  }
  return fact.defaultPort;
}

/** The FE MySQL protocol port when fe.conf does not set `query_port`. @internal */
export const DEFAULT_FE_QUERY_PORT = defaultPort('fe', 'query');
/** The FE HTTP port when fe.conf does not set `http_port`. @internal */
export const DEFAULT_FE_HTTP_PORT = defaultPort('fe', 'http');

/** The optional Arrow Flight port (no default: only when configured). @internal */
export const ARROW_FLIGHT = { key: 'arrow_flight_port', name: 'arrow-flight' };

/** The FE proxy's one port. @internal */
export const FE_PROXY_PORT = { name: 'http-port', containerPort: 8080 };

/** Where the operator mounts a component's config ConfigMap. @internal */
export function configMountPath(c: ComponentKey): string {
  return `/etc/starrocks/${c}/conf`;
}

/** Where the chart mounts an entrypoint script. @internal */
export const ENTRYPOINT_MOUNT_PATH = '/etc/starrocks/entrypoint.sh';

/** Default mount paths of the operator's volumes. @internal */
export const DEFAULT_PATHS = {
  feMeta: '/opt/starrocks/fe/meta',
  log: (c: ComponentKey) => `/opt/starrocks/${c}/log`,
  data: (c: ComponentKey) => `/opt/starrocks/${c}/storage`,
  spill: (c: ComponentKey) => `/opt/starrocks/${c}/spill`,
};

/**
 * Default sizes of the persistent volumes, from the chart's `values.yaml` (`storageSpec.storageSize`,
 * `logStorageSize`, `spillStorageSize`). @internal
 */
export const DEFAULT_STORAGE_SIZES = {
  feMeta: '10Gi',
  feLog: '5Gi',
  data: '1Ti',
  log: '20Gi',
  spill: '0Gi',
};

/** Below this FE meta volume size the library warns: FE stops when less than 5Gi is free. @internal */
export const FE_META_MIN_BYTES = 10 * 2 ** 30;

/** Names the operator and the chart derive from a cluster (or warehouse alias) name. @internal */
export const DERIVED_NAMES = {
  statefulSet: (owner: string, key: string) => `${owner}-${key}`,
  service: (owner: string, key: string) => `${owner}-${key}-service`,
  searchService: (owner: string, key: string) => `${owner}-${key}-search`,
  configMap: (owner: string, key: string) => `${owner}-${key}-cm`,
  entrypointConfigMap: (owner: string, key: string) => `${owner}-${key}-entrypoint-script`,
  feProxyService: (cluster: string) => `${cluster}-fe-proxy-service`,
};

/** The pod annotation holding the hash of a component's config file (rolls the pods on change). @internal */
export function configHashAnnotation(key: ComponentKey): string {
  return `app.starrocks.io/${key}-config-hash`;
}

/** The pod annotation holding the hash of a component's entrypoint script. @internal */
export function entrypointHashAnnotation(key: ComponentKey): string {
  return `app.starrocks.io/${key}-entrypoint-hash`;
}

/** The key of a component's config file in its ConfigMap (`fe.conf`, ...). @internal */
export function configFileKey(key: ComponentKey): string {
  return `${key}.conf`;
}

/** Service types the operator supports for component Services. @internal */
export const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer'];

/** The probe period of the operator; failure budgets are rounded up to a multiple of it. @internal */
export const PROBE_PERIOD_SECONDS = 5;

/**
 * Name budgets: StatefulSet names leave room for the
 * `controller-revision-hash` label (52 characters), Service names are DNS-1035 labels (63).
 * @internal
 */
export const NAME_BUDGET = {
  statefulSet: 52,
  service: 63,
  volume: 63,
  /** a mounted ConfigMap or Secret whose volume gets a `-<hash>` suffix (`--volume-name-with-hash`) */
  hashedMountName: 58,
  /** the prefix of a component's standard volume names (`<prefix>-data`, `<prefix>12-data`) */
  volumeNamePrefix: 50,
};

/**
 * The emptyDir volumes the operator adds unless a storage volume is named with the suffix or
 * mounted at a path containing the path (`pkg/k8sutils/templates/pod/spec.go`).
 * @internal
 */
export const DEFAULT_VOLUMES: Record<ComponentKey, ReadonlyArray<{ readonly suffix: string; readonly path: string }>> = {
  fe: [{ suffix: '-meta', path: DEFAULT_PATHS.feMeta }, { suffix: '-log', path: DEFAULT_PATHS.log('fe') }],
  be: [{ suffix: '-data', path: DEFAULT_PATHS.data('be') }, { suffix: '-log', path: DEFAULT_PATHS.log('be') }],
  cn: [{ suffix: '-log', path: DEFAULT_PATHS.log('cn') }],
};

const PROBE_FIELDS = ['exec', 'failureThreshold', 'grpc', 'httpGet', 'initialDelaySeconds', 'periodSeconds', 'successThreshold', 'tcpSocket',
  'terminationGracePeriodSeconds', 'timeoutSeconds'];

/**
 * The fields of a container (`sidecars`, `initContainers`) that the StarRocks CRD's schema keeps,
 * with the fields of the objects directly inside them; the API server drops any other field
 * without an error. `undefined`: not an object, or not checked further.
 * @internal
 */
export const CONTAINER_FIELDS: ReadonlyMap<string, readonly string[] | undefined> = new Map<string, readonly string[] | undefined>([
  ['name', undefined],
  ['image', undefined],
  ['imagePullPolicy', undefined],
  ['command', undefined],
  ['args', undefined],
  ['workingDir', undefined],
  ['ports', ['containerPort', 'hostIP', 'hostPort', 'name', 'protocol']],
  ['env', ['name', 'value', 'valueFrom']],
  ['envFrom', ['configMapRef', 'prefix', 'secretRef']],
  ['resources', ['claims', 'limits', 'requests']],
  ['volumeMounts', ['mountPath', 'mountPropagation', 'name', 'readOnly', 'subPath', 'subPathExpr']],
  ['volumeDevices', ['devicePath', 'name']],
  ['livenessProbe', PROBE_FIELDS],
  ['readinessProbe', PROBE_FIELDS],
  ['startupProbe', PROBE_FIELDS],
  ['lifecycle', ['postStart', 'preStop']],
  ['securityContext', ['allowPrivilegeEscalation', 'capabilities', 'privileged', 'procMount', 'readOnlyRootFilesystem', 'runAsGroup',
    'runAsNonRoot', 'runAsUser', 'seLinuxOptions', 'seccompProfile', 'windowsOptions']],
  ['terminationMessagePath', undefined],
  ['terminationMessagePolicy', undefined],
  ['stdin', undefined],
  ['stdinOnce', undefined],
  ['tty', undefined],
]);

/** Suffix of the prefix of every object the operator derives from a warehouse. @internal */
export const WAREHOUSE_ALIAS_SUFFIX = '-warehouse';

/** Label the warehouse chart puts on the warehouse and its ConfigMap. @internal */
export const LABEL_WAREHOUSE = 'warehouse';

/** The `app` label value of the warehouse chart's ConfigMap. @internal */
export const WAREHOUSE_APP = 'warehouse';

/** The oldest StarRocks (enterprise) version with warehouses. @internal */
export const WAREHOUSE_MIN_VERSION: readonly [number, number] = [3, 2];

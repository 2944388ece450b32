/**
 * The project's main job (`npx projen example`): synthesizes a complete StarRocks install to
 * `dist/`, with the kube-starrocks chart's defaults for the cluster:
 *
 * - `dist/operator.k8s.yaml`: the StarRocks operator v1.11.5 (Deployment, ServiceAccount, RBAC),
 *   watching every namespace;
 * - `dist/starrocks.k8s.yaml`: the cluster `starrocks` (FE and BE with volumes and config files)
 *   and its root password, taken from an existing Secret `starrocks-root` (key `password`), with
 *   the Job that sets it;
 * - `dist/monitoring.k8s.yaml`: Prometheus ServiceMonitors for FE and BE (needs the Prometheus
 *   operator's CRDs).
 *
 * The StarRocks CRDs are not part of the output: they are applied from the operator release, so
 * that the synth never reads the network. Set `STARROCKS_FE_PROXY=true` to add the FE proxy.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Size } from 'cdk8s';
import {
  ResourceQuantity,
  RootPasswordSource,
  StarRocksCluster,
  StarRocksConfig,
  StarRocksOperator,
  StarRocksServiceMonitor,
} from '../src';

/** Options of the default install. */
export interface MainOptions {
  /**
   * Add the FE proxy (nginx in front of the FE HTTP port, for Stream Load from outside Kubernetes).
   *
   * @default false
   */
  readonly feProxy?: boolean;
}

/** Namespace of the operator and the cluster, as in a kube-starrocks release installed there. */
const NAMESPACE = 'starrocks';

/** The existing Secret holding the root password (key `password`). */
const ROOT_PASSWORD_SECRET = 'starrocks-root';

/** Where operator v1.11.5 publishes the StarRocksCluster CRD. */
const CRD_URL = 'https://github.com/StarRocks/starrocks-kubernetes-operator/releases/download/v1.11.5/starrocks.com_starrocksclusters.yaml';

/** Requests and limits of the chart's `values.yaml` for FE and BE: 4 CPUs / 4Gi requested, 8 CPUs / 8Gi at most. */
const CHART_RESOURCES = {
  requests: { cpu: ResourceQuantity.fromNumber(4), memory: ResourceQuantity.of('4Gi') },
  limits: { cpu: ResourceQuantity.fromNumber(8), memory: ResourceQuantity.of('8Gi') },
};

/**
 * Defines the operator (chart `operator`), the cluster `starrocks` with its root password (chart
 * `starrocks`) and its ServiceMonitors (chart `monitoring`), all in namespace `starrocks`.
 *
 * @returns the chart of the cluster
 */
export function build(app: App, options: MainOptions = {}): Chart {
  const operatorChart = new Chart(app, 'operator', { namespace: NAMESPACE });
  new StarRocksOperator(operatorChart, 'Operator', { timeZone: 'UTC' });

  const chart = new Chart(app, 'starrocks', { namespace: NAMESPACE });
  const cluster = new StarRocksCluster(chart, 'StarRocks', {
    name: 'starrocks',
    timeZone: 'UTC',
    fe: {
      replicas: 1,
      resources: CHART_RESOURCES,
      // the chart's default fe.conf, as entries
      config: StarRocksConfig.fromEntries({
        // this file replaces the image's fe.conf: keep a heap size that fits the 8Gi memory limit
        JAVA_OPTS: '"-Dlog4j2.formatMsgNoLookups=true -Xmx6144m -XX:+UseG1GC"',
        http_port: '8030',
        rpc_port: '9020',
        query_port: '9030',
        edit_log_port: '9010',
        mysql_service_nio_enabled: 'true',
        sys_log_level: 'INFO',
        // FE waits this long before refusing new requests when it shuts down (StarRocks 3.4.2 and later)
        min_graceful_exit_time_second: '25',
      }),
      metaStorage: { size: Size.gibibytes(10) },
      logStorage: { size: Size.gibibytes(5) },
    },
    be: {
      replicas: 1,
      resources: CHART_RESOURCES,
      // the chart's default be.conf, as entries
      config: StarRocksConfig.fromEntries({
        be_port: '9060',
        webserver_port: '8040',
        heartbeat_service_port: '9050',
        brpc_port: '8060',
        sys_log_level: 'INFO',
        default_rowset_type: 'beta',
      }),
      dataStorage: { size: Size.tebibytes(1) },
      logStorage: { size: Size.gibibytes(20) },
    },
    feProxy: options.feProxy ? {} : undefined,
  });
  // MYSQL_PWD for FE and BE, and the Job that sets the password once
  cluster.addInitPassword('RootPassword', {
    password: RootPasswordSource.fromSecretName(ROOT_PASSWORD_SECRET, 'password'),
  });

  // in a chart of its own: it can only be applied where the Prometheus operator runs
  const monitoringChart = new Chart(app, 'monitoring', { namespace: NAMESPACE });
  new StarRocksServiceMonitor(monitoringChart, 'Metrics', { cluster });
  return chart;
}

/** Synthesizes the install to `dist/` and says what it wrote and how to apply it. */
export function main(): void {
  const app = new App({ outdir: 'dist' });
  build(app, { feProxy: process.env.STARROCKS_FE_PROXY === 'true' });
  app.synth();
  const files = fs.readdirSync(app.outdir).filter((f) => f.endsWith('.k8s.yaml')).sort();
  for (const f of files) {
    console.log(`wrote ${path.join(app.outdir, f)}`);
  }
  const out = (name: string) => path.join(app.outdir, `${name}.k8s.yaml`);
  console.log([
    'apply with:',
    `  kubectl apply --server-side -f ${CRD_URL}`,
    `  kubectl create namespace ${NAMESPACE}`,
    `  kubectl -n ${NAMESPACE} create secret generic ${ROOT_PASSWORD_SECRET} --from-literal=password='<root password>'`,
    `  kubectl apply -f ${out('operator')} -f ${out('starrocks')}`,
    `  kubectl apply -f ${out('monitoring')}    # where the Prometheus operator runs`,
  ].join('\n'));
}

if (require.main === module) {
  main();
}

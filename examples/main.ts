/**
 * The project's main job (`npx projen example`): synthesizes a complete StarRocks cluster with
 * the kube-starrocks chart's defaults to `dist/starrocks.k8s.yaml`, ready for `kubectl apply` on a
 * Kubernetes cluster where the StarRocks operator v1.11.5 and its CRD are installed.
 *
 * Set `STARROCKS_FE_PROXY=true` to add the FE proxy.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Size } from 'cdk8s';
import { ResourceQuantity, StarRocksCluster, StarRocksConfig } from '../src';

/** Options of the default cluster. */
export interface MainOptions {
  /**
   * Add the FE proxy (nginx in front of the FE HTTP port, for Stream Load from outside Kubernetes).
   *
   * @default false
   */
  readonly feProxy?: boolean;
}

/** Requests and limits of the chart's `values.yaml` for FE and BE: 4 CPUs / 4Gi requested, 8 CPUs / 8Gi at most. */
const CHART_RESOURCES = {
  requests: { cpu: ResourceQuantity.fromNumber(4), memory: ResourceQuantity.of('4Gi') },
  limits: { cpu: ResourceQuantity.fromNumber(8), memory: ResourceQuantity.of('8Gi') },
};

/** Defines the default cluster `starrocks` in namespace `starrocks`. */
export function build(app: App, options: MainOptions = {}): Chart {
  const chart = new Chart(app, 'starrocks', { namespace: 'starrocks' });
  new StarRocksCluster(chart, 'StarRocks', {
    name: 'starrocks',
    timeZone: 'UTC',
    fe: {
      replicas: 1,
      resources: CHART_RESOURCES,
      // the chart's default fe.conf, as entries
      config: StarRocksConfig.fromEntries({
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
  return chart;
}

/** Synthesizes the default cluster to `dist/` and says what it wrote. */
export function main(): void {
  const app = new App({ outdir: 'dist' });
  build(app, { feProxy: process.env.STARROCKS_FE_PROXY === 'true' });
  app.synth();
  const files = fs.readdirSync(app.outdir).filter((f) => f.endsWith('.k8s.yaml')).sort();
  for (const f of files) {
    console.log(`wrote ${path.join(app.outdir, f)}`);
  }
  const applyArgs = files.map((f) => `-f ${path.join(app.outdir, f)}`).join(' ');
  console.log(`apply with: kubectl create namespace starrocks && kubectl apply ${applyArgs} (needs the StarRocks operator v1.11.5 and its CRD)`);
}

if (require.main === module) {
  main();
}

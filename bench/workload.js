'use strict';
/**
 * The workload of the scale and per-part benchmarks: full-featured StarRocks clusters defined
 * through the library's public API (the compiled library, `lib/src`, or the directory in
 * BENCH_LIB).
 *
 * A cluster ("cluster" part) has FE, BE and CN with resources, config files (fe.conf, be.conf,
 * cn.conf, so three ConfigMaps and config-hash annotations), persistent storage (FE meta and log,
 * BE data/log/spill, CN cache and log), Services of each type and the FE proxy. The other parts are
 * added to it:
 *
 * - "operator": a StarRocksOperator (Deployment, ServiceAccount, RBAC) per cluster, watching the
 *   cluster's namespace;
 * - "monitoring": Prometheus ServiceMonitors for FE, BE and CN;
 * - "datadog": the Datadog settings (log annotations, metrics annotations on the Services, profiling
 *   env vars and labels);
 * - "password": the root password from a Secret (MYSQL_PWD on FE/BE/CN) and the init Job.
 *
 * Every cluster has its own name and namespace (`sr-0001`, ...), so that all of them can sit in one
 * chart.
 */
const path = require('path');

const ALL_PARTS = ['cluster', 'operator', 'monitoring', 'datadog', 'password'];

/**
 * The "full-featured cluster" of the scale figures (issue #5: FE, BE, CN and proxy, config files,
 * root password and init Job, ServiceMonitors), with the Datadog settings as well.
 */
const FULL = ['cluster', 'monitoring', 'datadog', 'password'];

/** The directory holding the compiled library (`<dir>/src/index.js`). */
function libDir() {
  return process.env.BENCH_LIB ? path.resolve(process.env.BENCH_LIB) : path.resolve(__dirname, '..', 'lib');
}

/** Loads cdk8s (as the library resolves it, so that both use one copy) and the library. */
function load() {
  const dir = libDir();
  const cdk8s = require(require.resolve('cdk8s', { paths: [dir] }));
  const L = require(path.join(dir, 'src'));
  return { cdk8s, L };
}

/** Loads cdk8s alone (as the library resolves it): all the hand-written app needs. */
function loadCdk8s() {
  return { cdk8s: require(require.resolve('cdk8s', { paths: [libDir()] })) };
}

/**
 * Whether the library's fast paths are on in this process (CDK8S_STARROCKS_FAST, read by the
 * library itself). A library from before the switch (no src/fast) has them always on.
 */
function fastPathsEnabled() {
  const file = path.join(libDir(), 'src', 'fast', 'index.js');
  return require('fs').existsSync(file) ? require(file).fastPathsEnabled() : true;
}

function parseParts(text) {
  if (!text || text === 'full') return [...FULL];
  if (text === 'all') return [...ALL_PARTS];
  const parts = text.split(',').map(s => s.trim()).filter(Boolean);
  for (const p of parts) {
    if (!ALL_PARTS.includes(p)) throw new Error(`unknown part ${p} (known: ${ALL_PARTS.join(', ')})`);
  }
  if (!parts.includes('cluster')) parts.unshift('cluster');
  return parts;
}

function clusterName(i) {
  return `sr-${String(i).padStart(4, '0')}`;
}

/** Defines cluster number `i` with the given parts in `scope`; returns the cluster. */
function defineCluster(mods, scope, i, parts) {
  const { cdk8s, L } = mods;
  const { Size, Duration } = cdk8s;
  const R = L.ResourceQuantity;
  const name = clusterName(i);
  const resources = (cpu, gib) => ({
    requests: { cpu: R.fromNumber(cpu), memory: R.of(`${gib}Gi`) },
    limits: { cpu: R.fromNumber(cpu * 2), memory: R.of(`${gib * 2}Gi`) },
  });

  const cluster = new L.StarRocksCluster(scope, `Cluster${i}`, {
    name,
    namespace: name,
    timeZone: 'UTC',
    labels: { team: 'analytics' },
    fe: {
      replicas: 3,
      resources: resources(4, 8),
      config: L.StarRocksConfig.fromEntries({
        http_port: '8030',
        rpc_port: '9020',
        query_port: '9030',
        edit_log_port: '9010',
        mysql_service_nio_enabled: 'true',
        sys_log_level: 'INFO',
        min_graceful_exit_time_second: '25',
      }),
      metaStorage: { size: Size.gibibytes(20), storageClassName: 'fast-ssd' },
      logStorage: { size: Size.gibibytes(5) },
      service: {
        type: L.ServiceType.LOAD_BALANCER,
        annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' },
        loadBalancerSourceRanges: ['10.0.0.0/8'],
      },
    },
    be: {
      replicas: 3,
      resources: resources(8, 32),
      config: L.StarRocksConfig.fromEntries({
        be_port: '9060',
        webserver_port: '8040',
        heartbeat_service_port: '9050',
        brpc_port: '8060',
        sys_log_level: 'INFO',
        default_rowset_type: 'beta',
      }),
      dataStorage: { size: Size.tebibytes(1), storageClassName: 'local-nvme' },
      logStorage: { size: Size.gibibytes(20) },
      spillStorage: { size: Size.gibibytes(100) },
      service: { type: L.ServiceType.NODE_PORT },
    },
    cn: {
      replicas: 2,
      resources: resources(4, 16),
      config: L.StarRocksConfig.fromEntries({
        thrift_port: '9060',
        webserver_port: '8040',
        heartbeat_service_port: '9050',
        brpc_port: '8060',
        sys_log_level: 'INFO',
      }),
      dataStorage: { size: Size.gibibytes(500) },
      logStorage: { size: Size.gibibytes(10) },
    },
    feProxy: {
      replicas: 2,
      service: { type: L.ServiceType.LOAD_BALANCER, loadBalancerSourceRanges: ['10.0.0.0/8'] },
    },
  });

  if (parts.includes('operator')) {
    new L.StarRocksOperator(scope, `Operator${i}`, {
      name,
      namespace: name,
      watchNamespace: name,
      timeZone: 'UTC',
    });
  }
  if (parts.includes('monitoring')) {
    cluster.addServiceMonitor('Metrics', {
      labels: { release: 'prometheus' },
      interval: L.ScrapeInterval.duration(Duration.seconds(30)),
    });
  }
  if (parts.includes('datadog')) {
    cluster.addDatadog('Datadog', {
      logs: { config: L.DatadogLogConfig.fromObject({ tags: ['env:prod'] }), multilineLogParsing: true },
      metrics: true,
      profiling: { fe: true, be: true, cn: true, env: 'prod' },
    });
  }
  if (parts.includes('password')) {
    cluster.addInitPassword('RootPassword', {
      password: L.RootPasswordSource.fromSecretName('starrocks-root', 'password'),
    });
  }
  return cluster;
}

/**
 * The apps the workload can be synthesized with: the library's StarRocksApp, cdk8s's App, or
 * "handwritten": cdk8s's App holding the library's output as plain cdk8s `ApiObject`s (what writing
 * the same manifests by hand in cdk8s costs; see buildHandwrittenApp).
 */
const APP_KINDS = ['starrocks', 'cdk8s', 'handwritten'];

function appClass(mods, appKind) {
  if (appKind === 'starrocks') return mods.L.StarRocksApp;
  if (appKind === 'cdk8s' || appKind === 'handwritten') return mods.cdk8s.App;
  throw new Error(`unknown app ${appKind} (known: ${APP_KINDS.join(', ')})`);
}

/**
 * What a StarRocksApp of `n` clusters in one chart synthesizes, as plain data: `{ n, charts: [{ id,
 * objects }] }`, each object as its `toJson()` gives it (in the order the app writes them). The
 * input of the hand-written app.
 */
function libraryObjects(mods, n, parts) {
  const app = buildApp(mods, n, 'one-chart', parts, 'starrocks');
  return { n, charts: app.charts.map(c => ({ id: c.node.id, objects: c.toJson() })) };
}

/**
 * The hand-written app: cdk8s's App with one chart (no namespace, no labels) per chart of `charts`
 * and one plain cdk8s `ApiObject` per object, given the object's data as it is (apiVersion, kind,
 * metadata and the rest), as a cdk8s program writing these manifests by hand would. The data is
 * built beforehand (a hand-written program would build its literals as it runs, a little more
 * work, so this baseline is if anything faster than writing them by hand). Synthesized with
 * `app.synthYaml()`, it writes the same text as the library's app.
 */
function buildHandwrittenApp(mods, charts) {
  const { App, Chart, ApiObject } = mods.cdk8s;
  const app = new App({ outdir: path.join(require('os').tmpdir(), 'cdk8s-starrocks-bench-unused') });
  for (const c of charts) {
    const chart = new Chart(app, c.id);
    const objects = c.objects;
    for (let i = 0; i < objects.length; i++) new ApiObject(chart, `o${i}`, objects[i]);
  }
  return app;
}

/**
 * Builds an app with `n` clusters: all in one chart (`one-chart`) or one chart each (`chart-each`),
 * in a StarRocksApp (`appKind` "starrocks", the default) or a cdk8s App ("cdk8s").
 * Returns the app; nothing is synthesized yet.
 */
function buildApp(mods, n, mode, parts, appKind = 'starrocks') {
  const { Chart } = mods.cdk8s;
  const AppClass = appClass(mods, appKind);
  const app = new AppClass({ outdir: path.join(require('os').tmpdir(), 'cdk8s-starrocks-bench-unused') });
  if (mode === 'one-chart') {
    const chart = new Chart(app, 'starrocks', { namespace: 'starrocks' });
    for (let i = 1; i <= n; i++) defineCluster(mods, chart, i, parts);
  } else if (mode === 'chart-each') {
    for (let i = 1; i <= n; i++) {
      const chart = new Chart(app, clusterName(i), { namespace: clusterName(i) });
      defineCluster(mods, chart, i, parts);
    }
  } else {
    throw new Error(`unknown mode ${mode} (one-chart or chart-each)`);
  }
  return app;
}

/**
 * Times the YAML writing of `app.synthYaml()`. For a cdk8s App (the hand-written one too), and for
 * a StarRocksApp with the fast paths off: cdk8s's `Yaml.stringify`. For a StarRocksApp, which puts
 * its own writer in place of `Yaml.stringify` during a synthesis (and only when cdk8s's own is
 * there, so that one must not be wrapped): the printers the library makes (its `blockPrinter`,
 * wrapped before the first StarRocksApp synthesizes). Install it right after `load()`. Returns
 * `{ reset(), ms() }`.
 */
function yamlTimer(mods, appKind) {
  let total = 0;
  const timed = (fn) => function (...args) {
    const t = process.hrtime.bigint();
    try {
      return fn.apply(this, args);
    } finally {
      total += Number(process.hrtime.bigint() - t) / 1e6;
    }
  };
  if (appKind !== 'starrocks' || !fastPathsEnabled()) {
    const Yaml = mods.cdk8s.Yaml;
    Yaml.stringify = timed(Yaml.stringify);
  } else {
    // (src/common/yaml-printer.js in a library from before src/fast)
    const fastPrinter = path.join(libDir(), 'src', 'fast', 'yaml-printer.js');
    const printerModule = require(require('fs').existsSync(fastPrinter) ? fastPrinter : path.join(libDir(), 'src', 'common', 'yaml-printer.js'));
    const makePrinter = printerModule.blockPrinter;
    printerModule.blockPrinter = (...args) => timed(makePrinter(...args));
  }
  return { reset: () => { total = 0; }, ms: () => total };
}

module.exports = {
  ALL_PARTS, APP_KINDS, FULL, libDir, load, loadCdk8s, fastPathsEnabled, parseParts, clusterName, defineCluster, buildApp,
  libraryObjects, buildHandwrittenApp, yamlTimer,
};

#!/usr/bin/env node
/**
 * Builds the single-file command (see src/cli/bundle.ts), after the compile (post-compile task):
 *
 *   lib/cli.js     lib/src/cli/main.js and everything it loads (our modules, cdk8s, constructs, the
 *                  yaml package cdk8s bundles, fast-json-patch), one minified CommonJS function
 *   lib/cli.cache  V8's code cache for lib/cli.js, taken after sample renders, in a child process
 *                  with a clean environment (a cache only fits the Node.js version and V8 flags it
 *                  was made with)
 *
 * Then it checks that the bundle renders the samples exactly as the modules do and that a plain
 * `node` accepts the cache. lib/ is not committed; both files are built, and published with lib/.
 *
 * Usage: node projenrc/bundle-cli.js        (the esbuild devDependency is needed)
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const ENTRY = path.join(ROOT, 'lib', 'src', 'cli', 'main.js');
const LOADER = path.join(ROOT, 'lib', 'src', 'cli', 'bundle.js');

/** Sample values for the warm-up renders: most features of kube-starrocks, block style (the fast reader). */
const KUBE_STARROCKS_VALUES = `# warm-up values (projenrc/bundle-cli.js)
operator:
  global:
    rbac:
      create: true
      serviceAccount:
        name: sr-operator
        annotations:
          eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/sr-operator
  timeZone: UTC
  starrocksOperator:
    replicaCount: 2
    resources:
      limits: {cpu: "1", memory: 1Gi}
    tolerations:
      - key: CriticalAddonsOnly
        operator: Exists
    env:
      - name: GOMAXPROCS
        value: "2"
    log: ["--zap-log-level=4", '--zap-encoder=json']
starrocks:
  timeZone: UTC
  initPassword:
    enabled: true
    passwordSecret: sr-root-password
    annotations:
      argocd.argoproj.io/hook: PostSync
  datadog:
    log:
      enabled: true
      logConfig: '{"app": "starrocks", "tags": ["env:prod"]}'
    metrics:
      enabled: true
    profiling:
      fe: true
      be: true
      cn: true
  metrics:
    serviceMonitor:
      enabled: true
      labels:
        release: prometheus
      interval: 30s
  starrocksCluster:
    enabledCn: true
    componentValues:
      image:
        tag: 3.3.11
  starrocksFESpec:
    replicas: 3
    resources:
      requests:
        cpu: 2
        memory: 8Gi
    service:
      type: LoadBalancer
      annotations:
        service.beta.kubernetes.io/aws-load-balancer-internal: "true"
    feEnvVars:
      - name: FE_EXTRA
        value: "1"
    storageSpec:
      name: fe
      storageSize: 20Gi
      logStorageSize: 8Gi
    config: |
      LOG_DIR = \${STARROCKS_HOME}/log
      JAVA_OPTS="-Xmx8192m -XX:+UseG1GC"
      http_port = 8030
      query_port = 9030
    sidecars:
      - name: log-tail
        image: busybox:1.36
        command: ['sh', '-c', 'tail -F /opt/starrocks/fe/log/fe.log']
    secrets:
      - name: fe-tls
        mountPath: /etc/tls
    configMaps:
      - name: fe-extra
        mountPath: /etc/extra
  starrocksBeSpec:
    replicas: 3
    storageSpec:
      name: be
      storageSize: 1Ti
      storageCount: 2
      logStorageSize: 50Gi
      spillStorageSize: 100Gi
    config: |-
      be_port = 9060
      webserver_port = 8040
    nodeSelector:
      node-type: be
    affinity:
      podAntiAffinity:
        requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchExpressions:
                - key: app.kubernetes.io/component
                  operator: In
                  values: [be]
            topologyKey: kubernetes.io/hostname
  starrocksCnSpec:
    autoScalingPolicy:
      minReplicas: 1
      maxReplicas: 10
      hpaPolicy:
        metrics:
          - type: Resource
            resource:
              name: cpu
              target:
                averageUtilization: 60
                type: Utilization
    storageSpec:
      name: cn
      storageSize: 500Gi
    config: |
      thrift_port = 9060
  starrocksFeProxySpec:
    enabled: true
    service:
      type: NodePort
  secrets:
    - name: extra-secret
      data:
        token: YWJjMTIz
  configMaps:
    - name: extra-config
      data:
        extra.conf: |
          key = value
`;

/** Values the fast reader leaves to the yaml package (an anchor and alias), so that its parser is in the cache too. */
const YAML_PARSER_VALUES = `starrocks:
  starrocksFESpec:
    podLabels: &labels
      team: dba
    config: >
      folded text
  starrocksBeSpec:
    podLabels: *labels
`;

const WAREHOUSE_VALUES = `spec:
  starRocksClusterName: kube-starrocks
  replicas: 2
  config: |
    thrift_port = 9060
  storageSpec:
    name: wh
    storageSize: 100Gi
datadog:
  log:
    enabled: true
  metrics:
    enabled: true
`;

/** The warm-up (and check) runs: [argv, standard input]. */
const SAMPLES = [
  [['template', 'sr', '-f', '-', '-n', 'starrocks', '-a', 'monitoring.coreos.com/v1', '--set', 'starrocks.starrocksFESpec.replicas=3,starrocks.starrocksCnSpec.podLabels.a=b'], KUBE_STARROCKS_VALUES],
  [['template', 'sr', '-f', '-', '--set', 'operator.starrocksOperator.enabled=false'], YAML_PARSER_VALUES],
  [['template', 'wh', 'warehouse', '-f', '-', '-n', 'starrocks', '--api-versions', 'monitoring.coreos.com/v1'], WAREHOUSE_VALUES],
  [['template', 'bad', '--set', 'starrocks.starrocksBeSpec.configyaml=x'], ''],
];

/** Runs the samples through a `main`; returns what each printed. */
async function runSamples(main) {
  const results = [];
  for (const [argv, stdin] of SAMPLES) {
    let stdout = '';
    let stderr = '';
    const code = await main(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, cwd: ROOT, readStdin: () => stdin });
    results.push({ argv: argv.join(' '), code, stdout, stderr });
  }
  return results;
}

/** In the child: load the bundle, render the samples, write the code cache; print the samples' results. */
async function warm(bundle) {
  process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';
  const { loadBundle, cacheFileOf } = require(LOADER);
  const { main, script } = loadBundle(bundle);
  const results = await runSamples(main);
  fs.writeFileSync(cacheFileOf(bundle), script.createCachedData());
  process.stdout.write(JSON.stringify(results));
}

/** In the child: whether V8 accepts the cache. */
function probe(bundle) {
  const { cacheFileOf } = require(LOADER);
  const vm = require('vm');
  const script = new vm.Script(fs.readFileSync(bundle, 'latin1'), { filename: bundle, cachedData: fs.readFileSync(cacheFileOf(bundle)) });
  process.stdout.write(JSON.stringify({ rejected: script.cachedDataRejected }));
}

/** Runs this script in a fresh `node` without NODE_OPTIONS (the V8 flags of a plain run). */
function child(mode, bundle) {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const res = spawnSync(process.execPath, [__filename, mode, bundle], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) {
    throw new Error(`bundle-cli ${mode} failed (${res.status}):\n${res.stderr}`);
  }
  return JSON.parse(res.stdout);
}

async function build(out) {
  if (!fs.existsSync(ENTRY)) {
    throw new Error(`${path.relative(ROOT, ENTRY)} is missing: compile first`);
  }
  const esbuild = require('esbuild');
  // one yaml: the copy cdk8s bundles, which the command uses when it runs from the modules (src/common/yaml-library.ts)
  const cdk8sDir = path.dirname(require.resolve('cdk8s/package.json', { paths: [ROOT] }));
  const yamlDir = path.dirname(require.resolve('yaml/package.json', { paths: [cdk8sDir] }));
  if (!/^2\./.test(require(path.join(yamlDir, 'package.json')).version)) {
    throw new Error(`cdk8s's yaml at ${yamlDir} is not a yaml 2.x`);
  }
  const plugins = [
    {
      name: 'cdk8s-yaml',
      setup(b) {
        b.onResolve({ filter: /^yaml(\/util)?$/ }, (a) => ({ path: require.resolve(a.path, { paths: [cdk8sDir] }) }));
      },
    },
    {
      // the `lint` and `convert` subcommands stay out of the bundle (and its code cache, which every
      // `template` run loads): the bundle's require is the one of lib/src/cli/bundle.js, so
      // './lint' and './convert' load lib/src/cli/lint.js and convert.js as modules
      name: 'subcommands-outside',
      setup(b) {
        b.onResolve({ filter: /^\.\/(lint|convert)$/ }, (a) => (a.importer.endsWith(`${path.sep}cli${path.sep}main.js`)
          ? { path: a.path, external: true }
          : undefined));
      },
    },
    {
      // cdk8s loads child_process (with net, dgram, ...) for Helm charts and URLs; a render uses neither
      name: 'lazy-child-process',
      setup(b) {
        b.onResolve({ filter: /^child_process$/ }, (a) => (a.importer.includes(`${path.sep}node_modules${path.sep}cdk8s${path.sep}`)
          ? { path: 'child_process', namespace: 'lazy-child-process' }
          : undefined));
        b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
          contents: [
            "const load = () => require('child_process');",
            'exports.spawnSync = (...args) => load().spawnSync(...args);',
            'exports.execFileSync = (...args) => load().execFileSync(...args);',
          ].join('\n'),
          loader: 'js',
        }));
      },
    },
  ];
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    charset: 'ascii',
    legalComments: 'eof',
    // a function expression, compiled by src/cli/bundle.ts with the code cache
    banner: { js: '(function (exports, require, module, __filename, __dirname) {' },
    footer: { js: '\n})' },
    define: { CDK8S_STARROCKS_BUNDLE: 'true' },
    plugins,
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const yamlCopies = new Set(inputs.filter(f => /(^|\/)node_modules\/(.*\/)?yaml\/dist\//.test(f)).map(f => f.replace(/\/dist\/.*/, '')));
  if (yamlCopies.size !== 1) {
    throw new Error(`the bundle holds ${yamlCopies.size} copies of yaml: ${[...yamlCopies].join(', ')}`);
  }
  if (!/^[\x00-\x7f]*$/.test(fs.readFileSync(out, 'latin1'))) {
    throw new Error(`${out} is not ASCII (it is read as latin1)`);
  }

  const results = child('--warm', out);
  // the bundle must do exactly what the modules do
  process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';
  const expected = await runSamples(require(ENTRY).main);
  expected.forEach((e, i) => {
    if (JSON.stringify(e) !== JSON.stringify(results[i])) {
      throw new Error(`${out} renders "${e.argv}" differently from lib/src/cli/main.js`);
    }
    if (i < 3 && e.code !== 0) {
      throw new Error(`the sample "${e.argv}" fails: ${e.stderr}`);
    }
  });
  if (child('--probe', out).rejected) {
    throw new Error('node rejects the code cache it has just made');
  }
  const { cacheFileOf } = require(LOADER);
  const kib = (f) => `${Math.round(fs.statSync(f).size / 1024)} KiB`;
  console.log(`bundle-cli: ${path.relative(ROOT, out)} (${kib(out)}, ${inputs.length} modules), ${path.relative(ROOT, cacheFileOf(out))} (${kib(cacheFileOf(out))})`);
}

const [mode, arg] = process.argv.slice(2);
const run = mode === '--warm' ? warm(arg)
  : mode === '--probe' ? Promise.resolve(probe(arg))
    : build(path.resolve(ROOT, mode ?? 'lib/cli.js'));
run.catch((e) => {
  console.error(`bundle-cli: ${e.message}`);
  // no half-built bundle: bin.js falls back to the modules
  if (!mode || !mode.startsWith('--')) {
    for (const f of [path.resolve(ROOT, mode ?? 'lib/cli.js')]) {
      fs.rmSync(f, { force: true });
      fs.rmSync(f.replace(/\.js$/, '.cache'), { force: true });
    }
  }
  process.exitCode = 1;
});

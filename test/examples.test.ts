/**
 * Every README example is a file in examples/, compiled and synthesized here, so that the README
 * cannot show code that does not work:
 *
 * - the README's TypeScript code blocks are exactly the examples' text between the
 *   `// README:begin` and `// README:end` marker lines, with the library imported as
 *   `'cdk8s-starrocks'` instead of `'../src'`; every example appears once and no other TypeScript
 *   block is allowed;
 * - every example synthesizes (validations included), has no warnings unless it is about them,
 *   and its objects validate against the CRD and Kubernetes schemas (needs ../shared);
 * - the YAML the README shows for the smallest example is what it synthesizes;
 * - examples/main.ts (the `npx projen example` job) writes files that parse and validate;
 * - what the README says about the `cdk8s-starrocks` command (its flags, a quoted error) matches
 *   the command.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import * as autoscaling from '../examples/autoscaling';
import * as config from '../examples/config';
import * as configChecks from '../examples/config-checks';
import * as datadog from '../examples/datadog';
import * as disruptionBudgets from '../examples/disruption-budgets';
import * as escapeHatch from '../examples/escape-hatch';
import * as feProxy from '../examples/fe-proxy';
import * as gitopsArgoCd from '../examples/gitops-argocd';
import * as helmMigration from '../examples/helm-migration';
import * as mainJob from '../examples/main';
import * as manyClusters from '../examples/many-clusters';
import * as minimal from '../examples/minimal';
import * as monitoring from '../examples/monitoring';
import * as names from '../examples/names';
import * as operator from '../examples/operator';
import * as rootPassword from '../examples/root-password';
import * as scheduling from '../examples/scheduling';
import * as services from '../examples/services';
import * as sharedData from '../examples/shared-data';
import * as storage from '../examples/storage';
import * as validation from '../examples/validation';
import * as warehouse from '../examples/warehouse';
import { RootPasswordSource, StarRocksApp, StarRocksCluster, StarRocksWarehouseChart, warningsOf } from '../src';
import { parseManifestStream } from './util/conformance';
import { expectValidManifests } from './util/schema';
import { describeShared, readShared, REPO_ROOT, sharedAvailable } from './util/shared';
import { HELP } from '../src/cli/args';

// The validation example warns on purpose; keep stderr quiet (warningsOf still sees it).
process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
const README = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const BEGIN = '// README:begin';
const END = '// README:end';

interface Example {
  /** File name in examples/. */
  readonly file: string;
  readonly build: (app: App) => Chart;
  /** Whether the example is meant to give warnings. */
  readonly warns?: boolean;
  /** Targeted checks of what the example is about. */
  readonly check: (objs: any[], app: App) => void;
  /**
   * Files the example reads, by path relative to the working directory of the synth. The example
   * is then built in a fresh directory holding them.
   */
  readonly files?: () => { [file: string]: string };
}

/** A stand-in for a CRD file of the operator release when ../shared is not there. */
function standInCrd(plural: string, kind: string): string {
  return [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'metadata:',
    `  name: ${plural}.starrocks.com`,
    'spec:',
    '  group: starrocks.com',
    `  names: { kind: ${kind}, listKind: ${kind}List, plural: ${plural}, singular: ${kind.toLowerCase()} }`,
    '  scope: Namespaced',
    '  versions:',
    '    - name: v1',
    '      served: true',
    '      storage: true',
    '      schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } }',
    '',
  ].join('\n');
}

/** The operator release's CRD files: the pinned copies in ../shared, else stand-ins. */
function operatorCrdFiles(): { [file: string]: string } {
  const crd = (plural: string, kind: string) => {
    const file = `crds/starrocks.com_${plural}.yaml`;
    return { [file]: sharedAvailable() ? readShared(file) : standInCrd(plural, kind) };
  };
  return { ...crd('starrocksclusters', 'StarRocksCluster'), ...crd('starrockswarehouses', 'StarRocksWarehouse') };
}

/** The env variable of a list (`feEnvVars`, ...) by name. */
function envVar(list: any[] | undefined, name: string): any {
  return (list ?? []).find((e) => e.name === name);
}

function find(objs: any[], kind: string, name?: string): any {
  const found = objs.filter((o) => o.kind === kind && (name === undefined || o.metadata?.name === name));
  expect(found.map((o) => `${o.kind} ${o.metadata?.name}`)).toHaveLength(1);
  return found[0];
}

const EXAMPLES: Example[] = [
  {
    file: 'many-clusters.ts',
    build: manyClusters.build,
    check: (objs) => {
      expect(objs.filter((o) => o.kind === 'StarRocksCluster').map((o) => `${o.metadata.name} ${o.metadata.labels.team}`))
        .toEqual(['analytics analytics', 'finance finance', 'growth growth']);
      // main() synthesizes with StarRocksApp: the same files cdk8s's App writes
      const dirs = [App, StarRocksApp].map((AppClass) => {
        const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-starrocks-many.'));
        const app = new AppClass({ outdir });
        manyClusters.build(app);
        app.synth();
        const text = fs.readFileSync(path.join(outdir, 'many-clusters.k8s.yaml'), 'utf8');
        fs.rmSync(outdir, { recursive: true, force: true });
        return text;
      });
      expect(dirs[1]).toBe(dirs[0]);
      const cwd = process.cwd();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-starrocks-many-main.'));
      process.chdir(dir);
      try {
        manyClusters.main();
        expect(fs.readFileSync(path.join(dir, 'dist', 'many-clusters.k8s.yaml'), 'utf8')).toBe(dirs[0]);
      } finally {
        process.chdir(cwd);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    file: 'minimal.ts',
    build: minimal.build,
    check: (objs) => {
      const cr = find(objs, 'StarRocksCluster', 'analytics');
      expect(cr.metadata.namespace).toBe('starrocks');
      expect(Object.keys(cr.spec).sort()).toEqual(['starRocksBeSpec', 'starRocksFeSpec']);
      expect(objs).toHaveLength(1);
    },
  },
  {
    file: 'config.ts',
    build: config.build,
    check: (objs) => {
      const fe = find(objs, 'ConfigMap', 'analytics-fe-cm');
      expect(fe.data['fe.conf']).toBe([
        'min_graceful_exit_time_second = 25',
        'qe_max_connection = 4096',
        'query_port = 9030',
        'sys_log_level = INFO',
        '',
      ].join('\n'));
      const be = find(objs, 'ConfigMap', 'analytics-be-cm');
      expect(be.data['be.conf']).toBe('# BE settings\nsys_log_level = INFO\ndefault_rowset_type = beta\n');
      const spec = find(objs, 'StarRocksCluster').spec;
      expect(spec.starRocksFeSpec.annotations['app.starrocks.io/fe-config-hash']).toMatch(/^[0-9a-f]{8}$/);
      expect(spec.starRocksBeSpec.annotations['app.starrocks.io/be-config-hash']).toMatch(/^[0-9a-f]{8}$/);
      expect(spec.starRocksFeSpec.configMapInfo).toEqual({ configMapName: 'analytics-fe-cm', resolveKey: 'fe.conf' });
    },
  },
  {
    file: 'config-checks.ts',
    build: configChecks.build,
    check: (objs) => {
      expect(find(objs, 'ConfigMap', 'analytics-fe-cm').data['fe.conf']).toBe('enable_udf = false\nmax_routine_load_task_num_per_be = 16\nqe_max_connection = 4096\n');
      const spec = find(objs, 'StarRocksCluster').spec;
      expect(spec.starRocksFeSpec.annotations?.['app.starrocks.io/fe-config-hash']).toBeUndefined();
      expect(spec.starRocksBeSpec.annotations?.['app.starrocks.io/be-config-hash']).toBeUndefined();
      expect(configChecks.feRuntimeKeys).toEqual(['max_routine_load_task_num_per_be']);
      expect(configChecks.beRuntimeKeys).toEqual(['max_compaction_concurrency', 'sys_log_level']);
    },
  },
  {
    file: 'storage.ts',
    build: storage.build,
    check: (objs) => {
      const spec = find(objs, 'StarRocksCluster').spec;
      expect(spec.starRocksFeSpec.storageVolumes).toEqual([
        { name: 'fe-meta', mountPath: '/opt/starrocks/fe/meta', storageSize: '20Gi', storageClassName: 'gp3' },
        { name: 'fe-log', mountPath: '/opt/starrocks/fe/log', storageSize: '5Gi' },
      ]);
      expect(spec.starRocksBeSpec.storageVolumes.map((v: any) => `${v.name} ${v.mountPath} ${v.storageSize}`)).toEqual([
        'be0-data /opt/starrocks/be/storage0 1Ti',
        'be1-data /opt/starrocks/be/storage1 1Ti',
        'be-log /opt/starrocks/be/log 20Gi',
        'be-spill /opt/starrocks/be/spill 100Gi',
      ]);
      expect(find(objs, 'ConfigMap', 'analytics-be-cm').data['be.conf']).toBe(
        'storage_root_path = /opt/starrocks/be/storage0;/opt/starrocks/be/storage1\nsys_log_level = INFO\n',
      );
    },
  },
  {
    file: 'shared-data.ts',
    build: sharedData.build,
    check: (objs) => {
      const spec = find(objs, 'StarRocksCluster', 'lakehouse').spec;
      expect(spec.starRocksBeSpec).toBeUndefined();
      expect(spec.starRocksCnSpec).toMatchObject({ replicas: 3, serviceAccount: 'starrocks' });
      expect(find(objs, 'ConfigMap', 'lakehouse-fe-cm').data['fe.conf']).toContain('run_mode = shared_data\n');
    },
  },
  {
    file: 'autoscaling.ts',
    build: autoscaling.build,
    check: (objs) => {
      const cn = find(objs, 'StarRocksCluster').spec.starRocksCnSpec;
      expect(cn.replicas).toBeUndefined();
      expect(cn.autoScalingPolicy).toEqual({
        minReplicas: 1,
        maxReplicas: 10,
        version: 'v2',
        hpaPolicy: {
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
          behavior: {
            scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] },
            scaleDown: { stabilizationWindowSeconds: 600 },
          },
        },
      });
    },
  },
  {
    file: 'fe-proxy.ts',
    build: feProxy.build,
    check: (objs, app) => {
      expect(find(objs, 'StarRocksCluster').spec.starRocksFeProxySpec).toEqual({
        replicas: 2,
        service: { type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/8'] },
      });
      const cluster = app.node.findAll().find((c): c is StarRocksCluster => c instanceof StarRocksCluster)!;
      expect(cluster.feProxyServiceName).toBe('analytics-fe-proxy-service');
    },
  },
  {
    file: 'services.ts',
    build: services.build,
    check: (objs) => {
      const spec = find(objs, 'StarRocksCluster').spec;
      expect(spec.starRocksFeSpec.service).toEqual({
        type: 'LoadBalancer',
        annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' },
        loadBalancerSourceRanges: ['10.0.0.0/8'],
      });
      expect(spec.starRocksBeSpec.service).toEqual({ type: 'NodePort', ports: [{ name: 'webserver', nodePort: 30840 }] });
    },
  },
  {
    file: 'scheduling.ts',
    build: scheduling.build,
    check: (objs) => {
      const spec = find(objs, 'StarRocksCluster').spec;
      for (const c of ['starRocksFeSpec', 'starRocksBeSpec']) {
        expect(spec[c].nodeSelector).toEqual({ 'node.kubernetes.io/pool': 'starrocks' });
        expect(spec[c].tolerations).toHaveLength(1);
      }
      // the labels written out in the example are the BE selector labels
      const pdb = find(objs, 'PodDisruptionBudget', undefined);
      expect(spec.starRocksBeSpec.topologySpreadConstraints[0].labelSelector.matchLabels).toEqual(pdb.spec.selector.matchLabels);
      expect(pdb.spec.selector.matchLabels).toEqual({
        'app.kubernetes.io/component': 'be',
        'app.starrocks.ownerreference/name': 'analytics-be',
      });
      expect(pdb.spec.maxUnavailable).toBe(1);
    },
  },
  {
    file: 'names.ts',
    build: names.build,
    check: (objs) => {
      const env = find(objs, 'Deployment').spec.template.spec.containers[0].env;
      expect(env).toEqual(expect.arrayContaining([
        { name: 'STARROCKS_HOST', value: 'analytics-fe-service' },
        { name: 'STARROCKS_PORT', value: '9030' },
        { name: 'REPORTING_HOST', value: 'reporting-fe-service.bi.svc' },
        { name: 'REPORTING_PORT', value: '9030' },
      ]));
      expect(objs.filter((o) => o.kind === 'StarRocksCluster')).toHaveLength(1);
    },
  },
  {
    file: 'escape-hatch.ts',
    build: escapeHatch.build,
    check: (objs, app) => {
      const cr = find(objs, 'StarRocksCluster');
      // the patched field is in the output (generated L1s re-map keys after patches: cdk8s #1184)
      expect(cr.spec.starRocksFeProxySpec).toEqual({ startupProbeFailureSeconds: 60 });
      expect(cr.metadata.annotations).toEqual({ 'example.com/owner': 'data-platform' });
      const cluster = app.node.findAll().find((c): c is StarRocksCluster => c instanceof StarRocksCluster)!;
      expect(ApiObject.of(cluster)).toBe(cluster.apiObject);
    },
  },
  {
    file: 'gitops-argocd.ts',
    build: gitopsArgoCd.build,
    files: operatorCrdFiles,
    check: (objs) => {
      const wave = (o: any) => o.metadata.annotations?.['argocd.argoproj.io/sync-wave'];
      expect(objs.filter((o) => o.kind === 'CustomResourceDefinition').map(wave)).toEqual(['-2', '-2']);
      expect(wave(find(objs, 'Deployment', 'kube-starrocks-operator'))).toBe('-1');
      expect(wave(find(objs, 'StarRocksCluster', 'analytics'))).toBe('0');
      expect(wave(find(objs, 'StarRocksWarehouse', 'etl'))).toBe('1');
      expect(find(objs, 'Job', 'analytics-initpwd').metadata.annotations['argocd.argoproj.io/hook']).toBe('PostSync');
    },
  },
  {
    file: 'operator.ts',
    build: operator.build,
    files: operatorCrdFiles,
    check: (objs) => {
      expect(objs.map((o) => `${o.kind} ${o.metadata.namespace ?? '-'}/${o.metadata.name}`)).toEqual([
        'ServiceAccount starrocks-operator/starrocks',
        'Role starrocks/kube-starrocks-operator',
        'RoleBinding starrocks/kube-starrocks-operator',
        'ClusterRole -/kube-starrocks-operator:starrocks',
        'ClusterRoleBinding -/kube-starrocks-operator:starrocks',
        'Role starrocks-operator/cn-leader-election-role',
        'RoleBinding starrocks-operator/cn-leader-election-rolebinding',
        'CustomResourceDefinition -/starrocksclusters.starrocks.com',
        'CustomResourceDefinition -/starrockswarehouses.starrocks.com',
        'Deployment starrocks-operator/kube-starrocks-operator',
      ]);
      const container = find(objs, 'Deployment').spec.template.spec.containers[0];
      expect(container.image).toBe('starrocks/operator:v1.11.5');
      expect(container.args).toContain('--namespace=starrocks');
      expect(container.env).toEqual([{ name: 'TZ', value: 'UTC' }]);
      expect(find(objs, 'RoleBinding', 'kube-starrocks-operator').subjects).toEqual([
        { kind: 'ServiceAccount', name: 'starrocks', namespace: 'starrocks-operator' },
      ]);
    },
  },
  {
    file: 'root-password.ts',
    build: rootPassword.build,
    check: (objs) => {
      const fromSecret = { valueFrom: { secretKeyRef: { name: 'starrocks-root', key: 'password' } } };
      const spec = find(objs, 'StarRocksCluster', 'analytics').spec;
      expect(envVar(spec.starRocksFeSpec.feEnvVars, 'MYSQL_PWD')).toEqual({ name: 'MYSQL_PWD', ...fromSecret });
      expect(envVar(spec.starRocksBeSpec.beEnvVars, 'MYSQL_PWD')).toEqual({ name: 'MYSQL_PWD', ...fromSecret });
      const job = find(objs, 'Job', 'analytics-initpwd');
      expect(job.spec.template.spec.containers[0].env).toEqual([{ name: 'INIT_PWD', ...fromSecret }]);
      expect(Object.keys(find(objs, 'ConfigMap', 'analytics-initpwd-shell').data)).toEqual(['fe_initpwd.sh']);
      // the password is never in the output
      expect(objs.filter((o) => o.kind === 'Secret')).toEqual([]);
    },
  },
  {
    file: 'monitoring.ts',
    build: monitoring.build,
    check: (objs) => {
      const monitors = objs.filter((o) => o.kind === 'ServiceMonitor');
      expect(monitors.map((o) => o.metadata.name)).toEqual(['analytics-fe', 'analytics-be', 'analytics-cn']);
      for (const m of monitors) {
        expect(m.metadata.labels.release).toBe('prometheus');
        expect(m.spec.endpoints[0]).toMatchObject({ interval: '30s', path: '/metrics' });
      }
      const rule = find(objs, 'PrometheusRule', 'analytics-alerts');
      expect(rule.metadata.labels.release).toBe('prometheus');
      const rules: any[] = rule.spec.groups[0].rules;
      expect(rules.map((r) => r.alert)).not.toContain('StarRocksCompactionScoreHigh');
      expect(rules.map((r) => r.alert)).toEqual(expect.arrayContaining(['StarRocksFeDown', 'StarRocksBeDown', 'StarRocksCnDown']));
      for (const r of rules) {
        expect(r.labels.team).toBe('data-platform');
      }
      expect(rules.find((r) => r.alert === 'StarRocksBeDiskUsageHigh').expr).toMatch(/ > 80$/);
    },
  },
  {
    file: 'datadog.ts',
    build: datadog.build,
    check: (objs) => {
      const spec = find(objs, 'StarRocksCluster', 'analytics').spec;
      const feLogs = JSON.parse(spec.starRocksFeSpec.annotations['ad.datadoghq.com/fe.logs']);
      expect(feLogs).toEqual([expect.objectContaining({ service: 'starrocks', source: 'fe', tags: ['env:prod'] })]);
      expect(feLogs[0].log_processing_rules[0].type).toBe('multi_line');
      expect(spec.starRocksBeSpec.annotations['ad.datadoghq.com/be.logs']).toBeDefined();
      expect(spec.starRocksBeSpec.service.annotations).toEqual({
        'prometheus.io/path': '/metrics', 'prometheus.io/port': '8040', 'prometheus.io/scrape': 'true',
      });
      expect(spec.starRocksFeSpec.podLabels).toEqual({ 'admission.datadoghq.com/enabled': 'true' });
      expect(envVar(spec.starRocksFeSpec.feEnvVars, 'DD_ENV')).toEqual({ name: 'DD_ENV', value: 'prod' });
      // profiling only where asked
      expect(envVar(spec.starRocksBeSpec.beEnvVars, 'DD_PROFILING_ENABLED')).toBeUndefined();
    },
  },
  {
    file: 'warehouse.ts',
    build: warehouse.build,
    check: (objs) => {
      const wh = find(objs, 'StarRocksWarehouse', 'etl');
      expect(wh.spec.starRocksCluster).toBe('lakehouse');
      expect(wh.spec.template).toMatchObject({
        image: 'registry.example.com/starrocks/cn-ee:3.3.8',
        replicas: 4,
        configMapInfo: { configMapName: 'etl-cm', resolveKey: 'cn.conf' },
      });
      expect(find(objs, 'ConfigMap', 'etl-cm').data['cn.conf']).toBe('sys_log_level = INFO\n');
      expect(find(objs, 'PodDisruptionBudget', 'etl-warehouse-cn-pdb').spec).toEqual({
        maxUnavailable: 1,
        selector: { matchLabels: { 'app.kubernetes.io/component': 'cn', 'app.starrocks.ownerreference/name': 'etl-warehouse-cn' } },
      });
      expect(find(objs, 'ConfigMap', 'lakehouse-fe-cm').data['fe.conf']).toContain('run_mode = shared_data\n');
    },
  },
  {
    file: 'disruption-budgets.ts',
    build: disruptionBudgets.build,
    check: (objs) => {
      const budgets = objs.filter((o) => o.kind === 'PodDisruptionBudget');
      expect(budgets.map((b) => `${b.metadata.name} ${JSON.stringify(b.spec.maxUnavailable)}`)).toEqual([
        'analytics-fe-pdb 1',
        'analytics-be-pdb 1',
        'analytics-cn-pdb "50%"',
      ]);
      for (const b of budgets) {
        expect(b.spec.unhealthyPodEvictionPolicy).toBe('AlwaysAllow');
      }
      expect(find(objs, 'PodDisruptionBudget', 'analytics-be-pdb').spec.selector.matchLabels).toEqual({
        'app.kubernetes.io/component': 'be',
        'app.starrocks.ownerreference/name': 'analytics-be',
      });
    },
  },
  {
    file: 'helm-migration.ts',
    build: helmMigration.build,
    check: (objs) => {
      expect(objs.map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual([
        'ConfigMap starrocks/kube-starrocks-be-cm',
        'ConfigMap starrocks/kube-starrocks-fe-cm',
        'ConfigMap starrocks/kube-starrocks-initpwd-shell',
        'Deployment starrocks/kube-starrocks-operator',
        'Job starrocks/kube-starrocks-initpwd',
        'Role starrocks/cn-leader-election-role',
        'Role starrocks/kube-starrocks-operator',
        'RoleBinding starrocks/cn-leader-election-rolebinding',
        'RoleBinding starrocks/kube-starrocks-operator',
        'ServiceAccount starrocks/starrocks',
        'ServiceMonitor starrocks/kube-starrocks-be',
        'ServiceMonitor starrocks/kube-starrocks-fe',
        'StarRocksCluster starrocks/kube-starrocks',
      ]);
      const cr = find(objs, 'StarRocksCluster', 'kube-starrocks');
      // the chart's labels and defaults
      expect(cr.metadata.labels['app.kubernetes.io/managed-by']).toBe('Helm');
      expect(cr.spec.starRocksFeSpec.replicas).toBe(3);
      expect(cr.spec.starRocksBeSpec.storageVolumes.map((v: any) => `${v.name} ${v.storageSize}`)).toContain('be-data 1Ti');
      expect(envVar(cr.spec.starRocksFeSpec.feEnvVars, 'TZ')).toEqual({ name: 'TZ', value: 'Asia/Shanghai' });
      expect(envVar(cr.spec.starRocksBeSpec.beEnvVars, 'MYSQL_PWD').valueFrom.secretKeyRef).toEqual({ name: 'starrocks-root', key: 'password' });
      expect(find(objs, 'ConfigMap', 'kube-starrocks-be-cm').data['be.conf']).toBe('sys_log_level = INFO\ndefault_rowset_type = beta\n');
      expect(cr.spec.starRocksBeSpec.annotations['app.starrocks.io/be-config-hash']).toMatch(/^[0-9a-f]{8}$/);
      expect(find(objs, 'Deployment').spec.template.spec.containers[0].args).toContain('--namespace=starrocks');
    },
  },
  {
    file: 'validation.ts',
    build: validation.build,
    warns: true,
    check: (_objs, app) => {
      expect(warningsOf(app)).toEqual([expect.stringMatching(/^validation\/Analytics: 'fe\.replicas' is 4; /)]);
    },
  },
];

/** The text between the marker lines of an example file, as the README shows it. */
function readmeRegion(file: string): string {
  const text = fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
  const lines = text.split('\n');
  const begin = lines.findIndex((l) => l.trim() === BEGIN);
  const end = lines.findIndex((l) => l.trim() === END);
  if (begin < 0 || end < begin || lines.filter((l) => l.trim() === BEGIN || l.trim() === END).length !== 2) {
    throw new Error(`examples/${file} must have exactly one "${BEGIN}" line followed by one "${END}" line`);
  }
  return lines.slice(begin + 1, end).join('\n').replace(/from '\.\.\/src'/g, 'from \'cdk8s-starrocks\'');
}

/** The README's fenced code blocks, with their language. */
function readmeBlocks(): Array<{ lang: string; code: string; before: string }> {
  const out: Array<{ lang: string; code: string; before: string }> = [];
  const re = /^```([A-Za-z]*)\n([\s\S]*?)^```$/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(README)) !== null) {
    const preceding = README.slice(0, m.index).trimEnd().split('\n');
    out.push({ lang: m[1], code: m[2].replace(/\n$/, ''), before: preceding[preceding.length - 1] });
  }
  return out;
}

function synth(app: App): any[] {
  // synthYaml runs the construct validations, as `app.synth()` does
  return parseManifestStream(app.synthYaml());
}

/**
 * Builds an example into a new app and synthesizes it; an example that reads files is built and
 * synthesized in a fresh working directory holding them.
 */
function buildAndSynth(example: Example): { app: App; chart: Chart; objs: any[] } {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-starrocks-example.')) });
  if (example.files === undefined) {
    const chart = example.build(app);
    return { app, chart, objs: synth(app) };
  }
  const cwd = process.cwd();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-starrocks-example-cwd.'));
  for (const [file, text] of Object.entries(example.files())) {
    fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  process.chdir(dir);
  try {
    const chart = example.build(app);
    return { app, chart, objs: synth(app) };
  } finally {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('README examples', () => {
  test('every file in examples/ is tested here', () => {
    const files = fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.ts')).sort();
    expect(files).toEqual([...EXAMPLES.map((e) => e.file), 'main.ts'].sort());
  });

  test('the README\'s TypeScript blocks are exactly the examples', () => {
    const tsBlocks = readmeBlocks().filter((b) => /^(ts|typescript)$/.test(b.lang)).map((b) => b.code);
    const regions = EXAMPLES.map((e) => readmeRegion(e.file));
    for (const block of tsBlocks) {
      expect(regions).toContainEqual(block);
    }
    for (const e of EXAMPLES) {
      const region = readmeRegion(e.file);
      expect({ file: e.file, timesInReadme: tsBlocks.filter((b) => b === region).length }).toEqual({ file: e.file, timesInReadme: 1 });
    }
  });

  test('library code appears only in TypeScript blocks', () => {
    for (const b of readmeBlocks().filter((x) => !/^(ts|typescript)$/.test(x.lang))) {
      expect(b.code).not.toMatch(/new StarRocksCluster|from 'cdk8s-starrocks'/);
    }
  });

  test('the first screen has the two commands', () => {
    const first = readmeBlocks()[0];
    expect(first.lang).toBe('sh');
    expect(first.code).toContain('npm ci && npx projen example');
    expect(first.code).toContain('npm ci && npx projen build');
  });

  test('CI runs the README\'s test command', () => {
    const test = /npm ci && (npx projen \w+)/g;
    const commands = [...readmeBlocks()[0].code.matchAll(test)].map((m) => m[1]);
    const ci = fs.readFileSync(path.join(__dirname, '..', '.ci', 'run'), 'utf8');
    expect(ci).toMatch(new RegExp(`^${commands[1]}$`, 'm'));
  });

  test.each(EXAMPLES.map((e) => [e.file, e] as const))('%s synthesizes', (_file, example) => {
    // WHEN
    const { app, chart, objs } = buildAndSynth(example);
    // THEN
    expect(chart).toBeInstanceOf(Chart);
    expect(objs.length).toBeGreaterThan(0);
    if (!example.warns) {
      expect(warningsOf(app)).toEqual([]);
    }
    example.check(objs, app);
  });

  test('the YAML shown for the smallest example is what it synthesizes', () => {
    const marker = '<!-- synth: examples/minimal.ts -->';
    const block = readmeBlocks().find((b) => b.before === marker);
    expect(block).toBeDefined();
    const app = new App();
    minimal.build(app);
    expect(block!.code).toBe(app.synthYaml().replace(/\n$/, ''));
  });

  test('the error message quoted in the README is the library\'s', () => {
    const app = new App();
    const chart = new Chart(app, 'validation');
    let message = '';
    try {
      new StarRocksCluster(chart, 'Analytics', { fe: { replicas: -1 } });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^'fe\.replicas' must be /);
    expect(README).toContain(message);
  });
});

describe('what the README says besides the examples', () => {
  test('root password: without the Job, MYSQL_PWD stays', () => {
    // GIVEN the root password example after the first deployment
    const chart = new Chart(new App(), 'root-password', { namespace: 'starrocks' });
    const cluster = new StarRocksCluster(chart, 'Analytics');
    // WHEN
    cluster.addInitPassword('RootPassword', {
      password: RootPasswordSource.fromSecretName('starrocks-root', 'password'),
      emitJob: false,
    });
    // THEN
    const objs = parseManifestStream(chart.toJson().map((o) => JSON.stringify(o)).join('\n---\n'));
    expect(objs.map((o) => o.kind)).toEqual(['StarRocksCluster']);
    expect(envVar(objs[0].spec.starRocksFeSpec.feEnvVars, 'MYSQL_PWD')).toBeDefined();
    expect(envVar(objs[0].spec.starRocksBeSpec.beEnvVars, 'MYSQL_PWD')).toBeDefined();
  });

  test('root password: a plaintext value becomes the Secret <cluster>-credential, with a warning', () => {
    const app = new App();
    const chart = new Chart(app, 'root-password', { namespace: 'starrocks' });
    new StarRocksCluster(chart, 'Analytics').addInitPassword('RootPassword', { password: RootPasswordSource.fromValue('s3cret') });
    const secret = find(synth(app), 'Secret', 'analytics-credential');
    expect(Buffer.from(secret.data.password, 'base64').toString('utf8')).toBe('s3cret');
    expect(warningsOf(app)).toEqual([expect.stringMatching(/root password is given as a value/)]);
  });

  test('the Helm chart error quoted in the README is the library\'s', () => {
    let message = '';
    try {
      new StarRocksWarehouseChart(new Chart(new App(), 'warehouse', { namespace: 'starrocks' }), 'Etl');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^spec\.starRocksClusterName /);
    expect(README).toContain(`Error: ${message}`);
  });

  test('every flag of `cdk8s-starrocks template` is documented', () => {
    const flagsSection = HELP.slice(HELP.indexOf('\nFlags:\n'), HELP.indexOf('\nValues:\n'));
    const flags = [...flagsSection.matchAll(/^\s+(?:-[a-z], )?(--[a-z-]+)/gm)].map((m) => m[1]);
    expect(flags).toEqual(expect.arrayContaining(['--chart', '--values', '--set', '--namespace', '--api-versions', '--output-dir', '--help']));
    for (const flag of flags) {
      expect({ flag, documented: README.includes(`\`${flag}`) }).toEqual({ flag, documented: true });
    }
  });
});

describeShared('README examples validate against the schemas', () => {
  test.each(EXAMPLES.map((e) => [e.file, e] as const))('%s', (_file, example) => {
    expectValidManifests(buildAndSynth(example).objs);
  });
});

describe('examples/main.ts (npx projen example)', () => {
  function runBuild(options: mainJob.MainOptions): { files: string[]; objs: any[]; byFile: { [file: string]: any[] } } {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-starrocks-main.'));
    const app = new App({ outdir });
    mainJob.build(app, options);
    app.synth();
    const files = fs.readdirSync(outdir).sort();
    const byFile: { [file: string]: any[] } = {};
    for (const f of files) {
      byFile[f] = parseManifestStream(fs.readFileSync(path.join(outdir, f), 'utf8'));
    }
    return { files, objs: files.flatMap((f) => byFile[f]), byFile };
  }

  const objectNames = (objs: any[]) => objs.map((o) => `${o.kind} ${o.metadata.namespace ?? '-'}/${o.metadata.name}`);

  test('writes the operator, the cluster with its root password, and the ServiceMonitors', () => {
    const { files, byFile } = runBuild({});
    expect(files).toEqual(['monitoring.k8s.yaml', 'operator.k8s.yaml', 'starrocks.k8s.yaml']);
    expect(objectNames(byFile['operator.k8s.yaml'])).toEqual([
      'ServiceAccount starrocks/starrocks',
      'ClusterRole -/kube-starrocks-operator',
      'ClusterRoleBinding -/kube-starrocks-operator',
      'Role starrocks/cn-leader-election-role',
      'RoleBinding starrocks/cn-leader-election-rolebinding',
      'Deployment starrocks/kube-starrocks-operator',
    ]);
    // no CRDs: the synth does not read the network
    expect(byFile['operator.k8s.yaml'].filter((o) => o.kind === 'CustomResourceDefinition')).toEqual([]);
    expect(objectNames(byFile['starrocks.k8s.yaml'])).toEqual([
      'StarRocksCluster starrocks/starrocks',
      'ConfigMap starrocks/starrocks-fe-cm',
      'ConfigMap starrocks/starrocks-be-cm',
      'Job starrocks/starrocks-initpwd',
      'ConfigMap starrocks/starrocks-initpwd-shell',
    ]);
    expect(objectNames(byFile['monitoring.k8s.yaml'])).toEqual([
      'ServiceMonitor starrocks/starrocks-fe',
      'ServiceMonitor starrocks/starrocks-be',
    ]);
  });

  test('the cluster has the chart\'s volumes, time zone and the root password from the existing Secret', () => {
    const spec = runBuild({}).byFile['starrocks.k8s.yaml'][0].spec;
    expect(spec.starRocksFeSpec.storageVolumes.map((v: any) => v.name)).toEqual(['fe-meta', 'fe-log']);
    expect(spec.starRocksBeSpec.storageVolumes.map((v: any) => v.name)).toEqual(['be-data', 'be-log']);
    const mysqlPwd = { name: 'MYSQL_PWD', valueFrom: { secretKeyRef: { name: 'starrocks-root', key: 'password' } } };
    expect(spec.starRocksFeSpec.feEnvVars).toEqual([{ name: 'TZ', value: 'UTC' }, mysqlPwd]);
    expect(spec.starRocksBeSpec.beEnvVars).toEqual([{ name: 'TZ', value: 'UTC' }, mysqlPwd]);
    expect(spec.starRocksFeProxySpec).toBeUndefined();
  });

  test('adds the FE proxy on request', () => {
    const { byFile } = runBuild({ feProxy: true });
    expect(byFile['starrocks.k8s.yaml'][0].spec.starRocksFeProxySpec).toEqual({});
  });

  test('runs with ts-node and writes dist/', () => {
    // GIVEN an empty working directory
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-starrocks-main-run.'));
    // WHEN the main job runs there as `npx projen example` runs it
    const result = spawnSync(
      path.join(REPO_ROOT, 'node_modules', '.bin', 'ts-node'),
      ['--transpile-only', '--compilerOptions', '{"module":"commonjs"}', path.join(EXAMPLES_DIR, 'main.ts')],
      { cwd, encoding: 'utf8', env: { ...process.env, STARROCKS_FE_PROXY: 'true' } },
    );
    // THEN
    expect({ status: result.status, stderr: result.stderr }).toMatchObject({ status: 0 });
    for (const f of ['monitoring', 'operator', 'starrocks']) {
      expect(result.stdout).toContain(`wrote ${path.join('dist', `${f}.k8s.yaml`)}`);
    }
    // the CRDs come from the operator release, the password from a Secret created beforehand
    expect(result.stdout).toContain('kubectl apply --server-side -f https://github.com/StarRocks/starrocks-kubernetes-operator/releases/download/v1.11.5/starrocks.com_starrocksclusters.yaml');
    expect(result.stdout).toContain('create secret generic starrocks-root');
    const objs = parseManifestStream(fs.readFileSync(path.join(cwd, 'dist', 'starrocks.k8s.yaml'), 'utf8'));
    expect(objs.map((o) => o.kind)).toEqual(['StarRocksCluster', 'ConfigMap', 'ConfigMap', 'Job', 'ConfigMap']);
    expect(objs[0].spec.starRocksFeProxySpec).toEqual({});
  }, 60_000);

  describeShared('with the schemas', () => {
    test.each([[false], [true]])('what it writes validates (feProxy: %s)', (withProxy) => {
      expectValidManifests(runBuild({ feProxy: withProxy }).objs);
    });
  });
});

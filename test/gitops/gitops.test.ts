import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import * as gitopsArgoCd from '../../examples/gitops-argocd';
import { StarRocksCluster } from '../../src/cluster/cluster';
import { warningsOf } from '../../src/common/warnings';
import { ArgoCdOptions, StarRocksGitOps } from '../../src/gitops';
import { KubeStarRocks } from '../../src/helm/kube-starrocks-chart';
import { RootPasswordSource } from '../../src/init-password/password-source';
import { OperatorCrdSource, StarRocksOperator } from '../../src/operator';
import { describeShared, sharedPath } from '../util/shared';
import { find, synthValid } from '../util/synth';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

const WAVE = 'argocd.argoproj.io/sync-wave';
const crdFile = (name: string) => sharedPath(path.join('crds', name));

/** CRDs, operator, a cluster with a warehouse and the init-password Job, in one chart. */
function install(chart: Chart): void {
  new StarRocksOperator(chart, 'Operator', {
    crds: [
      OperatorCrdSource.fromFile(crdFile('starrocks.com_starrocksclusters.yaml')),
      OperatorCrdSource.fromFile(crdFile('starrocks.com_starrockswarehouses.yaml')),
    ],
  });
  const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'sr', cn: { replicas: 1 } });
  cluster.addWarehouse('Etl', { replicas: 1 });
  cluster.addInitPassword('RootPassword', { password: RootPasswordSource.fromSecretName('sr-root') });
}

function annotated(options?: ArgoCdOptions): any[] {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'starrocks' });
  install(chart);
  StarRocksGitOps.argoCd(chart, options);
  return synthValid(chart);
}

/** The object's annotations of Argo CD or Flux (a CRD has its own too). */
function argoAnnotations(obj: any): { [key: string]: string } {
  return Object.fromEntries(Object.entries(obj.metadata.annotations ?? {})
    .filter(([k]) => k.startsWith('argocd.argoproj.io/') || k.startsWith('kustomize.toolkit.fluxcd.io/'))) as { [key: string]: string };
}

function waves(manifest: any[]): string[] {
  return manifest.map((o) => `${o.kind} ${o.metadata.name}: ${o.metadata.annotations?.[WAVE] ?? '-'}`);
}

describeShared('Argo CD', () => {
  test('sync waves order CRDs, operator, cluster, warehouse, init Job; the other objects stay in wave 0', () => {
    // WHEN
    const manifest = annotated();

    // THEN
    expect(waves(manifest)).toEqual([
      'ServiceAccount starrocks: -1',
      'ClusterRole kube-starrocks-operator: -1',
      'ClusterRoleBinding kube-starrocks-operator: -1',
      'Role cn-leader-election-role: -1',
      'RoleBinding cn-leader-election-rolebinding: -1',
      'CustomResourceDefinition starrocksclusters.starrocks.com: -2',
      'CustomResourceDefinition starrockswarehouses.starrocks.com: -2',
      'Deployment kube-starrocks-operator: -1',
      'StarRocksCluster sr: 0',
      'StarRocksWarehouse etl: 1',
      'Job sr-initpwd: 2',
      'ConfigMap sr-initpwd-shell: -',
    ]);
  });

  test('the init-password Job is a PostSync hook, deleted when it succeeds; its ConfigMap is an ordinary object', () => {
    // WHEN
    const manifest = annotated();

    // THEN
    expect(find(manifest, 'Job', 'sr-initpwd').metadata.annotations).toStrictEqual({
      'argocd.argoproj.io/sync-wave': '2',
      'argocd.argoproj.io/hook': 'PostSync',
      'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation,HookSucceeded',
    });
    expect(find(manifest, 'ConfigMap', 'sr-initpwd-shell').metadata.annotations).toBeUndefined();
  });

  test('CRDs are applied server-side and never pruned', () => {
    // WHEN
    const manifest = annotated();

    // THEN
    for (const crd of manifest.filter((o) => o.kind === 'CustomResourceDefinition')) {
      expect(crd.metadata.annotations['argocd.argoproj.io/sync-options']).toBe('Prune=false,ServerSideApply=true');
    }
  });

  test('options change the waves and switch the hook and the CRD options off', () => {
    // WHEN
    const manifest = annotated({
      syncWaves: { crds: -10, operatorObjects: -5, clusters: 3, warehouses: 4, initPasswordJob: 9 },
      initPasswordJobAsHook: false,
      serverSideApplyCrds: false,
      keepCrdsOnPrune: false,
    });

    // THEN
    expect(waves(manifest).filter((w) => !w.endsWith(': -5'))).toEqual([
      'CustomResourceDefinition starrocksclusters.starrocks.com: -10',
      'CustomResourceDefinition starrockswarehouses.starrocks.com: -10',
      'StarRocksCluster sr: 3',
      'StarRocksWarehouse etl: 4',
      'Job sr-initpwd: 9',
      'ConfigMap sr-initpwd-shell: -',
    ]);
    expect(find(manifest, 'Job', 'sr-initpwd').metadata.annotations).toStrictEqual({ 'argocd.argoproj.io/sync-wave': '9' });
    expect(argoAnnotations(find(manifest, 'CustomResourceDefinition', 'starrocksclusters.starrocks.com')))
      .toStrictEqual({ 'argocd.argoproj.io/sync-wave': '-10' });
  });

  test('annotations the objects already have win; sync options are merged', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test', { namespace: 'starrocks' });
    install(chart);
    const crd = chart.node.findAll().find((c: any) => c.kind === 'CustomResourceDefinition') as any;
    crd.metadata.addAnnotation('argocd.argoproj.io/sync-options', 'Replace=true, ServerSideApply=false');
    crd.metadata.addAnnotation(WAVE, '-7');

    // WHEN
    StarRocksGitOps.argoCd(chart);

    // THEN
    const out = find(Testing.synth(chart), 'CustomResourceDefinition', 'starrocksclusters.starrocks.com');
    expect(argoAnnotations(out)).toStrictEqual({
      'argocd.argoproj.io/sync-options': 'Replace=true,ServerSideApply=false,Prune=false',
      [WAVE]: '-7',
    });
  });

  test('the output is the same on every synth', () => {
    expect(JSON.stringify(annotated())).toBe(JSON.stringify(annotated()));
  });

  test('fails when a StarRocks object is defined after the call', () => {
    // GIVEN
    const chart = new Chart(new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gitops.')) }), 'test', { namespace: 'starrocks' });
    StarRocksGitOps.argoCd(chart);

    // WHEN
    new StarRocksCluster(chart, 'Late', { name: 'late' });

    // THEN
    expect(chart.node.validate()).toEqual([
      expect.stringMatching(/^StarRocksCluster late \(test\/Late\/Resource\) was defined after StarRocksGitOps\.argoCd\(\) and lacks its annotations/),
    ]);
  });

  test('fails for a wave that is not a whole number, or a switch that is not a boolean', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => StarRocksGitOps.argoCd(chart, { syncWaves: { clusters: 1.5 } })).toThrow(/'argoCd\.syncWaves\.clusters'.*1\.5/);
    expect(() => StarRocksGitOps.argoCd(chart, { initPasswordJobAsHook: 'yes' as unknown as boolean })).toThrow(/'argoCd\.initPasswordJobAsHook'.*"yes"/);
  });
});

describe('a Helm release in a cdk8s app', () => {
  test('the kube-starrocks chart\'s objects get the same waves and hook', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test', { namespace: 'starrocks' });
    new KubeStarRocks(chart, 'Release', {
      releaseName: 'kube-starrocks',
      releaseNamespace: 'starrocks',
      values: { starrocks: { initPassword: { enabled: true, passwordSecret: 'starrocks-root' } } },
    });

    // WHEN
    StarRocksGitOps.argoCd(chart);

    // THEN
    const manifest = Testing.synth(chart);
    expect(find(manifest, 'Deployment', 'kube-starrocks-operator').metadata.annotations[WAVE]).toBe('-1');
    expect(find(manifest, 'ClusterRole', 'kube-starrocks-operator').metadata.annotations[WAVE]).toBe('-1');
    expect(find(manifest, 'StarRocksCluster', 'kube-starrocks').metadata.annotations[WAVE]).toBe('0');
    expect(argoAnnotations(find(manifest, 'Job', 'kube-starrocks-initpwd'))).toStrictEqual({
      [WAVE]: '2',
      'argocd.argoproj.io/hook': 'PostSync',
      'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation,HookSucceeded',
    });
  });
});

describeShared('Flux', () => {
  test('CRDs are never pruned and the init-password Job is replaced when it changed; nothing else is annotated', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test', { namespace: 'starrocks' });
    install(chart);

    // WHEN
    StarRocksGitOps.flux(chart);

    // THEN
    const manifest = synthValid(chart);
    const withAnnotations = manifest.filter((o) => Object.keys(argoAnnotations(o)).length > 0)
      .map((o) => `${o.kind} ${o.metadata.name} ${JSON.stringify(argoAnnotations(o))}`);
    expect(withAnnotations).toEqual([
      'CustomResourceDefinition starrocksclusters.starrocks.com {"kustomize.toolkit.fluxcd.io/prune":"disabled"}',
      'CustomResourceDefinition starrockswarehouses.starrocks.com {"kustomize.toolkit.fluxcd.io/prune":"disabled"}',
      'Job sr-initpwd {"kustomize.toolkit.fluxcd.io/force":"enabled"}',
    ]);
  });
});

describeShared('the Argo CD example', () => {
  test('examples/gitops-argocd.ts synthesizes, valid, with its waves and hook', () => {
    // GIVEN: the CRD files the example reads, in a fresh working directory
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-example.'));
    fs.mkdirSync(path.join(dir, 'crds'));
    for (const f of ['starrocks.com_starrocksclusters.yaml', 'starrocks.com_starrockswarehouses.yaml']) {
      fs.copyFileSync(crdFile(f), path.join(dir, 'crds', f));
    }
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      // WHEN
      const app = Testing.app();
      const chart = gitopsArgoCd.build(app);
      const manifest = synthValid(chart);

      // THEN
      expect(chart.node.validate()).toEqual([]);
      expect(warningsOf(app)).toEqual([]);
      expect(find(manifest, 'StarRocksWarehouse', 'etl').metadata.annotations[WAVE]).toBe('1');
      expect(find(manifest, 'Job', 'analytics-initpwd').metadata.annotations['argocd.argoproj.io/hook']).toBe('PostSync');
      expect(manifest.filter((o) => o.metadata.annotations?.[WAVE] === '-2').map((o) => o.kind))
        .toEqual(['CustomResourceDefinition', 'CustomResourceDefinition']);
    } finally {
      process.chdir(cwd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import * as YAML from 'yaml';
import { StarRocksCluster, StarRocksClusterProps } from '../../src/cluster/cluster';
import { ResourceQuantity } from '../../src/common/quantity';
import { warningsOf } from '../../src/common/warnings';
import { StarRocksConfig } from '../../src/config/config';
import { InitPasswordJob, InitPasswordJobOptions } from '../../src/init-password/init-password-job';
import { RootPasswordSource } from '../../src/init-password/password-source';
import { INIT_PASSWORD_SCRIPT } from '../../src/init-password/script';
import { compareManifests, ConformanceCase, expectedManifests, loadConformanceCases } from '../util/conformance';
import { expectValidManifests } from '../util/schema';
import { describeShared } from '../util/shared';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

function find(manifest: any[], kind: string, name: string): any {
  const found = manifest.filter((o) => o.kind === kind && o.metadata?.name === name);
  expect(found).toHaveLength(1);
  return found[0];
}

function kinds(manifest: any[]): string[] {
  return manifest.map((o) => `${o.kind} ${o.metadata.name}`).sort();
}

function envOf(manifest: any[], specKey: string, envKey: string): any[] {
  return find(manifest, 'StarRocksCluster', manifest.find((o) => o.kind === 'StarRocksCluster').metadata.name).spec[specKey][envKey] ?? [];
}

function setup(clusterProps: StarRocksClusterProps = {}, options: Partial<InitPasswordJobOptions> = {}) {
  const chart = new Chart(Testing.app(), 'test');
  const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'sr', namespace: 'db', ...clusterProps });
  const job = new InitPasswordJob(chart, 'RootPassword', {
    cluster,
    password: RootPasswordSource.fromSecretName('sr-root'),
    ...options,
  });
  return { chart, cluster, job };
}

describe('InitPasswordJob', () => {
  test('defines the Job, its script ConfigMap and MYSQL_PWD on every component', () => {
    // GIVEN
    const { chart } = setup({ cn: {} });

    // WHEN
    const manifest = Testing.synth(chart);

    // THEN
    expect(kinds(manifest)).toEqual(['ConfigMap sr-initpwd-shell', 'Job sr-initpwd', 'StarRocksCluster sr']);
    const job = find(manifest, 'Job', 'sr-initpwd');
    expect(job.metadata).toMatchObject({ namespace: 'db', labels: { 'cluster': 'sr', 'app.kubernetes.io/instance': 'sr' } });
    expect(job.spec.backoffLimit).toBe(10);
    expect(job.spec.template.spec.restartPolicy).toBe('OnFailure');
    expect(job.spec.template.spec.containers[0]).toStrictEqual({
      name: 'sr-initpwd',
      image: 'starrocks/fe-ubuntu:4.1-latest',
      imagePullPolicy: 'IfNotPresent',
      command: ['/bin/bash'],
      args: ['/opt/starrocks/fe_initpwd.sh', 'sr-fe-0.sr-fe-search', '9030'],
      env: [{ name: 'INIT_PWD', valueFrom: { secretKeyRef: { key: 'password', name: 'sr-root' } } }],
      volumeMounts: [{ mountPath: '/opt/starrocks/fe_initpwd.sh', name: 'sr-initpwd-shell', subPath: 'fe_initpwd.sh' }],
    });
    expect(find(manifest, 'ConfigMap', 'sr-initpwd-shell').data).toStrictEqual({ 'fe_initpwd.sh': INIT_PASSWORD_SCRIPT });
    const mysqlPwd = { name: 'MYSQL_PWD', valueFrom: { secretKeyRef: { name: 'sr-root', key: 'password' } } };
    expect(envOf(manifest, 'starRocksFeSpec', 'feEnvVars')).toContainEqual(mysqlPwd);
    expect(envOf(manifest, 'starRocksBeSpec', 'beEnvVars')).toContainEqual(mysqlPwd);
    expect(envOf(manifest, 'starRocksCnSpec', 'cnEnvVars')).toContainEqual(mysqlPwd);
    expectValidManifests(manifest);
  });

  test('emitScriptConfigMap keeps the script ConfigMap without the Job, as the chart does with isInstall: false', () => {
    // GIVEN
    const { chart, job } = setup({}, { emitJob: false, emitScriptConfigMap: true });

    // WHEN
    const manifest = Testing.synth(chart);

    // THEN
    expect(kinds(manifest)).toEqual(['ConfigMap sr-initpwd-shell', 'StarRocksCluster sr']);
    expect(find(manifest, 'ConfigMap', 'sr-initpwd-shell').data).toStrictEqual({ 'fe_initpwd.sh': INIT_PASSWORD_SCRIPT });
    expect(job.apiObject).toBeUndefined();
    expect(job.scriptConfigMap).toBeDefined();
  });

  test('emitScriptConfigMap follows emitJob by default', () => {
    expect(setup({}, { emitJob: false }).job.scriptConfigMap).toBeUndefined();
    expect(setup({}, { emitJob: true }).job.scriptConfigMap).toBeDefined();
    expect(kinds(Testing.synth(setup({}, { emitJob: false }).chart))).toEqual(['StarRocksCluster sr']);
  });

  test('fails without the script ConfigMap while the Job is emitted (the Job mounts it)', () => {
    expect(() => setup({}, { emitScriptConfigMap: false }))
      .toThrow(/'emitScriptConfigMap' must be true or unset while emitJob is true \(the Job mounts the script ConfigMap\), got false/);
    expect(() => setup({}, { emitJob: 'no' as unknown as boolean })).toThrow(/'emitJob' must be true or false, got "no"/);
  });

  test('ApiObject.of returns the Job, which takes JSON patches', () => {
    // GIVEN
    const { chart, job } = setup();

    // WHEN
    ApiObject.of(job).addJsonPatch(JsonPatch.add('/spec/ttlSecondsAfterFinished', 600));

    // THEN
    expect(ApiObject.of(job)).toBe(job.apiObject);
    expect(find(Testing.synth(chart), 'Job', 'sr-initpwd').spec.ttlSecondsAfterFinished).toBe(600);
  });

  test('reads the FE query port from the FE config, also when it is added after the Job', () => {
    // GIVEN
    const { chart, cluster } = setup({ fe: { config: StarRocksConfig.fromEntries({ http_port: '8030' }) } });

    // WHEN
    cluster.fe.addConfig('query_port', '9031');

    // THEN
    expect(find(Testing.synth(chart), 'Job', 'sr-initpwd').spec.template.spec.containers[0].args[2]).toBe('9031');
  });

  test('keeps a MYSQL_PWD the component already has (checked by name)', () => {
    // GIVEN
    const own = { name: 'MYSQL_PWD', valueFrom: { secretKeyRef: { name: 'custom', key: 'pwd' } } };

    // WHEN
    const { chart } = setup({ fe: { envVars: [own] }, be: { envVars: [{ name: 'NOTE', value: 'MYSQL_PWD is set by the library' }] } });

    // THEN
    const manifest = Testing.synth(chart);
    expect(envOf(manifest, 'starRocksFeSpec', 'feEnvVars')).toStrictEqual([own]);
    expect(envOf(manifest, 'starRocksBeSpec', 'beEnvVars').map((e: any) => e.name)).toEqual(['NOTE', 'MYSQL_PWD']);
  });

  test('a MYSQL_PWD the user adds after the construct wins too, in its place (the order of the calls does not matter)', () => {
    // GIVEN
    const own = { name: 'MYSQL_PWD', valueFrom: { secretKeyRef: { name: 'custom', key: 'pwd' } } };
    const { chart, cluster } = setup({ fe: { envVars: [{ name: 'A', value: '1' }] } });

    // WHEN
    cluster.fe.addEnvVar(own);
    cluster.fe.addEnvVar({ name: 'B', value: '2' });

    // THEN
    const manifest = Testing.synth(chart);
    expect(envOf(manifest, 'starRocksFeSpec', 'feEnvVars')).toStrictEqual([{ name: 'A', value: '1' }, own, { name: 'B', value: '2' }]);
    expect(envOf(manifest, 'starRocksBeSpec', 'beEnvVars')).toStrictEqual([{ name: 'MYSQL_PWD', valueFrom: { secretKeyRef: { name: 'sr-root', key: 'password' } } }]);
  });

  test('before and after the construct, a user\'s MYSQL_PWD gives the same manifest', () => {
    const own = { name: 'MYSQL_PWD', valueFrom: { secretKeyRef: { name: 'custom', key: 'pwd' } } };
    const build = (userFirst: boolean) => {
      const chart = new Chart(Testing.app(), 'test');
      const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'sr', namespace: 'db' });
      const job = () => new InitPasswordJob(chart, 'RootPassword', { cluster, password: RootPasswordSource.fromSecretName('sr-root') });
      if (userFirst) {
        cluster.be?.addEnvVar(own);
        job();
      } else {
        job();
        cluster.be?.addEnvVar(own);
      }
      expect(cluster.be?.hasEnvVar('MYSQL_PWD')).toBe(true);
      return Testing.synth(chart);
    };
    const first = build(true);
    expect(envOf(first, 'starRocksBeSpec', 'beEnvVars')).toStrictEqual([own]);
    expect(build(false)).toStrictEqual(first);
  });

  test('a plaintext password becomes the Secret <cluster>-credential, with a warning', () => {
    // GIVEN
    const { chart, job } = setup({}, { password: RootPasswordSource.fromValue('s3cr3t') });

    // WHEN
    const manifest = Testing.synth(chart);

    // THEN
    const secret = find(manifest, 'Secret', 'sr-credential');
    expect(secret).toMatchObject({ metadata: { namespace: 'db' }, type: 'Opaque', data: { password: Buffer.from('s3cr3t').toString('base64') } });
    expect(job.secretName).toBe('sr-credential');
    expect(find(manifest, 'Job', 'sr-initpwd').spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name).toBe('sr-credential');
    expect(warningsOf(chart)).toEqual([expect.stringMatching(/test\/RootPassword: the root password is given as a value: it is written, base64-encoded, into the Secret sr-credential/)]);
    expectValidManifests(manifest);
  });

  test('a Secret reference gives no warning and no Secret', () => {
    // GIVEN
    const { chart } = setup();

    // THEN
    expect(warningsOf(chart)).toEqual([]);
    expect(Testing.synth(chart).filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  test('emitJob: false leaves out the Job and the script but keeps the Secret and MYSQL_PWD', () => {
    // GIVEN
    const { chart, job } = setup({}, { emitJob: false, password: RootPasswordSource.fromValue('s3cr3t') });

    // WHEN
    const manifest = Testing.synth(chart);

    // THEN
    expect(kinds(manifest)).toEqual(['Secret sr-credential', 'StarRocksCluster sr']);
    expect(job.apiObject).toBeUndefined();
    expect(job.scriptConfigMap).toBeUndefined();
    expect(job.jobName).toBe('sr-initpwd');
    expect(envOf(manifest, 'starRocksFeSpec', 'feEnvVars').map((e: any) => e.name)).toEqual(['MYSQL_PWD']);
  });

  test('the Job inherits the FE image pull Secrets, affinity and tolerations', () => {
    // GIVEN
    const affinity: k8s.Affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'role', operator: 'In', values: ['fe'] }] }] } } };
    const tolerations: k8s.Toleration[] = [{ key: 'role', operator: 'Equal', value: 'fe', effect: 'NoSchedule' }];

    // WHEN
    const { chart } = setup({
      shared: { imagePullSecrets: ['shared-registry'], tolerations: [{ key: 'shared', operator: 'Exists' }] },
      fe: { imagePullSecrets: ['fe-registry'], affinity, tolerations, imageTag: '3.3.8', nodeSelector: { role: 'fe' } },
      be: { imagePullSecrets: ['be-registry'] },
    });

    // THEN
    const podSpec = find(Testing.synth(chart), 'Job', 'sr-initpwd').spec.template.spec;
    expect(podSpec.imagePullSecrets).toEqual([{ name: 'fe-registry' }]);
    expect(podSpec.affinity).toEqual(affinity);
    expect(podSpec.tolerations).toEqual(tolerations);
    expect(podSpec.nodeSelector).toBeUndefined();
    expect(podSpec.containers[0].image).toBe('starrocks/fe-ubuntu:3.3.8');
  });

  test('the Job\'s own image pull Secrets, affinity, tolerations and image replace the inherited ones; [] and {} mean none', () => {
    // GIVEN
    const clusterProps: StarRocksClusterProps = {
      shared: { imagePullSecrets: ['regcred'], tolerations: [{ key: 'shared', operator: 'Exists' }], affinity: { podAffinity: {} } },
    };

    // WHEN
    const { chart } = setup(clusterProps, {
      imagePullSecrets: [],
      affinity: {},
      tolerations: [{ key: 'job', operator: 'Exists' }],
      image: 'registry.example.com/mysql-client:8.0',
      resources: { requests: { cpu: ResourceQuantity.of('100m') }, limits: { memory: ResourceQuantity.of('256Mi') } },
      annotations: { 'argocd.argoproj.io/hook': 'PostSync' },
      podAnnotations: { 'sidecar.istio.io/inject': 'false' },
      labels: { team: 'dba' },
    });

    // THEN
    const job = find(Testing.synth(chart), 'Job', 'sr-initpwd');
    expect(job.metadata.annotations).toEqual({ 'argocd.argoproj.io/hook': 'PostSync' });
    expect(job.metadata.labels).toMatchObject({ cluster: 'sr', team: 'dba' });
    expect(job.spec.template.metadata).toEqual({ annotations: { 'sidecar.istio.io/inject': 'false' } });
    const podSpec = job.spec.template.spec;
    expect(podSpec.imagePullSecrets).toBeUndefined();
    expect(podSpec.affinity).toBeUndefined();
    expect(podSpec.tolerations).toEqual([{ key: 'job', operator: 'Exists' }]);
    expect(podSpec.containers[0].image).toBe('registry.example.com/mysql-client:8.0');
    expect(podSpec.containers[0].resources).toEqual({ requests: { cpu: '100m' }, limits: { memory: '256Mi' } });
  });

  test('a cluster defined elsewhere: the Job uses its names and ports, and a warning asks for MYSQL_PWD', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test', { namespace: 'apps' });
    const cluster = StarRocksCluster.fromClusterName(chart, 'Cluster', 'lake', { namespace: 'db', feQueryPort: 9031 });

    // WHEN
    new InitPasswordJob(chart, 'RootPassword', { cluster, password: RootPasswordSource.fromValue('x') });

    // THEN
    const manifest = Testing.synth(chart);
    const job = find(manifest, 'Job', 'lake-initpwd');
    expect(job.metadata.namespace).toBe('db');
    expect(find(manifest, 'Secret', 'lake-credential').metadata.namespace).toBe('db');
    expect(job.spec.template.spec.containers[0]).toMatchObject({
      image: 'starrocks/fe-ubuntu:4.1-latest',
      args: ['/opt/starrocks/fe_initpwd.sh', 'lake-fe-0.lake-fe-search', '9031'],
    });
    expect(warningsOf(chart)).toContainEqual(expect.stringMatching(/cluster lake is defined elsewhere: give its FE, BE and CN the environment variable MYSQL_PWD from Secret lake-credential \(key password\)/));
    expectValidManifests(manifest);
  });

  test('copies the caller\'s lists and maps', () => {
    // GIVEN
    const imagePullSecrets = ['regcred'];
    const podAnnotations: { [key: string]: string } = { a: '1' };
    const { chart } = setup({}, { imagePullSecrets, podAnnotations });

    // WHEN
    imagePullSecrets.push('other');
    podAnnotations.b = '2';

    // THEN
    const template = find(Testing.synth(chart), 'Job', 'sr-initpwd').spec.template;
    expect(template.spec.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(template.metadata.annotations).toEqual({ a: '1' });
  });

  test('fails for an image pull Secret name that is not a DNS subdomain', () => {
    expect(() => setup({}, { imagePullSecrets: ['Reg Cred'] })).toThrow(/'imagePullSecrets\[0\]' must be a DNS-1123 subdomain/);
  });

  test('fails without a password source', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test');
    const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'sr' });

    // THEN
    expect(() => new InitPasswordJob(chart, 'RootPassword', { cluster } as any)).toThrow(/'password' must be a RootPasswordSource/);
    expect(() => new InitPasswordJob(chart, 'Other', { cluster, password: 'secret' } as any)).toThrow(/'password' must be a RootPasswordSource/);
  });

  test('fails without a cluster', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => new InitPasswordJob(chart, 'RootPassword', { password: RootPasswordSource.fromValue('x') } as any)).toThrow(/'cluster' must be the StarRocks cluster/);
  });

  test('fails for an image without a tag', () => {
    expect(() => setup({}, { image: 'mysql' })).toThrow(/'image' must be an image reference with a tag or digest/);
  });

  test('fails for resources with an unknown key', () => {
    expect(() => setup({}, { resources: { limit: { cpu: ResourceQuantity.of('1') } } as any })).toThrow(/'resources.limit' must be one of "limits", "requests"/);
  });

  test('fails for a non-string annotation value', () => {
    expect(() => setup({}, { annotations: { replicas: 3 } as any })).toThrow(/'annotations.replicas' must be a string/);
  });
});

/** Chart cases with `initPassword`: the typed API given the same settings must produce the chart's objects. */
describeShared('InitPasswordJob against the kube-starrocks chart', () => {
  const cases = new Map(loadConformanceCases().map((c) => [c.name, c]));
  const get = (name: string): ConformanceCase => cases.get(name)!;
  const values = (c: ConformanceCase) => YAML.parse(c.valuesYaml).starrocks;
  const expectedObject = (c: ConformanceCase, kind: string, name: string) => find(expectedManifests(c), kind, name);
  /** The chart's fe.conf/be.conf text of a case, read from its expected ConfigMap. */
  const confText = (c: ConformanceCase, x: string) => expectedObject(c, 'ConfigMap', `kube-starrocks-${x}-cm`).data[`${x}.conf`];

  /** Compares an object with the chart's; the script ConfigMap's text is ours, so its data is compared separately. */
  function expectChartObject(manifest: any[], c: ConformanceCase, kind: string, name: string): void {
    const actual = structuredClone(find(manifest, kind, name));
    const expected = expectedObject(c, kind, name);
    if (kind === 'ConfigMap' && name.endsWith('-initpwd-shell')) {
      expect(actual.data).toStrictEqual({ 'fe_initpwd.sh': INIT_PASSWORD_SCRIPT });
      actual.data = expected.data;
    }
    expect(compareManifests([actual], [expected], c.namespace)).toEqual([]);
  }

  test('case 24: passwordSecret, Job image, resources, annotations, pod annotations; FE keeps its own MYSQL_PWD', () => {
    // GIVEN
    const c = get('24-init-password-secret');
    const chart = new Chart(Testing.app(), 'test', { namespace: c.namespace });
    const cluster = new StarRocksCluster(chart, 'Cluster', {
      name: 'kube-starrocks',
      timeZone: 'Asia/Shanghai',
      fe: {
        envVars: [
          { name: 'FE_EXTRA', value: '1' },
          { name: 'MYSQL_PWD', valueFrom: { secretKeyRef: { name: 'custom-root-secret', key: 'pwd' } } },
        ],
      },
      be: { envVars: [{ name: 'BE_EXTRA', value: 'x' }] },
    });

    // WHEN
    new InitPasswordJob(chart, 'RootPassword', {
      cluster,
      password: RootPasswordSource.fromSecretName('sr-root-password'),
      image: 'registry.example.com/mysql-client:8.0',
      annotations: { 'argocd.argoproj.io/hook': 'PostSync', 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' },
      podAnnotations: { 'sidecar.istio.io/inject': 'false' },
      resources: {
        requests: { cpu: ResourceQuantity.of('100m'), memory: ResourceQuantity.of('128Mi') },
        limits: { cpu: ResourceQuantity.of('500m'), memory: ResourceQuantity.of('256Mi') },
      },
    });

    // THEN
    const manifest = Testing.synth(chart);
    expectChartObject(manifest, c, 'Job', 'kube-starrocks-initpwd');
    expectChartObject(manifest, c, 'ConfigMap', 'kube-starrocks-initpwd-shell');
    expect(manifest.filter((o) => o.kind === 'Secret')).toEqual([]);
    const chartCr = expectedObject(c, 'StarRocksCluster', 'kube-starrocks').spec;
    expect(envOf(manifest, 'starRocksFeSpec', 'feEnvVars')).toEqual(chartCr.starRocksFeSpec.feEnvVars);
    // same variables as the chart; the chart puts MYSQL_PWD right after TZ, the library appends it
    const byName = (env: any[]) => [...env].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName(envOf(manifest, 'starRocksBeSpec', 'beEnvVars'))).toEqual(byName(chartCr.starRocksBeSpec.beEnvVars));
    expectValidManifests(manifest);
  });

  test('case 03: plain password; the Job inherits the shared image tag, pull Secrets, affinity and tolerations', () => {
    // GIVEN
    const c = get('03-component-values-inherit');
    const cv = values(c).starrocksCluster.componentValues;
    const chart = new Chart(Testing.app(), 'test', { namespace: c.namespace });
    const cluster = new StarRocksCluster(chart, 'Cluster', {
      name: 'kube-starrocks',
      shared: {
        imageTag: cv.image.tag,
        imagePullSecrets: cv.imagePullSecrets.map((s: any) => s.name),
        tolerations: cv.tolerations,
        affinity: cv.affinity,
        nodeSelector: cv.nodeSelector,
        schedulerName: cv.schedulerName,
      },
      cn: {},
    });

    // WHEN
    new InitPasswordJob(chart, 'RootPassword', { cluster, password: RootPasswordSource.fromValue(values(c).initPassword.password) });

    // THEN
    const manifest = Testing.synth(chart);
    expectChartObject(manifest, c, 'Job', 'kube-starrocks-initpwd');
    expectChartObject(manifest, c, 'Secret', 'kube-starrocks-credential');
    expectChartObject(manifest, c, 'ConfigMap', 'kube-starrocks-initpwd-shell');
    expectValidManifests(manifest);
  });

  test('case 05: isInstall false is emitJob false; the chart still renders the script ConfigMap, which the Helm hook restores', () => {
    // GIVEN
    const c = get('05-per-component-scheduling');
    const v = values(c);
    const chart = new Chart(Testing.app(), 'test', { namespace: c.namespace });
    const cluster = new StarRocksCluster(chart, 'Cluster', {
      name: 'kube-starrocks',
      fe: { imagePullSecrets: ['fe-registry'], affinity: v.starrocksFESpec.affinity, tolerations: v.starrocksFESpec.tolerations },
      be: { imagePullSecrets: ['be-registry'] },
      cn: {},
    });

    // WHEN
    const job = new InitPasswordJob(chart, 'RootPassword', { cluster, password: RootPasswordSource.fromValue(v.initPassword.password), emitJob: false });

    // THEN
    expect(job.scriptConfigMap).toBeUndefined();
    let manifest = Testing.synth(chart);
    expect(manifest.filter((o) => o.kind === 'Job')).toEqual([]);
    expect(manifest.filter((o) => o.kind === 'ConfigMap')).toEqual([]);
    expectChartObject(manifest, c, 'Secret', 'kube-starrocks-credential');
    for (const [key, envKey] of [['starRocksFeSpec', 'feEnvVars'], ['starRocksBeSpec', 'beEnvVars'], ['starRocksCnSpec', 'cnEnvVars']]) {
      expect(envOf(manifest, key, envKey)).toContainEqual({ name: 'MYSQL_PWD', valueFrom: { secretKeyRef: { name: 'kube-starrocks-credential', key: 'password' } } });
    }

    // WHEN the Helm translation asks for the chart's script ConfigMap without the Job (emitScriptConfigMap)
    const chart2 = new Chart(Testing.app(), 'test', { namespace: c.namespace });
    const cluster2 = new StarRocksCluster(chart2, 'Cluster', { name: 'kube-starrocks' });
    new InitPasswordJob(chart2, 'RootPassword', {
      cluster: cluster2, password: RootPasswordSource.fromValue(v.initPassword.password), emitJob: false, emitScriptConfigMap: true,
    });

    // THEN it is the chart's ConfigMap (with the library's own script), and still no Job
    manifest = Testing.synth(chart2);
    expect(manifest.filter((o) => o.kind === 'Job')).toEqual([]);
    expectChartObject(manifest, c, 'ConfigMap', 'kube-starrocks-initpwd-shell');
    expectValidManifests(manifest);
  });

  test('case 31: the cluster\'s own name and namespace', () => {
    // GIVEN
    const c = get('31-cluster-metadata');
    const v = values(c);
    const chart = new Chart(Testing.app(), 'test', { namespace: c.namespace });
    const cluster = new StarRocksCluster(chart, 'Cluster', { name: v.starrocksCluster.name, namespace: v.starrocksCluster.namespace, timeZone: v.timeZone });

    // WHEN
    new InitPasswordJob(chart, 'RootPassword', { cluster, password: RootPasswordSource.fromValue(v.initPassword.password) });

    // THEN
    const manifest = Testing.synth(chart);
    expectChartObject(manifest, c, 'Job', 'prod-cluster-initpwd');
    expectChartObject(manifest, c, 'Secret', 'prod-cluster-credential');
    expectChartObject(manifest, c, 'ConfigMap', 'prod-cluster-initpwd-shell');
  });

  test('case 10: the FE query port comes from the FE config', () => {
    // GIVEN
    const c = get('10-config-ports-and-hash');
    const chart = new Chart(Testing.app(), 'test', { namespace: c.namespace });
    const cluster = new StarRocksCluster(chart, 'Cluster', { name: 'kube-starrocks', fe: { config: StarRocksConfig.fromText(confText(c, 'fe')) }, cn: {} });

    // WHEN
    new InitPasswordJob(chart, 'RootPassword', { cluster, password: RootPasswordSource.fromValue(values(c).initPassword.password) });

    // THEN
    const manifest = Testing.synth(chart);
    expectChartObject(manifest, c, 'Job', 'kube-starrocks-initpwd');
    expectChartObject(manifest, c, 'Secret', 'kube-starrocks-credential');
  });
});

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Include, JsonPatch, Testing } from 'cdk8s';
import { compareObjects, loadOperatorCase } from './compare';
import { ResourceQuantity } from '../../src/common/quantity';
import { warningsOf } from '../../src/common/warnings';
import { ImagePullPolicy } from '../../src/components/options';
import { OperatorCrdSource, OperatorRbacRules, StarRocksOperator, StarRocksOperatorProps } from '../../src/operator';
import { expectValidManifests } from '../util/schema';
import { describeShared, sharedPath } from '../util/shared';

// warnings are asserted through construct metadata; keep them off stderr
process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

const crdFile = (name: string) => sharedPath(path.join('crds', name));

/** A chart with a namespace, like a Helm release namespace. */
function chartIn(namespace?: string): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

function find(manifest: any[], kind: string, name: string): any {
  const found = manifest.filter((o) => o.kind === kind && o.metadata?.name === name);
  expect(found).toHaveLength(1);
  return found[0];
}

function kindsAndNames(manifest: any[]): string[] {
  return manifest.map((o) => `${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata.name}`).sort();
}

function managerOf(manifest: any[], name = 'kube-starrocks-operator'): any {
  return find(manifest, 'Deployment', name).spec.template.spec.containers[0];
}

/** The values of conformance case 32, as props. */
const CASE_32_PROPS: StarRocksOperatorProps = {
  name: 'sr',
  namespace: 'operators',
  timeZone: 'UTC',
  annotations: { 'example.com/owner': 'platform-team' },
  podAnnotations: { 'example.com/owner': 'platform-team' },
  image: 'registry.example.com/starrocks/operator:v1.11.5-patched',
  imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
  replicas: 2,
  resources: {
    limits: { cpu: ResourceQuantity.of('1'), memory: ResourceQuantity.of('1Gi') },
    requests: { cpu: ResourceQuantity.of('250m'), memory: ResourceQuantity.of('256Mi') },
  },
  securityContext: {
    readOnlyRootFilesystem: false,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  },
  imagePullSecrets: ['operator-pull-secret'],
  nodeSelector: { 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/control-plane-tools': '' },
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] }] }],
      },
    },
  },
  tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }],
  watchNamespace: 'starrocks-system',
  denyList: ['kube-system', 'kube-public'],
  envVars: [
    { name: 'KUBE_STARROCKS_UNSUPPORTED_ENVS', value: 'FOO,BAR' },
    { name: 'GOMAXPROCS', value: '2' },
  ],
  logFlags: ['--zap-time-encoding=iso8601', '--zap-encoder=json', '--zap-log-level=4'],
  dnsDomainSuffix: 'cluster.example',
  volumeNameWithHash: false,
  serviceAccount: {
    name: 'sr-operator-sa',
    annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/sr-operator' },
    labels: { team: 'platform' },
  },
  rbac: { namespacedRbacInOperatorNamespace: true },
};

describeShared('conformance with kube-starrocks 1.11.5', () => {
  test('the chart-compatible rules give the operator objects of case 01-default', () => {
    // GIVEN
    const expected = loadOperatorCase('01-default');
    const chart = chartIn(expected.namespace);

    // WHEN
    new StarRocksOperator(chart, 'Operator', { rbac: { rules: OperatorRbacRules.CHART_COMPATIBLE } });

    // THEN
    expect(expected.objects.length).toBe(6);
    expect(compareObjects(expected.objects, Testing.synth(chart), expected.namespace)).toEqual([]);
  });

  test('the values of case 32-operator-full give its operator objects with the chart RBAC placement', () => {
    // GIVEN
    const expected = loadOperatorCase('32-operator-full');
    const chart = chartIn(expected.namespace);

    // WHEN
    new StarRocksOperator(chart, 'Operator', CASE_32_PROPS);

    // THEN
    expect(expected.objects.length).toBe(6);
    expect(compareObjects(expected.objects, Testing.synth(chart), expected.namespace)).toEqual([]);
  });

  test('rbac.create false gives the operator objects of case 31-cluster-metadata (Deployment only)', () => {
    // GIVEN
    const expected = loadOperatorCase('31-cluster-metadata');
    const chart = chartIn(expected.namespace);

    // WHEN
    new StarRocksOperator(chart, 'Operator', {
      timeZone: 'Europe/Berlin',
      serviceAccount: { create: false },
      rbac: { create: false },
    });

    // THEN
    expect(expected.objects.map((o) => o.kind)).toEqual(['Deployment']);
    expect(compareObjects(expected.objects, Testing.synth(chart), expected.namespace)).toEqual([]);
  });

  test('case 34-cluster-only has no operator objects: a disabled operator is a construct not created', () => {
    // GIVEN / WHEN
    const expected = loadOperatorCase('34-cluster-only');

    // THEN
    expect(expected.objects).toEqual([]);
  });

  test('the comparison notices a difference', () => {
    // GIVEN
    const expected = loadOperatorCase('01-default');
    const chart = chartIn(expected.namespace);

    // WHEN
    new StarRocksOperator(chart, 'Operator', { replicas: 3, rbac: { create: false } });

    // THEN
    const diffs = compareObjects(expected.objects, Testing.synth(chart), expected.namespace);
    expect(diffs).toContain('Deployment starrocks/kube-starrocks-operator: spec.replicas: expected 1, got 3');
    expect(diffs).toContain('missing object rbac.authorization.k8s.io/v1 ClusterRole kube-starrocks-operator');
  });
});

describeShared('schemas', () => {
  test('every object is valid against the Kubernetes schemas, with defaults and with every prop set', () => {
    // GIVEN
    const chart = chartIn('starrocks-system');

    // WHEN
    new StarRocksOperator(chart, 'Default', { namespace: 'ns-a' });
    new StarRocksOperator(chart, 'Full', { ...CASE_32_PROPS, rbac: {} });
    new StarRocksOperator(chart, 'Crds', {
      name: 'with-crds',
      namespace: 'ns-c',
      crds: [OperatorCrdSource.fromFile(crdFile('starrocks.com_starrockswarehouses.yaml'))],
    });

    // THEN
    const manifest = Testing.synth(chart);
    // least privilege with a watched namespace adds the ClusterRole(Binding) that lists warehouses
    expect(manifest.length).toBe(6 + 8 + 7);
    expectValidManifests(manifest);
  });
});

describe('objects', () => {
  test('by default the Role and RoleBinding of a watched namespace go into that namespace', () => {
    // GIVEN
    const chart = chartIn('starrocks-system');

    // WHEN
    new StarRocksOperator(chart, 'Operator', { namespace: 'operators', watchNamespace: 'analytics' });

    // THEN
    const manifest = Testing.synth(chart);
    expect(kindsAndNames(manifest)).toEqual([
      'ClusterRole /kube-starrocks-operator:analytics',
      'ClusterRoleBinding /kube-starrocks-operator:analytics',
      'Deployment operators/kube-starrocks-operator',
      'Role analytics/kube-starrocks-operator',
      'Role operators/cn-leader-election-role',
      'RoleBinding analytics/kube-starrocks-operator',
      'RoleBinding operators/cn-leader-election-rolebinding',
      'ServiceAccount operators/starrocks',
    ]);
    const binding = manifest.find((o) => o.kind === 'RoleBinding' && o.metadata.name === 'kube-starrocks-operator');
    expect(binding.subjects).toStrictEqual([{ kind: 'ServiceAccount', name: 'starrocks', namespace: 'operators' }]);
    expect(binding.roleRef).toStrictEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'kube-starrocks-operator' });
    expect(managerOf(manifest).args).toContain('--namespace=analytics');
  });

  test('the chart placement puts that Role and RoleBinding into the operator namespace', () => {
    // GIVEN
    const chart = chartIn('starrocks-system');

    // WHEN
    new StarRocksOperator(chart, 'Operator', { watchNamespace: 'analytics', rbac: { namespacedRbacInOperatorNamespace: true } });

    // THEN
    const manifest = Testing.synth(chart);
    expect(find(manifest, 'Role', 'kube-starrocks-operator').metadata.namespace).toBe('starrocks-system');
    expect(find(manifest, 'RoleBinding', 'kube-starrocks-operator').metadata.namespace).toBe('starrocks-system');
  });

  test('cluster-scoped objects carry no namespace; namespaced ones take the chart namespace', () => {
    // GIVEN
    const chart = chartIn('starrocks');

    // WHEN
    const operator = new StarRocksOperator(chart, 'Operator');

    // THEN
    const manifest = Testing.synth(chart);
    expect(find(manifest, 'ClusterRole', 'kube-starrocks-operator').metadata).toStrictEqual({
      name: 'kube-starrocks-operator',
      labels: { app: 'kube-starrocks-operator' },
    });
    expect(find(manifest, 'ClusterRoleBinding', 'kube-starrocks-operator').metadata).toStrictEqual({ name: 'kube-starrocks-operator' });
    expect(find(manifest, 'Deployment', 'kube-starrocks-operator').metadata.namespace).toBe('starrocks');
    expect(operator.namespace).toBe('starrocks');
    expect(operator.name).toBe('kube-starrocks');
    expect(operator.serviceAccountName).toBe('starrocks');
    expect(operator.watchNamespace).toBeUndefined();
    expect(operator.serviceAccount?.name).toBe('starrocks');
  });

  test('an existing ServiceAccount is bound but not defined', () => {
    // GIVEN
    const chart = chartIn('ops');

    // WHEN
    const operator = new StarRocksOperator(chart, 'Operator', { serviceAccount: { create: false, name: 'existing-sa' } });

    // THEN
    const manifest = Testing.synth(chart);
    expect(manifest.filter((o) => o.kind === 'ServiceAccount')).toEqual([]);
    expect(operator.serviceAccount).toBeUndefined();
    expect(find(manifest, 'ClusterRoleBinding', 'kube-starrocks-operator').subjects).toStrictEqual([
      { kind: 'ServiceAccount', name: 'existing-sa', namespace: 'ops' },
    ]);
    expect(find(manifest, 'RoleBinding', 'cn-leader-election-rolebinding').subjects[0].name).toBe('existing-sa');
    expect(find(manifest, 'Deployment', 'kube-starrocks-operator').spec.template.spec.serviceAccountName).toBe('existing-sa');
  });

  test('without any namespace and without RBAC, objects have no namespace', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    const operator = new StarRocksOperator(chart, 'Operator', { rbac: { create: false } });

    // THEN
    const manifest = Testing.synth(chart);
    expect(kindsAndNames(manifest)).toEqual(['Deployment /kube-starrocks-operator', 'ServiceAccount /starrocks']);
    expect(operator.namespace).toBeUndefined();
  });

  test('the operator flags come in the chart order', () => {
    // GIVEN
    const chart = chartIn('ops');

    // WHEN
    new StarRocksOperator(chart, 'Operator', {
      watchNamespace: 'db',
      denyList: ['a', 'b'],
      dnsDomainSuffix: 'corp.internal',
      volumeNameWithHash: false,
      logFlags: [],
    });

    // THEN
    expect(managerOf(Testing.synth(chart)).args).toStrictEqual([
      '--leader-elect',
      '--namespace=db',
      '--dns-domain-suffix=corp.internal',
      '--volume-name-with-hash=false',
      '--deny-list=a,b',
    ]);
  });

  test('the security context is merged over the default, resources replace it', () => {
    // GIVEN
    const chart = chartIn('ops');

    // WHEN
    new StarRocksOperator(chart, 'Operator', {
      securityContext: { readOnlyRootFilesystem: false, runAsUser: 65532 },
      resources: { requests: { cpu: ResourceQuantity.of('100m') } },
    });

    // THEN
    const manager = managerOf(Testing.synth(chart));
    expect(manager.securityContext).toStrictEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: false,
      runAsNonRoot: true,
      runAsUser: 65532,
    });
    expect(manager.resources).toStrictEqual({ requests: { cpu: '100m' } });
  });

  test('resourceClaims add the claims by name, after the default resources unless resources are given', () => {
    // GIVEN
    const chart = chartIn('ops');
    const other = chartIn('ops2');

    // WHEN
    new StarRocksOperator(chart, 'Operator', { resourceClaims: ['gpu'] });
    new StarRocksOperator(other, 'Operator', { resources: { limits: { memory: ResourceQuantity.of('1Gi') } }, resourceClaims: ['gpu', 'nic'] });

    // THEN
    expect(managerOf(Testing.synth(chart)).resources).toStrictEqual({
      claims: [{ name: 'gpu' }],
      limits: { cpu: '500m', memory: '800Mi' },
      requests: { cpu: '500m', memory: '400Mi' },
    });
    expect(managerOf(Testing.synth(other)).resources).toStrictEqual({ claims: [{ name: 'gpu' }, { name: 'nic' }], limits: { memory: '1Gi' } });
  });

  test('fails for a resource claim that is not a name', () => {
    const chart = chartIn('ops');
    expect(() => new StarRocksOperator(chart, 'Operator', { resourceClaims: ['GPU 1'] }))
      .toThrow(/'operator.resourceClaims\[0\]' must be the name of a resource claim of the pod \(a DNS label\), got "GPU 1"/);
  });

  test('TZ comes first, then the extra env; annotations go to the Deployment and the pod', () => {
    // GIVEN
    const chart = chartIn('ops');

    // WHEN
    new StarRocksOperator(chart, 'Operator', {
      envVars: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }],
      annotations: { a: '1' },
      podAnnotations: { a: '1' },
    });

    // THEN
    const manifest = Testing.synth(chart);
    const deployment = find(manifest, 'Deployment', 'kube-starrocks-operator');
    expect(deployment.spec.template.spec.containers[0].env).toStrictEqual([
      { name: 'TZ', value: 'Asia/Shanghai' },
      { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
    ]);
    expect(deployment.metadata.annotations).toStrictEqual({ a: '1' });
    expect(deployment.spec.template.metadata.annotations).toStrictEqual({ 'a': '1', 'kubectl.kubernetes.io/default-container': 'manager' });
  });

  test('the output is the same on every synth', () => {
    // GIVEN
    const make = () => {
      const chart = chartIn('ops');
      new StarRocksOperator(chart, 'Operator', { nodeSelector: { b: '2', a: '1' }, watchNamespace: 'db' });
      return JSON.stringify(Testing.synth(chart));
    };

    // WHEN / THEN
    expect(make()).toBe(make());
  });

  test('caller arrays are copied', () => {
    // GIVEN
    const chart = chartIn('ops');
    const denyList = ['a'];

    // WHEN
    new StarRocksOperator(chart, 'Operator', { denyList });
    denyList.push('b');

    // THEN
    expect(managerOf(Testing.synth(chart)).args).toContain('--deny-list=a');
  });
});

describe('escape hatch', () => {
  test('ApiObject.of(operator) is the Deployment, and a JSON patch on it shows in the output', () => {
    // GIVEN
    const chart = chartIn('ops');
    const operator = new StarRocksOperator(chart, 'Operator');

    // WHEN
    ApiObject.of(operator).addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'system-cluster-critical'));

    // THEN
    expect(ApiObject.of(operator)).toBe(operator.deployment);
    expect(operator.deployment.kind).toBe('Deployment');
    const deployment = find(Testing.synth(chart), 'Deployment', 'kube-starrocks-operator');
    expect(deployment.spec.template.spec.priorityClassName).toBe('system-cluster-critical');
  });

  test('isStarRocksOperator tells operators from other constructs', () => {
    // GIVEN
    const chart = chartIn('ops');

    // WHEN
    const operator = new StarRocksOperator(chart, 'Operator');

    // THEN
    expect(StarRocksOperator.isStarRocksOperator(operator)).toBe(true);
    expect(StarRocksOperator.isStarRocksOperator(chart)).toBe(false);
    expect(StarRocksOperator.isStarRocksOperator(undefined)).toBe(false);
  });
});

describeShared('CRDs', () => {
  test('CRDs from ../shared/crds come before the Deployment, without namespace', () => {
    // GIVEN
    const chart = chartIn('ops');

    // WHEN
    new StarRocksOperator(chart, 'Operator', {
      crds: [
        OperatorCrdSource.fromFile(crdFile('starrocks.com_starrocksclusters.yaml')),
        OperatorCrdSource.fromFile(crdFile('starrocks.com_starrockswarehouses.yaml')),
      ],
    });

    // THEN
    const manifest = Testing.synth(chart);
    const crds = manifest.filter((o) => o.kind === 'CustomResourceDefinition');
    expect(crds.map((o) => o.metadata.name)).toEqual(['starrocksclusters.starrocks.com', 'starrockswarehouses.starrocks.com']);
    for (const crd of crds) {
      expect(crd.metadata.namespace).toBeUndefined();
      expect(crd.metadata.annotations).toMatchObject({ version: 'v1.11.5' });
    }
    const deploymentIndex = manifest.findIndex((o) => o.kind === 'Deployment');
    expect(manifest.findIndex((o) => o.kind === 'CustomResourceDefinition')).toBeLessThan(deploymentIndex);
    expect(manifest.findIndex((o) => o.metadata.name === 'starrockswarehouses.starrocks.com')).toBeLessThan(deploymentIndex);
  });

  test('CRDs are only read when asked for', () => {
    // GIVEN
    const chart = chartIn('ops');

    // WHEN
    const operator = new StarRocksOperator(chart, 'Operator');

    // THEN
    expect(operator.node.findAll().filter((c) => c instanceof Include)).toEqual([]);
    expect(Testing.synth(chart).filter((o) => o.kind === 'CustomResourceDefinition')).toEqual([]);
  });

  test('fails when the same CRD is given twice', () => {
    // GIVEN
    const chart = chartIn('ops');
    const file = crdFile('starrocks.com_starrocksclusters.yaml');

    // WHEN / THEN
    expect(() => new StarRocksOperator(chart, 'Operator', {
      crds: [OperatorCrdSource.fromFile(file), OperatorCrdSource.fromFile(file)],
    })).toThrow(/'operator\.crds\[1\]' must be a file whose CRDs are not also in an earlier entry, got "starrocksclusters.starrocks.com"/);
  });

  test('fails when two operators include the same CRDs', () => {
    // GIVEN
    const app = Testing.app();
    const crds = [OperatorCrdSource.fromFile(crdFile('starrocks.com_starrocksclusters.yaml'))];
    new StarRocksOperator(new Chart(app, 'a', { namespace: 'ns-a' }), 'Operator', { name: 'a', crds });
    new StarRocksOperator(new Chart(app, 'b', { namespace: 'ns-b' }), 'Operator', { name: 'b', crds });

    // WHEN / THEN
    expect(() => app.synth()).toThrow(/both define CustomResourceDefinition starrocksclusters\.starrocks\.com/);
  });
});

describe('CRD sources', () => {
  test('the release factories point at the v1.11.5 release assets', () => {
    // GIVEN / WHEN
    const cluster = OperatorCrdSource.starRocksClusterRelease();
    const warehouse = OperatorCrdSource.starRocksWarehouseRelease();

    // THEN
    expect(cluster.location).toBe('https://github.com/StarRocks/starrocks-kubernetes-operator/releases/download/v1.11.5/starrocks.com_starrocksclusters.yaml');
    expect(warehouse.location).toBe('https://github.com/StarRocks/starrocks-kubernetes-operator/releases/download/v1.11.5/starrocks.com_starrockswarehouses.yaml');
    expect(OperatorCrdSource.fromUrl('https://example.com/crd.yaml').location).toBe('https://example.com/crd.yaml');
  });

  test('fails for a URL given as a file, or a path given as a URL', () => {
    expect(() => OperatorCrdSource.fromFile('https://example.com/crd.yaml')).toThrow(/'OperatorCrdSource.fromFile\(path\)' must be a local file path/);
    expect(() => OperatorCrdSource.fromFile('')).toThrow(/must be a local file path/);
    expect(() => OperatorCrdSource.fromUrl('crds/x.yaml')).toThrow(/'OperatorCrdSource.fromUrl\(url\)' must be an http:\/\/ or https:\/\/ URL, got "crds\/x.yaml"/);
  });

  test('fails for a file that does not exist', () => {
    // GIVEN
    const chart = chartIn('ops');

    // WHEN / THEN
    expect(() => new StarRocksOperator(chart, 'Operator', {
      crds: [OperatorCrdSource.fromFile('/nonexistent/crd.yaml')],
    })).toThrow(/'operator\.crds\[0\]' could not be read from "\/nonexistent\/crd.yaml"/);
  });

  test('fails for a file with other objects than CRDs, or with none', () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'operator-crds-'));
    const configMap = path.join(dir, 'cm.yaml');
    fs.writeFileSync(configMap, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    const empty = path.join(dir, 'empty.yaml');
    fs.writeFileSync(empty, '');

    // WHEN / THEN
    expect(() => new StarRocksOperator(chartIn('ops'), 'Operator', { crds: [OperatorCrdSource.fromFile(configMap)] }))
      .toThrow(/'operator\.crds\[0\]' must be a file of CustomResourceDefinitions only .*, got "ConfigMap x"/);
    expect(() => new StarRocksOperator(chartIn('ops'), 'Operator', { crds: [OperatorCrdSource.fromFile(empty)] }))
      .toThrow(/'operator\.crds\[0\]' must be a YAML file with at least one CustomResourceDefinition/);
    expect(() => new StarRocksOperator(chartIn('ops'), 'Operator', { crds: ['x.yaml' as any] }))
      .toThrow(/'operator\.crds\[0\]' must be an OperatorCrdSource/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('validation', () => {
  const make = (props: StarRocksOperatorProps) => () => new StarRocksOperator(chartIn('ops'), 'Operator', props);

  test('fails for a name that is not a DNS label', () => {
    expect(make({ name: 'Kube_StarRocks' })).toThrow(/'operator\.name' must be a DNS-1123 label of at most 54 characters, .*got "Kube_StarRocks"/);
  });

  test('fails for a name whose "<name>-operator" exceeds 63 characters', () => {
    expect(make({ name: 'a'.repeat(55) })).toThrow(/'operator\.name' must be .* at most 54 characters/);
    expect(make({ name: 'a'.repeat(54) })).not.toThrow();
  });

  test('fails for an invalid namespace', () => {
    expect(make({ namespace: 'Ops' })).toThrow(/'operator\.namespace' must be a DNS-1123 label .*got "Ops"/);
  });

  test('fails when RBAC needs a namespace and none is known', () => {
    expect(() => new StarRocksOperator(Testing.chart(), 'Operator'))
      .toThrow(/'operator\.namespace' must be set when the chart has no namespace, .*got nothing \(it is not set\)/);
  });

  test('fails for a list of watched namespaces', () => {
    expect(make({ watchNamespace: 'a,b' })).toThrow(/'operator\.watchNamespace' must be a single namespace .*got "a,b"/);
  });

  test('fails for a watched namespace that is not a DNS label', () => {
    expect(make({ watchNamespace: 'A B' })).toThrow(/'operator\.watchNamespace' must be a DNS-1123 label .*got "A B"/);
  });

  test('fails for a deny-list entry that is not a DNS label', () => {
    expect(make({ denyList: ['ok', 'kube-system,kube-public'] })).toThrow(/'operator\.denyList\[1\]' must be a DNS-1123 label .*got "kube-system,kube-public"/);
  });

  test('fails for replicas that are not a whole number >= 0', () => {
    expect(make({ replicas: -1 })).toThrow(/'operator\.replicas' must be a whole number from 0 to 2147483647, got -1/);
    expect(make({ replicas: 1.5 })).toThrow(/'operator\.replicas' must be a whole number/);
    expect(make({ replicas: 0 })).not.toThrow();
  });

  test('fails for an unknown image pull policy', () => {
    expect(make({ imagePullPolicy: 'Sometimes' as ImagePullPolicy }))
      .toThrow(/'operator\.imagePullPolicy' must be one of "Always", "IfNotPresent", "Never", got "Sometimes"/);
  });

  test('fails for an empty image or one with spaces', () => {
    expect(make({ image: '' })).toThrow(/'operator\.image' must be an image reference .*got ""/);
    expect(make({ image: 'starrocks/operator :v1' })).toThrow(/'operator\.image' must be an image reference/);
  });

  test('fails for an invalid time zone', () => {
    expect(make({ timeZone: '' })).toThrow(/'operator\.timeZone' must be an IANA time zone name .*got ""/);
    expect(make({ timeZone: 'Europe/ Berlin' })).toThrow(/'operator\.timeZone' must be an IANA time zone name/);
    expect(make({ timeZone: 'America/Argentina/Buenos_Aires' })).not.toThrow();
  });

  test('fails for a log flag that does not start with "-"', () => {
    expect(make({ logFlags: ['--zap-encoder=json', 'zap-log-level=4'] }))
      .toThrow(/'operator\.logFlags\[1\]' must be a command-line flag starting with "-" or "--".*got "zap-log-level=4"/);
  });

  test('fails for an invalid DNS domain suffix', () => {
    expect(make({ dnsDomainSuffix: 'Cluster Local' })).toThrow(/'operator\.dnsDomainSuffix' must be a DNS-1123 subdomain .*got "Cluster Local"/);
  });

  test('fails for an invalid image pull secret name', () => {
    expect(make({ imagePullSecrets: ['Bad_Secret'] })).toThrow(/'operator\.imagePullSecrets\[0\]' must be a DNS-1123 subdomain .*got "Bad_Secret"/);
  });

  test('fails for an invalid ServiceAccount name', () => {
    expect(make({ serviceAccount: { name: 'SA' } })).toThrow(/'operator\.serviceAccount\.name' must be a DNS-1123 subdomain .*got "SA"/);
  });

  test('fails for a flag value that is not a boolean', () => {
    expect(make({ volumeNameWithHash: 'false' as any })).toThrow(/'operator\.volumeNameWithHash' must be true or false, got "false"/);
    expect(make({ rbac: { create: 0 as any } })).toThrow(/'operator\.rbac\.create' must be true or false, got 0/);
  });

  test('fails for a non-string annotation or label value', () => {
    expect(make({ annotations: { a: 1 as any } })).toThrow(/'operator\.annotations\.a' must be a string, got 1/);
    expect(make({ serviceAccount: { labels: { team: true as any } } })).toThrow(/'operator\.serviceAccount\.labels\.team' must be a string, got true/);
  });

  test('fails for an env var without a name', () => {
    expect(make({ envVars: [{ name: '', value: 'x' }] })).toThrow(/'operator\.envVars\[0\]\.name' must be a non-empty string, got ""/);
  });

  test('fails for privileged or SYS_ADMIN with the default allowPrivilegeEscalation false', () => {
    expect(make({ securityContext: { privileged: true } }))
      .toThrow(/'operator\.securityContext\.allowPrivilegeEscalation' must be true when privileged is true/);
    expect(make({ securityContext: { capabilities: { add: ['SYS_ADMIN'] } } }))
      .toThrow(/'operator\.securityContext\.allowPrivilegeEscalation' must be true when capabilities\.add contains SYS_ADMIN/);
    expect(make({ securityContext: { privileged: true, allowPrivilegeEscalation: true } })).not.toThrow();
  });

  test('fails for a list or a class instance where an object is expected', () => {
    expect(make({ affinity: [] as any })).toThrow(/'operator\.affinity' must be an object, got \[\]/);
    expect(make({ tolerations: [1 as any] })).toThrow(/'operator\.tolerations\[0\]' must be an object, got 1/);
    expect(make({ denyList: 'a,b' as any })).toThrow(/'operator\.denyList' must be a list, got "a,b"/);
    expect(make({ resources: { limits: { cpu: new Date() as any } } })).toThrow(/'operator\.resources\.limits\.cpu' must be a ResourceQuantity/);
  });
});

describe('warnings', () => {
  test('warns when the deny list contains the watched namespace', () => {
    // GIVEN
    const chart = chartIn('ops');

    // WHEN
    const operator = new StarRocksOperator(chart, 'Operator', { watchNamespace: 'db', denyList: ['kube-system', 'db'] });

    // THEN
    expect(warningsOf(operator)).toEqual([
      'test/Operator: \'operator.denyList\' contains the watched namespace "db": the deny list wins, so the operator will ignore every StarRocks resource it watches',
    ]);
  });

  test('warns when an env var is set twice, TZ included', () => {
    // GIVEN
    const chart = chartIn('ops');

    // WHEN
    const operator = new StarRocksOperator(chart, 'Operator', { envVars: [{ name: 'TZ', value: 'UTC' }, { name: 'A' }, { name: 'A' }] });

    // THEN
    expect(warningsOf(operator)).toEqual([
      'test/Operator: \'operator.envVars[0]\' sets "TZ" a second time (set the time zone with \'timeZone\'); Kubernetes uses the last value',
      'test/Operator: \'operator.envVars[2]\' sets "A" a second time; Kubernetes uses the last value',
    ]);
  });

  test('defaults give no warnings', () => {
    expect(warningsOf(new StarRocksOperator(chartIn('ops'), 'Operator'))).toEqual([]);
  });
});

describe('two operators in one app', () => {
  test('fails when they share a name and their cluster-wide RBAC collides', () => {
    // GIVEN
    const app = Testing.app();
    new StarRocksOperator(new Chart(app, 'a', { namespace: 'ns-a' }), 'Operator');
    new StarRocksOperator(new Chart(app, 'b', { namespace: 'ns-b' }), 'Operator');

    // WHEN / THEN
    expect(() => app.synth()).toThrow(
      /'operator\.name' must differ between the StarRocksOperator constructs of an app, got "kube-starrocks" for both a\/Operator and b\/Operator: both define ClusterRole kube-starrocks-operator, ClusterRoleBinding kube-starrocks-operator/,
    );
  });

  test('fails when they share a namespace (leader election)', () => {
    // GIVEN
    const chart = chartIn('ops');
    new StarRocksOperator(chart, 'One', { name: 'one', rbac: { create: false } });
    new StarRocksOperator(chart, 'Two', { name: 'two', rbac: { create: false }, serviceAccount: { create: false } });

    // WHEN / THEN
    expect(() => Testing.synth(chart)).toThrow(
      /'operator\.namespace' must differ between the StarRocksOperator constructs of an app, got namespace "ops" for both test\/One and test\/Two/,
    );
  });

  test('fails when both namespaces are unset', () => {
    // GIVEN
    const chart = Testing.chart();
    new StarRocksOperator(chart, 'One', { name: 'one', rbac: { create: false } });
    new StarRocksOperator(chart, 'Two', { name: 'two', rbac: { create: false }, serviceAccount: { name: 'two' } });

    // WHEN / THEN
    expect(() => Testing.synth(chart)).toThrow(/got the same \(unset\) namespace for both/);
  });

  test('different names and namespaces are fine, as is one name with disjoint namespaced RBAC', () => {
    // GIVEN
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'operator-app-')) });
    new StarRocksOperator(new Chart(app, 'a', { namespace: 'ns-a' }), 'Operator', { name: 'a' });
    new StarRocksOperator(new Chart(app, 'b', { namespace: 'ns-b' }), 'Operator', { name: 'b' });
    new StarRocksOperator(new Chart(app, 'c', { namespace: 'ns-c' }), 'Operator', { name: 'x', watchNamespace: 'c' });
    new StarRocksOperator(new Chart(app, 'd', { namespace: 'ns-d' }), 'Operator', { name: 'x', watchNamespace: 'd' });

    // WHEN / THEN
    expect(() => app.synth()).not.toThrow();
    fs.rmSync(app.outdir, { recursive: true, force: true });
  });
});

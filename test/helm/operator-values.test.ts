/**
 * The operator subchart of kube-starrocks 1.11.5, translated from values: the conformance cases'
 * operator objects (01, 31, 32, 34) and one test per values key and per error.
 */
import { Chart, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { coverageKeys, leafPaths } from './coverage';
import { warningsOf } from '../../src/common/warnings';
import { HelmContext, HelmValuesError } from '../../src/helm/context';
import { coalesceValues } from '../../src/helm/merge';
import { OPERATOR_CHART_DEFAULTS } from '../../src/helm/operator-defaults';
import { addOperatorFromValues } from '../../src/helm/operator-values';
import { dig } from '../../src/helm/values';
import { compareObjects, loadOperatorCase } from '../operator/compare';
import { loadConformanceCases } from '../util/conformance';
import { expectValidManifests } from '../util/schema';
import { describeShared } from '../util/shared';
import { find } from '../util/synth';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

const NS = 'starrocks';

function ctx(namespace = NS, release = 'kube-starrocks'): HelmContext {
  return { release, namespace, apiVersions: ['monitoring.coreos.com/v1'] };
}

/** Merges the user's `operator:` values over the subchart defaults, as the umbrella chart does. */
function merged(user: any): any {
  return coalesceValues(OPERATOR_CHART_DEFAULTS, user ?? {}, { nullRemoves: false });
}

interface Rendered {
  readonly manifest: any[];
  readonly chart: Chart;
  readonly result: ReturnType<typeof addOperatorFromValues>;
}

function render(user: any, namespace = NS): Rendered {
  const chart = new Chart(Testing.app(), 'test', { namespace });
  const result = addOperatorFromValues(chart, merged(user), ctx(namespace));
  const manifest = Testing.synth(chart);
  expectValidManifests(manifest);
  return { manifest, chart, result };
}

function deployment(r: Rendered, name = 'kube-starrocks-operator'): any {
  return find(r.manifest, 'Deployment', name);
}

function manager(r: Rendered, name?: string): any {
  return deployment(r, name).spec.template.spec.containers[0];
}

function kinds(r: Rendered): string[] {
  return r.manifest.map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`).sort();
}

function expectValuesError(user: any, key: string): void {
  const chart = new Chart(Testing.app(), 'test', { namespace: NS });
  let error: unknown;
  try {
    addOperatorFromValues(chart, merged(user), ctx());
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(HelmValuesError);
  expect((error as Error).message.startsWith(key)).toBe(true);
}

describeShared('operator subchart: conformance cases', () => {
  const cases = loadConformanceCases().filter((c) => ['01-default', '31-cluster-metadata', '32-operator-full', '34-cluster-only'].includes(c.name));

  test('OPERATOR_CHART_DEFAULTS has exactly the leaf keys of the subchart\'s values.yaml (COVERAGE.md)', () => {
    const keys = coverageKeys(/^### operator subchart keys/m, 'operator.');
    expect(keys.length).toBeGreaterThan(20);
    expect(leafPaths(OPERATOR_CHART_DEFAULTS, 'operator.').sort()).toEqual(keys.sort());
  });

  test('the four cases are present', () => {
    expect(cases.map((c) => c.name)).toEqual(['01-default', '31-cluster-metadata', '32-operator-full', '34-cluster-only']);
  });

  test.each(cases.map((c) => [c.name, c] as const))('%s: the operator objects match the chart\'s', (_name, c) => {
    // GIVEN
    const values = YAML.parse(c.valuesYaml) ?? {};
    const expected = loadOperatorCase(c.name);
    const chart = new Chart(Testing.app(), 'test', { namespace: c.namespace });

    // WHEN
    addOperatorFromValues(chart, merged(values.operator), ctx(c.namespace, c.release));
    const manifest = Testing.synth(chart);

    // THEN
    expect(compareObjects(expected.objects, manifest, c.namespace)).toEqual([]);
    expectValidManifests(manifest);
  });
});

describe('operator subchart: defaults', () => {
  test('OPERATOR_CHART_DEFAULTS is frozen all the way down', () => {
    expect(Object.isFrozen(OPERATOR_CHART_DEFAULTS)).toBe(true);
    expect(dig(OPERATOR_CHART_DEFAULTS, 'starrocksOperator', 'resources', 'limits')).toEqual(expect.any(Object));
    expect(Object.isFrozen(dig(OPERATOR_CHART_DEFAULTS, 'starrocksOperator', 'resources', 'limits'))).toBe(true);
    expect(dig(OPERATOR_CHART_DEFAULTS, 'starrocksOperator', 'log')).toEqual(expect.any(Object));
    expect(Object.isFrozen(dig(OPERATOR_CHART_DEFAULTS, 'starrocksOperator', 'log'))).toBe(true);
  });

  test('the defaults give the chart\'s objects in the release namespace', () => {
    const r = render({});
    expect(kinds(r)).toEqual([
      'ClusterRole /kube-starrocks-operator',
      'ClusterRoleBinding /kube-starrocks-operator',
      'Deployment starrocks/kube-starrocks-operator',
      'Role starrocks/cn-leader-election-role',
      'RoleBinding starrocks/cn-leader-election-rolebinding',
      'ServiceAccount starrocks/starrocks',
    ]);
    const m = manager(r);
    expect(m.image).toBe('starrocks/operator:v1.11.5');
    expect(m.imagePullPolicy).toBe('Always');
    expect(m.args).toEqual(['--leader-elect', '--zap-time-encoding=iso8601', '--zap-encoder=console', '--volume-name-with-hash=true']);
    expect(m.env).toEqual([{ name: 'TZ', value: 'Asia/Shanghai' }]);
    expect(m.resources).toEqual({ limits: { cpu: '500m', memory: '800Mi' }, requests: { cpu: '500m', memory: '400Mi' } });
    expect(r.result?.namespace).toBe(NS);
  });
});

describe('operator subchart: each values key', () => {
  test('starrocksOperator.enabled false renders nothing; a string "false" is true in a Go template', () => {
    const off = render({ starrocksOperator: { enabled: false } });
    expect(off.result).toBeUndefined();
    expect(off.manifest).toEqual([]);
    const on = render({ starrocksOperator: { enabled: 'false' } });
    expect(on.result).toBeDefined();
  });

  test('global.rbac.create false: only the Deployment, still running as the ServiceAccount', () => {
    const r = render({ global: { rbac: { create: false, serviceAccount: { name: 'existing-sa' } } } });
    expect(kinds(r)).toEqual(['Deployment starrocks/kube-starrocks-operator']);
    expect(deployment(r).spec.template.spec.serviceAccountName).toBe('existing-sa');
  });

  test('global.rbac.serviceAccount name, annotations and labels', () => {
    const r = render({ global: { rbac: { serviceAccount: { name: 'op-sa', annotations: { a: 'b' }, labels: { team: 'x' } } } } });
    const sa = find(r.manifest, 'ServiceAccount', 'op-sa');
    expect(sa.metadata.annotations).toEqual({ a: 'b' });
    expect(sa.metadata.labels).toEqual({ team: 'x' });
    expect(find(r.manifest, 'ClusterRoleBinding', 'kube-starrocks-operator').subjects).toEqual([{ kind: 'ServiceAccount', name: 'op-sa', namespace: NS }]);
  });

  test('an empty global.rbac.serviceAccount.name falls back to "starrocks"', () => {
    const r = render({ global: { rbac: { serviceAccount: { name: '' } } } });
    expect(deployment(r).spec.template.spec.serviceAccountName).toBe('starrocks');
  });

  test('timeZone sets TZ', () => {
    expect(manager(render({ timeZone: 'UTC' })).env).toEqual([{ name: 'TZ', value: 'UTC' }]);
  });

  test('nameOverride names the objects; empty falls back to the subchart name "operator"', () => {
    expect(deployment(render({ nameOverride: 'sr' }), 'sr-operator').metadata.labels).toEqual(expect.objectContaining({ app: 'sr-operator' }));
    expect(deployment(render({ nameOverride: '' }), 'operator-operator')).toBeDefined();
  });

  test('starrocksOperator.namespaceOverride moves the operator', () => {
    const r = render({ starrocksOperator: { namespaceOverride: 'ops' } });
    expect(deployment(r).metadata.namespace).toBe('ops');
    expect(find(r.manifest, 'ServiceAccount', 'starrocks').metadata.namespace).toBe('ops');
    expect(find(r.manifest, 'Role', 'cn-leader-election-role').metadata.namespace).toBe('ops');
  });

  test('starrocksOperator.image repository and tag (numbers printed as Helm prints them)', () => {
    expect(manager(render({ starrocksOperator: { image: { repository: 'reg.example.com/op', tag: 1.5 } } })).image).toBe('reg.example.com/op:1.5');
  });

  test('starrocksOperator.imagePullPolicy; empty is the Kubernetes default for the tag', () => {
    expect(manager(render({ starrocksOperator: { imagePullPolicy: 'Never' } })).imagePullPolicy).toBe('Never');
    expect(manager(render({ starrocksOperator: { imagePullPolicy: '' } })).imagePullPolicy).toBe('IfNotPresent');
    expect(manager(render({ starrocksOperator: { imagePullPolicy: '', image: { tag: 'latest' } } })).imagePullPolicy).toBe('Always');
  });

  test('starrocksOperator.replicaCount, as a number or a string of digits', () => {
    expect(deployment(render({ starrocksOperator: { replicaCount: 3 } })).spec.replicas).toBe(3);
    expect(deployment(render({ starrocksOperator: { replicaCount: '2' } })).spec.replicas).toBe(2);
    expect(deployment(render({ starrocksOperator: { replicaCount: 0 } })).spec.replicas).toBe(0);
  });

  test('starrocksOperator.resources deep-merges over the defaults; numbers and strings stay as given', () => {
    const m = manager(render({ starrocksOperator: { resources: { limits: { cpu: 2 }, requests: { 'cpu': '250m', 'ephemeral-storage': '1Gi' } } } }));
    expect(m.resources).toEqual({
      limits: { cpu: 2, memory: '800Mi' },
      requests: { 'cpu': '250m', 'memory': '400Mi', 'ephemeral-storage': '1Gi' },
    });
  });

  test('starrocksOperator.resources claims are passed through', () => {
    const m = manager(render({ starrocksOperator: { resources: { claims: [{ name: 'gpu' }] } } }));
    expect(m.resources.claims).toEqual([{ name: 'gpu' }]);
  });

  test('starrocksOperator.securityContext is merged over the defaults', () => {
    const m = manager(render({ starrocksOperator: { securityContext: { readOnlyRootFilesystem: false, capabilities: { drop: ['ALL'] } } } }));
    expect(m.securityContext).toEqual({ runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: false, capabilities: { drop: ['ALL'] } });
  });

  test('starrocksOperator.imagePullSecrets', () => {
    expect(deployment(render({ starrocksOperator: { imagePullSecrets: [{ name: 'a' }, { name: 'b' }] } })).spec.template.spec.imagePullSecrets)
      .toEqual([{ name: 'a' }, { name: 'b' }]);
  });

  test('starrocksOperator.nodeSelector, affinity and tolerations', () => {
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'k', operator: 'Exists' }] }] } } };
    const tolerations = [{ key: 'x', operator: 'Exists', effect: 'NoSchedule' }];
    const pod = deployment(render({ starrocksOperator: { nodeSelector: { 'kubernetes.io/os': 'linux' }, affinity, tolerations } })).spec.template.spec;
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(pod.affinity).toEqual(affinity);
    expect(pod.tolerations).toEqual(tolerations);
  });

  test('starrocksOperator.annotations go on the Deployment and the pod template', () => {
    const d = deployment(render({ starrocksOperator: { annotations: { 'example.com/a': 'b' } } }));
    expect(d.metadata.annotations).toEqual({ 'example.com/a': 'b' });
    expect(d.spec.template.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/default-container': 'manager', 'example.com/a': 'b' });
  });

  test('starrocksOperator.env follows TZ', () => {
    const env = [{ name: 'A', value: 'x' }, { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }];
    expect(manager(render({ starrocksOperator: { env } })).env).toEqual([{ name: 'TZ', value: 'Asia/Shanghai' }, ...env]);
  });

  test('starrocksOperator.log replaces the default flags; an empty list leaves none', () => {
    expect(manager(render({ starrocksOperator: { log: ['--zap-log-level=4'] } })).args)
      .toEqual(['--leader-elect', '--zap-log-level=4', '--volume-name-with-hash=true']);
    expect(manager(render({ starrocksOperator: { log: [] } })).args).toEqual(['--leader-elect', '--volume-name-with-hash=true']);
  });

  test('starrocksOperator.watchNamespace: flag, Role and RoleBinding in the operator namespace (chart parity, #710) and a warning', () => {
    const r = render({ starrocksOperator: { watchNamespace: 'analytics' } });
    expect(manager(r).args).toContain('--namespace=analytics');
    expect(find(r.manifest, 'Role', 'kube-starrocks-operator').metadata.namespace).toBe(NS);
    expect(find(r.manifest, 'RoleBinding', 'kube-starrocks-operator').metadata.namespace).toBe(NS);
    expect(r.manifest.some((o) => o.kind === 'ClusterRole')).toBe(false);
    const warnings = warningsOf(r.chart);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/operator\.starrocksOperator\.watchNamespace .*#710.*"starrocks".*"analytics"/);
  });

  test('no warning when the watched namespace is the operator namespace', () => {
    const r = render({ starrocksOperator: { watchNamespace: NS } });
    expect(warningsOf(r.chart)).toEqual([]);
  });

  test('no warning about the Role without RBAC', () => {
    const r = render({ global: { rbac: { create: false } }, starrocksOperator: { watchNamespace: 'analytics' } });
    expect(warningsOf(r.chart)).toEqual([]);
  });

  test('starrocksOperator.denyList, a comma-separated string', () => {
    expect(manager(render({ starrocksOperator: { denyList: 'kube-system,kube-public' } })).args).toContain('--deny-list=kube-system,kube-public');
  });

  test('starrocksOperator.dnsDomainSuffix', () => {
    expect(manager(render({ starrocksOperator: { dnsDomainSuffix: 'cluster.example' } })).args).toContain('--dns-domain-suffix=cluster.example');
  });

  // issue 11: a boolean key takes unquoted true or false only; Go's bool text ('false') is an error now (below)
  test('starrocksOperator.volumeNameWithHash, as a bool', () => {
    expect(manager(render({ starrocksOperator: { volumeNameWithHash: false } })).args).toContain('--volume-name-with-hash=false');
    expect(manager(render({ starrocksOperator: { volumeNameWithHash: true } })).args).toContain('--volume-name-with-hash=true');
  });
});

describe('operator subchart: errors name the values key', () => {
  test.each([
    ['replicaCount -1', { starrocksOperator: { replicaCount: -1 } }, 'operator.starrocksOperator.replicaCount'],
    ['replicaCount 1.5', { starrocksOperator: { replicaCount: 1.5 } }, 'operator.starrocksOperator.replicaCount'],
    ['replicaCount "two"', { starrocksOperator: { replicaCount: 'two' } }, 'operator.starrocksOperator.replicaCount'],
    ['empty image tag', { starrocksOperator: { image: { tag: '' } } }, 'operator.starrocksOperator.image.tag'],
    ['empty image repository', { starrocksOperator: { image: { repository: '' } } }, 'operator.starrocksOperator.image.repository'],
    ['unknown pull policy', { starrocksOperator: { imagePullPolicy: 'Sometimes' } }, 'operator.starrocksOperator.imagePullPolicy'],
    ['bad quantity', { starrocksOperator: { resources: { limits: { cpu: 'lots' } } } }, 'operator.starrocksOperator.resources.limits.cpu'],
    ['negative quantity', { starrocksOperator: { resources: { requests: { memory: -1 } } } }, 'operator.starrocksOperator.resources.requests.memory'],
    ['unknown resources field', { starrocksOperator: { resources: { cpu: 1 } } }, 'operator.starrocksOperator.resources'],
    ['securityContext string bool', { starrocksOperator: { securityContext: { runAsNonRoot: 'yes' } } }, 'operator.starrocksOperator.securityContext.runAsNonRoot'],
    ['privileged without escalation', { starrocksOperator: { securityContext: { privileged: true } } }, 'operator.starrocksOperator.securityContext.allowPrivilegeEscalation'],
    ['pull secret as a string', { starrocksOperator: { imagePullSecrets: ['secret'] } }, 'operator.starrocksOperator.imagePullSecrets[0]'],
    ['nodeSelector number', { starrocksOperator: { nodeSelector: { zone: 1 } } }, 'operator.starrocksOperator.nodeSelector.zone'],
    ['annotation boolean', { starrocksOperator: { annotations: { 'example.com/x': true } } }, 'operator.starrocksOperator.annotations.example.com/x'],
    ['affinity list', { starrocksOperator: { affinity: ['x'] } }, 'operator.starrocksOperator.affinity'],
    ['tolerations map', { starrocksOperator: { tolerations: { key: 'x' } } }, 'operator.starrocksOperator.tolerations'],
    ['env number value', { starrocksOperator: { env: [{ name: 'N', value: 2 }] } }, 'operator.starrocksOperator.env[0].value'],
    ['env without name', { starrocksOperator: { env: [{ value: 'x' }] } }, 'operator.starrocksOperator.env[0].name'],
    ['env as a map', { starrocksOperator: { env: { A: 'x' } } }, 'operator.starrocksOperator.env'],
    ['log number', { starrocksOperator: { log: [4] } }, 'operator.starrocksOperator.log[0]'],
    ['log flag with a space', { starrocksOperator: { log: ['--zap-log-level 4'] } }, 'operator.starrocksOperator.log[0]'],
    ['log as a string', { starrocksOperator: { log: '--zap-log-level=4' } }, 'operator.starrocksOperator.log'],
    ['watchNamespace list', { starrocksOperator: { watchNamespace: 'a,b' } }, 'operator.starrocksOperator.watchNamespace'],
    ['watchNamespace invalid', { starrocksOperator: { watchNamespace: 'Team_A' } }, 'operator.starrocksOperator.watchNamespace'],
    ['denyList with spaces', { starrocksOperator: { denyList: 'a, b' } }, 'operator.starrocksOperator.denyList'],
    ['denyList empty entry', { starrocksOperator: { denyList: 'a,,b' } }, 'operator.starrocksOperator.denyList'],
    ['denyList list', { starrocksOperator: { denyList: ['a'] } }, 'operator.starrocksOperator.denyList'],
    ['dnsDomainSuffix invalid', { starrocksOperator: { dnsDomainSuffix: 'Cluster Local' } }, 'operator.starrocksOperator.dnsDomainSuffix'],
    ['volumeNameWithHash text', { starrocksOperator: { volumeNameWithHash: 'maybe' } }, 'operator.starrocksOperator.volumeNameWithHash'],
    ['volumeNameWithHash quoted "false"', { starrocksOperator: { volumeNameWithHash: 'false' } }, 'operator.starrocksOperator.volumeNameWithHash'],
    ['global not a map', { global: 'x' }, 'operator.global'],
    ['starrocksOperator not a map', { starrocksOperator: 'x' }, 'operator.starrocksOperator'],
    ['timeZone a map', { timeZone: { x: 1 } }, 'operator.timeZone'],
    ['namespaceOverride invalid', { starrocksOperator: { namespaceOverride: 'Ops' } }, 'operator.starrocksOperator.namespaceOverride'],
    ['nameOverride invalid', { nameOverride: 'SR' }, 'operator.nameOverride'],
    ['timeZone empty', { timeZone: '' }, 'operator.timeZone'],
    ['service account name invalid', { global: { rbac: { serviceAccount: { name: 'SA!' } } } }, 'operator.global.rbac.serviceAccount.name'],
    ['service account label number', { global: { rbac: { serviceAccount: { labels: { n: 1 } } } } }, 'operator.global.rbac.serviceAccount.labels.n'],
    ['global.rbac not a map', { global: { rbac: 'yes' } }, 'operator.global.rbac'],
  ])('%s', (_what, user, key) => {
    expectValuesError(user, key);
  });
});

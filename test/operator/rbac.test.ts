import { Chart, Testing } from 'cdk8s';
import { loadOperatorCase } from './compare';
import { OperatorRbacRules, StarRocksOperator, StarRocksOperatorProps } from '../../src/operator';
import { describeShared } from '../util/shared';
import { find, synthValid } from '../util/synth';

process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

const RBAC_KINDS = ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'];

function synthOperator(props: StarRocksOperatorProps = {}, namespace = 'starrocks'): any[] {
  const chart = new Chart(Testing.app(), 'test', { namespace });
  new StarRocksOperator(chart, 'Operator', props);
  return synthValid(chart);
}

function rbacOf(manifest: any[]): string[] {
  return manifest.filter((o) => RBAC_KINDS.includes(o.kind))
    .map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`);
}

/** Every (apiGroup, resource, verb) a set of rules grants, `*` expanded against the given verbs. */
function grants(rules: any[], allVerbs: string[]): Set<string> {
  const out = new Set<string>();
  for (const r of rules) {
    for (const g of r.apiGroups) {
      for (const res of r.resources) {
        for (const v of r.verbs.includes('*') ? allVerbs : r.verbs) {
          out.add(`${g}/${res} ${v}`);
        }
      }
    }
  }
  return out;
}

const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];

/** What operator v1.11.5 does (issue 15): the expected least-privilege rules of its role. */
const OPERATOR_RULES = [
  { apiGroups: ['apps'], resources: ['deployments', 'statefulsets'], verbs: ['get', 'list', 'watch', 'create', 'update', 'delete'] },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ['get', 'list', 'watch', 'create', 'update', 'delete'] },
  { apiGroups: [''], resources: ['configmaps', 'services'], verbs: ['get', 'list', 'watch', 'create', 'update', 'delete'] },
  { apiGroups: [''], resources: ['endpoints', 'pods', 'secrets'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['starrocks.com'], resources: ['starrocksclusters', 'starrockswarehouses'], verbs: ['get', 'list', 'watch', 'update', 'patch'] },
  { apiGroups: ['starrocks.com'], resources: ['starrocksclusters/finalizers', 'starrockswarehouses/finalizers'], verbs: ['update'] },
  { apiGroups: ['starrocks.com'], resources: ['starrocksclusters/status', 'starrockswarehouses/status'], verbs: ['get', 'update', 'patch'] },
  { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
];
const LEADER_RULES = [
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] },
  { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
];

describe('least-privilege RBAC (the default)', () => {
  test('all namespaces: a ClusterRole with exactly the rules the operator uses, and a leader-election Role', () => {
    // WHEN
    const manifest = synthOperator();

    // THEN
    expect(rbacOf(manifest)).toEqual([
      'ClusterRole /kube-starrocks-operator',
      'ClusterRoleBinding /kube-starrocks-operator',
      'Role starrocks/cn-leader-election-role',
      'RoleBinding starrocks/cn-leader-election-rolebinding',
    ]);
    expect(find(manifest, 'ClusterRole', 'kube-starrocks-operator').rules).toStrictEqual(OPERATOR_RULES);
    expect(find(manifest, 'Role', 'cn-leader-election-role').rules).toStrictEqual(LEADER_RULES);
    expect(find(manifest, 'ClusterRoleBinding', 'kube-starrocks-operator').subjects)
      .toStrictEqual([{ kind: 'ServiceAccount', name: 'starrocks', namespace: 'starrocks' }]);
  });

  test('no wildcard, no CronJobs, no ServiceAccounts, no ConfigMap lock, in either placement', () => {
    for (const props of [{}, { namespace: 'operators', watchNamespace: 'analytics' }]) {
      // WHEN
      const roles = synthOperator(props).filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role');

      // THEN
      expect(roles.length).toBeGreaterThanOrEqual(2);
      for (const role of roles) {
        for (const rule of role.rules) {
          expect([...rule.apiGroups, ...rule.resources, ...rule.verbs]).not.toContain('*');
          expect(rule.resources).not.toContain('cronjobs');
          expect(rule.resources).not.toContain('serviceaccounts');
        }
      }
      const leader = roles.find((o) => o.metadata.name === 'cn-leader-election-role');
      expect(leader.rules.flatMap((r: any) => r.resources)).not.toContain('configmaps');
    }
  });

  test('a watched namespace: every namespaced rule in a Role there; cluster-wide only the warehouse list', () => {
    // WHEN
    const manifest = synthOperator({ namespace: 'operators', watchNamespace: 'analytics' });

    // THEN
    expect(rbacOf(manifest)).toEqual([
      'Role analytics/kube-starrocks-operator',
      'RoleBinding analytics/kube-starrocks-operator',
      'ClusterRole /kube-starrocks-operator:analytics',
      'ClusterRoleBinding /kube-starrocks-operator:analytics',
      'Role operators/cn-leader-election-role',
      'RoleBinding operators/cn-leader-election-rolebinding',
    ]);
    expect(find(manifest, 'Role', 'kube-starrocks-operator').rules).toStrictEqual(OPERATOR_RULES);
    expect(find(manifest, 'ClusterRole', 'kube-starrocks-operator:analytics').rules)
      .toStrictEqual([{ apiGroups: ['starrocks.com'], resources: ['starrockswarehouses'], verbs: ['list'] }]);
    const binding = find(manifest, 'ClusterRoleBinding', 'kube-starrocks-operator:analytics');
    expect(binding.metadata.namespace).toBeUndefined();
    expect(binding.roleRef).toStrictEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kube-starrocks-operator:analytics' });
    expect(binding.subjects).toStrictEqual([{ kind: 'ServiceAccount', name: 'starrocks', namespace: 'operators' }]);
    expect(find(manifest, 'Role', 'cn-leader-election-role').metadata.namespace).toBe('operators');
  });

  test('two operators of one name watching different namespaces do not collide', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test');
    new StarRocksOperator(chart, 'A', { namespace: 'op-a', watchNamespace: 'team-a' });
    new StarRocksOperator(chart, 'B', { namespace: 'op-b', watchNamespace: 'team-b' });

    // WHEN / THEN
    expect(() => Testing.synth(chart)).not.toThrow();
    expect(chart.node.validate()).toEqual([]);
  });

  test('fails for a value that is not an OperatorRbacRules', () => {
    expect(() => synthOperator({ rbac: { rules: 'minimal' as OperatorRbacRules } }))
      .toThrow(/'operator\.rbac\.rules'.*"minimal"/);
  });
});

describeShared('least privilege compared with the chart (kube-starrocks 1.11.5 rendered by Helm)', () => {
  test('the chart-compatible rules are the chart\'s, all namespaces (case 01-default)', () => {
    // GIVEN
    const expected = loadOperatorCase('01-default');

    // WHEN
    const manifest = synthOperator({ rbac: { rules: OperatorRbacRules.CHART_COMPATIBLE } }, expected.namespace);

    // THEN
    const chartRoles = expected.objects.filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role');
    expect(chartRoles).toHaveLength(2);
    for (const role of chartRoles) {
      expect(find(manifest, role.kind, role.metadata.name).rules).toStrictEqual(role.rules);
    }
    expect(rbacOf(manifest)).toEqual(rbacOf(expected.objects).map((k) => k.replace(/^(ClusterRole|ClusterRoleBinding) [^/]*\//, '$1 /')));
  });

  test('the chart-compatible rules are the chart\'s with a watched namespace (case 32-operator-full), without the warehouse ClusterRole', () => {
    // GIVEN
    const expected = loadOperatorCase('32-operator-full');

    // WHEN
    const manifest = synthOperator({
      name: 'sr',
      namespace: 'operators',
      watchNamespace: 'starrocks-system',
      serviceAccount: { name: 'sr-operator-sa' },
      rbac: { rules: OperatorRbacRules.CHART_COMPATIBLE, namespacedRbacInOperatorNamespace: true },
    }, expected.namespace);

    // THEN
    const chartRoles = expected.objects.filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role');
    expect(chartRoles.map((o) => o.kind)).toEqual(['Role', 'Role']);
    for (const role of chartRoles) {
      expect(find(manifest, role.kind, role.metadata.name).rules).toStrictEqual(role.rules);
    }
    expect(manifest.filter((o) => o.kind.startsWith('Cluster'))).toEqual([]);
  });

  test('namespacedRbacInOperatorNamespace alone reproduces the chart: its rules are the default then', () => {
    // GIVEN
    const expected = loadOperatorCase('01-default');

    // WHEN
    const manifest = synthOperator({ rbac: { namespacedRbacInOperatorNamespace: true } }, expected.namespace);

    // THEN
    const chartRole = expected.objects.find((o) => o.kind === 'ClusterRole');
    expect(find(manifest, 'ClusterRole', chartRole.metadata.name).rules).toStrictEqual(chartRole.rules);
  });

  test('least privilege grants nothing the chart does not, except events where the operator reconciles', () => {
    // GIVEN
    const expected = loadOperatorCase('01-default');
    const chartGrants = grants(expected.objects.filter((o) => o.kind === 'ClusterRole').flatMap((o) => o.rules), VERBS);
    const chartLeader = grants(expected.objects.filter((o) => o.kind === 'Role').flatMap((o) => o.rules), VERBS);

    // WHEN
    const manifest = synthOperator({}, expected.namespace);
    const mine = grants(find(manifest, 'ClusterRole', 'kube-starrocks-operator').rules, VERBS);
    const myLeader = grants(find(manifest, 'Role', 'cn-leader-election-role').rules, VERBS);

    // THEN
    expect([...mine].filter((g) => !chartGrants.has(g))).toEqual(['/events create', '/events patch']);
    expect([...myLeader].filter((g) => !chartLeader.has(g))).toEqual([]);
    // and what it leaves out of the chart's grants
    const dropped = [...chartGrants].filter((g) => !mine.has(g));
    expect(dropped.filter((g) => g.startsWith('batch/cronjobs '))).toHaveLength(VERBS.length);
    expect(dropped.filter((g) => g.startsWith('/serviceaccounts '))).toHaveLength(VERBS.length);
    expect(dropped).toEqual(expect.arrayContaining(['starrocks.com/starrocksclusters create', 'starrocks.com/starrocksclusters delete']));
    expect([...chartLeader].filter((g) => !myLeader.has(g))).toEqual(expect.arrayContaining(['/configmaps get', 'coordination.k8s.io/leases delete']));
  });
});

/**
 * The lint engine (src/lint/lint.ts): the official examples and the conformance outputs lint
 * clean; bad manifests fail naming the field and the rule.
 */
import * as fs from 'fs';
import * as YAML from 'yaml';
import { Finding } from '../../src/lint/findings';
import { lint } from '../../src/lint/lint';
import { loadConformanceCases } from '../util/conformance';
import { describeShared, sharedPath } from '../util/shared';

/** A cluster with FE, BE and CN and the FE ConfigMap, valid by every rule. */
function cluster(): any {
  const component = (image: string, env: string) => ({
    image,
    replicas: 1,
    limits: { cpu: 4, memory: '8Gi' },
    requests: { cpu: '500m', memory: '2Gi' },
    [env]: [{ name: 'TZ', value: 'UTC' }],
  });
  return {
    apiVersion: 'starrocks.com/v1',
    kind: 'StarRocksCluster',
    metadata: { name: 'sr', namespace: 'db' },
    spec: {
      starRocksFeSpec: { ...component('starrocks/fe-ubuntu:3.3.2', 'feEnvVars'), configMapInfo: { configMapName: 'sr-fe-cm', resolveKey: 'fe.conf' } },
      starRocksBeSpec: component('starrocks/be-ubuntu:3.3.2', 'beEnvVars'),
      starRocksCnSpec: component('starrocks/cn-ubuntu:3.3.2', 'cnEnvVars'),
    },
  };
}

function feConfigMap(text = 'http_port = 8030\nquery_port = 9030\n'): any {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'sr-fe-cm', namespace: 'db' }, data: { 'fe.conf': text } };
}

function warehouse(name = 'wh'): any {
  return {
    apiVersion: 'starrocks.com/v1',
    kind: 'StarRocksWarehouse',
    metadata: { name, namespace: 'db' },
    spec: { starRocksCluster: 'sr', template: { image: 'starrocks/cn-ubuntu:3.3.2', replicas: 1 } },
  };
}

function stream(...objs: any[]): string {
  return objs.map(o => YAML.stringify(o)).join('---\n');
}

function findingsOf(...objs: any[]): Finding[] {
  return lint([{ file: 'm.yaml', text: stream(...objs) }]).findings;
}

/** rule + path + severity of each finding (the message is checked where it matters). */
function brief(findings: readonly Finding[]): string[] {
  return findings.map(f => `${f.rule} ${f.path} ${f.severity}`);
}

function set(obj: any, path: string, value: unknown): any {
  const keys = path.split('.');
  let cur = obj;
  for (const k of keys.slice(0, -1)) cur = cur[k];
  cur[keys[keys.length - 1]] = value;
  return obj;
}

describe('lint', () => {
  test('a valid cluster, its ConfigMap and a warehouse: no findings; other objects passed over', () => {
    // WHEN
    const result = lint([{ file: 'm.yaml', text: stream(cluster(), feConfigMap(), warehouse(), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'db' } }) }]);

    // THEN
    expect(result.findings).toEqual([]);
    expect(result.summary).toEqual({ checked: 2, passedOver: 2, errors: 0, warnings: 0 });
  });

  test('List kinds are opened and each item is checked', () => {
    // GIVEN
    const list = { apiVersion: 'v1', kind: 'List', items: [cluster(), set(warehouse(), 'spec.template.notAField', 1)] };

    // WHEN
    const result = lint([{ file: 'list.yaml', text: YAML.stringify(list) }]);

    // THEN
    expect(result.summary.checked).toBe(2);
    expect(result.findings.map(f => `${f.object} ${f.path} ${f.rule}`)).toEqual(['StarRocksWarehouse/db/wh spec.template.notAField schema']);
  });

  test('fails an undeclared field, naming it', () => {
    // WHEN
    const findings = findingsOf(set(cluster(), 'spec.starRocksFeSpec.resources', { limits: { cpu: 1 } }));

    // THEN
    expect(brief(findings)).toEqual(['schema spec.starRocksFeSpec.resources error']);
    expect(findings[0]).toMatchObject({ file: 'm.yaml', object: 'StarRocksCluster/db/sr' });
    expect(findings[0].message).toMatch(/not a field of the CRD .*write limits and requests directly in the component/);
  });

  test('fails a misspelt field, suggesting the declared one', () => {
    const findings = findingsOf(set(cluster(), 'spec.starRocksFeSpec.feEnvVar', []));
    expect(brief(findings)).toEqual(['schema spec.starRocksFeSpec.feEnvVar error']);
    expect(findings[0].message).toMatch(/did you mean "feEnvVars"\?/);
  });

  test('fails a decimal CPU written as a number', () => {
    // WHEN
    const findings = findingsOf(set(cluster(), 'spec.starRocksBeSpec.requests.cpu', 0.5));

    // THEN
    expect(brief(findings)).toEqual(['schema spec.starRocksBeSpec.requests.cpu error']);
    expect(findings[0].message).toMatch(/integer or a string, got 0\.5/);
  });

  test('fails a bad env var name', () => {
    // WHEN
    const findings = findingsOf(set(cluster(), 'spec.starRocksCnSpec.cnEnvVars', [{ name: '1BAD', value: 'x' }]));

    // THEN
    expect(brief(findings)).toEqual(['k8s/env spec.starRocksCnSpec.cnEnvVars[0].name error']);
    expect(findings[0].message).toMatch(/"1BAD"/);
  });

  test('fails requests above limits', () => {
    // WHEN
    const findings = findingsOf(set(cluster(), 'spec.starRocksFeSpec.requests.memory', '16Gi'));

    // THEN
    expect(brief(findings)).toEqual(['k8s/resources spec.starRocksFeSpec.requests.memory error']);
    expect(findings[0].message).toMatch(/at most its limit "8Gi"/);
  });

  test('cluster name budgets (FEATURES.md 2.7): 49 characters pass, 50 fail; 46 with the FE proxy, 47 fail', () => {
    const named = (n: number, proxy: boolean) => {
      const c = set(cluster(), 'metadata.name', `s${'x'.repeat(n - 1)}`);
      if (proxy) c.spec.starRocksFeProxySpec = { replicas: 1 };
      return brief(findingsOf(c));
    };
    expect(named(49, false)).toEqual([]);
    expect(named(50, false)).toEqual(['V51 metadata.name error']);
    expect(named(46, true)).toEqual([]);
    expect(named(47, true)).toEqual(['V51 metadata.name error']);
  });

  test('fails a cluster name too long for the StatefulSets the operator derives, naming the StatefulSet', () => {
    // WHEN
    const findings = findingsOf(set(cluster(), 'metadata.name', 'a'.repeat(60)));

    // THEN
    expect(brief(findings)).toEqual(['V51 metadata.name error']);
    expect(findings[0].message).toContain(`"${'a'.repeat(60)}-fe"`);
  });

  test('fails a cluster name that starts with a digit (the derived Services are DNS-1035 labels)', () => {
    expect(brief(findingsOf(set(cluster(), 'metadata.name', '1sr')))).toEqual(['V51 metadata.name error']);
  });

  test('warehouse name budget (FEATURES.md 2.7): 39 characters pass, 40 fail', () => {
    expect(brief(findingsOf(warehouse(`w${'x'.repeat(38)}`)))).toEqual([]);
    expect(brief(findingsOf(warehouse(`w${'x'.repeat(39)}`)))).toEqual(['V51 metadata.name error']);
  });

  test('fails a warehouse named like its cluster (V33)', () => {
    expect(brief(findingsOf(warehouse('sr')))).toEqual(['V33 spec.starRocksCluster error']);
  });

  test('warns on an unknown fe.conf key, naming the ConfigMap and the key', () => {
    // WHEN
    const findings = findingsOf(cluster(), feConfigMap('http_port = 8030\nquery_prot = 9030\n'));

    // THEN
    expect(brief(findings)).toEqual(['config/unknown-key data["fe.conf"] warning']);
    expect(findings[0].object).toBe('ConfigMap/db/sr-fe-cm');
    expect(findings[0].message).toMatch(/"query_prot" \(line 2\).*did you mean "query_port"/);
  });

  test('fails a config value StarRocks cannot read, and a resolveKey the ConfigMap does not have', () => {
    expect(brief(findingsOf(cluster(), feConfigMap('http_port = eighty\n')))).toEqual(['config/value data["fe.conf"] error']);
    const other = set(cluster(), 'spec.starRocksFeSpec.configMapInfo.resolveKey', 'other.conf');
    expect(brief(findingsOf(other, feConfigMap()))).toEqual(['config/missing-key data["other.conf"] error']);
  });

  test('fails an integer in exponent form in fe.conf; a warning where `helm template` printed the ConfigMap (the library renders the chart so too)', () => {
    // GIVEN
    const text = 'tablet_sched_max_scheduling_tablets = 1e+07\n';
    const handWritten = stream(cluster(), feConfigMap(text));
    const helmRendered = `---\n# Source: kube-starrocks/charts/starrocks/templates/feconfigmap.yaml\n${YAML.stringify(feConfigMap(text))}---\n${YAML.stringify(cluster())}`;

    // WHEN
    const fromFile = lint([{ file: 'm.yaml', text: handWritten }]).findings;
    const fromHelm = lint([{ file: 'm.yaml', text: helmRendered }]).findings;

    // THEN
    expect(brief(fromFile)).toEqual(['config/value data["fe.conf"] error']);
    expect(brief(fromHelm)).toEqual(['config/value data["fe.conf"] warning']);
    expect(fromHelm[0].message).toMatch(/quote it in the values/);
  });

  test('warns on a ${VAR} of fe.conf that the container does not define', () => {
    const findings = findingsOf(cluster(), feConfigMap('sys_log_dir = ${MY_LOGS}/fe\n'));
    expect(brief(findings)).toEqual(['config/undefined-variable data["fe.conf"] warning']);
  });

  test('fails two ports of a config that are the same (V40)', () => {
    const findings = findingsOf(cluster(), feConfigMap('http_port = 9030\n'));
    expect(brief(findings)).toEqual(['V40 data["fe.conf"] error']);
    expect(findings[0].message).toMatch(/"query_port" is 9030 like "http_port"/);
  });

  test('warns on a cluster of CN without BE whose fe.conf is not shared-data (V61)', () => {
    // GIVEN
    const cnOnly = cluster();
    delete cnOnly.spec.starRocksBeSpec;

    // THEN
    expect(brief(findingsOf(cnOnly, feConfigMap()))).toEqual(['V61 spec.starRocksCnSpec warning']);
    expect(brief(findingsOf(cnOnly, feConfigMap('run_mode = shared_data\n')))).toEqual([]);
  });

  test('a ConfigMap of the same name in several files: the one of the cluster\'s file is checked', () => {
    // GIVEN
    const inputs = [
      { file: 'a.yaml', text: stream(cluster(), feConfigMap('http_port = 8030\n')) },
      { file: 'b.yaml', text: stream(cluster(), feConfigMap('no_such_key = 1\n')) },
    ];

    // WHEN
    const findings = lint(inputs).findings;

    // THEN
    expect(findings.map(f => `${f.file} ${f.rule}`)).toEqual(['b.yaml config/unknown-key']);
  });

  test('fails the operator rules checkable on a manifest', () => {
    const fe = 'spec.starRocksFeSpec';
    const cases: Array<[string, (c: any) => void, string[]]> = [
      ['V27', c => set(c, `${fe}.updateStrategy`, { rollingUpdate: { maxUnavailable: '0%' } }), [`V27 ${fe}.updateStrategy.rollingUpdate.maxUnavailable error`]],
      ['V56', c => set(c, `${fe}.configMapInfo`, { configMapName: 'x' }), [`V56 ${fe}.configMapInfo error`]],
      ['V37', c => set(c, `${fe}.podLabels`, { 'app.kubernetes.io/component': 'x' }), [`V37 ${fe}.podLabels error`]],
      ['V15', c => set(c, `${fe}.service`, { type: 'NodePort', loadBalancerSourceRanges: ['10.0.0.0/8'] }), [`V15 ${fe}.service.loadBalancerSourceRanges error`]],
      ['V58', c => set(c, `${fe}.service`, { type: 'ExternalName' }), [`V58 ${fe}.service.type error`]],
      ['V59', c => set(c, `${fe}.imagePullPolicy`, 'Sometimes'), [`V59 ${fe}.imagePullPolicy error`]],
      ['V46', c => set(c, `${fe}.image`, 'starrocks/fe-ubuntu:'), [`V46 ${fe}.image error`]],
      ['V57', c => set(c, `${fe}.livenessProbeFailureSeconds`, -5), [`V57 ${fe}.livenessProbeFailureSeconds error`]],
      ['V02', c => set(c, `${fe}.storageVolumes`, [{ name: 'Meta', mountPath: '/opt/starrocks/fe/meta', storageSize: '10Gi' }]), [`V02 ${fe}.storageVolumes[0].name error`]],
      ['V26', c => set(c, `${fe}.storageVolumes`, [{ name: 'm', mountPath: '/m', storageClassName: 'hostPath' }]), [`V26 ${fe}.storageVolumes[0].hostPath.path error`]],
      ['V36', c => set(c, `${fe}.storageVolumes`, [{ name: 'm', mountPath: '/m', storageClassName: 'standard' }]), [`V36 ${fe}.storageVolumes[0].storageSize error`]],
      ['V30', c => set(c, `${fe}.configMaps`, [{ name: 'a', mountPath: '/etc/starrocks/fe/conf' }]), [`V30 ${fe}.configMaps[0].mountPath error`]],
      ['V28', c => set(c, 'spec.starRocksCnSpec.autoScalingPolicy', { minReplicas: 3, maxReplicas: 2 }), ['V28 spec.starRocksCnSpec.autoScalingPolicy.maxReplicas error', 'V60 spec.starRocksCnSpec.replicas warning']],
      ['V29', c => set(c, 'spec.starRocksCnSpec.autoScalingPolicy', { maxReplicas: 2, version: 'v2beta1' }), ['V29 spec.starRocksCnSpec.autoScalingPolicy.version error', 'V60 spec.starRocksCnSpec.replicas warning']],
      ['k8s/tolerations', c => set(c, `${fe}.tolerations`, [{ key: 'k', operator: 'Exists', value: 'v' }]), [`k8s/tolerations ${fe}.tolerations[0].value error`]],
      ['k8s/labels', c => set(c, 'metadata.labels', { 'bad key!': 'x' }), ['k8s/labels metadata.labels error']],
      ['k8s/resources', c => set(c, `${fe}.limits`, { 'nvidia.com/gpu': '0.5' }), [`k8s/resources ${fe}.limits.nvidia.com/gpu error`]],
    ];
    for (const [rule, change, want] of cases) {
      const c = cluster();
      change(c);
      expect({ rule, findings: brief(findingsOf(c)) }).toEqual({ rule, findings: want });
    }
  });

  test('fails YAML that does not parse, naming the file and the line', () => {
    // WHEN
    const result = lint([{ file: 'bad.yaml', text: 'a: [1, 2\n' }, { file: 'ok.yaml', text: stream(cluster()) }]);

    // THEN
    expect(brief(result.findings)).toEqual(['file  error']);
    expect(result.findings[0].file).toBe('bad.yaml');
    expect(result.findings[0].message).toMatch(/^document 1 is not valid YAML \(line \d+, column \d+\)/);
    expect(result.summary.checked).toBe(1);
  });

  test('a null in a field is a warning (the API server drops it); in a required field an error', () => {
    expect(brief(findingsOf(set(cluster(), 'spec.starRocksFeSpec.image', null)))).toEqual(['schema spec.starRocksFeSpec.image warning']);
    expect(brief(findingsOf(set(warehouse(), 'spec.starRocksCluster', null)))).toEqual(['schema spec.starRocksCluster error']);
  });
});

describeShared('lint over ../shared', () => {
  test('every official example lints clean', () => {
    const dir = sharedPath('examples');
    const files = fs.readdirSync(dir).filter(f => f.endsWith('.yaml')).sort();
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      // WHEN
      const result = lint([{ file, text: fs.readFileSync(`${dir}/${file}`, 'utf8') }]);

      // THEN
      expect({ file, findings: result.findings }).toEqual({ file, findings: [] });
      expect(result.summary.checked).toBeGreaterThanOrEqual(1);
    }
  });

  test('every conformance case\'s rendered StarRocksCluster and StarRocksWarehouse lints without errors; the cases the library refuses fail', () => {
    const cases = loadConformanceCases().filter(c => c.expectedYaml !== undefined);
    let checked = 0;
    for (const c of cases) {
      // WHEN
      const result = lint([{ file: `${c.name}/expected.yaml`, text: c.expectedYaml! }]);
      checked += result.summary.checked;

      // THEN
      const errors = result.findings.filter(f => f.severity === 'error');
      if (c.libraryExpectError === undefined) {
        expect({ case: c.name, errors }).toEqual({ case: c.name, errors: [] });
      } else {
        expect({ case: c.name, failed: errors.length > 0 }).toEqual({ case: c.name, failed: true });
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  test('fails 02-warehouse-default (no cluster name) at spec.starRocksCluster', () => {
    const c = loadConformanceCases().find(x => x.name === '02-warehouse-default')!;
    const result = lint([{ file: 'expected.yaml', text: c.expectedYaml! }]);
    expect(brief(result.findings)).toEqual(['schema spec.starRocksCluster error']);
  });
});

/**
 * Datadog profiling with the chart's own defaults for `datadog.profiling.env` and `configMode`
 * (kube-starrocks 1.11.5 values.yaml: `starrocks-default` and `service`): every profiled component's
 * pods get `DD_ENV` and the `admission.datadoghq.com/config.mode` label, in the shape Helm renders
 * them in conformance case 29-datadog-full (where they are set explicitly).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseValuesYaml } from '../../src/cli/yaml-io';
import { cliSandbox } from '../util/cli';
import { parseManifestStream } from '../util/conformance';
import { describeShared, sharedPath } from '../util/shared';

const SPECS: readonly [component: string, spec: string, env: string][] = [
  ['fe', 'starRocksFeSpec', 'feEnvVars'],
  ['be', 'starRocksBeSpec', 'beEnvVars'],
  ['cn', 'starRocksCnSpec', 'cnEnvVars'],
];

/** The StarRocksCluster of a rendered stream. */
function cluster(objects: readonly any[]): any {
  const found = objects.filter(o => o?.kind === 'StarRocksCluster');
  expect(found).toHaveLength(1);
  return found[0];
}

describeShared('Datadog profiling with the chart\'s default env and configMode', () => {
  const sandbox = cliSandbox('datadog-defaults-');
  let chartProfiling: { env: unknown; configMode: unknown };
  let helmCase29: any;

  beforeAll(() => {
    const file = sharedPath('charts/kube-starrocks/values.yaml');
    const values = parseValuesYaml(fs.readFileSync(file, 'utf8'), file) as any;
    chartProfiling = values.starrocks.datadog.profiling;
    const caseDir = sharedPath('conformance/cases/29-datadog-full');
    helmCase29 = cluster(parseManifestStream(fs.readFileSync(path.join(caseDir, 'expected.yaml'), 'utf8')));
  });

  test('the chart has defaults for both (the values this test expects)', () => {
    expect(typeof chartProfiling.env).toBe('string');
    expect(chartProfiling.env).not.toBe('');
    expect(typeof chartProfiling.configMode).toBe('string');
    expect(chartProfiling.configMode).not.toBe('');
  });

  test.each(SPECS)('%s pods get DD_ENV and the config.mode label from the defaults, as Helm renders them', async (component, spec, env) => {
    sandbox.write('values.yaml', [
      'starrocks:',
      '  datadog:',
      '    profiling:',
      `      ${component}: true`,
      '  starrocksCluster:',
      '    enabledCn: true',
      '',
    ].join('\n'));
    const res = await sandbox.run(['template', 'dd', '--chart', 'kube-starrocks', '-f', path.join(sandbox.dir, 'values.yaml'), '--namespace', 'observability']);
    expect(res.stderr).not.toMatch(/Error/);
    expect(res.code).toBe(0);
    const ours = cluster(parseManifestStream(res.stdout));

    // the shape of case 29 (Helm), with the explicit values there replaced by the chart's defaults
    const helm = helmCase29.spec[spec];
    const helmEnv = helm[env].find((e: any) => e.name === 'DD_ENV');
    expect(helmEnv).toEqual({ name: 'DD_ENV', value: expect.any(String) });
    expect(Object.keys(helm.podLabels)).toEqual(expect.arrayContaining(['admission.datadoghq.com/config.mode', 'admission.datadoghq.com/enabled']));

    expect(ours.spec[spec][env]).toContainEqual({ ...helmEnv, value: chartProfiling.env });
    expect(ours.spec[spec].podLabels).toEqual({
      'admission.datadoghq.com/config.mode': chartProfiling.configMode,
      'admission.datadoghq.com/enabled': helm.podLabels['admission.datadoghq.com/enabled'],
    });
    // the components not profiled have neither
    for (const [other, otherSpec, otherEnv] of SPECS) {
      if (other === component || !ours.spec[otherSpec]) continue;
      expect((ours.spec[otherSpec][otherEnv] ?? []).map((e: any) => e.name)).not.toContain('DD_ENV');
      expect(ours.spec[otherSpec].podLabels?.['admission.datadoghq.com/config.mode']).toBeUndefined();
    }
  });
});

/**
 * `--kube-version`: the charts' constraint is one fact in the code (KUBE_VERSION_CONSTRAINT), equal
 * to both Chart.yaml files, and versions are read and checked as the real Helm 3.6.2 does (a tiny
 * chart of our own with that constraint, printing `.Capabilities.KubeVersion.Version`).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { checkKubeVersion, KUBE_VERSION_CONSTRAINT } from '../../src/cli/args';
import { describeShared, REPO_ROOT, SHARED_DIR } from '../util/shared';

const HELM = path.join(REPO_ROOT, 'node_modules', '.bin', 'helm');

describeShared('the charts\' kubeVersion', () => {
  test.each(['kube-starrocks', 'warehouse'])('equals %s/Chart.yaml', (chart) => {
    const meta = YAML.parse(fs.readFileSync(path.join(SHARED_DIR, 'charts', chart, 'Chart.yaml'), 'utf8'));
    expect(meta.kubeVersion).toBe(KUBE_VERSION_CONSTRAINT);
  });
});

(fs.existsSync(HELM) ? describe : describe.skip)('--kube-version like Helm 3.6.2', () => {
  const VERSIONS = [
    '1.28.0', '1.23.0', '1.22.99', '1.23.0-0', '1.23.0-alpha', '1.23.0-rc.1', '1.22.0-rc.1', '1.30', '1', '2', 'v1.23', 'v1.28.3+k3s1',
    '1.28.0-0', '01.25.0', '1.025.0', ' 1.28', '1.28 ', 'V1.28', '1.28.0.1', '1.28.0-01', '1.28.0-0.01', '1.28.0+01', '1.28.0-a_b', 'abc', '-1.28',
    '1.28.', '.1.28', '1..28', 'v', '18446744073709551616.0.0', '1.28.0-', '1.28.0+', '1.28.0-x.-y', '1.99999999999.0',
  ];

  test('the same versions accepted, the same printed, the same messages', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-kube-version-'));
    try {
      fs.mkdirSync(path.join(dir, 'c', 'templates'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'c', 'Chart.yaml'), `apiVersion: v2\nname: c\nversion: 0.1.0\nkubeVersion: "${KUBE_VERSION_CONSTRAINT}"\n`);
      fs.writeFileSync(path.join(dir, 'c', 'templates', 'v.yaml'), '# kube={{ .Capabilities.KubeVersion.Version }}\n');
      const mismatches = VERSIONS.flatMap((v) => {
        const r = spawnSync(HELM, ['template', 'c', '--kube-version', v], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
        const helm = r.status === 0
          ? { version: /# kube=(.*)/.exec(r.stdout)![1] }
          // (Go's own text in one message: "strconv.ParseUint: parsing "...": value out of range")
          : { error: r.stderr.split('\n')[0].replace(/^Error: /, '').replace(/strconv\.ParseUint: parsing "[0-9]+": /, '') };
        let ours: { version: string } | { error: string };
        try {
          ours = { version: checkKubeVersion(v).version };
        } catch (e) {
          ours = { error: (e as Error).message };
        }
        return JSON.stringify(ours) === JSON.stringify(helm) ? [] : [{ v, ours, helm }];
      });
      expect(mismatches).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

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
 * - examples/main.ts (the `npx projen example` job) writes files that parse and validate.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import * as autoscaling from '../examples/autoscaling';
import * as config from '../examples/config';
import * as escapeHatch from '../examples/escape-hatch';
import * as feProxy from '../examples/fe-proxy';
import * as mainJob from '../examples/main';
import * as minimal from '../examples/minimal';
import * as names from '../examples/names';
import * as scheduling from '../examples/scheduling';
import * as services from '../examples/services';
import * as sharedData from '../examples/shared-data';
import * as storage from '../examples/storage';
import * as validation from '../examples/validation';
import { StarRocksCluster, warningsOf } from '../src';
import { parseManifestStream } from './util/conformance';
import { expectValidManifests } from './util/schema';
import { describeShared, REPO_ROOT } from './util/shared';

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
}

function find(objs: any[], kind: string, name?: string): any {
  const found = objs.filter((o) => o.kind === kind && (name === undefined || o.metadata?.name === name));
  expect(found.map((o) => `${o.kind} ${o.metadata?.name}`)).toHaveLength(1);
  return found[0];
}

const EXAMPLES: Example[] = [
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
        'max_connection_scheduler_threads = 4096',
        'min_graceful_exit_time_second = 25',
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
    file: 'validation.ts',
    build: validation.build,
    warns: true,
    check: (_objs, app) => {
      expect(warningsOf(app)).toEqual([expect.stringMatching(/^validation\/Analytics: 'fe\.replicas' is 4; /)]);
      expect(() => validation.assertNoWarnings(app)).toThrow(/StarRocks warnings:\nvalidation\/Analytics: 'fe.replicas' is 4/);
      expect(() => validation.assertNoWarnings(new App())).not.toThrow();
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
    expect(first.code).toContain('npm ci && npx projen test');
  });

  test.each(EXAMPLES.map((e) => [e.file, e] as const))('%s synthesizes', (_file, example) => {
    // GIVEN
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-starrocks-example.')) });
    // WHEN
    const chart = example.build(app);
    const objs = synth(app);
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

describeShared('README examples validate against the schemas', () => {
  test.each(EXAMPLES.map((e) => [e.file, e] as const))('%s', (_file, example) => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-starrocks-example.')) });
    example.build(app);
    expectValidManifests(synth(app));
  });
});

describe('examples/main.ts (npx projen example)', () => {
  function runBuild(options: mainJob.MainOptions): { files: string[]; objs: any[] } {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-starrocks-main.'));
    const app = new App({ outdir });
    mainJob.build(app, options);
    app.synth();
    const files = fs.readdirSync(outdir).sort();
    const objs = files.flatMap((f) => parseManifestStream(fs.readFileSync(path.join(outdir, f), 'utf8')));
    return { files, objs };
  }

  test('writes the default cluster and its config files', () => {
    const { files, objs } = runBuild({});
    expect(files).toEqual(['starrocks.k8s.yaml']);
    expect(objs.map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'StarRocksCluster starrocks/starrocks',
      'ConfigMap starrocks/starrocks-fe-cm',
      'ConfigMap starrocks/starrocks-be-cm',
    ]);
    const spec = objs[0].spec;
    expect(spec.starRocksFeSpec.storageVolumes.map((v: any) => v.name)).toEqual(['fe-meta', 'fe-log']);
    expect(spec.starRocksBeSpec.storageVolumes.map((v: any) => v.name)).toEqual(['be-data', 'be-log']);
    expect(spec.starRocksFeSpec.feEnvVars).toEqual([{ name: 'TZ', value: 'UTC' }]);
    expect(spec.starRocksFeProxySpec).toBeUndefined();
  });

  test('adds the FE proxy on request', () => {
    const { objs } = runBuild({ feProxy: true });
    expect(objs[0].spec.starRocksFeProxySpec).toEqual({});
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
    expect(result.stdout).toContain(`wrote ${path.join('dist', 'starrocks.k8s.yaml')}`);
    const objs = parseManifestStream(fs.readFileSync(path.join(cwd, 'dist', 'starrocks.k8s.yaml'), 'utf8'));
    expect(objs.map((o) => o.kind)).toEqual(['StarRocksCluster', 'ConfigMap', 'ConfigMap']);
    expect(objs[0].spec.starRocksFeProxySpec).toEqual({});
  }, 60_000);

  describeShared('with the schemas', () => {
    test.each([[false], [true]])('what it writes validates (feProxy: %s)', (withProxy) => {
      expectValidManifests(runBuild({ feProxy: withProxy }).objs);
    });
  });
});

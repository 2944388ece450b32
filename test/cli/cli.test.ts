/**
 * The command's mechanics (flags, values files, --set, output, errors) with the renderer replaced
 * by a stub that records what it was asked. The real renders are checked by
 * test/cli/cli-render.test.ts and test/helm/conformance.test.ts.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import * as YAML from 'yaml';
import { parseArgs, UsageError } from '../../src/cli/args';
import { parseValuesYaml, stringifyObjects } from '../../src/cli/yaml-io';
import { cdk8sYamlPath, yamlLibrary } from '../../src/common/yaml-library';
import { HelmValuesError } from '../../src/helm/context';
import type { HelmRenderRequest } from '../../src/helm/render';
import { cliSandbox, CliRun } from '../util/cli';

const requests: HelmRenderRequest[] = [];

/** What the stub renders: a few objects exercising the printer, or an error the values ask for. */
function stubRender(request: HelmRenderRequest): any[] {
  requests.push(request);
  const v = request.values;
  if (v.failWith === 'values') throw new HelmValuesError('starrocksFESpec.sidecarsMap and starrocksFESpec.sidecars cannot be set at the same time');
  if (v.failWith === 'validation') throw new Error('Validation failed with the following errors:\n  [sr/cluster] spec.starRocksCluster is required');
  if (v.failWith === 'string') throw 'a thrown string';
  const extra = typeof v.lastName === 'string' ? [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: v.lastName } }] : [];
  return [...base(request), ...extra];
}

function base(request: HelmRenderRequest): any[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${request.release}-fe-cm`, namespace: request.namespace, labels: { app: 'fe', on: 'yes' } },
      data: { 'fe.conf': 'LOG_DIR = ${STARROCKS_HOME}/log\nJAVA_OPTS = -Xmx8g  \n', 'empty': '', 'octal': '0777', 'bool': 'on', 'date': '2001-12-14' },
    },
    {
      apiVersion: 'starrocks.com/v1',
      kind: 'StarRocksCluster',
      metadata: { name: request.release, namespace: request.namespace },
      spec: { starRocksFeSpec: { replicas: 3, image: 'starrocks/fe-ubuntu:3.3', limits: BigInt('10737418240'), list: [{ a: 1 }, { a: 2 }] } },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'shared' },
      data: { password: 'cGFzcw==' },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'shared', namespace: 'other' },
      stringData: { k: 'v' },
    },
  ];
}

jest.mock('../../src/helm/render', () => ({ renderHelmChart: (r: HelmRenderRequest) => stubRender(r) }));

const sandbox = cliSandbox('cdk8s-starrocks-cli-');
const { run, write } = sandbox;

beforeEach(() => {
  requests.length = 0;
});

/** Expects a failed run: exit 1, nothing on stdout, `Error: ...` matching `message` on stderr. */
async function expectFailure(argv: string[], message: RegExp | string, stdin?: string): Promise<CliRun> {
  const r = await run(argv, stdin);
  expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: '' });
  expect(r.stderr).toMatch(/^Error: /);
  expect(r.stderr).toMatch(message);
  return r;
}

describe('help and version', () => {
  test.each([['--help'], ['-h'], ['help'], ['template', '--help'], ['template', 'sr', '-f', 'x.yaml', '-h']])('%s prints the help', async (...argv) => {
    const r = await run(argv);
    expect(r).toEqual({ code: 0, stdout: expect.stringContaining('cdk8s-starrocks template RELEASE [CHART] [flags]'), stderr: '' });
    for (const flag of ['--chart', '--values', '--set', '--namespace', '--api-versions', '--output-dir', '--version', '--help']) {
      expect(r.stdout).toContain(flag);
    }
    expect(requests).toHaveLength(0);
  });

  test.each([['--version'], ['version'], ['template', 'sr', '--version']])('%s prints the version', async (...argv) => {
    const r = await run(argv);
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(r).toEqual({ code: 0, stdout: `cdk8s-starrocks ${pkg.version} (charts kube-starrocks 1.11.5 and warehouse 1.11.5, as rendered by helm v3.6.2)\n`, stderr: '' });
  });

  test('--help and --version do not load the renderer, the YAML library or cdk8s', () => {
    const script = `
      const before = new Set(Object.keys(require.cache));
      require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs', moduleResolution: 'node' } });
      const { main } = require('./src/cli/main.ts');
      const io = { stdout: () => undefined, stderr: () => undefined, cwd: process.cwd() };
      Promise.all([main(['--help'], io), main(['--version'], io), main(['template', 'sr', '--bogus'], io)]).then(() => {
        const loaded = Object.keys(require.cache).filter(f => !before.has(f) && !f.includes('/node_modules/ts-node/') && !f.includes('/node_modules/typescript/'));
        process.stdout.write(JSON.stringify(loaded));
      });`;
    const res = spawnSync(process.execPath, ['-e', script], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8', timeout: 60_000 });
    expect(res.stderr).toBe('');
    const loaded: string[] = JSON.parse(res.stdout);
    const ours = loaded.filter(f => !f.includes('/node_modules/')).map(f => path.relative(path.join(__dirname, '..', '..'), f)).sort();
    expect(ours).toEqual(['src/cli/args.ts', 'src/cli/main.ts']);
    expect(loaded.filter(f => f.includes('/node_modules/') && !/\/node_modules\/(@cspotcode|@jridgewell|@tsconfig|acorn|arg|create-require|diff|make-error|v8-compile-cache-lib|yn|@types|source-map-support|buffer-from|source-map)\//.test(f))).toEqual([]);
  });
});

describe('flag parsing', () => {
  test('defaults: kube-starrocks, namespace "default", no API versions, no values', () => {
    expect(parseArgs(['template', 'sr'])).toEqual({
      command: 'template', release: 'sr', chart: 'kube-starrocks', valueFiles: [], sets: [], namespace: 'default', apiVersions: [], debug: false,
    });
  });

  test('every flag, long and short forms, in any position', () => {
    expect(parseArgs([
      '-n', 'ns', 'template', '--values', 'a.yaml', 'wh', '-fb.yaml', '-f=c.yaml,d.yaml', '--values=e.yaml', '--chart=warehouse',
      '--set', 'a=1,b=2', '--set=c=3', '--api-versions', 'monitoring.coreos.com/v1', '-a', 'x/v1,y/v1', '--api-versions=x/v1',
      '--output-dir', 'out', '--debug',
    ])).toEqual({
      command: 'template',
      release: 'wh',
      chart: 'warehouse',
      valueFiles: ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml', 'e.yaml'],
      sets: ['a=1,b=2', 'c=3'],
      namespace: 'ns',
      apiVersions: ['monitoring.coreos.com/v1', 'x/v1', 'y/v1'],
      outputDir: 'out',
      debug: true,
    });
    expect(parseArgs(['template', 'sr', '--namespace=x', '-nother'])).toMatchObject({ namespace: 'other' });
    expect(parseArgs(['template', 'sr', '--debug=false'])).toMatchObject({ debug: false });
  });

  test('the chart as a positional, like helm template RELEASE CHART', () => {
    expect(parseArgs(['template', 'sr', 'warehouse'])).toMatchObject({ chart: 'warehouse' });
    expect(parseArgs(['template', 'sr', 'starrocks/kube-starrocks'])).toMatchObject({ chart: 'kube-starrocks' });
    expect(parseArgs(['template', 'sr', './helm-charts/charts/warehouse/'])).toMatchObject({ chart: 'warehouse' });
    expect(parseArgs(['template', 'sr', 'warehouse', '--chart', 'warehouse'])).toMatchObject({ chart: 'warehouse' });
  });

  test('-f - is standard input; -- ends the flags', () => {
    expect(parseArgs(['template', 'sr', '-f', '-'])).toMatchObject({ valueFiles: ['-'] });
    expect(parseArgs(['template', '--', 'sr', 'warehouse'])).toMatchObject({ release: 'sr', chart: 'warehouse' });
  });

  test('--version with a chart version is helm\'s chart version flag', () => {
    expect(parseArgs(['template', 'sr', '--version', '1.11.5'])).toMatchObject({ command: 'template' });
    expect(parseArgs(['template', 'sr', '--version=v1.11.5'])).toMatchObject({ command: 'template' });
    expect(() => parseArgs(['template', 'sr', '--version', '1.9.0'])).toThrow(/chart version "1.9.0" is not available/);
  });

  test('empty namespace means "default"', () => {
    expect(parseArgs(['template', 'sr', '-n', ''])).toMatchObject({ namespace: 'default' });
  });

  test.each<[string[], RegExp]>([
    [[], /missing command/],
    [['render', 'sr'], /unknown command "render"/],
    [['template'], /needs a release name/],
    [['template', 'sr', 'kube-starrocks', 'extra'], /at most 2 arguments/],
    [['template', 'sr', '--bogus'], /unknown flag: --bogus/],
    [['template', 'sr', '-x'], /unknown shorthand flag: 'x' in -x/],
    [['template', 'sr', '--set'], /flag needs an argument: --set/],
    [['template', 'sr', '-f'], /flag needs an argument: 'f' in -f/],
    [['template', 'sr', '--namespace'], /flag needs an argument: --namespace/],
    [['template', 'sr', '--chart', 'mysql'], /unknown chart "mysql" \(--chart\)/],
    [['template', 'sr', 'bitnami/mysql'], /unknown chart "bitnami\/mysql" \(the CHART argument\)/],
    [['template', 'sr', 'warehouse', '--chart', 'kube-starrocks'], /name different charts/],
    [['template', 'Bad_Name'], /invalid release name/],
    [['template', 'x'.repeat(54)], /longer than 53/],
    [['template', '-sr'], /unknown shorthand flag/],
    [['template', 'sr', '--output-dir='], /--output-dir needs a directory/],
    [['template', 'sr', '--debug=maybe'], /invalid argument "maybe" for "--debug" flag/],
  ])('%j is refused', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe('rendering to standard output', () => {
  test('with no -f the chart defaults are rendered (no user values)', async () => {
    const r = await run(['template', 'sr']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(requests).toEqual([{ chart: 'kube-starrocks', release: 'sr', namespace: 'default', apiVersions: [], values: {} }]);
  });

  test('prints every object as a YAML document preceded by ---', async () => {
    const r = await run(['template', 'sr', '-n', 'starrocks']);
    expect(r.stdout.startsWith('---\napiVersion: v1\nkind: ConfigMap\n')).toBe(true);
    expect(r.stdout.match(/^---$/gm)).toHaveLength(4);
    const docs = YAML.parseAllDocuments(r.stdout) as YAML.Document[];
    expect(docs.map(d => d.toJS())).toEqual(JSON.parse(JSON.stringify(stubRender(requests[0]), (_k, v) => typeof v === 'bigint' ? Number(v) : v)));
  });

  test('YAML: multi-line strings as literal blocks, strings that need quotes quoted, big integers plain, lists unindented', async () => {
    const r = await run(['template', 'sr', '-n', 'starrocks']);
    expect(r.stdout).toContain('  fe.conf: |\n    LOG_DIR = ${STARROCKS_HOME}/log\n    JAVA_OPTS = -Xmx8g  \n');
    expect(r.stdout).toContain('empty: ""');
    expect(r.stdout).toContain('octal: "0777"');
    // YAML 1.1 readers (kubectl, helm) must not see booleans or dates
    expect(r.stdout).toContain('bool: "on"');
    expect(r.stdout).toContain('"on": "yes"');
    expect(r.stdout).toContain('date: "2001-12-14"');
    expect(r.stdout).toContain('limits: 10737418240\n');
    expect(r.stdout).toContain('    list:\n    - a: 1\n    - a: 2\n');
    expect(r.stdout).not.toMatch(/[&*]a\d/);
  });

  test('values: -f files merged in order, then --set in order, whatever the order on the command line', async () => {
    const a = write('a.yaml', 'starrocks:\n  image: {repository: r, tag: "1"}\n  list: [1, 2]\n  keep: a\n');
    const b = write('sub/b.yaml', 'starrocks:\n  image: {tag: "2"}\n  list: [3]\n');
    const r = await run(['template', 'sr', '--set', 'starrocks.image.tag=3,starrocks.n=10737418240', '-f', a, '-f', 'sub/b.yaml', '--set', 'starrocks.list[1]=x']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(requests[0].values).toEqual({ starrocks: { image: { repository: 'r', tag: 3 }, list: [3, 'x'], keep: 'a', n: BigInt('10737418240') } });
    void b;
  });

  test('values from standard input', async () => {
    const r = await run(['template', 'sr', '-f', '-'], 'operator:\n  enabled: no\n');
    expect(r.code).toBe(0);
    expect(requests[0].values).toEqual({ operator: { enabled: false } });
  });

  test('an empty values file is no values', async () => {
    const f = write('empty.yaml', '# nothing here\n');
    const r = await run(['template', 'sr', '-f', f, '-f', write('null.yaml', '~\n')]);
    expect(r.code).toBe(0);
    expect(requests[0].values).toEqual({});
  });

  test('chart, release, namespace and API versions reach the renderer', async () => {
    await run(['template', 'wh', 'warehouse', '--namespace', 'analytics', '--api-versions', 'monitoring.coreos.com/v1']);
    expect(requests[0]).toMatchObject({ chart: 'warehouse', release: 'wh', namespace: 'analytics', apiVersions: ['monitoring.coreos.com/v1'] });
  });
});

describe('--output-dir', () => {
  test('writes DIR/<chart>/<kind>-<name>.yaml and prints "wrote" lines', async () => {
    const r = await run(['template', 'sr', '-n', 'starrocks', '--output-dir', 'out']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const dir = path.join(sandbox.dir, 'out', 'kube-starrocks');
    expect(fs.readdirSync(dir).sort()).toEqual(['configmap-sr-fe-cm.yaml', 'secret-shared.yaml', 'starrockscluster-sr.yaml']);
    expect(r.stdout).toBe([
      `wrote ${path.join('out', 'kube-starrocks', 'configmap-sr-fe-cm.yaml')}`,
      `wrote ${path.join('out', 'kube-starrocks', 'starrockscluster-sr.yaml')}`,
      `wrote ${path.join('out', 'kube-starrocks', 'secret-shared.yaml')}`,
      '',
    ].join('\n'));
    const cm = YAML.parseAllDocuments(fs.readFileSync(path.join(dir, 'configmap-sr-fe-cm.yaml'), 'utf8')) as YAML.Document[];
    expect(cm.map(d => d.toJS().metadata.name)).toEqual(['sr-fe-cm']);
    // two objects with the same kind and name share a file
    const secrets = YAML.parseAllDocuments(fs.readFileSync(path.join(dir, 'secret-shared.yaml'), 'utf8')) as YAML.Document[];
    expect(secrets.map(d => d.toJS().metadata.namespace)).toEqual([undefined, 'other']);
  });

  test('overwrites the files of an earlier run', async () => {
    await run(['template', 'sr', '--output-dir', path.join(sandbox.dir, 'again')]);
    await run(['template', 'sr', '--output-dir', path.join(sandbox.dir, 'again')]);
    const text = fs.readFileSync(path.join(sandbox.dir, 'again', 'kube-starrocks', 'secret-shared.yaml'), 'utf8');
    expect(text.match(/^---$/gm)).toHaveLength(2);
  });

  test('a directory that cannot be created is an error', async () => {
    write('file-not-dir', 'x');
    await expectFailure(['template', 'sr', '--output-dir', 'file-not-dir'], /Error: mkdir file-not-dir/);
  });
});

describe('errors: exit 1, "Error: ..." on stderr, nothing on stdout', () => {
  test('unknown flag', async () => {
    const r = await expectFailure(['template', 'sr', '--include-crds'], 'Error: unknown flag: --include-crds\n');
    expect(r.stderr).toContain('Run "cdk8s-starrocks --help" for usage.');
  });

  test('missing release', async () => {
    await expectFailure(['template'], /needs a release name/);
    await expectFailure(['template', '--chart', 'warehouse'], /needs a release name/);
  });

  test('no command', async () => {
    await expectFailure([], /missing command/);
  });

  test('bad --set', async () => {
    // the expression is not shown (it may hold a secret): the key is
    await expectFailure(['template', 'sr', '--set', 'starrocks.image'], 'Error: failed parsing --set data: key "starrocks.image" has no value\n');
    await expectFailure(['template', 'sr', '--set', 'a[x]=1'], /failed parsing --set data: error parsing index of "a"/);
    await expectFailure(['template', 'sr', '--set', 'a={x'], /list must terminate/);
  });

  test('--set into a value of another type', async () => {
    const f = write('scalar.yaml', 'starrocks: x\n');
    await expectFailure(['template', 'sr', '-f', f, '--set', 'starrocks.a=1'], /cannot set a key inside "starrocks"/);
  });

  test('missing values file', async () => {
    await expectFailure(['template', 'sr', '-f', 'nope.yaml'], 'Error: open nope.yaml: no such file or directory\n');
  });

  test('a directory as values file', async () => {
    fs.mkdirSync(path.join(sandbox.dir, 'adir'), { recursive: true });
    await expectFailure(['template', 'sr', '-f', 'adir'], /Error: read adir: is a directory/);
  });

  test('invalid YAML names the file and the line', async () => {
    const f = write('bad.yaml', 'starrocks:\n  image:\n    tag: "3.3\n  x: [1, 2\n');
    const r = await expectFailure(['template', 'sr', '-f', 'bad.yaml'], /^Error: failed to parse bad\.yaml: line \d+, column \d+: /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    void f;
    write('bad2.yaml', 'a: 1\n b: 2\n');
    await expectFailure(['template', 'sr', '-f', 'bad2.yaml'], /failed to parse bad2\.yaml: line 1, column 4: /);
    write('tab.yaml', 'a:\n\t- b\n');
    await expectFailure(['template', 'sr', '-f', 'tab.yaml'], /failed to parse tab\.yaml: line 2/);
  });

  test('a values file that is not a map', async () => {
    write('list.yaml', '- a\n- b\n');
    await expectFailure(['template', 'sr', '-f', 'list.yaml'], /failed to parse list\.yaml: the top level of a values file must be a map of values, got a list/);
    write('scalar-top.yaml', 'just text\n');
    await expectFailure(['template', 'sr', '-f', 'scalar-top.yaml'], /got string "just text"/);
  });

  test('invalid YAML on standard input', async () => {
    await expectFailure(['template', 'sr', '-f', '-'], /failed to parse <stdin>: line 2, column 1: Flow map must end with a }/, '{a: 1\n');
  });

  test('HelmValuesError from the chart translation', async () => {
    await expectFailure(['template', 'sr', '--set', 'failWith=values'],
      'Error: starrocksFESpec.sidecarsMap and starrocksFESpec.sidecars cannot be set at the same time\n');
  });

  test('construct validation errors', async () => {
    const r = await expectFailure(['template', 'sr', '--set', 'failWith=validation'], /^Error: Validation failed with the following errors:\n {2}\[sr\/cluster\]/);
    expect(r.stderr).not.toContain('    at ');
  });

  test('--debug adds the stack trace', async () => {
    const r = await expectFailure(['template', 'sr', '--set', 'failWith=validation', '--debug'], /Validation failed/);
    expect(r.stderr).toMatch(/\n {4}at /);
  });

  test('anything thrown', async () => {
    await expectFailure(['template', 'sr', '--set', 'failWith=string'], 'Error: a thrown string\n');
  });

  test('nothing is written to --output-dir when the render fails', async () => {
    await expectFailure(['template', 'sr', '--set', 'failWith=values', '--output-dir', 'never'], /cannot be set/);
    expect(fs.existsSync(path.join(sandbox.dir, 'never'))).toBe(false);
  });
});

describe('values files are read like Helm (YAML 1.1, go-yaml v2)', () => {
  test.each<[string, any]>([
    ['a: yes\nb: No\nc: on\nd: OFF\ne: y\nf: true', { a: true, b: false, c: true, d: false, e: true, f: true }],
    ['a: 0777\nb: 0x1F\nc: 1_000\nd: 1e3\ne: .5\nf: -12', { a: 511, b: 31, c: 1000, d: 1000, e: 0.5, f: -12 }],
    ['a: 10737418240\nb: 1048576', { a: 10737418240, b: 1048576 }],
    ['a: 12:30\nb: 2001-12-14\nc: 2001-12-14T21:59:43.10Z', { a: '12:30', b: '2001-12-14', c: '2001-12-14T21:59:43.10Z' }],
    ['a: ~\nb: null\nc:\nd: NULL', { a: null, b: null, c: null, d: null }],
    ['base: &b {x: 1, z: 2}\nm:\n  <<: *b\n  z: 3', { base: { x: 1, z: 2 }, m: { x: 1, z: 3 } }],
    // go-yaml v2 reads the keys y / n / on / off as booleans too, and sigs.k8s.io/yaml prints them back as "true" / "false"
    ['y: 1\nno: 2', { true: 1, false: 2 }],
    ['a: 1\na: 2', { a: 2 }],
    ['1: a\ntrue: b', { 1: 'a', true: 'b' }],
    ['a: |\n  x\n  y\nb: >-\n  p\n  q', { a: 'x\ny\n', b: 'p q' }],
    ['a: "quoted: yes"\nb: \'0777\'', { a: 'quoted: yes', b: '0777' }],
    ['a: 1\n---\nb: 2', { a: 1 }],
  ])('%j', (text, expected) => {
    expect(parseValuesYaml(text, 'v.yaml')).toEqual(expected);
  });
});

describe('printing', () => {
  test('round-trips the data, with YAML 1.1 and 1.2 readers', () => {
    const objects = [{
      a: ['yes', 'no', 'on', 'off', 'y', 'n', '0777', '0o17', '0x1F', '1_000', '12:30', '2001-12-14', '1e3', '.5', '~', 'null', '', ' lead', 'trail ', '#x', '- x', 'a: b', '{x}', '*x', '&x', '!x', '@x', '`x', '%x', '"x"', "'x'", 'é', '\ttab', '<<', '='],
      b: { 'multi': 'line1\nline2\n', 'noFinal': 'l1\nl2', 'leading': '  l1\nl2\n', 'trailing': 'x\n\n', 'crlf': 'a\r\nb\n', 'spaces ': 'x  \ny\n', '<<': { merge: 'no' }, 'on': 'off' },
      c: [1, 1.5, -0.25, 1e21, true, false, null, {}, []],
    }];
    const text = stringifyObjects(objects);
    expect(text.startsWith('---\n')).toBe(true);
    for (const version of ['1.1', '1.2'] as const) {
      const back = (YAML.parseAllDocuments(text, { version }) as YAML.Document[]).map(d => d.toJS());
      expect(back).toEqual(objects);
    }
  });
});

describe('printing (property)', () => {
  const chars = ['a', 'y', 'n', 'o', 'e', 'x', 'N', 'T', '0', '1', '7', '9', '.', '-', '+', '_', ':', ' ', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`',
    ',', '[', ']', '{', '}', '?', '~', '=', '<', '\n', '\t', '\\', 'é', '😀'];
  const str = fc.string({ unit: fc.constantFrom(...chars), maxLength: 16 });
  const double = fc.double({ noNaN: true, noDefaultInfinity: true }).map(d => (Object.is(d, -0) ? 0 : d));
  const scalar = fc.oneof(str, fc.integer(), double, fc.boolean(), fc.constant(null));
  const value = fc.letrec(tie => ({
    v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(str, tie('v'), { maxKeys: 3 })),
  })).v;

  test('any data reads back the same with YAML 1.1 and 1.2 readers', () => {
    fc.assert(fc.property(fc.dictionary(str, value, { maxKeys: 4 }), (obj) => {
      const text = stringifyObjects([obj]);
      for (const version of ['1.1', '1.2'] as const) {
        const docs = YAML.parseAllDocuments(text, { version, uniqueKeys: false }) as YAML.Document[];
        expect(docs.flatMap(d => d.errors)).toEqual([]);
        expect(docs.map(d => d.toJS())).toEqual([JSON.parse(JSON.stringify(obj))]);
      }
    }), { numRuns: 300 });
  });
});

describe('the yaml library', () => {
  test('is the yaml 2.x copy cdk8s loads anyway, when there is one', () => {
    const shared = cdk8sYamlPath();
    expect(shared).toBeDefined();
    expect(require.resolve('yaml', { paths: [path.dirname(require.resolve('cdk8s/package.json'))] }).startsWith(shared!)).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(yamlLibrary()).toBe(require(shared!));
  });

  test('no cdk8s to resolve from: none (our own yaml dependency is used)', () => {
    expect(cdk8sYamlPath(path.parse(process.cwd()).root)).toBeUndefined();
  });
});

describe('Helm flags: --set-string, --set-file, --kube-version, --skip-tests, template CHART', () => {
  test('they parse, long and = forms', () => {
    expect(parseArgs(['template', 'sr', '--set-string', 'a=1', '--set-string=b=2', '--set-file', 'c=f.txt', '--set-file=d=-',
      '--kube-version', '1.28', '--skip-tests'])).toEqual({
      command: 'template',
      release: 'sr',
      chart: 'kube-starrocks',
      valueFiles: [],
      sets: [],
      setStrings: ['a=1', 'b=2'],
      setFiles: ['c=f.txt', 'd=-'],
      namespace: 'default',
      apiVersions: [],
      kubeVersion: '1.28',
      debug: false,
    });
    expect(parseArgs(['template', 'sr', '--skip-tests=false', '--kube-version='])).not.toHaveProperty('kubeVersion');
  });

  test('template CHART: the release is RELEASE-NAME, as with Helm 3.6.2; a lone name that is not a chart stays the release', () => {
    expect(parseArgs(['template', 'kube-starrocks'])).toMatchObject({ release: 'RELEASE-NAME', chart: 'kube-starrocks' });
    expect(parseArgs(['template', 'warehouse', '-n', 'x'])).toMatchObject({ release: 'RELEASE-NAME', chart: 'warehouse' });
    expect(parseArgs(['template', './charts/warehouse/'])).toMatchObject({ release: 'RELEASE-NAME', chart: 'warehouse' });
    expect(parseArgs(['template', 'starrocks/kube-starrocks'])).toMatchObject({ release: 'RELEASE-NAME', chart: 'kube-starrocks' });
    expect(parseArgs(['template', 'sr'])).toMatchObject({ release: 'sr', chart: 'kube-starrocks' });
    expect(() => parseArgs(['template', 'bitnami/mysql'])).toThrow(/unknown chart "bitnami\/mysql"/);
    // with --chart (not a Helm flag), a lone argument is the release
    expect(parseArgs(['template', 'kube-starrocks', '--chart', 'kube-starrocks'])).toMatchObject({ release: 'kube-starrocks', chart: 'kube-starrocks' });
  });

  test('fails: template with a release name of RELEASE-NAME\'s form given explicitly is still checked like any other', () => {
    expect(() => parseArgs(['template', 'Release-Name', 'warehouse'])).toThrow(/invalid release name/);
  });

  test('--help documents them', async () => {
    const r = await run(['--help']);
    for (const flag of ['--set-string KEY=VALUE', '--set-file KEY=FILE', '--kube-version VERSION', '--skip-tests', 'RELEASE-NAME', '>=1.23.0-0']) {
      expect(r.stdout).toContain(flag);
    }
  });

  test('values: -f, then every --set, every --set-string, every --set-file (Helm\'s order, whatever the order on the command line)', async () => {
    write('content.txt', 'from a file\n');
    const r = await run(['template', 'sr', '--set-file', 'a=content.txt,l={content.txt}', '--set-string', 'a=1,b=true,c=null', '--set', 'a=2,b=3,d=true',
      '-f', write('v.yaml', 'a: 0\ne: x\n')]);
    expect(r.stderr).toBe('');
    expect(requests[0].values).toEqual({ a: 'from a file\n', b: 'true', c: 'null', d: true, e: 'x', l: ['from a file\n'] });
  });

  test('--set-file - reads standard input; it is read once (a second reader finds it empty, as in Helm)', async () => {
    await run(['template', 'sr', '--set-file', 'a= - '], 'piped\n');
    expect(requests[0].values).toEqual({ a: 'piped\n' });
    await run(['template', 'sr', '-f', '-', '--set-file', 'b=-'], 'x: 1\n');
    expect(requests[1].values).toEqual({ x: 1, b: '' });
  });

  test('fails: --set-file of a missing file or a directory names the file', async () => {
    await expectFailure(['template', 'sr', '--set-file', 'a=nope.txt'], 'Error: failed parsing --set-file data: open nope.txt: no such file or directory\n');
    fs.mkdirSync(path.join(sandbox.dir, 'a-dir'), { recursive: true });
    await expectFailure(['template', 'sr', '--set-file', 'a=a-dir'], 'Error: failed parsing --set-file data: read a-dir: is a directory\n');
  });

  test('--kube-version inside the charts\' constraint renders; --skip-tests changes nothing', async () => {
    for (const v of ['1.28.0', 'v1.23', '1.23.0-rc.1', '2', '1.30.1+k3s1']) {
      const r = await run(['template', 'sr', '--kube-version', v, '--skip-tests']);
      expect({ v, code: r.code, stderr: r.stderr }).toEqual({ v, code: 0, stderr: '' });
    }
  });

  test.each<[string, string]>([
    ['1.22.0', 'Error: chart requires kubeVersion: >=1.23.0-0 which is incompatible with Kubernetes v1.22.0\n'],
    ['1', 'Error: chart requires kubeVersion: >=1.23.0-0 which is incompatible with Kubernetes v1.0.0\n'],
    ['abc', 'Error: invalid kube version \'abc\': Invalid Semantic Version\n'],
    ['1.28.0-01', 'Error: invalid kube version \'1.28.0-01\': Version segment starts with 0\n'],
  ])('fails: --kube-version %s, with Helm\'s message, before anything is read', async (v, message) => {
    await expectFailure(['template', 'sr', '--kube-version', v, '-f', 'not-read.yaml'], message);
    expect(requests).toHaveLength(0);
  });
});

describe('no secret in messages: a failing --set, --set-string or --set-file never shows a value', () => {
  const SECRET = 'S3cr3t-pw';
  test.each<[string, string]>([
    ['--set', `pw=${SECRET},x`],
    ['--set', `pw={${SECRET}`],
    ['--set', `a[0]${SECRET}`],
    ['--set', `a[0]=1,a[${SECRET}]=x`],
    ['--set', `a[0].b=${SECRET},c`],
    ['--set', `pw=${SECRET},=x`],
    ['--set', `a={${SECRET}},b`],
    ['--set-string', `pw=${SECRET},a[-1]=x`],
    ['--set-string', `p.w={${SECRET},`],
    ['--set-file', 'pw=secret.txt,broken'],
    ['--set-file', 'a=secret.txt,a.b=secret.txt'],
    ['--set', `secret.password.x=${SECRET}`],
    ['--set', `secret.list[0]=${SECRET}`],
  ])('fails: %s %s names the key (keys and file names are shown), not the value', async (flag, expression) => {
    write('secret.yaml', `secret: {password: ${SECRET}-file, list: ${SECRET}-too}\n`);
    write('secret.txt', SECRET);
    const r = await expectFailure(['template', 'sr', '-f', 'secret.yaml', flag, expression], new RegExp(`^Error: failed parsing ${flag} data: `));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toContain('S3cr3t');
  });
});

describe('no secret in usage errors: an argument with "=" (a --set expression without its flag) is not shown', () => {
  test.each<[string[], RegExp]>([
    [['template', 'sr', 'kube-starrocks', 'password=S3cr3t'], /at most 2 arguments \(RELEASE and CHART\), received 3: "sr" "kube-starrocks" <redacted>/],
    [['template', 'password=S3cr3t'], /release name <redacted>: invalid release name/],
    [['template', 'sr', 'a=S3cr3t/mysql'], /unknown chart <redacted>/],
    [['password=S3cr3t'], /unknown command <redacted>/],
    [['template', 'sr', '-spassword=S3cr3t'], /unknown shorthand flag: 's' in -s\.\.\./],
    [['template', 'sr', '--skip-tests=pw=S3cr3t'], /invalid argument <redacted> for "--skip-tests" flag/],
  ])('fails: %j', async (argv, message) => {
    const r = await expectFailure(argv, message);
    expect(r.stderr).not.toContain('S3cr3t');
  });
});

describe('--output-dir, safely', () => {
  /** Every file under a directory with its text, links as "-> target". */
  function tree(dir: string): { [file: string]: string } {
    const out: { [file: string]: string } = {};
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const f = path.join(d, e.name);
        if (e.isSymbolicLink()) out[path.relative(dir, f)] = `-> ${fs.readlinkSync(f)}`;
        else if (e.isDirectory()) walk(f);
        else out[path.relative(dir, f)] = fs.readFileSync(f, 'utf8');
      }
    };
    walk(dir);
    return out;
  }

  test('a new chart directory appears whole; no temporary directory is left', async () => {
    const r = await run(['template', 'sr', '--output-dir', 'safe/new']);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(path.join(sandbox.dir, 'safe', 'new'))).toEqual(['kube-starrocks']);
    expect(Object.keys(tree(path.join(sandbox.dir, 'safe', 'new'))).sort()).toEqual(
      ['configmap-sr-fe-cm.yaml', 'secret-shared.yaml', 'starrockscluster-sr.yaml'].map(f => path.join('kube-starrocks', f)));
  });

  test('fails: a link inside the output directory is not written through; nothing is changed', async () => {
    const outside = write('outside/victim.yaml', 'precious\n');
    const chartDir = path.join(sandbox.dir, 'linked', 'kube-starrocks');
    await run(['template', 'sr', '--output-dir', 'linked']);
    fs.writeFileSync(path.join(chartDir, 'configmap-sr-fe-cm.yaml'), 'earlier run\n');
    fs.rmSync(path.join(chartDir, 'secret-shared.yaml'));
    fs.symlinkSync(outside, path.join(chartDir, 'secret-shared.yaml'));
    const before = tree(path.join(sandbox.dir, 'linked'));
    const r = await expectFailure(['template', 'sr', '--output-dir', 'linked'],
      `Error: write ${path.join('linked', 'kube-starrocks', 'secret-shared.yaml')}: it is a symbolic link; cdk8s-starrocks does not write through links inside the output directory\n`);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.readFileSync(outside, 'utf8')).toBe('precious\n');
    expect(tree(path.join(sandbox.dir, 'linked'))).toEqual(before);
  });

  test('fails: the chart directory as a link to elsewhere', async () => {
    fs.mkdirSync(path.join(sandbox.dir, 'elsewhere'), { recursive: true });
    fs.mkdirSync(path.join(sandbox.dir, 'linkdir'), { recursive: true });
    fs.symlinkSync(path.join(sandbox.dir, 'elsewhere'), path.join(sandbox.dir, 'linkdir', 'kube-starrocks'));
    await expectFailure(['template', 'sr', '--output-dir', 'linkdir'], /^Error: write linkdir\/kube-starrocks: it is a symbolic link/);
    expect(fs.readdirSync(path.join(sandbox.dir, 'elsewhere'))).toEqual([]);
    expect(fs.readdirSync(path.join(sandbox.dir, 'linkdir'))).toEqual(['kube-starrocks']);
  });

  test('fails: a target that is a directory; the other files are not replaced', async () => {
    await run(['template', 'sr', '--output-dir', 'blocked']);
    const chartDir = path.join(sandbox.dir, 'blocked', 'kube-starrocks');
    fs.writeFileSync(path.join(chartDir, 'configmap-sr-fe-cm.yaml'), 'earlier run\n');
    fs.rmSync(path.join(chartDir, 'starrockscluster-sr.yaml'));
    fs.mkdirSync(path.join(chartDir, 'starrockscluster-sr.yaml'));
    await expectFailure(['template', 'sr', '--output-dir', 'blocked'], /^Error: write blocked\/kube-starrocks\/starrockscluster-sr\.yaml: it exists and is not a regular file\n$/);
    expect(fs.readFileSync(path.join(chartDir, 'configmap-sr-fe-cm.yaml'), 'utf8')).toBe('earlier run\n');
    expect(fs.readdirSync(path.join(sandbox.dir, 'blocked'))).toEqual(['kube-starrocks']);
  });

  test('fails: a file that cannot be written (its name is too long): nothing of the run is left, earlier files stay', async () => {
    await run(['template', 'sr', '--output-dir', 'half']);
    const before = tree(path.join(sandbox.dir, 'half'));
    const long = 'x'.repeat(300);
    await expectFailure(['template', 'sr', '--output-dir', 'half', '--set', `lastName=${long}`],
      `Error: write ${path.join('half', 'kube-starrocks', `configmap-${long}.yaml`)}: file name too long\n`);
    expect(tree(path.join(sandbox.dir, 'half'))).toEqual(before);
    expect(fs.readdirSync(path.join(sandbox.dir, 'half'))).toEqual(['kube-starrocks']);
    // and into new directories: none is left
    await expectFailure(['template', 'sr', '--output-dir', 'half-new/deeper', '--set', `lastName=${long}`], /file name too long/);
    expect(fs.existsSync(path.join(sandbox.dir, 'half-new'))).toBe(false);
  });

  test.each<[string, (dir: string) => void, string]>([
    ['/proc/x (Node\'s recursive mkdir loops there)', () => undefined, 'Error: mkdir /proc/x: no such file or directory\n'],
    ['under-file/sub', (dir) => fs.writeFileSync(path.join(dir, 'under-file'), 'x'), 'Error: mkdir under-file/sub: not a directory\n'],
    ['loop', (dir) => fs.symlinkSync('loop', path.join(dir, 'loop')), 'Error: mkdir loop: too many levels of symbolic links\n'],
    [`${'n'.repeat(300)}`, () => undefined, `Error: mkdir ${'n'.repeat(300)}: file name too long\n`],
  ])('fails: --output-dir %s, one line in words', async (dir, prepare, message) => {
    prepare(sandbox.dir);
    const outDir = dir.startsWith('/proc/x') ? '/proc/x' : dir;
    await expectFailure(['template', 'sr', '--output-dir', outDir], message);
  });
});

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

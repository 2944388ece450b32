'use strict';
/**
 * CPU profiles of a command (`node --cpu-prof`), summed over several runs, and where the time went:
 * module loading (everything under a nested `require`: resolving, reading, compiling and running
 * the top level of the modules), garbage collection, V8's own work ("(program)": parsing, compiling
 * outside a require, bootstrap), and the rest (the rendering itself). Also the top functions by
 * self time, self time by package, and the inclusive time of the main phases of a template run.
 *
 * The profiler starts after Node's own bootstrap and stops before exit, so the sampled time is less
 * than the wall time of the process; the shares are of the sampled time.
 *
 *   node bench/profile.js [runs] -- <args of node>     (prints the summary as JSON)
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { REPO_ROOT, tmpDir } = require('./util');

/** A short name for a script URL: the package, or the path inside the library. */
function shortUrl(url) {
  if (!url) return '';
  let u = url.replace(/^file:\/\//, '');
  const nm = u.lastIndexOf('/node_modules/');
  if (nm >= 0) return u.slice(nm + '/node_modules/'.length);
  if (u.startsWith(REPO_ROOT + '/')) u = u.slice(REPO_ROOT.length + 1);
  return u.replace(/^.*\/(lib\/(src|imports)\/)/, '$1');
}

/**
 * The package of a file under node_modules; a copy nested in another package's node_modules is
 * named after both (`cdk8s > yaml`: the yaml that cdk8s bundles).
 */
function packageOf(file) {
  const parts = file.split('/node_modules/').slice(1);
  return parts.map((p) => {
    const seg = p.split('/');
    return seg[0].startsWith('@') ? `${seg[0]}/${seg[1]}` : seg[0];
  }).join(' > ');
}

/** The group a frame's self time is counted in: a package, a library folder, Node's internals or a V8 pseudo-frame. */
function groupOf(callFrame) {
  const url = callFrame.url || '';
  if (!url) {
    const f = callFrame.functionName;
    return f.startsWith('(') ? f : '(native)';
  }
  if (url.startsWith('node:')) return 'node (built-in modules)';
  const u = url.replace(/^file:\/\//, '');
  if (u.includes('/node_modules/')) return packageOf(u);
  const m = /\/lib\/(src|imports)\/([^/]+)/.exec(u);
  if (m) return m[1] === 'imports' ? 'lib/imports' : `lib/src/${m[2].replace(/\.js$/, '')}`;
  return shortUrl(url);
}

/** Phases of a template run, by the name of the function that does them (inclusive time). */
const PHASES = [
  { name: 'values_read', fn: 'userValues', url: '/cli/main.js' },
  { name: 'render', fn: 'renderHelmChart', url: '/helm/render.js' },
  { name: 'construct', fn: 'addHelmChart', url: '/helm/render.js' },
  { name: 'synth', fn: 'synth', url: 'cdk8s/lib/testing.js' },
  { name: 'yaml_write', fn: 'stringifyObject', url: '/cli/yaml-io.js' },
];

function isRequireFrame(cf) {
  return (cf.functionName === 'Module.require' && cf.url === 'node:internal/modules/cjs/loader')
    || (cf.functionName === 'require' && cf.url === 'node:internal/modules/helpers');
}

/** Adds one profile to the accumulated summary `acc`. */
function addProfile(acc, prof, phases) {
  const byId = new Map(prof.nodes.map(n => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children || []) parent.set(c, n.id);
  // per node: is it (or an ancestor) inside a nested require, inside a compile, inside which phases
  const memo = new Map();
  const info = (id) => {
    if (memo.has(id)) return memo.get(id);
    const n = byId.get(id);
    const p = parent.has(id) ? info(parent.get(id)) : { loading: false, compile: false, resolve: false, phases: [] };
    const cf = n.callFrame;
    const phase = phases.find(ph => ph.fn === cf.functionName && (cf.url || '').includes(ph.url));
    const r = {
      loading: p.loading || isRequireFrame(cf),
      compile: p.compile || (cf.functionName === 'wrapSafe' && cf.url === 'node:internal/modules/cjs/loader'),
      resolve: p.resolve || (cf.functionName === 'Module._resolveFilename'),
      phases: phase && !p.phases.includes(phase.name) ? [...p.phases, phase.name] : p.phases,
    };
    memo.set(id, r);
    return r;
  };
  const deltas = prof.timeDeltas;
  for (let i = 0; i < prof.samples.length; i++) {
    // a sample's time is the interval up to the next sample
    const ms = (i + 1 < deltas.length ? deltas[i + 1] : 0) / 1000;
    if (ms <= 0) continue;
    const id = prof.samples[i];
    const n = byId.get(id);
    const cf = n.callFrame;
    const inf = info(id);
    acc.totalMs += ms;
    const fname = cf.functionName || '(anonymous)';
    let cat;
    if (fname === '(idle)') cat = 'idle';
    else if (fname === '(garbage collector)') cat = 'gc';
    else if (inf.loading) cat = 'module_loading';
    else if (fname === '(program)') cat = 'program';
    else cat = 'run';
    acc.categories[cat] = (acc.categories[cat] || 0) + ms;
    if (inf.loading) {
      if (inf.compile) acc.loading.compile += ms;
      else if (inf.resolve) acc.loading.resolve += ms;
      else acc.loading.other += ms;
    }
    for (const ph of inf.phases) acc.phases[ph] = (acc.phases[ph] || 0) + ms;
    const key = cf.url ? `${fname} (${shortUrl(cf.url)}:${cf.lineNumber + 1})` : fname;
    acc.self.set(key, (acc.self.get(key) || 0) + ms);
    const g = groupOf(cf);
    acc.groups.set(g, (acc.groups.get(g) || 0) + ms);
  }
  acc.runs++;
}

/**
 * Profiles `node <nodeArgs>` `runs` times (interval 100 µs) and returns the summary, times averaged
 * per run. `opts.phases` names the functions whose inclusive time is reported (default: the phases
 * of a template run). Profiles are written to a temporary directory, removed afterwards unless `keepDir` is
 * given (then the first profile is copied there as template.cpuprofile).
 */
function profileNode(nodeArgs, runs, opts = {}) {
  const phaseList = opts.phases || PHASES;
  const dir = tmpDir('cdk8s-starrocks-cpuprof-');
  const acc = {
    runs: 0, totalMs: 0, categories: {}, loading: { compile: 0, resolve: 0, other: 0 },
    phases: {}, self: new Map(), groups: new Map(),
  };
  try {
    for (let r = 0; r < runs; r++) {
      const runDir = path.join(dir, String(r));
      const res = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', runDir, '--cpu-prof-interval', '100', ...nodeArgs], {
        cwd: opts.cwd || REPO_ROOT,
        env: opts.env || process.env,
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
      });
      if (res.status !== 0) throw new Error(`profiling node ${nodeArgs.join(' ')} failed (${res.status}):\n${res.stderr}`);
      const files = fs.readdirSync(runDir).filter(f => f.endsWith('.cpuprofile'));
      if (files.length !== 1) throw new Error(`expected one profile in ${runDir}, found ${files.length}`);
      const file = path.join(runDir, files[0]);
      addProfile(acc, JSON.parse(fs.readFileSync(file, 'utf8')), phaseList);
      if (r === 0 && opts.keepDir) {
        fs.mkdirSync(opts.keepDir, { recursive: true });
        fs.copyFileSync(file, path.join(opts.keepDir, opts.keepName || 'template.cpuprofile'));
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const per = (ms) => ms / acc.runs;
  const sortMap = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, ms]) => ({ name, ms: per(ms), share: ms / acc.totalMs }));
  const cats = {};
  for (const [k, v] of Object.entries(acc.categories)) cats[k] = { ms: per(v), share: v / acc.totalMs };
  const phases = {};
  for (const ph of phaseList) if (acc.phases[ph.name]) phases[ph.name] = { ms: per(acc.phases[ph.name]), share: acc.phases[ph.name] / acc.totalMs };
  return {
    runs: acc.runs,
    sampledMs: per(acc.totalMs),
    categories: cats,
    loading: { compileMs: per(acc.loading.compile), resolveMs: per(acc.loading.resolve), otherMs: per(acc.loading.other) },
    phases,
    topSelf: sortMap(acc.self, opts.top || 15),
    groups: sortMap(acc.groups, 20),
  };
}

module.exports = { profileNode, groupOf, shortUrl, packageOf };

if (require.main === module) {
  const argv = process.argv.slice(2);
  const sep = argv.indexOf('--');
  const runs = sep > 0 ? Number(argv[0]) : 1;
  const nodeArgs = sep >= 0 ? argv.slice(sep + 1) : argv;
  process.stdout.write(`${JSON.stringify(profileNode(nodeArgs, runs), null, 2)}\n`);
}

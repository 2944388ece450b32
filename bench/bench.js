#!/usr/bin/env node
'use strict';
/**
 * The benchmark of issues #5 and #10: cold start, scale (as a ratio to the same manifests written
 * by hand in cdk8s, and with the fast paths off), memory, the cost of each part, what loading costs,
 * and a CPU profile of a cold `template` run. Runs against the compiled library (lib/, `npx projen
 * compile` first), each measurement in fresh child processes.
 *
 *   node bench/bench.js            full run (about 2.5 minutes on 2 cores); rewrites BENCHMARKS.md
 *   node bench/bench.js --quick    a few runs of everything (for CI); writes nowhere in the repository
 *
 * Standard output: one line per figure, `bench: <name> <value> <unit>`, then one line per target,
 * `target: <name> <measured> <<= limit> <unit> <met|missed>`. Progress goes to standard error.
 *
 * Options (each overrides the full or quick default):
 *   --rounds N          cold-start rounds (each round runs every command once, interleaved)
 *   --warmup N          discarded cold-start rounds before them
 *   --scale LIST        cluster counts of the scale runs (comma-separated)
 *   --scale-reps N      runs per scale configuration (each a fresh process; the median counts)
 *   --parts-n N         clusters per per-part run
 *   --parts-reps N      measured rounds per per-part process (after 2 warm-up rounds; none in --quick)
 *   --parts-procs N     per-part processes (their rounds are pooled)
 *   --load-reps N       runs per loading figure
 *   --profile-runs N    CPU-profiled template runs (summed)
 *   --only LIST         sections to run: cold,load,profile,scale,parts
 *   --no-hyperfine      do not cross-check the cold start with hyperfine even if it is installed
 *   --transpile         bench a TypeScript-transpiled copy of src/ in a temporary directory
 *                       instead of lib/ (for the tests, when lib/ may be missing or stale)
 *   --out FILE          write the report to FILE (default: BENCHMARKS.md in a full run, none in --quick)
 *   --no-write          do not write the report
 *   --json FILE         also write every figure and detail as JSON to FILE (a full run writes
 *                       bench/out/results.json unless told otherwise)
 *   --from-json FILE    measure nothing: write the report from the JSON of an earlier run (after
 *                       editing bench/NOTES.md or bench/report.js)
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const {
  REPO_ROOT, summary, median, timeNode, runWorker, interleave, Figures, log, machine, tmpDir, fmt,
} = require('./util');
const { profileNode, packageOf } = require('./profile');
const { writeReport } = require('./report');

const ALL_FEATURES = path.join(__dirname, 'all-features.values.yaml');
const SECTIONS = ['cold', 'load', 'profile', 'scale', 'parts'];

const FULL = {
  rounds: 50, warmup: 5, scale: [1, 10, 100, 1000], scaleReps: 7, partsN: 100, partsReps: 5, partsProcs: 3,
  loadReps: 10, profileRuns: 10, hyperfine: true,
};
const QUICK = {
  rounds: 3, warmup: 1, scale: [1, 10], scaleReps: 1, partsN: 3, partsReps: 1, partsProcs: 1,
  loadReps: 1, profileRuns: 1, hyperfine: false,
};

/** The targets of issue #5. */
const TARGETS = [
  { name: 'cold_all_features_vs_node', figure: 'cold.template_all_features.ratio', limit: 1.7, unit: 'x', what: 'cold `template` of the all-features values, median, relative to `node -e 0`' },
  { name: 'scale_vs_handwritten_100', figure: 'scale.vs_handwritten.100.ratio', limit: 0.5, unit: 'x', what: '100 clusters in one chart: time per cluster (construction + synthesis to YAML) relative to the same manifests as plain cdk8s `ApiObject`s in cdk8s\'s `App`, measured in the same run' },
  { name: 'scale_one_chart_linear_1000_vs_100', figure: 'scale.one_chart.per_cluster_ratio_1000_100', limit: 1.3, unit: 'x', what: '1000 clusters in one chart: time per cluster relative to 100 clusters' },
  { name: 'scale_one_chart_1000_peak_rss', figure: 'scale.one_chart.1000.peak_rss_mib', limit: 250, unit: 'MiB', what: '1000 clusters in one chart: peak RSS of the process' },
];

function parseArgs(argv) {
  const quick = argv.includes('--quick');
  const o = { ...(quick ? QUICK : FULL), quick, sections: [...SECTIONS], transpile: false, out: undefined, write: !quick, json: undefined };
  const num = (v, name) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} needs a whole number, got ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--quick': break;
      case '--rounds': o.rounds = Math.max(1, num(next(), a)); break;
      case '--warmup': o.warmup = num(next(), a); break;
      case '--scale': o.scale = next().split(',').map(s => num(s, a)).filter(n => n > 0); break;
      case '--scale-reps': o.scaleReps = Math.max(1, num(next(), a)); break;
      case '--parts-n': o.partsN = Math.max(1, num(next(), a)); break;
      case '--parts-reps': o.partsReps = Math.max(1, num(next(), a)); break;
      case '--parts-procs': o.partsProcs = Math.max(1, num(next(), a)); break;
      case '--load-reps': o.loadReps = Math.max(1, num(next(), a)); break;
      case '--profile-runs': o.profileRuns = Math.max(1, num(next(), a)); break;
      case '--only': o.sections = next().split(','); break;
      case '--no-hyperfine': o.hyperfine = false; break;
      case '--transpile': o.transpile = true; break;
      case '--out': o.out = path.resolve(next()); o.write = true; break;
      case '--no-write': o.write = false; break;
      case '--json': o.json = path.resolve(next()); break;
      case '--from-json': o.fromJson = path.resolve(next()); break;
      case '-h': case '--help':
        process.stdout.write(fs.readFileSync(__filename, 'utf8').split('*/')[0].replace(/^#!.*\n'use strict';\n\/\*\*\n/, '').replace(/^ \* ?/gm, ''));
        process.exit(0);
        break;
      default: throw new Error(`unknown option ${a} (see --help)`);
    }
  }
  for (const s of o.sections) if (!SECTIONS.includes(s)) throw new Error(`unknown section ${s} (known: ${SECTIONS.join(', ')})`);
  if (o.write && !o.out) o.out = path.join(REPO_ROOT, 'BENCHMARKS.md');
  // a full run keeps its results beside its profiles (ignored by git), for --from-json
  if (!quick && !o.json) o.json = path.join(REPO_ROOT, 'bench', 'out', 'results.json');
  return o;
}

/**
 * The environment of every measured child: ours without NODE_OPTIONS (which would change what they
 * load) and without CDK8S_STARROCKS_FAST (the fast paths are on unless a configuration turns them off).
 */
function childEnv(libDir) {
  const env = { ...process.env, BENCH_LIB: libDir };
  delete env.NODE_OPTIONS;
  delete env.CDK8S_STARROCKS_FAST;
  return env;
}

/**
 * The command renders from its bundle (lib/cli.js, made after compile) only when the bundle is not
 * older than the compiled modules (src/cli/bundle.ts); a cold-start figure of the modules instead
 * would not be the command users run. Fails when it is.
 */
function checkBundle(libDir) {
  const bundle = path.join(libDir, 'cli.js');
  const main = path.join(libDir, 'src', 'cli', 'main.js');
  if (!fs.existsSync(bundle) || fs.statSync(bundle).mtimeMs < fs.statSync(main).mtimeMs) {
    throw new Error(`${path.relative(REPO_ROOT, bundle)} is missing or older than the compiled modules: run npx projen post-compile (npx projen bench does)`);
  }
}

/** The command under test: the package's `bin` when it is built, else lib/src/cli/bin.js. */
function commandPath(libDir, transpiled) {
  if (!transpiled) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
      const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin && pkg.bin['cdk8s-starrocks'];
      if (bin && fs.existsSync(path.join(REPO_ROOT, bin))) return path.join(REPO_ROOT, bin);
    } catch {
      // fall through
    }
  }
  return path.join(libDir, 'src', 'cli', 'bin.js');
}

/** Warns on standard error when a source file is newer than its compiled file. */
function checkFresh(libDir) {
  const { tsFiles } = require('./transpile');
  const stale = [];
  for (const file of tsFiles(path.join(REPO_ROOT, 'src'))) {
    const js = path.join(libDir, path.relative(REPO_ROOT, file).replace(/\.ts$/, '.js'));
    if (!fs.existsSync(js) || fs.statSync(js).mtimeMs < fs.statSync(file).mtimeMs) stale.push(path.relative(REPO_ROOT, file));
  }
  if (stale.length > 0) {
    log(`warning: lib/ is older than ${stale.length} source file(s) (${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', ...' : ''}): run npx projen compile`);
  }
  return stale;
}

// ---------------------------------------------------------------------------------------------
// cold start

function coldStart(o, ctx, figs) {
  const bin = ctx.bin;
  const commands = [
    { name: 'node_e0', label: 'node -e 0', args: ['-e', '0'] },
    // the floor of any run that renders: cdk8s (and the yaml it bundles) loaded, nothing done
    { name: 'node_require_cdk8s', label: 'node -e "require(\'cdk8s\')"', args: ['-e', `require(${JSON.stringify(require.resolve('cdk8s', { paths: [ctx.libDir] }))})`] },
    { name: 'cli_version', label: 'cdk8s-starrocks --version', args: [bin, '--version'] },
    { name: 'template_defaults', label: 'cdk8s-starrocks template kube-starrocks (chart defaults)', args: [bin, 'template', 'kube-starrocks', '--namespace', 'starrocks'] },
    {
      name: 'template_all_features', label: 'cdk8s-starrocks template ... -f bench/all-features.values.yaml',
      args: [bin, 'template', 'bench', 'kube-starrocks', '--namespace', 'starrocks', '--api-versions', 'monitoring.coreos.com/v1', '-f', ALL_FEATURES],
    },
  ];
  // each template command must render (and only once is its output looked at)
  const checks = {};
  for (const c of commands.filter(x => x.name.startsWith('template'))) {
    const r = timeNode(c.args, { env: ctx.env, capture: true });
    const objects = r.stdout.split(/^---$/m).filter(d => d.trim() !== '').length;
    if (!/^kind: StarRocksCluster$/m.test(r.stdout)) throw new Error(`${c.label} rendered no StarRocksCluster:\n${r.stdout.slice(0, 500)}`);
    checks[c.name] = { objects, bytes: Buffer.byteLength(r.stdout) };
  }
  log(`cold start: ${commands.length} commands, ${o.warmup} warm-up + ${o.rounds} interleaved rounds`);
  const times = interleave(commands, o.rounds, o.warmup, c => timeNode(c.args, { env: ctx.env }).ms,
    (r, n) => { if (r > 0 && (r % 10 === 0 || r === n)) log(`  round ${r}/${n}`); });
  const base = times[0];
  const result = { commands: [], checks };
  figs.add('cold.rounds', o.rounds, 'count');
  commands.forEach((c, i) => {
    const s = summary(times[i]);
    const entry = { ...c, ...s, times: times[i] };
    figs.add(`cold.${c.name}.median`, s.median, 'ms');
    figs.add(`cold.${c.name}.min`, s.min, 'ms');
    figs.add(`cold.${c.name}.max`, s.max, 'ms');
    if (i > 0) {
      entry.ratio = s.median / median(base);
      entry.pairedRatio = median(times[i].map((t, k) => t / base[k]));
      figs.add(`cold.${c.name}.ratio`, entry.ratio, 'x');
      figs.add(`cold.${c.name}.paired_ratio`, entry.pairedRatio, 'x');
    }
    result.commands.push(entry);
  });
  figs.add('cold.template_all_features.objects', checks.template_all_features.objects, 'count');
  figs.add('cold.template_defaults.objects', checks.template_defaults.objects, 'count');

  if (o.hyperfine && hasHyperfine()) {
    result.hyperfine = hyperfine(o, ctx, [commands[0], commands.find(c => c.name === 'template_all_features')], figs);
  }
  return result;
}

function hasHyperfine() {
  const r = spawnSync('hyperfine', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

/** The same comparison with hyperfine (-N: no shell), as a cross-check of the harness. */
function hyperfine(o, ctx, commands, figs) {
  const dir = tmpDir('cdk8s-starrocks-hyperfine-');
  const file = path.join(dir, 'out.json');
  try {
    const quote = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, '\'\\\'\'')}'`);
    const cmdLines = commands.map(c => [process.execPath, ...c.args].map(quote).join(' '));
    log(`hyperfine cross-check: ${commands.map(c => c.name).join(', ')}`);
    const r = spawnSync('hyperfine', ['-N', '--warmup', String(o.warmup), '--runs', String(o.rounds), '--export-json', file, '--style', 'none', ...cmdLines], {
      cwd: REPO_ROOT, env: ctx.env, encoding: 'utf8',
    });
    if (r.status !== 0) {
      log(`hyperfine failed (${r.status}); skipped:\n${r.stderr}`);
      return undefined;
    }
    const results = JSON.parse(fs.readFileSync(file, 'utf8')).results;
    const out = { version: spawnSync('hyperfine', ['--version'], { encoding: 'utf8' }).stdout.trim(), commands: [] };
    results.forEach((res, i) => {
      const ms = res.median * 1000;
      figs.add(`cold.hyperfine.${commands[i].name}.median`, ms, 'ms');
      out.commands.push({ name: commands[i].name, label: commands[i].label, median: ms, min: res.min * 1000, max: res.max * 1000 });
    });
    out.ratio = out.commands[1].median / out.commands[0].median;
    figs.add(`cold.hyperfine.${commands[1].name}.ratio`, out.ratio, 'x');
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// loading

/** The group of a loaded file: its package, the library folder, or the generated imports. */
function loadGroup(file, libDir) {
  if (file.includes('/node_modules/')) return packageOf(file);
  if (file.startsWith(path.join(libDir, 'imports') + path.sep)) return 'lib/imports (generated)';
  if (file.startsWith(libDir + path.sep)) {
    const rel = path.relative(libDir, file).split(path.sep);
    return rel.length > 2 ? `lib/${rel[0]}/${rel[1]}` : `lib/${rel.join('/')}`;
  }
  return path.relative(REPO_ROOT, file);
}

function loading(o, ctx, figs) {
  const targets = ['constructs', 'yaml', 'cdk8s', 'cli', 'lib', 'imports'];
  log(`loading: ${targets.length} requires x ${o.loadReps}, and ${o.loadReps} traced template runs`);
  const runs = interleave(targets, o.loadReps, 0, t => runWorker('load-worker.js', [t], { env: ctx.env }));
  const requires = targets.map((t, i) => {
    const s = summary(runs[i].map(r => r.ms));
    figs.add(`load.require_${t}.median`, s.median, 'ms');
    return { target: t, ...s, modules: runs[i][0].modules, bytes: runs[i][0].bytes, importsFiles: runs[i][0].importsFiles };
  });
  const importsDir = path.join(ctx.libDir, 'imports');
  const importsBytes = fs.existsSync(importsDir)
    ? fs.readdirSync(importsDir).filter(f => f.endsWith('.js')).reduce((s, f) => s + fs.statSync(path.join(importsDir, f)).size, 0) : 0;
  figs.add('load.imports_js_size', importsBytes / 1024, 'KiB');
  figs.add('load.require_lib.imports_files', requires.find(r => r.target === 'lib').importsFiles, 'count');

  // what a template run loads, with the time each file's loading takes (a preloaded hook)
  const dir = tmpDir('cdk8s-starrocks-trace-');
  const traces = [];
  try {
    for (let r = 0; r < o.loadReps; r++) {
      const out = path.join(dir, `trace-${r}.json`);
      timeNode(['-r', path.join(__dirname, 'trace-loads.js'), ...ctx.allFeaturesArgs], { env: { ...ctx.env, BENCH_TRACE_OUT: out } });
      traces.push(JSON.parse(fs.readFileSync(out, 'utf8')));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const tracer = path.join(__dirname, 'trace-loads.js');
  const filesOf = (t) => t.files.filter(f => f.file !== tracer && !f.main);
  const first = filesOf(traces[0]);
  const groups = new Map();
  for (const t of traces) {
    const per = new Map();
    for (const f of filesOf(t)) {
      const g = loadGroup(f.file, ctx.libDir);
      const e = per.get(g) || { files: 0, bytes: 0, selfMs: 0 };
      e.files++;
      e.bytes += f.bytes;
      e.selfMs += f.selfMs;
      per.set(g, e);
    }
    for (const [g, e] of per) {
      const a = groups.get(g) || { files: e.files, bytes: e.bytes, selfMs: [] };
      a.selfMs.push(e.selfMs);
      groups.set(g, a);
    }
  }
  const groupList = [...groups].map(([name, a]) => ({ name, files: a.files, bytes: a.bytes, selfMs: median(a.selfMs) }))
    .sort((x, y) => y.selfMs - x.selfMs);
  const loadMs = median(traces.map(t => filesOf(t).reduce((s, f) => s + f.selfMs, 0)));
  const totalMs = median(traces.map(t => t.totalMs));
  const imports = first.filter(f => f.file.startsWith(path.join(ctx.libDir, 'imports') + path.sep));
  const yamlCopies = new Set(first.filter(f => /\/node_modules\/(.*\/node_modules\/)?yaml\//.test(f.file)).map(f => f.file.replace(/(\/node_modules\/yaml)\/.*$/, '$1')));
  const kplus = first.filter(f => f.file.includes('/node_modules/cdk8s-plus-'));
  const bytes = first.reduce((s, f) => s + f.bytes, 0);
  figs.add('load.template.files', first.length, 'count');
  figs.add('load.template.size', bytes / 1024, 'KiB');
  figs.add('load.template.loading', loadMs, 'ms');
  figs.add('load.template.total', totalMs, 'ms');
  figs.add('load.template.loading_share', 100 * loadMs / totalMs, '%');
  figs.add('load.template.imports_files', imports.length, 'count');
  figs.add('load.template.yaml_copies', yamlCopies.size, 'count');
  figs.add('load.template.cdk8s_plus_files', kplus.length, 'count');
  return {
    requires, importsBytes, groups: groupList, loadMs, totalMs, files: first.length, bytes,
    imports: imports.map(f => path.relative(ctx.libDir, f.file)), yamlCopies: [...yamlCopies].map(d => path.relative(REPO_ROOT, d)),
    kplusFiles: kplus.length,
  };
}

// ---------------------------------------------------------------------------------------------
// CPU profile

function profile(o, ctx, figs) {
  log(`profile: ${o.profileRuns} CPU-profiled template runs`);
  const keepDir = o.quick ? undefined : path.join(REPO_ROOT, 'bench', 'out');
  const p = profileNode(ctx.allFeaturesArgs, o.profileRuns, { keepDir, keepName: 'template-all-features.cpuprofile' });
  figs.add('profile.sampled', p.sampledMs, 'ms');
  for (const cat of ['module_loading', 'run', 'gc', 'program']) {
    figs.add(`profile.${cat}_share`, 100 * (p.categories[cat] ? p.categories[cat].share : 0), '%');
  }
  for (const [name, ph] of Object.entries(p.phases)) figs.add(`profile.phase.${name}`, ph.ms, 'ms');
  const yamlShare = p.groups.filter(g => /(^| > )yaml$/.test(g.name)).reduce((s, g) => s + g.share, 0);
  figs.add('profile.yaml_self_share', 100 * yamlShare, '%');
  let scaleProfiles;
  if (!o.quick) {
    // where the time of synthesizing many clusters goes (fewer clusters than the scale runs: the
    // profiler slows everything down)
    const phases = [
      { name: 'construct', fn: 'buildApp', url: 'bench/workload.js' },
      { name: 'cdk8s_resolve_dependencies', fn: 'resolveDependencies', url: 'cdk8s/lib/app.js' },
      { name: 'cdk8s_validate', fn: 'validate', url: 'cdk8s/lib/app.js' },
      { name: 'to_json', fn: 'chartToKube', url: 'cdk8s/lib/app.js' },
      { name: 'yaml', fn: 'stringify', url: 'cdk8s/lib/yaml.js' },
      { name: 'yaml', fn: 'fastYamlStringify', url: '/fast/synthesis.js' },
    ];
    scaleProfiles = [];
    for (const [n, mode, app] of [[100, 'one-chart', 'starrocks'], [1000, 'one-chart', 'starrocks'], [300, 'chart-each', 'starrocks'], [1000, 'one-chart', 'cdk8s']]) {
      log(`profile: scale-worker ${n} ${mode} --app=${app}`);
      const sp = profileNode([path.join(__dirname, 'scale-worker.js'), String(n), mode, 'full', `--app=${app}`], 1, {
        phases, keepDir, keepName: `scale-${app}-${mode}-${n}.cpuprofile`, env: ctx.env,
      });
      scaleProfiles.push({ n, mode, app, ...sp });
    }
  }
  return { ...p, scaleProfiles };
}

// ---------------------------------------------------------------------------------------------
// scale

/**
 * The scale configurations: every count in one chart and one chart each, in a StarRocksApp (the
 * library's app, the figures of the targets); in one chart, beside them, the same StarRocksApp
 * with the fast paths off (CDK8S_STARROCKS_FAST=0), cdk8s's own App, and the hand-written app
 * (the same output as plain cdk8s ApiObjects in cdk8s's App: the baseline of the ratio target).
 */
function scaleConfigs(o) {
  const configs = [];
  for (const n of o.scale) {
    configs.push(
      { n, mode: 'one-chart', app: 'starrocks', fast: true },
      { n, mode: 'chart-each', app: 'starrocks', fast: true },
      { n, mode: 'one-chart', app: 'starrocks', fast: false },
      { n, mode: 'one-chart', app: 'cdk8s', fast: true },
      { n, mode: 'one-chart', app: 'handwritten' },
    );
  }
  return configs;
}

/**
 * The figure key of a scale configuration: `scale.one_chart.100`, `scale.fast_off.one_chart.100`,
 * `scale.cdk8s_app.one_chart.100`, `scale.handwritten.one_chart.100`.
 */
function scaleKey(c) {
  const app = { starrocks: c.fast === false ? 'fast_off.' : '', cdk8s: 'cdk8s_app.', handwritten: 'handwritten.' }[c.app];
  return `scale.${app}${c.mode.replace('-', '_')}`;
}

/** A configuration in words, for messages. */
function scaleLabel(c) {
  return `${c.app}${c.fast === false ? ' (fast paths off)' : ''} ${c.mode} ${c.n}`;
}

function scale(o, ctx, figs) {
  const configs = scaleConfigs(o);
  // the hand-written app's input: what the library's app writes, per count (written once, outside the timing)
  const objectsDir = tmpDir('cdk8s-starrocks-bench-objects-');
  const runs = (() => {
    try {
      const objectsFile = (n) => path.join(objectsDir, `objects-${n}.json`);
      for (const n of new Set(configs.filter(c => c.app === 'handwritten').map(c => c.n))) {
        runWorker('scale-worker.js', [String(n), 'one-chart', 'full', `--write-objects=${objectsFile(n)}`], { env: ctx.env });
      }
      log(`scale: ${configs.length} configurations x ${o.scaleReps} (fresh process each)`);
      return interleave(configs, o.scaleReps, 0, (c) => {
        const args = [String(c.n), c.mode, 'full', `--app=${c.app}`];
        if (c.app === 'handwritten') args.push(`--objects=${objectsFile(c.n)}`);
        const env = c.fast === false ? { ...ctx.env, CDK8S_STARROCKS_FAST: '0' } : ctx.env;
        const r = runWorker('scale-worker.js', args, { env });
        if (c.fast !== undefined && r.fast !== c.fast) throw new Error(`${scaleLabel(c)}: the fast paths were ${r.fast ? 'on' : 'off'}`);
        log(`  ${scaleLabel(c)}: ${fmt(r.totalMs)} ms, peak RSS ${fmt(r.maxRssMiB)} MiB`);
        return r;
      });
    } finally {
      fs.rmSync(objectsDir, { recursive: true, force: true });
    }
  })();
  // every app must write the same text (its hash) for the same clusters in one chart, in every run
  for (const n of o.scale) {
    checkSameOutput(`${n} clusters in one chart`, configs.flatMap((c, i) => (c.n === n && c.mode === 'one-chart'
      ? runs[i].map((r, k) => ({ label: `${scaleLabel(c)}, run ${k + 1}`, sha256: r.yamlSha256 })) : [])));
  }
  const rows = configs.map((c, i) => {
    const rs = runs[i];
    const m = (k) => median(rs.map(r => r[k]));
    const row = {
      n: c.n, mode: c.mode, app: c.app, fast: c.fast, reps: rs.length, totals: rs.map(r => r.totalMs),
      totalMs: m('totalMs'), minTotalMs: Math.min(...rs.map(r => r.totalMs)), maxTotalMs: Math.max(...rs.map(r => r.totalMs)),
      constructMs: m('constructMs'), synthMs: m('synthMs'), yamlMs: m('yamlMs'), gcMs: m('gcMs'),
      objects: rs[0].objects, yamlBytes: rs[0].yamlBytes, yamlSha256: rs[0].yamlSha256, maxRssMiB: m('maxRssMiB'), rssAfterLoadMiB: m('rssAfterLoadMiB'),
    };
    row.perClusterMs = row.totalMs / c.n;
    row.objectsMs = row.synthMs - row.yamlMs;
    row.perClusterNoYamlMs = (row.constructMs + row.objectsMs) / c.n;
    const key = `${scaleKey(c)}.${c.n}`;
    figs.add(`${key}.total_ms`, row.totalMs, 'ms');
    figs.add(`${key}.per_cluster_ms`, row.perClusterMs, 'ms');
    figs.add(`${key}.per_cluster_no_yaml_ms`, row.perClusterNoYamlMs, 'ms');
    figs.add(`${key}.gc_ms`, row.gcMs, 'ms');
    figs.add(`${key}.peak_rss_mib`, row.maxRssMiB, 'MiB');
    return row;
  });
  const kinds = configs.filter(c => c.n === o.scale[0]);
  for (const kind of kinds) {
    const at = (n) => rows.find(r => r.mode === kind.mode && r.app === kind.app && r.fast === kind.fast && r.n === n);
    const counts = o.scale.filter(n => at(n)).sort((a, b) => a - b);
    // the ratio the target names (1000 vs 100) when both ran, else the two largest counts
    const [lo, hi] = counts.includes(100) && counts.includes(1000) ? [100, 1000] : counts.slice(-2);
    if (lo !== undefined && hi !== undefined && lo !== hi) {
      figs.add(`${scaleKey(kind)}.per_cluster_ratio_${hi}_${lo}`, at(hi).perClusterMs / at(lo).perClusterMs, 'x');
    }
  }
  const objs = new Set(rows.map(r => r.objects / r.n));
  if (objs.size !== 1) throw new Error(`objects per cluster differ between runs: ${[...objs].join(', ')}`);
  figs.add('scale.objects_per_cluster', [...objs][0], 'count');
  // the library against the same manifests written by hand in cdk8s, per cluster, in the same run:
  // the ratio of the medians (the target), and the median of the ratios of the runs taken together
  const ratios = [];
  for (const n of o.scale) {
    const row = (app, fast) => rows.find(r => r.n === n && r.mode === 'one-chart' && r.app === app && r.fast === fast);
    const hand = row('handwritten', undefined);
    if (!hand) continue;
    const entry = { n, handwrittenMs: hand.perClusterMs };
    for (const [name, r] of [['on', row('starrocks', true)], ['off', row('starrocks', false)]]) {
      if (!r) continue;
      const ratio = r.perClusterMs / hand.perClusterMs;
      const paired = median(r.totals.map((t, k) => t / hand.totals[k]));
      const key = name === 'on' ? `scale.vs_handwritten.${n}` : `scale.fast_off.vs_handwritten.${n}`;
      figs.add(`${key}.ratio`, ratio, 'x');
      figs.add(`${key}.paired_ratio`, paired, 'x');
      entry[name] = { perClusterMs: r.perClusterMs, ratio, paired };
    }
    ratios.push(entry);
  }
  return { rows, ratios };
}

/** Fails unless every entry (`{ label, sha256 }`) has the same hash; the message names the odd ones. */
function checkSameOutput(what, entries) {
  const byHash = new Map();
  for (const e of entries) byHash.set(e.sha256, [...(byHash.get(e.sha256) || []), e.label]);
  if (byHash.size > 1) {
    const groups = [...byHash.values()].sort((a, b) => b.length - a.length);
    throw new Error(`the YAML of ${what} differs between runs or apps (${byHash.size} different texts): ${groups.slice(1).flat().join('; ')} wrote other text than ${groups[0][0]}`);
  }
}

// ---------------------------------------------------------------------------------------------
// per part

function parts(o, ctx, figs) {
  const configs = [
    { name: 'cluster', parts: 'cluster' },
    { name: 'operator', parts: 'cluster,operator' },
    { name: 'monitoring', parts: 'cluster,monitoring' },
    { name: 'datadog', parts: 'cluster,datadog' },
    { name: 'password', parts: 'cluster,password' },
    { name: 'full', parts: 'full' },
    { name: 'all', parts: 'all' },
  ];
  const warmup = o.quick ? 0 : 2;
  log(`parts: ${configs.length} configurations of ${o.partsN} clusters in one chart, ${o.partsProcs} process(es) x ${warmup} warm-up + ${o.partsReps} rounds`);
  const pooled = configs.map(() => ({ totalMs: [], constructMs: [], objectsMs: [], yamlMs: [], objects: 0 }));
  for (let p = 0; p < o.partsProcs; p++) {
    const r = runWorker('parts-worker.js', [String(o.partsN), String(o.partsReps), String(warmup), ...configs.map(c => c.parts)], { env: ctx.env });
    r.results.forEach((res, i) => {
      res.constructMs.forEach((c, k) => {
        pooled[i].totalMs.push(c + res.synthMs[k]);
        pooled[i].constructMs.push(c);
        pooled[i].objectsMs.push(res.synthMs[k] - res.yamlMs[k]);
        pooled[i].yamlMs.push(res.yamlMs[k]);
      });
      pooled[i].objects = res.objects;
    });
  }
  const n = o.partsN;
  const med = pooled.map(x => ({
    totalMs: median(x.totalMs), constructMs: median(x.constructMs), objectsMs: median(x.objectsMs), yamlMs: median(x.yamlMs), objects: x.objects,
  }));
  const base = med[0];
  const rows = configs.map((c, i) => {
    const m = med[i];
    const isDelta = !['cluster', 'full', 'all'].includes(c.name);
    const d = (k) => (isDelta ? m[k] - base[k] : m[k]) / n;
    const row = {
      name: c.name, parts: c.parts, delta: isDelta,
      perClusterMs: d('totalMs'), constructMs: d('constructMs'), objectsMs: d('objectsMs'), yamlMs: d('yamlMs'), objects: d('objects'),
    };
    figs.add(`parts.${c.name}.per_cluster_ms`, row.perClusterMs, 'ms');
    return row;
  });
  const sum = rows.filter(r => r.name === 'cluster' || r.delta).reduce((s, r) => s + r.perClusterMs, 0);
  figs.add('parts.sum_of_parts.per_cluster_ms', sum, 'ms');
  return { n, reps: o.partsReps, procs: o.partsProcs, warmup, rounds: pooled[0].totalMs.length, rows, sumPerClusterMs: sum };
}

// ---------------------------------------------------------------------------------------------

function evaluateTargets(figs) {
  const out = [];
  for (const t of TARGETS) {
    const v = figs.get(t.figure);
    if (v === undefined) continue;
    const met = v <= t.limit;
    out.push({ ...t, value: v, met });
    process.stdout.write(`target: ${t.name} ${fmt(v)} <=${t.limit} ${t.unit} ${met ? 'met' : 'missed'}\n`);
  }
  return out;
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.fromJson) {
    const results = JSON.parse(fs.readFileSync(o.fromJson, 'utf8'));
    const out = o.out || path.join(REPO_ROOT, 'BENCHMARKS.md');
    writeReport(out, results);
    log(`wrote ${path.relative(process.cwd(), out) || out} from ${o.fromJson}`);
    return;
  }
  const t0 = Date.now();
  let tmp;
  let libDir = path.join(REPO_ROOT, 'lib');
  try {
    if (o.transpile) {
      tmp = tmpDir('cdk8s-starrocks-bench-lib-');
      log(`transpiling src/ and imports/ into ${tmp}`);
      libDir = require('./transpile').transpileLib(tmp);
    } else if (!fs.existsSync(path.join(libDir, 'src', 'index.js'))) {
      throw new Error('lib/src/index.js is missing: run npx projen compile first (or use --transpile)');
    }
    const stale = o.transpile ? [] : checkFresh(libDir);
    if (!o.transpile) checkBundle(libDir);
    const bin = commandPath(libDir, o.transpile);
    const ctx = {
      libDir, bin, env: childEnv(libDir),
      allFeaturesArgs: [bin, 'template', 'bench', 'kube-starrocks', '--namespace', 'starrocks', '--api-versions', 'monitoring.coreos.com/v1', '-f', ALL_FEATURES],
    };
    const info = { ...machine(), bin: bin.startsWith(REPO_ROOT + path.sep) ? path.relative(REPO_ROOT, bin) : bin, transpiled: o.transpile, staleSources: stale.length };
    log(`machine: ${info.cpu}, ${info.cores} cores, node ${info.node}; command ${info.bin}${o.quick ? '; quick mode' : ''}`);
    const figs = new Figures();
    const results = { options: o, machine: info };
    if (o.sections.includes('cold')) results.cold = coldStart(o, ctx, figs);
    if (o.sections.includes('load')) results.load = loading(o, ctx, figs);
    if (o.sections.includes('profile')) results.profile = profile(o, ctx, figs);
    if (o.sections.includes('scale')) results.scale = scale(o, ctx, figs);
    if (o.sections.includes('parts')) results.parts = parts(o, ctx, figs);
    results.targets = evaluateTargets(figs);
    results.figures = figs.list;
    results.elapsedS = (Date.now() - t0) / 1000;
    info.loadavgEnd = require('os').loadavg();
    if (o.json) {
      fs.mkdirSync(path.dirname(o.json), { recursive: true });
      fs.writeFileSync(o.json, `${JSON.stringify(results, null, 2)}\n`);
    }
    if (o.write) {
      writeReport(o.out, results);
      log(`wrote ${path.relative(process.cwd(), o.out) || o.out}`);
    }
    log(`done in ${fmt(results.elapsedS, 0)} s`);
  } finally {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`bench: error: ${e && e.stack ? e.stack : e}\n`);
    process.exit(1);
  }
}

module.exports = { checkSameOutput, TARGETS };

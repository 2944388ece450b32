'use strict';
/**
 * One scale measurement in a fresh process, so that the peak RSS is this configuration's alone:
 *
 *   node bench/scale-worker.js <n> <one-chart|chart-each> [parts] [--no-warmup | --warmup=K]
 *     [--app=starrocks|cdk8s|handwritten] [--objects=FILE] [--write-objects=FILE]
 *
 * parts: `full` (cluster, monitoring, datadog, password: the default), `all` (plus the operator),
 * or a comma-separated list of cluster, operator, monitoring, datadog, password.
 *
 * The app is the library's StarRocksApp (`--app=starrocks`, the default; with the fast paths off
 * when CDK8S_STARROCKS_FAST=0 is in the environment) or cdk8s's App (`--app=cdk8s`). Loads cdk8s
 * and the compiled library, warms up by synthesizing K clusters (default 1) in a throw-away app
 * (none with --no-warmup), then times the construction of `n` clusters and `app.synthYaml()`
 * (validation, dependency resolution, rendering of every object and YAML; nothing is written).
 * Prints one JSON line.
 *
 * `--write-objects=FILE` measures nothing: it writes what a StarRocksApp of `n` clusters in one
 * chart synthesizes, as JSON, for `--app=handwritten --objects=FILE`: cdk8s's App holding those
 * objects as plain `ApiObject`s (bench/workload.js, buildHandwrittenApp), loading cdk8s alone,
 * warmed up with the objects of K clusters, timed constructing them and `app.synthYaml()`.
 */
const fs = require('fs');
const { load, loadCdk8s, fastPathsEnabled, buildApp, buildHandwrittenApp, libraryObjects, parseParts, yamlTimer } = require('./workload');

function msSince(t0) {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function main() {
  const args = process.argv.slice(2);
  const flags = new Set(args.filter(a => a.startsWith('--') && !a.includes('=')));
  const pos = args.filter(a => !a.startsWith('--'));
  const n = Number(pos[0]);
  const mode = pos[1] || 'one-chart';
  const parts = parseParts(pos[2]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`usage: scale-worker.js <n> <one-chart|chart-each> [parts]; got n=${pos[0]}`);

  const option = (name) => {
    const a = args.find(x => x.startsWith(`--${name}=`));
    return a === undefined ? undefined : a.slice(name.length + 3);
  };
  const appKind = option('app') || 'starrocks';

  const writeTo = option('write-objects');
  if (writeTo) {
    if (mode !== 'one-chart') throw new Error('--write-objects: one-chart only');
    fs.writeFileSync(writeTo, JSON.stringify(libraryObjects(load(), n, parts)));
    process.stdout.write(`${JSON.stringify({ n, wrote: writeTo })}\n`);
    return;
  }
  const handwritten = appKind === 'handwritten';
  let data;
  if (handwritten) {
    const file = option('objects');
    if (!file || mode !== 'one-chart') throw new Error('--app=handwritten needs --objects=FILE (from --write-objects) and one-chart');
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (data.n !== n) throw new Error(`${file} holds the objects of ${data.n} clusters, not ${n}`);
  }

  const tLoad = process.hrtime.bigint();
  const mods = handwritten ? loadCdk8s() : load();
  const loadMs = msSince(tLoad);
  const rssAfterLoad = process.memoryUsage().rss;
  const yaml = yamlTimer(mods, appKind);
  const build = handwritten ? () => buildHandwrittenApp(mods, data.charts) : () => buildApp(mods, n, mode, parts, appKind);

  const warm = args.find(a => a.startsWith('--warmup='));
  const warmup = flags.has('--no-warmup') ? 0 : warm ? Number(warm.slice('--warmup='.length)) : 1;
  if (!Number.isInteger(warmup) || warmup < 0) throw new Error(`bad ${warm}`);
  if (warmup > 0) {
    if (handwritten) {
      // the objects of the first `warmup` clusters, a copy of their own
      const perCluster = data.charts.reduce((k, c) => k + c.objects.length, 0) / n;
      const first = JSON.parse(JSON.stringify(data.charts[0].objects.slice(0, perCluster * warmup)));
      buildHandwrittenApp(mods, [{ id: 'warmup', objects: first }]).synthYaml();
    } else {
      buildApp(mods, warmup, mode, parts, appKind).synthYaml();
    }
  }

  // garbage collection during the measured part (V8's GC events)
  const { PerformanceObserver, performance } = require('perf_hooks');
  const gcEvents = [];
  const observer = new PerformanceObserver((list) => gcEvents.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  yaml.reset();
  const measuredFrom = performance.now();
  const t0 = process.hrtime.bigint();
  const app = build();
  const constructMs = msSince(t0);
  const t1 = process.hrtime.bigint();
  const text = app.synthYaml();
  const synthMs = msSince(t1);
  const yamlMs = yaml.ms();
  const measuredTo = performance.now();
  const mem = process.memoryUsage();
  const result = {
    n,
    mode,
    app: appKind,
    fast: handwritten ? undefined : fastPathsEnabled(),
    parts,
    warmup,
    loadMs,
    constructMs,
    synthMs,
    yamlMs,
    totalMs: constructMs + synthMs,
    perClusterMs: (constructMs + synthMs) / n,
    objects: text.split(/^---$/m).filter(d => d.trim() !== '').length,
    yamlBytes: Buffer.byteLength(text),
    yamlSha256: require('crypto').createHash('sha256').update(text).digest('hex'),
    rssAfterLoadMiB: rssAfterLoad / 1024 / 1024,
    heapUsedMiB: mem.heapUsed / 1024 / 1024,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  result.objectsPerCluster = result.objects / n;
  // GC entries arrive asynchronously (after a turn of the event loop): report once they are in
  setTimeout(() => {
    observer.disconnect();
    const gc = gcEvents.filter(e => e.startTime >= measuredFrom && e.startTime <= measuredTo);
    result.gcMs = gc.reduce((sum, e) => sum + e.duration, 0);
    result.gcCount = gc.length;
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }, 20);
}

main();

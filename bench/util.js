'use strict';
/**
 * Helpers of the benchmark harness: statistics, timing child processes, running the workers, and
 * the `bench: <name> <value> <unit>` output lines.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const REPO_ROOT = path.resolve(__dirname, '..');

/** Median of numbers (mean of the two middle ones for an even count). */
function median(xs) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median, min, max and count of a list of numbers. */
function summary(xs) {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
}

/** Milliseconds since an hrtime.bigint() reading. */
function msSince(t0) {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/**
 * Runs `node ...args` once and returns its wall time in ms (fork/exec to exit, measured around
 * spawnSync). Standard output goes to /dev/null unless `capture` is set; a non-zero exit or any
 * output on standard error is an error (a benchmark of a failing command is worthless).
 */
function timeNode(args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    cwd: opts.cwd || REPO_ROOT,
    env: opts.env || process.env,
    stdio: ['ignore', opts.capture ? 'pipe' : 'ignore', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  });
  const ms = msSince(t0);
  if (r.error) throw r.error;
  if (r.status !== 0 || (r.stderr && r.stderr.trim() !== '' && !opts.allowStderr)) {
    throw new Error(`node ${args.join(' ')} exited with ${r.status}${r.signal ? ` (${r.signal})` : ''}:\n${r.stderr}`);
  }
  return { ms, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs a worker script (`node [nodeArgs] bench/<script> ...args`) that prints one JSON object on
 * its last line of standard output, and returns that object.
 */
function runWorker(script, args, opts = {}) {
  const r = spawnSync(process.execPath, [...(opts.nodeArgs || []), path.join(__dirname, script), ...args], {
    cwd: opts.cwd || REPO_ROOT,
    env: opts.env || process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    throw new Error(`bench/${script} ${args.join(' ')} exited with ${r.status}${r.signal ? ` (${r.signal})` : ''}:\n${r.stderr}`);
  }
  const lines = r.stdout.trim().split('\n');
  try {
    return JSON.parse(lines[lines.length - 1]);
  } catch (e) {
    throw new Error(`bench/${script} ${args.join(' ')} printed no JSON result:\n${r.stdout}\n${r.stderr}`);
  }
}

/**
 * Runs `fn(item)` for every item, `rounds` times, interleaved (A,B,C,A,B,C,...; the order rotates
 * every round so that no item always runs right after the same other one), after `warmup`
 * discarded rounds. Returns, per item, the list of results of the measured rounds.
 */
function interleave(items, rounds, warmup, fn, onRound) {
  const results = items.map(() => []);
  for (let r = 0; r < warmup + rounds; r++) {
    for (let k = 0; k < items.length; k++) {
      const i = (k + r) % items.length;
      const v = fn(items[i], r < warmup);
      if (r >= warmup) results[i].push(v);
    }
    if (onRound) onRound(r - warmup + 1, rounds);
  }
  return results;
}

/** Formats a number for a `bench:` line or a table. */
function fmt(v, digits) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return String(v);
  if (digits !== undefined) return v.toFixed(digits);
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(1) : a >= 10 ? v.toFixed(2) : a >= 1 ? v.toFixed(3) : v.toFixed(4);
}

/** Collects and prints the `bench: <name> <value> <unit>` lines. */
class Figures {
  constructor(out = (s) => process.stdout.write(s)) {
    this.out = out;
    this.list = [];
    this.byName = new Map();
  }
  add(name, value, unit) {
    if (!/^[a-z0-9_.]+$/.test(name)) throw new Error(`bad figure name ${name}`);
    if (this.byName.has(name)) throw new Error(`figure ${name} twice`);
    const f = { name, value, unit };
    this.list.push(f);
    this.byName.set(name, f);
    this.out(`bench: ${name} ${unit === 'count' && Number.isInteger(value) ? String(value) : fmt(value)} ${unit}\n`);
    return value;
  }
  get(name) {
    const f = this.byName.get(name);
    return f ? f.value : undefined;
  }
}

/** Progress messages go to standard error, so that standard output holds only the figures. */
function log(msg) {
  process.stderr.write(`[bench] ${msg}\n`);
}

/** The machine the benchmark ran on. */
function machine() {
  const cpus = os.cpus();
  let commit = 'unknown';
  let dirty = false;
  try {
    commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).stdout.trim() || 'unknown';
    dirty = spawnSync('git', ['status', '--porcelain', '--', 'src'], { cwd: REPO_ROOT, encoding: 'utf8' }).stdout.trim() !== '';
  } catch {
    // no git
  }
  return {
    cpu: cpus.length ? cpus[0].model.trim() : 'unknown',
    cores: cpus.length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    v8: process.versions.v8,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    loadavg: os.loadavg(),
    commit,
    srcDirty: dirty,
  };
}

/** A fresh temporary directory (outside the repository). */
function tmpDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

module.exports = {
  REPO_ROOT, median, summary, msSince, timeNode, runWorker, interleave, fmt, Figures, log, machine, tmpDir,
};

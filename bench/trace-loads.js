'use strict';
/**
 * Preloaded (`node -r ./bench/trace-loads.js ...`) into a command to see what it loads: it times
 * every `require` of a file (resolution, reading, compiling and running the module's top level),
 * and when the process exits writes to the file named by BENCH_TRACE_OUT, as JSON, every loaded
 * file with its size and its self time (its own load time without the modules it required), plus
 * the process's total time from this preload to exit.
 *
 * The hook adds a little time to each require; the figures are for finding what loading costs,
 * not for the cold-start comparison (which runs without it).
 */
const Module = require('module');
const fs = require('fs');

const out = process.env.BENCH_TRACE_OUT;
const tStart = process.hrtime.bigint();
const records = new Map(); // filename -> { selfNs, inclNs }
const stack = []; // child time accumulated per open load

const load = Module._load;
Module._load = function (request, parent, isMain) {
  let filename;
  try {
    filename = Module._resolveFilename(request, parent, isMain);
  } catch {
    return load.apply(this, arguments);
  }
  if (Module._cache[filename] || !filename.startsWith('/')) {
    // already loaded, or a built-in module: not a file load
    return load.apply(this, arguments);
  }
  const t0 = process.hrtime.bigint();
  stack.push(0n);
  try {
    return load.apply(this, arguments);
  } finally {
    const incl = process.hrtime.bigint() - t0;
    const child = stack.pop();
    if (stack.length > 0) stack[stack.length - 1] += incl;
    const r = records.get(filename) || { selfNs: 0n, inclNs: 0n, main: !!isMain };
    r.selfNs += incl - child;
    r.inclNs += incl;
    records.set(filename, r);
  }
};

process.on('exit', () => {
  if (!out) return;
  const totalMs = Number(process.hrtime.bigint() - tStart) / 1e6;
  const files = [];
  for (const filename of Object.keys(require.cache)) {
    const r = records.get(filename);
    let bytes = 0;
    try {
      bytes = fs.statSync(filename).size;
    } catch {
      // gone
    }
    files.push({
      file: filename,
      bytes,
      selfMs: r ? Number(r.selfNs) / 1e6 : 0,
      inclMs: r ? Number(r.inclNs) / 1e6 : 0,
      main: r ? r.main : false,
    });
  }
  fs.writeFileSync(out, JSON.stringify({ totalMs, files }));
});

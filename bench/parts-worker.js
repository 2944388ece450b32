'use strict';
/**
 * The per-part costs in one process: apps of `n` clusters in one chart with each set of parts,
 * built in a StarRocksApp and synthesized (`app.synthYaml()`) in turns, `reps` times after `warmup` discarded rounds,
 * so that every configuration runs with the same warm JIT and the differences between them are
 * the parts' own steady-state costs.
 *
 *   node bench/parts-worker.js <n> <reps> <warmup> <parts> [<parts> ...]
 *
 * Each <parts> is as for scale-worker.js (`cluster`, `cluster,operator`, `all`, ...). Prints one
 * JSON line: per configuration, every round's construct, synth and YAML times in ms.
 */
const { load, buildApp, parseParts, yamlTimer } = require('./workload');

function msSince(t0) {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function main() {
  const [nText, repsText, warmupText, ...configs] = process.argv.slice(2);
  const n = Number(nText);
  const reps = Number(repsText);
  const warmup = Number(warmupText);
  if (![n, reps].every(v => Number.isInteger(v) && v > 0) || !Number.isInteger(warmup) || warmup < 0 || configs.length === 0) {
    throw new Error('usage: parts-worker.js <n> <reps> <warmup> <parts> [<parts> ...]');
  }
  const mods = load();
  const yamlTime = yamlTimer(mods, 'starrocks');
  const partLists = configs.map(parseParts);
  const results = configs.map(parts => ({ parts, constructMs: [], synthMs: [], yamlMs: [], objects: 0 }));
  for (let round = 0; round < warmup + reps; round++) {
    for (let k = 0; k < configs.length; k++) {
      const i = (k + round) % configs.length;
      yamlTime.reset();
      const t0 = process.hrtime.bigint();
      const app = buildApp(mods, n, 'one-chart', partLists[i]);
      const constructMs = msSince(t0);
      const t1 = process.hrtime.bigint();
      const yaml = app.synthYaml();
      const synthMs = msSince(t1);
      if (round >= warmup) {
        const r = results[i];
        r.constructMs.push(constructMs);
        r.synthMs.push(synthMs);
        r.yamlMs.push(yamlTime.ms());
        r.objects = yaml.split(/^---$/m).filter(d => d.trim() !== '').length;
      }
    }
  }
  process.stdout.write(`${JSON.stringify({ n, reps, warmup, results })}\n`);
}

main();

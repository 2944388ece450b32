#!/usr/bin/env node
/**
 * The `cdk8s-starrocks` command (package.json `bin`). Everything is in ./main; this file only
 * connects it to the process.
 *
 * A render runs from the single-file bundle lib/cli.js with its V8 code cache when the build made
 * them (see ./bundle): a cold `template` run takes about half the time it takes from the modules.
 * `--help`, `--version` and command lines without `template` load only ./main and ./args; `--debug`
 * runs the modules (readable stack traces).
 *
 * @internal
 */
import type { main as Main } from './main';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  // the reader went away (`cdk8s-starrocks template ... | head`): stop quietly
  if (e.code === 'EPIPE') {
    process.exitCode = process.exitCode ?? 0;
    process.stdout.destroy();
    return;
  }
  throw e;
});

const argv = process.argv.slice(2);

/* eslint-disable @typescript-eslint/no-require-imports */
// the bundle is minified: --debug stack traces come from the modules
const render = argv.includes('template') && !argv.includes('--debug');
const main: typeof Main = (render ? (require('./bundle') as typeof import('./bundle')).bundledMain() : undefined)
  ?? (require('./main') as typeof import('./main')).main;
/* eslint-enable @typescript-eslint/no-require-imports */

main(argv, {
  stdout: (s) => { process.stdout.write(s); },
  stderr: (s) => { process.stderr.write(s); },
  cwd: process.cwd(),
}).then(
  (code) => { process.exitCode = code; },
  (e) => {
    process.stderr.write(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);

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

/** Set when standard output failed: the exit status then is 1 (0 for EPIPE), whatever the render gave. */
let stdoutStatus: number | undefined;

/**
 * A failed write to standard output. EPIPE (the reader went away: `cdk8s-starrocks template ... |
 * head`) stops quietly; anything else (ENOSPC with `> /dev/full`, EIO, ...) is one line on standard
 * error and exit status 1, never a stack trace.
 */
function stdoutFailed(e: unknown): void {
  if (stdoutStatus !== undefined) return;
  if ((e as NodeJS.ErrnoException)?.code === 'EPIPE') {
    stdoutStatus = 0;
  } else {
    stdoutStatus = 1;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { errnoText } = require('./files') as typeof import('./files');
    process.stderr.write(`Error: write <stdout>: ${errnoText(e)}\n`);
  }
  process.exitCode = stdoutStatus;
  process.stdout.destroy();
}

process.stdout.on('error', stdoutFailed);

const argv = process.argv.slice(2);

/* eslint-disable @typescript-eslint/no-require-imports */
// the bundle is minified: --debug stack traces come from the modules
const render = argv.includes('template') && !argv.includes('--debug');
const main: typeof Main = (render ? (require('./bundle') as typeof import('./bundle')).bundledMain() : undefined)
  ?? (require('./main') as typeof import('./main')).main;
/* eslint-enable @typescript-eslint/no-require-imports */

main(argv, {
  stdout: (s) => {
    if (stdoutStatus !== undefined) return;
    try {
      process.stdout.write(s);
    } catch (e) {
      stdoutFailed(e);
    }
  },
  stderr: (s) => { process.stderr.write(s); },
  cwd: process.cwd(),
}).then(
  (code) => { process.exitCode = stdoutStatus ?? code; },
  (e) => {
    process.stderr.write(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);

#!/usr/bin/env node
/**
 * The `cdk8s-starrocks` command (package.json `bin`). Everything is in ./main; this file only
 * connects it to the process.
 *
 * @internal
 */
import { main } from './main';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  // the reader went away (`cdk8s-starrocks template ... | head`): stop quietly
  if (e.code === 'EPIPE') {
    process.exitCode = process.exitCode ?? 0;
    process.stdout.destroy();
    return;
  }
  throw e;
});

main(process.argv.slice(2), {
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

/**
 * Runs the `cdk8s-starrocks` command in-process (its `main` with captured output), in a temporary
 * working directory made before and removed after the test file.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';

/** What one run of the command printed, and its exit status. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A working directory for the command's runs in one test file. */
export interface CliSandbox {
  /** The directory (made in `beforeAll`). */
  readonly dir: string;
  /** Runs the command there; `stdin` is what it reads for `-f -`. */
  run(argv: string[], stdin?: string): Promise<CliRun>;
  /** Writes a file there (directories made as needed); returns its path. */
  write(name: string, text: string): string;
}

/** A CliSandbox whose directory is named `<prefix>XXXXXX` under the system's temporary directory. */
export function cliSandbox(prefix: string): CliSandbox {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    async run(argv, stdin) {
      let stdout = '';
      let stderr = '';
      const code = await main(argv, {
        stdout: s => { stdout += s; },
        stderr: s => { stderr += s; },
        cwd: dir,
        ...(stdin !== undefined ? { readStdin: () => stdin } : {}),
      });
      return { code, stdout, stderr };
    },
    write(name, text) {
      const file = path.join(dir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      return file;
    },
  };
}

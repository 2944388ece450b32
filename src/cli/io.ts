/**
 * What every subcommand of the command reads and writes through.
 *
 * @internal
 */

/** Where the command reads and writes; the process streams for the real command. @internal */
export interface CliIo {
  /** Receives everything for standard output (one call on success). */
  readonly stdout: (s: string) => void;
  /** Receives error messages. */
  readonly stderr: (s: string) => void;
  /** The directory relative file names are resolved from. */
  readonly cwd: string;
  /** Reads standard input whole (for `-f -`). Default: file descriptor 0. */
  readonly readStdin?: () => string;
}

/**
 * The command's file system work: errno codes in words, and `--output-dir` written safely (render
 * first, write a temporary directory beside the target, then move the files into place; never
 * through a symbolic link).
 *
 * @internal
 */
import * as fs from 'fs';
import * as path from 'path';

/** Errno codes in words (as Go, and so Helm, prints them). */
const ERRNO_WORDS: { readonly [code: string]: string } = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
  EEXIST: 'file exists',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in system',
  EIO: 'input/output error',
  EBUSY: 'device or resource busy',
  ENOTEMPTY: 'directory not empty',
  EXDEV: 'invalid cross-device link',
  EINVAL: 'invalid argument',
  EFBIG: 'file too large',
  EPIPE: 'broken pipe',
  EAGAIN: 'resource temporarily unavailable',
  ENXIO: 'no such device or address',
  ENODEV: 'no such device',
  ETXTBSY: 'text file busy',
};

/**
 * Why a file operation failed, in words: `no such file or directory`, never `ENOENT: ...` or a
 * JavaScript text. An unknown code keeps Node's description without the code and the path.
 *
 * @internal
 */
export function errnoText(e: unknown): string {
  const code = typeof e === 'object' && e !== null ? (e as NodeJS.ErrnoException).code : undefined;
  if (code !== undefined && ERRNO_WORDS[code] !== undefined) {
    return ERRNO_WORDS[code];
  }
  const message = e instanceof Error ? e.message : String(e);
  // Node's form: "ECODE: description, syscall 'path'"
  const m = /^[A-Z0-9_]+: ([^,]+)/.exec(message);
  return m ? m[1] : code !== undefined ? `error ${code}` : message;
}

/** A file error as one line: `<op> <file>: <reason>` (Go's form, as Helm prints it). @internal */
export function fileError(op: string, file: string, e: unknown): Error {
  return new Error(`${op} ${file}: ${errnoText(e)}`);
}

/**
 * Makes a directory and its missing parents, one level at a time (Node's recursive `mkdirSync`
 * loops forever on some paths, e.g. under /proc). Existing parts may be links to directories (the
 * user chose the path).
 */
function makeDirectories(dir: string, shown: string): string[] {
  const missing: string[] = [];
  let cur = dir;
  for (;;) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(cur);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw fileError('mkdir', shown, e);
      }
    }
    if (st) {
      if (!st.isDirectory()) {
        throw new Error(`mkdir ${shown}: not a directory`);
      }
      break;
    }
    missing.push(cur);
    const parent = path.dirname(cur);
    if (parent === cur) break;
    cur = parent;
  }
  const made: string[] = [];
  for (const d of missing.reverse()) {
    try {
      fs.mkdirSync(d);
      made.push(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        removeEmptyDirectories(made);
        throw fileError('mkdir', shown, e);
      }
    }
  }
  return made;
}

/** Removes directories this run made, deepest first, where still empty. */
function removeEmptyDirectories(made: readonly string[]): void {
  for (const d of [...made].reverse()) {
    try {
      fs.rmdirSync(d);
    } catch {
      // not empty, or gone: left as it is
    }
  }
}

/** One file to write: its name inside the chart directory and its text. @internal */
export interface OutputFile {
  readonly name: string;
  readonly text: string;
}

/**
 * Writes `files` to `<outputDir>/<chart>/`, all or nothing as far as the file system allows:
 *
 * 1. `outputDir` is made if missing (its own path may contain links: the user chose it);
 * 2. every file is written into a new temporary directory made inside `outputDir`, beside the
 *    chart directory; a failure there removes it and leaves the target as it was;
 * 3. the chart directory, when it does not exist, is the temporary directory renamed (atomic);
 *    otherwise it must be a real directory (not a link), every target must be absent or a regular
 *    file (not a link, not a directory): checked for all before any is replaced; then each file is
 *    renamed into place (a rename replaces, never writes through, whatever is there).
 *
 * Files of an earlier run that this run does not write are left alone.
 *
 * @param shownDir the directory as the user wrote it (for messages and the "wrote" lines)
 * @returns the paths written, as shown to the user
 * @throws Error one line, naming the path, with the reason in words
 * @internal
 */
export function writeOutputFiles(outputDir: string, shownDir: string, chart: string, files: readonly OutputFile[]): string[] {
  const target = path.join(outputDir, chart);
  const shownTarget = path.join(shownDir, chart);
  const made = makeDirectories(outputDir, shownDir);
  let tmp: string;
  try {
    tmp = fs.mkdtempSync(path.join(outputDir, `.${chart}.tmp-`));
  } catch (e) {
    removeEmptyDirectories(made);
    throw fileError('mkdir', path.join(shownDir, `.${chart}.tmp-*`), e);
  }
  let done = false;
  const cleanUp = () => {
    try {
      fs.rmSync(tmp, { recursive: true, force: true });
    } catch {
      // nothing more can be done; the message names the target
    }
  };
  try {
    for (const f of files) {
      try {
        // 'wx': a new file in our new directory (never through a link)
        fs.writeFileSync(path.join(tmp, f.name), f.text, { flag: 'wx' });
      } catch (e) {
        throw fileError('write', path.join(shownTarget, f.name), e);
      }
    }
    let existing: fs.Stats | undefined;
    try {
      existing = fs.lstatSync(target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError('stat', shownTarget, e);
    }
    if (existing === undefined) {
      try {
        fs.renameSync(tmp, target);
      } catch (e) {
        throw fileError('rename', shownTarget, e);
      }
      done = true;
      return files.map(f => path.join(shownTarget, f.name));
    }
    if (existing.isSymbolicLink()) {
      throw new Error(`write ${shownTarget}: it is a symbolic link; cdk8s-starrocks does not write through links inside the output directory`);
    }
    if (!existing.isDirectory()) {
      throw new Error(`write ${shownTarget}: it exists and is not a directory`);
    }
    for (const f of files) {
      const file = path.join(target, f.name);
      let st: fs.Stats | undefined;
      try {
        st = fs.lstatSync(file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError('stat', path.join(shownTarget, f.name), e);
      }
      if (st?.isSymbolicLink()) {
        throw new Error(`write ${path.join(shownTarget, f.name)}: it is a symbolic link; cdk8s-starrocks does not write through links inside the output directory`);
      }
      if (st && !st.isFile()) {
        throw new Error(`write ${path.join(shownTarget, f.name)}: it exists and is not a regular file`);
      }
    }
    for (const f of files) {
      try {
        fs.renameSync(path.join(tmp, f.name), path.join(target, f.name));
      } catch (e) {
        throw fileError('rename', path.join(shownTarget, f.name), e);
      }
    }
    done = true;
    return files.map(f => path.join(shownTarget, f.name));
  } finally {
    cleanUp();
    if (!done) removeEmptyDirectories(made);
  }
}

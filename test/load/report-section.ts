/**
 * One benchmark's section of docs/benchmarks.md: written in place of the previous one (from its `## ` heading to
 * the next `## ` heading), or appended, so the other benchmarks' sections stay as they are.
 */
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';

const LOCK_WAIT_MS = 30_000;

/** Replaces the section that starts with `heading` (a `## ` line) by `text`, which starts with that heading. */
export function writeSection(file: string, heading: string, text: string): void {
  if (!text.startsWith(heading)) throw new Error(`the section text must start with its heading: ${heading}`);
  // Benchmarks may finish at the same time; without the lock one's read-modify-write loses or splices another's.
  withFileLock(`${file}.lock`, () => {
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
    const body = text.endsWith('\n') ? text : `${text}\n`;
    const start = current.indexOf(`\n${heading}`);
    let next: string;
    if (start < 0) {
      next = `${current.trimEnd()}\n\n${body}`;
    } else {
      const after = current.indexOf('\n## ', start + 1 + heading.length);
      const rest = after < 0 ? '' : `\n${current.slice(after + 1)}`;
      next = `${current.slice(0, start + 1)}${body}${rest}`;
    }
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, next);
    renameSync(temporary, file);
  });
}

function withFileLock(lockFile: string, work: () => void): void {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      closeSync(openSync(lockFile, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() > deadline)
        throw new Error(
          `${lockFile} is still held after ${LOCK_WAIT_MS} ms; remove it if no benchmark is writing`,
        );
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    work();
  } finally {
    unlinkSync(lockFile);
  }
}

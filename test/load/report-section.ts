/**
 * One benchmark's section of docs/benchmarks.md: written in place of the previous one (from its `## ` heading to
 * the next `## ` heading), or appended, so the other benchmarks' sections stay as they are.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Replaces the section that starts with `heading` (a `## ` line) by `text`, which starts with that heading. */
export function writeSection(file: string, heading: string, text: string): void {
  if (!text.startsWith(heading)) throw new Error(`the section text must start with its heading: ${heading}`);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const body = text.endsWith('\n') ? text : `${text}\n`;
  const start = current.indexOf(heading);
  if (start < 0) {
    writeFileSync(file, `${current.trimEnd()}\n\n${body}`);
    return;
  }
  const after = current.indexOf('\n## ', start + heading.length);
  const rest = after < 0 ? '' : `\n${current.slice(after + 1)}`;
  writeFileSync(file, `${current.slice(0, start)}${body}${rest}`);
}

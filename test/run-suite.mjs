// `npm test`: checks, builds, then the whole Vitest suite; ends with the total time and, last, the plain
// "N passed, N failed" line, so a reader (or CI) sees both without scrolling.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(0);
const steps = [
  ['npm', ['run', 'check']],
  ['npm', ['run', 'build']],
  ['npm', ['run', 'build:web']],
  ['npx', ['vitest', 'run', ...process.argv.slice(2)]],
];
const report = 'test-results/vitest.json';
rmSync(report, { force: true });
let status = 0;
for (const [command, args] of steps) {
  const run = spawnSync(command, args, { stdio: 'inherit' });
  status = run.status ?? 1;
  if (status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${status})`);
    break;
  }
}
console.log(`\ntest suite total time: ${seconds()} s`);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}
process.exit(status);

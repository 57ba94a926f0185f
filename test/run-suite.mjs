// `npm test`: checks, builds, then the whole Vitest suite; ends with the total time and, last, the plain
// "N passed, N failed" line, so a reader (or CI) sees both without scrolling.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(0);
// The inbox budgets measure time in the browser: they run on their own after the rest, so two spec files sharing
// the two cores do not stand in for the product's speed. Any arguments: those files only, in one run.
const BUDGETS = 'test/e2e/web-inbox-list.spec.ts';
// Specs that start extra worker processes (about 20 connections each, on top of their environment's 40): run on
// their own too, so their peak never meets another file's environment on a server with 100 connections.
const ALONE = ['test/e2e/sla-workers.spec.ts', 'test/e2e/timers-workers.spec.ts'];
const aloneReport = 'test-results/alone.json';
const given = process.argv.slice(2);
const report = 'test-results/vitest.json';
const budgetsReport = 'test-results/budgets.json';
const steps = [
  ['npm', ['run', 'check']],
  ['npm', ['run', 'build']],
  ['npm', ['run', 'build:web']],
  ...(given.length
    ? [['npx', ['vitest', 'run', ...given]]]
    : [
        ['npx', ['vitest', 'run', '--exclude', BUDGETS, ...ALONE.flatMap((f) => ['--exclude', f])]],
        ['npx', ['vitest', 'run', ...ALONE, '--maxWorkers=1', `--outputFile.json=${aloneReport}`]],
        ['npx', ['vitest', 'run', BUDGETS, `--outputFile.json=${budgetsReport}`]],
      ]),
];
rmSync(report, { force: true });
rmSync(budgetsReport, { force: true });
rmSync(aloneReport, { force: true });
let status = 0;
for (const [command, args] of steps) {
  const run = spawnSync(command, args, { stdio: 'inherit' });
  const code = run.status ?? 1;
  if (code !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${code})`);
    status ||= code;
    // The budgets still run after a failed suite (their figures are worth seeing); a failed build stops here.
    if (command !== 'npx') break;
  }
}
console.log(`\ntest suite total time: ${seconds()} s`);
const counts = [report, aloneReport, budgetsReport]
  .filter((f) => existsSync(f))
  .map((f) => JSON.parse(readFileSync(f, 'utf8')));
if (counts.length) {
  const passed = counts.reduce((n, r) => n + r.numPassedTests, 0);
  const failed = counts.reduce((n, r) => n + r.numFailedTests, 0);
  console.log(`${passed} passed, ${failed} failed`);
}
process.exit(status);

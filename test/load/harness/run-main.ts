/** Runs a benchmark's main and exits with its outcome (0, or 1 after the stack), whatever handles are left open. */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e: Error) => {
      process.stderr.write(`${e.stack}\n`);
      process.exit(1);
    },
  );
}

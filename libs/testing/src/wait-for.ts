/** Polls until `check` returns a truthy value (an empty array counts as not yet); fails with the last observed value after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T> | T,
  opts: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await check();
      if (last && !(Array.isArray(last) && last.length === 0)) return last as NonNullable<T>;
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 50));
  }
  throw new Error(
    `timed out waiting for ${opts.what ?? 'condition'}; last value: ${JSON.stringify(last)}${lastError ? `; last error: ${(lastError as Error).message}` : ''}`,
  );
}

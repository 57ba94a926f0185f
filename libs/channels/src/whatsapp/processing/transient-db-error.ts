/** SQLSTATEs that say "try again", not "this data is bad": deadlock, serialization, lock/statement timeout, lost connection. */
const TRANSIENT = new Set(['40P01', '40001', '55P03', '57014', '57P01', '08000', '08003', '08006', '53300']);

/** True when retrying the same work later can succeed; such errors must never be recorded as bad items. */
export function isTransientDbError(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  return TRANSIENT.has(code) || ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE'].includes(code);
}

/** What became of one action of a matched rule: written on the card timeline. */
export interface ActionOutcome {
  action: string;
  outcome: 'applied' | 'skipped' | 'refused';
  /** The value applied, or why it was skipped or refused. */
  detail?: string;
  value?: unknown;
}

export const errorMessage = (e: unknown): string => {
  if (e && typeof e === 'object' && 'getResponse' in e && typeof e.getResponse === 'function') {
    const body: unknown = e.getResponse();
    if (body && typeof body === 'object' && 'message' in body) {
      const m = (body as { message: unknown }).message;
      return Array.isArray(m) ? m.join('; ') : String(m);
    }
  }
  return e instanceof Error ? e.message : String(e);
};

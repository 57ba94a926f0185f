/** Timer kinds of the free-reply window: a warning before it closes, and its close. */
export const WINDOW_WARNING = 'window.warning';
export const WINDOW_CLOSED = 'window.closed';
export const WINDOW_TIMER_KINDS = [WINDOW_WARNING, WINDOW_CLOSED] as const;

export const windowWarningKey = (conversationId: string) => `window:${conversationId}:warning`;
export const windowClosedKey = (conversationId: string) => `window:${conversationId}:closed`;

/** What each window timer carries: the close it was set for (a later customer message moves the close). */
export interface WindowTimerPayload {
  conversationId: string;
  closesAt: string;
}

/** The payload as stored, or null when it is not one of ours. */
export function readWindowPayload(payload: Record<string, unknown>): WindowTimerPayload | null {
  const { conversationId, closesAt } = payload;
  return typeof conversationId === 'string' && typeof closesAt === 'string'
    ? { conversationId, closesAt }
    : null;
}

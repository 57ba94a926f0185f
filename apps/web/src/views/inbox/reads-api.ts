import type { ConversationReadView } from '@switchboard/contracts';
import { refreshSession } from '../../api/client';
import { bodyOf, http, type Outcome } from '../../api/http';

/** Runs a call with the current access token; when it is refused, renews it once from the refresh cookie. */
async function authorized<O extends Outcome>(call: () => Promise<O>): Promise<O> {
  const first = await call();
  if (first.response.status !== 401 || !(await refreshSession())) return first;
  return call();
}

/**
 * Marks the conversation read for the signed-in user up to `messageId` (the newest message shown), or everything
 * so far. The api answers the count left; the user's other tabs hear of it through `conversation.read`.
 */
export async function markRead(conversationId: string, messageId?: string): Promise<ConversationReadView> {
  return bodyOf(
    await authorized(() =>
      http.POST('/api/conversations/{id}/read', {
        params: { path: { id: conversationId } },
        body: messageId ? { messageId } : {},
      }),
    ),
  );
}

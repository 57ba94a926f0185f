import { reactive } from 'vue';
import type { ConversationView } from '@switchboard/contracts';
import type { LiveEvent } from '../../realtime/events';
import { useLiveStore } from '../../stores/live';

/** What a `conversation.read` event says: the count left after the read, and the conversation's last message then. */
interface ReadMark {
  unreadCount: number;
  lastMessageId: string | null;
}

// Per conversation, the latest read this user made (in any tab). Shared by every row; filled by one listener.
const marks = reactive(new Map<string, ReadMark>());
let listening = false;

function onRead(event: LiveEvent): void {
  const { conversationId, unreadCount, lastMessageId } = event.data;
  if (typeof conversationId !== 'string' || typeof unreadCount !== 'number') return;
  marks.set(conversationId, {
    unreadCount,
    lastMessageId: typeof lastMessageId === 'string' ? lastMessageId : null,
  });
}

/**
 * The unread count a row shows. A read clears the badge at once, without reading the list again: while the row
 * still shows the message that was last when the read was made, its count cannot be above what the read left (a
 * row read before the read answers the older, higher count). A newer message makes the row's own count the truth.
 */
export function useReadMarks(): (c: ConversationView) => number {
  if (!listening) {
    listening = true;
    useLiveStore().on(['conversation.read'], onRead);
  }
  return (c) => {
    const mark = marks.get(c.id);
    return mark && mark.lastMessageId === (c.lastMessage?.id ?? null)
      ? Math.min(c.unreadCount, mark.unreadCount)
      : c.unreadCount;
  };
}

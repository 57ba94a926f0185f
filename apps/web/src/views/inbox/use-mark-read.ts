import { onMounted, onUnmounted } from 'vue';
import { markRead } from './reads-api';

/**
 * For the open conversation's pane: `readShown(newestId)` marks what is shown as read, but only while the tab is
 * visible (a message arriving in a hidden tab stays unread until the tab is looked at again).
 */
export function useMarkRead(conversationId: string): (newestMessageId: string | undefined) => void {
  let pending: string | undefined;
  let hidden = false;

  function send(messageId: string | undefined): void {
    // A failure only leaves the badge up: the next message or visit reads again.
    void markRead(conversationId, messageId).catch(() => undefined);
  }

  function readShown(newestMessageId: string | undefined): void {
    if (document.visibilityState === 'visible') send(newestMessageId);
    else {
      hidden = true;
      pending = newestMessageId;
    }
  }

  function onVisibility(): void {
    if (document.visibilityState !== 'visible' || !hidden) return;
    hidden = false;
    send(pending);
  }

  onMounted(() => document.addEventListener('visibilitychange', onVisibility));
  onUnmounted(() => document.removeEventListener('visibilitychange', onVisibility));
  return readShown;
}

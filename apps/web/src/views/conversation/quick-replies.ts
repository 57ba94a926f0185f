import { ref, type Ref } from 'vue';
import { quickRepliesApi, type QuickReply } from './quick-replies-api';

// The department's shared quick replies, read from the api when the picker opens (so an edit by a supervisor shows
// on the next open) and filtered as the agent types.

/** What the placeholders of a reply stand for in this conversation. */
export interface PlaceholderValues {
  contactName: string | null;
  agentName: string | null;
}

const PLACEHOLDER = /\{\{\s*(contact\.name|agent\.name)\s*\}\}/g;

/** The text with its placeholders filled in; an unknown value leaves an empty string, never the raw braces. */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER, (_, name: string) =>
    ((name === 'contact.name' ? values.contactName : values.agentName) ?? '').trim(),
  );
}

/** Replies whose shortcut, title or text holds the query (any case); a leading "/" is the shortcut's mark. */
export function matching(replies: readonly QuickReply[], query: string): QuickReply[] {
  const q = query.trim().replace(/^\//, '').toLowerCase();
  if (!q) return [...replies];
  const starts = replies.filter((r) => r.shortcut.startsWith(q));
  const rest = replies.filter(
    (r) => !r.shortcut.startsWith(q) && `${r.shortcut} ${r.title} ${r.text}`.toLowerCase().includes(q),
  );
  return [...starts, ...rest];
}

export function useQuickReplies(departmentId: Ref<string | null>) {
  const replies = ref<QuickReply[]>([]);
  const failed = ref<unknown>(null);
  const loading = ref(false);

  async function load(): Promise<void> {
    const id = departmentId.value;
    if (!id) return;
    loading.value = true;
    try {
      const list = await quickRepliesApi.list(id);
      if (departmentId.value === id) replies.value = list;
      failed.value = null;
    } catch (err) {
      failed.value = err;
    } finally {
      loading.value = false;
    }
  }

  return { replies, failed, loading, load };
}

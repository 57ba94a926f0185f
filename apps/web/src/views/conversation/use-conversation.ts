import { onMounted, onUnmounted, ref } from 'vue';
import type {
  AgentView,
  CardEventView,
  CardView,
  ConversationView,
  MessageView,
  PipelineView,
} from '@switchboard/contracts';
import { useErrorText } from '../../composables/error-text';
import type { LiveEvent } from '../../realtime/events';
import { useLiveStore } from '../../stores/live';
import { useMarkRead } from '../inbox/use-mark-read';
import { conversationApi, type TransferTarget } from './api';

// Reads caused by live events wait this long for more of the same burst.
const LIVE_READ_DELAY_MS = 300;

/** Where a message sits in time, as the api orders them (when it was sent, else stored). */
const at = (m: MessageView) => Date.parse(m.sentAt ?? m.createdAt);

// The api's status order (libs/conversations status-rank.ts): a status only ever moves forward.
const STATUS_RANK: Record<string, number> = {
  accepted: 1,
  sent: 2,
  delivered: 3,
  read: 4,
  played: 5,
  failed: 6,
};
const rank = (status: string) => STATUS_RANK[status] ?? 0;

/**
 * A message read again, without its status going back: a read that started before a live status event was
 * applied answers the older status.
 */
function newer(shown: MessageView | undefined, read: MessageView): MessageView {
  return shown && rank(shown.status) > rank(read.status) ? { ...read, status: shown.status } : read;
}

/**
 * One conversation as the pane shows it, read from the api and kept current by live events: the conversation, its
 * messages (the newest page, older pages on asking), its card with pipeline and timeline, and who may be assigned.
 * The pane is created per conversation, so everything here belongs to `id`.
 */
export function useConversation(id: string) {
  const errorText = useErrorText();
  const live = useLiveStore();

  const conversation = ref<ConversationView | null>(null);
  const messages = ref<MessageView[]>([]);
  /** The cursor of the page before the oldest message shown; null once the first message is shown. */
  const olderCursor = ref<string | null>(null);
  const loadingOlder = ref(false);
  const card = ref<CardView | null>(null);
  const pipeline = ref<PipelineView | null>(null);
  const events = ref<CardEventView[]>([]);
  const departments = ref<TransferTarget[]>([]);
  const agents = ref<AgentView[]>([]);
  const loading = ref(true);
  const loadError = ref<string | null>(null);
  const cardError = ref<string | null>(null);
  const readShown = useMarkRead(id);

  /** Merges a page into what is shown (a message read again replaces its older copy), oldest first. */
  function merge(page: MessageView[]): void {
    const byId = new Map(messages.value.map((m) => [m.id, m]));
    for (const m of page) byId.set(m.id, newer(byId.get(m.id), m));
    messages.value = [...byId.values()].sort((a, b) => at(a) - at(b) || a.id.localeCompare(b.id));
  }

  async function loadConversation(): Promise<void> {
    conversation.value = await conversationApi.conversation(id);
  }

  async function loadMessages(): Promise<void> {
    const page = await conversationApi.messages(id);
    const first = messages.value.length === 0;
    merge(page.items);
    if (first) olderCursor.value = page.nextCursor;
    // The newest messages are on screen now: read up to the newest (not beyond: later ones are not shown yet).
    readShown(messages.value.at(-1)?.id);
  }

  /** The page before the oldest shown; a failure is the caller's to show. */
  async function loadOlder(): Promise<void> {
    const cursor = olderCursor.value;
    if (!cursor || loadingOlder.value) return;
    loadingOlder.value = true;
    try {
      const page = await conversationApi.messages(id, cursor);
      merge(page.items);
      olderCursor.value = page.nextCursor;
    } finally {
      loadingOlder.value = false;
    }
  }

  async function loadCard(): Promise<void> {
    const cardId = conversation.value?.card?.id;
    if (!cardId) {
      card.value = null;
      events.value = [];
      return;
    }
    try {
      const [c, e] = await Promise.all([conversationApi.card(cardId), conversationApi.timeline(cardId)]);
      card.value = c;
      events.value = e;
      cardError.value = null;
      if (pipeline.value?.id !== c.pipelineId)
        pipeline.value = await conversationApi.pipeline(c.pipelineId).catch(() => null);
    } catch (err) {
      cardError.value = errorText(err);
    }
  }

  /** For assigning and @mentions; a user the api does not show the agents to simply gets no suggestions. */
  async function loadAgents(): Promise<void> {
    const departmentId = conversation.value?.department.id;
    if (departmentId) agents.value = await conversationApi.agents(departmentId).catch(() => []);
  }

  async function loadAll(): Promise<void> {
    try {
      await Promise.all([loadConversation(), loadMessages()]);
      loadError.value = null;
      await Promise.all([loadCard(), loadAgents()]);
    } catch (err) {
      loadError.value = errorText(err);
    } finally {
      loading.value = false;
    }
  }

  let liveRead: ReturnType<typeof setTimeout> | undefined;
  let readMessages = false;
  let readConversation = false;
  function readSoon(what: { messages?: boolean; conversation?: boolean }): void {
    readMessages ||= what.messages ?? false;
    readConversation ||= what.conversation ?? false;
    if (liveRead) return;
    liveRead = setTimeout(() => {
      liveRead = undefined;
      const jobs: Promise<void>[] = [];
      if (readMessages) jobs.push(loadMessages());
      if (readConversation) jobs.push(loadConversation().then(loadCard));
      readMessages = readConversation = false;
      void Promise.all(jobs).catch(() => undefined);
    }, LIVE_READ_DELAY_MS);
  }

  /** Events carry ids, not bodies: a status is patched in place, anything else is read again from the api. */
  function onLive(event: LiveEvent): void {
    if (event.conversationId !== id) return;
    if (event.type === 'message.status') {
      const { messageId, status } = event.data;
      const shown = messages.value.find((m) => m.id === messageId);
      // A failure brings an error to show, which the event does not carry.
      if (shown && typeof status === 'string' && status !== 'failed') shown.status = status;
      else readSoon({ messages: true });
      return;
    }
    if (event.type === 'message.created') readSoon({ messages: true, conversation: true });
    else readSoon({ conversation: true });
  }

  const stops: (() => void)[] = [];
  onMounted(() => {
    void loadAll();
    void conversationApi
      .departments()
      .then((d) => (departments.value = d))
      .catch(() => undefined);
    stops.push(live.on(['message.created', 'message.status', 'conversation.updated'], onLive));
  });
  onUnmounted(() => {
    stops.forEach((stop) => stop());
    clearTimeout(liveRead);
  });

  return {
    conversation,
    messages,
    olderCursor,
    loadingOlder,
    card,
    pipeline,
    events,
    departments,
    agents,
    loading,
    loadError,
    cardError,
    loadConversation,
    loadMessages,
    loadOlder,
    loadCard,
  };
}

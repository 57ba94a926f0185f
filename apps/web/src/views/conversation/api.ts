import type {
  AgentView,
  CardEventView,
  CardView,
  ConversationPriority,
  ConversationView,
  DepartmentView,
  MessageView,
  Page,
  PipelineView,
  TemplateView,
} from '@switchboard/contracts';
import type { paths } from '../../api/schema';
import { refreshSession } from '../../api/client';
import { bodyOf, http, type Outcome, succeeded } from '../../api/http';
import { readToken } from '../../api/token';
import { ApiError } from '../../api/errors';

/** Runs a call with the current access token; when it is refused, renews it once from the refresh cookie. */
async function authorized<O extends Outcome>(call: () => Promise<O>): Promise<O> {
  const first = await call();
  if (first.response.status !== 401 || !(await refreshSession())) return first;
  return call();
}

/**
 * The answer of a route whose OpenAPI document does not describe its body yet (its controller belongs to another
 * screen's owner): typed from the contracts' view the controller returns, until the schema lands.
 */
function described<T>(outcome: Outcome): T {
  return bodyOf(outcome) as unknown as T;
}

/** Messages read per page: the newest on opening, older ones on asking. */
export const MESSAGES_PAGE = 50;

const path = (id: string) => ({ params: { path: { id } } });

/** A reply as the api documents it: text, media by link or id, or a template with its parameters. */
export type ReplyBody = NonNullable<
  paths['/api/conversations/{id}/messages']['post']['requestBody']
>['content']['application/json'];

export type TransferTarget = Pick<DepartmentView, 'id' | 'name' | 'archivedAt'>;

export type SnoozeRequest = { until: string } | { untilCustomerReplies: true };

export const conversationApi = {
  conversation: async (id: string): Promise<ConversationView> =>
    bodyOf(await authorized(() => http.GET('/api/conversations/{id}', path(id)))),
  /** Newest first; `before` (a page's nextCursor) reads the page of older messages. */
  messages: async (id: string, before?: string): Promise<Page<MessageView>> =>
    bodyOf(
      await authorized(() =>
        http.GET('/api/conversations/{id}/messages', {
          params: { path: { id }, query: { limit: MESSAGES_PAGE, ...(before ? { before } : {}) } },
        }),
      ),
    ),
  /** The key makes a retried send (a lost answer) return the first message instead of sending twice. */
  reply: async (id: string, body: ReplyBody, key: string): Promise<void> =>
    succeeded(
      await authorized(() =>
        http.POST('/api/conversations/{id}/messages', {
          params: { path: { id }, header: { 'idempotency-key': key } },
          body,
        }),
      ),
    ),
  note: async (cardId: string, text: string): Promise<void> =>
    succeeded(
      await authorized(() => http.POST('/api/cards/{id}/notes', { ...path(cardId), body: { text } })),
    ),
  card: async (cardId: string): Promise<CardView> =>
    described(await authorized(() => http.GET('/api/cards/{id}', path(cardId)))),
  pipeline: async (pipelineId: string): Promise<PipelineView> =>
    described(await authorized(() => http.GET('/api/pipelines/{id}', path(pipelineId)))),
  /** 400 names a field whose value its type refuses. */
  updateCard: async (cardId: string, fields: Record<string, unknown>): Promise<CardView> =>
    described(await authorized(() => http.PATCH('/api/cards/{id}', { ...path(cardId), body: { fields } }))),
  /** 422 names the required fields still empty, 409 a full (WIP limit) or retired stage. */
  moveCard: async (cardId: string, stage: string, fields: Record<string, unknown>): Promise<CardView> =>
    described(
      await authorized(() =>
        http.POST('/api/cards/{id}/move', {
          ...path(cardId),
          body: Object.keys(fields).length ? { stage, fields } : { stage },
        }),
      ),
    ),
  timeline: async (cardId: string): Promise<CardEventView[]> =>
    described(await authorized(() => http.GET('/api/cards/{id}/timeline', path(cardId)))),
  /** Only approved templates that the last sync still found can be sent. */
  templates: async (numberId: string): Promise<TemplateView[]> =>
    described<{ items: TemplateView[] }>(
      await authorized(() => http.GET('/api/numbers/{id}/templates', path(numberId))),
    ).items.filter((t) => t.status === 'APPROVED' && !t.deletedAt),
  /** Transfer targets; the api lists departments to admins only (others get a 403 and no targets). */
  departments: async (): Promise<TransferTarget[]> =>
    bodyOf(await authorized(() => http.GET('/api/departments', { params: { query: { limit: 200 } } }))).items,
  agents: async (departmentId: string): Promise<AgentView[]> =>
    described(await authorized(() => http.GET('/api/departments/{id}/agents', path(departmentId)))),

  claim: async (id: string): Promise<void> =>
    succeeded(await authorized(() => http.POST('/api/conversations/{id}/claim', path(id)))),
  assign: async (id: string, userId: string | null): Promise<void> =>
    succeeded(
      await authorized(() => http.PUT('/api/conversations/{id}/assignee', { ...path(id), body: { userId } })),
    ),
  takeOver: async (id: string): Promise<ConversationView> =>
    bodyOf(await authorized(() => http.POST('/api/conversations/{id}/take-over', { ...path(id), body: {} }))),
  close: async (id: string): Promise<ConversationView> =>
    bodyOf(await authorized(() => http.POST('/api/conversations/{id}/close', { ...path(id), body: {} }))),
  reopen: async (id: string): Promise<ConversationView> =>
    bodyOf(await authorized(() => http.POST('/api/conversations/{id}/reopen', path(id)))),
  snooze: async (id: string, body: SnoozeRequest): Promise<ConversationView> =>
    bodyOf(await authorized(() => http.POST('/api/conversations/{id}/snooze', { ...path(id), body }))),
  unsnooze: async (id: string): Promise<ConversationView> =>
    bodyOf(await authorized(() => http.DELETE('/api/conversations/{id}/snooze', path(id)))),
  priority: async (id: string, priority: ConversationPriority): Promise<ConversationView> =>
    bodyOf(
      await authorized(() =>
        http.PUT('/api/conversations/{id}/priority', { ...path(id), body: { priority } }),
      ),
    ),
  labels: async (id: string, change: { add?: string[]; remove?: string[] }): Promise<ConversationView> =>
    bodyOf(
      await authorized(() => http.POST('/api/conversations/{id}/labels', { ...path(id), body: change })),
    ),
  transfer: async (id: string, departmentId: string): Promise<void> =>
    succeeded(
      await authorized(() =>
        http.POST('/api/conversations/{id}/transfer', { ...path(id), body: { departmentId } }),
      ),
    ),
};

/**
 * A message's stored media as a blob URL: the media route needs the bearer token, which an <img src> cannot send.
 * The caller revokes the URL when it is done with it.
 */
export async function mediaUrl(messageId: string): Promise<string> {
  const get = () =>
    fetch(`/api/messages/${encodeURIComponent(messageId)}/media`, {
      headers: { Authorization: `Bearer ${readToken() ?? ''}` },
      credentials: 'same-origin',
    });
  let response = await get();
  if (response.status === 401 && (await refreshSession())) response = await get();
  if (!response.ok) throw new ApiError('http', response.statusText, response.status);
  return URL.createObjectURL(await response.blob());
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  Clock,
  ConversationSlaState,
  ConversationSlaStates,
  keysetPage,
  readCursor,
  sql,
  SqlFragment,
} from '@switchboard/engine';
import { AccessScope, User } from '@switchboard/identity';
import { CardSummary, CardSummaryQuery } from '@switchboard/pipelines';
import {
  ConversationView,
  ListConversationsQuery,
  ListMessagesQuery,
  MessageView,
  Page,
  customerWaits,
  slaView,
  windowView,
} from '@switchboard/contracts';
import { ConversationReadsQuery } from '../reads/conversation-reads.query';

interface ConversationRow {
  id: string;
  status: 'open' | 'closed';
  number_id: string;
  last_speaker: ConversationView['lastSpeaker'];
  waiting_since: Date | null;
  window_expires_at: Date | null;
  last_message_at: Date | null;
  created_at: Date;
  sort_at: Date;
  contact_id: string;
  wa_id: string | null;
  bsuid: string | null;
  profile_name: string | null;
  department_id: string;
  owner_user_id: string | null;
  team_id: string | null;
  priority: ConversationView['priority'];
  labels: string[];
  language: string | null;
  snoozed_until: Date | null;
  snoozed_until_reply: boolean;
  closed_at: Date | null;
  queued_at: Date | null;
  lm_id: string | null;
  lm_type: string | null;
  lm_direction: 'in' | 'out' | null;
  lm_body: string | null;
  lm_at: Date | null;
}

interface MessageRow {
  id: string;
  wamid: string | null;
  conversation_id: string;
  direction: 'in' | 'out';
  type: string;
  body: string | null;
  content: Record<string, unknown>;
  media: Record<string, unknown> | null;
  reply_to_wamid: string | null;
  status: string;
  error: MessageView['error'];
  sent_at: Date | null;
  delivered_at: Date | null;
  read_at: Date | null;
  edited_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
  sort_at: Date;
}

/** Stands in for "no time" at the end of an ascending order, so the keyset cursor stays a plain timestamp. */
const NEVER = `'9999-12-31T00:00:00Z'::timestamptz`;

/** Each sort's keyset: the time it orders by (then the id), its direction, and how "after the cursor" reads. */
const ORDERS: Record<ListConversationsQuery['sort'], { key: string; direction: string; after: string }> = {
  recent: { key: 'coalesce(c.last_message_at, c.created_at)', direction: 'desc', after: '<' },
  waiting: {
    // Waiting as customerWaits says, short of the card's stage (a stage waiting on the customer still sorts here).
    key: `coalesce(case when c.status = 'open' and c.last_speaker = 'customer' and c.snoozed_until is null
                        and not c.snoozed_until_reply then c.waiting_since end, ${NEVER})`,
    direction: 'asc',
    after: '>',
  },
  deadline: { key: `coalesce(sla.due_at, ${NEVER})`, direction: 'asc', after: '>' },
};

/** `\`, `%` and `_` taken literally inside a like pattern. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** Contact name containing the text (any case), or, when it has digits, a phone number starting with them. */
function searchCondition(text: string): SqlFragment {
  const digits = text.replace(/\D/g, '');
  const name = `ct.profile_name ilike ?`;
  const pattern = `%${likeLiteral(text)}%`;
  return digits.length >= 3
    ? { sql: `(${name} or ct.wa_id like ?)`, params: [pattern, `${digits}%`] }
    : { sql: name, params: [pattern] };
}

/**
 * The list's SLA state in SQL, as slaView and customerWaits give it from the joined clocks (`sla`): 🔴 a clock
 * breached; 🟡 else a response clock runs or the customer waits on the team (`waitingStage`: the card's stage
 * waits on the customer); 🟢 otherwise.
 */
function slaCondition(state: 'green' | 'yellow' | 'red', waitingStage: string): string {
  const red = 'coalesce(sla.red, false)';
  const waits = `(c.status = 'open' and c.last_speaker = 'customer' and c.snoozed_until is null
                  and not c.snoozed_until_reply and not ${waitingStage})`;
  const yellow = `(coalesce(sla.responding, false) or ${waits})`;
  if (state === 'red') return red;
  if (state === 'yellow') return `not ${red} and ${yellow}`;
  return `not ${red} and not ${yellow}`;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * What a page's rows need from other libraries: departments and card stages (pipelines), owners' names (identity),
 * SLA states (sla, through the engine port); the reader's unread counts; and the time they are read at.
 */
interface PageContext {
  cards: Map<string, CardSummary>;
  owners: Map<string, string>;
  sla: Map<string, ConversationSlaState>;
  /** The actor's unread count per conversation. */
  unread: Map<string, number>;
  now: Date;
}

/**
 * Read model for the inbox: one query per page with the last message, then one each for the page's card stages,
 * owners' names and SLA states through their libraries. Every query is limited to
 * the departments the actor may read (AccessScope), so an id from another department reads as not found.
 */
@Injectable()
export class ConversationQueryService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
    private readonly cards: CardSummaryQuery,
    private readonly slaStates: ConversationSlaStates,
    private readonly clock: Clock,
    private readonly reads: ConversationReadsQuery,
  ) {}

  async list(q: ListConversationsQuery): Promise<Page<ConversationView>> {
    const cursor = readCursor(q.cursor, 'cursor');
    const filters: string[] = [];
    const params: unknown[] = [];
    const where = (condition: string, ...values: unknown[]) => {
      filters.push(condition);
      params.push(...values);
    };
    if (q.departmentId) where('c.department_id = ?', q.departmentId);
    if (q.numberId) where('c.number_id = ?', q.numberId);
    if (q.status === 'open' || q.status === 'closed') where('c.status = ?', q.status);
    if (q.status === 'snoozed')
      where(`c.status = 'open' and (c.snoozed_until is not null or c.snoozed_until_reply)`);
    if (q.assignee === 'none') where('c.owner_user_id is null');
    else if (q.assignee)
      where('c.owner_user_id = ?', q.assignee === 'me' ? this.scope.actor().id : q.assignee);
    // Containment, not `= any(labels)`: only `@>` can use the GIN index on labels.
    if (q.label) where('c.labels @> array[?::text]', q.label);
    if (q.priority) where('c.priority = ?', q.priority);
    if (q.stage) {
      const stage = this.cards.inStage('c.id', q.stage);
      where(stage.sql, ...stage.params);
    }
    if (q.q) {
      const search = searchCondition(q.q);
      where(search.sql, ...search.params);
    }
    if (q.sla) {
      const waits = this.cards.inWaitingStage('c.id');
      where(slaCondition(q.sla, waits.sql), ...waits.params);
    }
    const order = ORDERS[q.sort];
    if (cursor) where(`(${order.key}, c.id) ${order.after} (?::timestamptz, ?::uuid)`, cursor.at, cursor.id);
    // The live clocks are joined only when the SLA state filters or sorts: the default list does without them.
    const clocks =
      q.sla || q.sort === 'deadline' ? this.slaStates.liveClocksSql('c.id', this.clock.now()) : null;
    const rows = await this.select(
      filters.length ? filters.join(' and ') : 'true',
      [...params, q.limit + 1],
      `order by ${order.key} ${order.direction}, c.id ${order.direction} limit ?`,
      { sortKey: order.key, clocks, direction: order.direction },
    );
    const page = keysetPage(rows, q.limit, (r) => ({ at: r.sort_at, id: r.id }));
    return { items: await this.toViews(page.rows), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<ConversationView | null> {
    const rows = await this.select('c.id = ?', [id]);
    return (await this.toViews(rows))[0] ?? null;
  }

  async messages(conversationId: string, q: ListMessagesQuery): Promise<Page<MessageView>> {
    const cursor = readCursor(q.before, 'before');
    const rows = await sql<MessageRow>(
      this.em,
      `select m.*, coalesce(m.sent_at, m.created_at) as sort_at from messages m
        where m.conversation_id = ?
          and (?::timestamptz is null or (coalesce(m.sent_at, m.created_at), m.id) < (?::timestamptz, ?::uuid))
        order by coalesce(m.sent_at, m.created_at) desc, m.id desc limit ?`,
      [conversationId, cursor?.at ?? null, cursor?.at ?? null, cursor?.id ?? null, q.limit + 1],
    );
    const page = keysetPage(rows, q.limit, (m) => ({ at: m.sort_at, id: m.id }));
    // Fetched newest first for the cursor; shown oldest first within the page.
    return { items: page.rows.reverse().map((m) => this.toMessageView(m)), nextCursor: page.nextCursor };
  }

  async message(id: string): Promise<MessageView | null> {
    const visible = this.scope.condition('conversations.read', 'c.department_id');
    const rows = await sql<MessageRow>(
      this.em,
      `select m.*, coalesce(m.sent_at, m.created_at) as sort_at from messages m
         join conversations c on c.id = m.conversation_id where m.id = ? and ${visible.sql}`,
      [id, ...visible.params],
    );
    return rows[0] ? this.toMessageView(rows[0]) : null;
  }

  /**
   * Rows matching `conditions`, always within the departments the actor may read; `tail` orders and limits them
   * (`order by <key> <direction>, c.id <direction> limit ?`). `sortKey` is the keyset's time (`sort_at`); `clocks`,
   * when given, joins the live SLA clocks as `sla`. The last message is looked up only for the rows the tail keeps:
   * joined before the limit, it ran once per matching conversation whenever the sort could not use an index.
   */
  private select(
    conditions: string,
    params: unknown[],
    tail = '',
    { sortKey = ORDERS.recent.key, clocks = null as SqlFragment | null, direction = 'desc' } = {},
  ): Promise<ConversationRow[]> {
    const visible = this.scope.condition('conversations.read', 'c.department_id');
    return sql<ConversationRow>(
      this.em,
      `select p.*, lm.id as lm_id, lm.type as lm_type, lm.direction as lm_direction, lm.body as lm_body, lm.at as lm_at
         from (
           select c.id, c.status, c.number_id, c.last_speaker, c.waiting_since, c.window_expires_at, c.last_message_at,
                  c.created_at, ${sortKey} as sort_at,
                  ct.id as contact_id, ct.wa_id, ct.bsuid, ct.profile_name, c.department_id,
                  c.owner_user_id, c.team_id, c.priority, c.labels, c.language, c.snoozed_until,
                  c.snoozed_until_reply, c.closed_at, c.queued_at
             from conversations c
             join contacts ct on ct.id = c.contact_id
             ${clocks ? `left join lateral ${clocks.sql} sla on true` : ''}
            where ${visible.sql} and (${conditions}) ${tail}
         ) p
         left join lateral (
           select m.id, m.type, m.direction, m.body, coalesce(m.sent_at, m.created_at) as at from messages m
            where m.conversation_id = p.id order by coalesce(m.sent_at, m.created_at) desc, m.id desc limit 1
         ) lm on true
        order by p.sort_at ${direction}, p.id ${direction}`,
      [...(clocks?.params ?? []), ...visible.params, ...params],
    );
  }

  /** Rows to views, with the page's departments, card stages, owners and SLA states fetched once for the page. */
  private async toViews(rows: ConversationRow[]): Promise<ConversationView[]> {
    if (!rows.length) return [];
    const cards = await this.cards.forConversations(
      this.em,
      rows.map((r) => ({ conversationId: r.id, departmentId: r.department_id })),
    );
    const ownerIds = [...new Set(rows.map((r) => r.owner_user_id).filter((id): id is string => Boolean(id)))];
    const users = ownerIds.length
      ? await this.em.fork().find(User, { id: { $in: ownerIds } }, { fields: ['id', 'name', 'email'] })
      : [];
    const owners = new Map(users.map((u) => [u.id, u.name || u.email]));
    const sla = await this.slaStates.of(
      this.em,
      rows.map((r) => r.id),
    );
    // Counted for the page only, apart from the list's statement: its filters and sorts never pay for them.
    const unread = await this.reads.unreadCounts(
      this.scope.actor().id,
      rows.map((r) => r.id),
    );
    const now = this.clock.now();
    return rows
      .filter((r) => cards.has(r.id))
      .map((r) => this.toView(r, { cards, owners, sla, unread, now }));
  }

  private toView(r: ConversationRow, context: PageContext): ConversationView {
    const summary = context.cards.get(r.id)!;
    return {
      id: r.id,
      status: r.status,
      contact: { id: r.contact_id, waId: r.wa_id, bsuid: r.bsuid, name: r.profile_name },
      department: summary.department,
      numberId: r.number_id,
      card: summary.card,
      lastSpeaker: r.last_speaker,
      ballInCourt: r.last_speaker === 'customer' ? 'customer_waiting' : r.last_speaker ? 'team' : null,
      waitingSince: iso(r.waiting_since),
      window: windowView(r.window_expires_at, context.now),
      sla: slaView(
        context.sla.get(r.id),
        context.now,
        customerWaits({
          status: r.status,
          lastSpeaker: r.last_speaker,
          snoozed: r.snoozed_until !== null || r.snoozed_until_reply,
          waitingStage: summary.waitingStage,
        }),
      ),
      lastMessage:
        r.lm_id && r.lm_type && r.lm_direction && r.lm_at
          ? {
              id: r.lm_id,
              type: r.lm_type,
              direction: r.lm_direction,
              body: r.lm_body,
              at: new Date(r.lm_at).toISOString(),
            }
          : null,
      lastMessageAt: iso(r.last_message_at),
      createdAt: new Date(r.created_at).toISOString(),
      owner: r.owner_user_id
        ? { id: r.owner_user_id, name: context.owners.get(r.owner_user_id) ?? r.owner_user_id }
        : null,
      priority: r.priority,
      labels: r.labels,
      team: r.team_id ? { id: r.team_id } : null,
      language: r.language,
      snoozedUntil: iso(r.snoozed_until),
      snoozedUntilReply: r.snoozed_until_reply,
      closedAt: iso(r.closed_at),
      queuedAt: iso(r.queued_at),
      unreadCount: context.unread.get(r.id) ?? 0,
    };
  }

  private toMessageView(m: MessageRow): MessageView {
    return {
      id: m.id,
      wamid: m.wamid,
      conversationId: m.conversation_id,
      direction: m.direction,
      type: m.type,
      body: m.body,
      content: m.content,
      media: m.media,
      replyToWamid: m.reply_to_wamid,
      status: m.status,
      error: m.error,
      sentAt: iso(m.sent_at),
      deliveredAt: iso(m.delivered_at),
      readAt: iso(m.read_at),
      editedAt: iso(m.edited_at),
      revokedAt: iso(m.revoked_at),
      createdAt: new Date(m.created_at).toISOString(),
    };
  }
}

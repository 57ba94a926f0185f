import { EntityManager } from '@mikro-orm/postgresql';
import { BadRequestException, Injectable } from '@nestjs/common';
import type {
  BoardQuery,
  BoardView,
  CardEventView,
  CardView,
  ListCardsQuery,
  Page,
  PipelineView,
} from '@switchboard/contracts';
import { Clock, ConversationSlaStates, keysetPage, readCursor, sql } from '@switchboard/engine';
import { AccessScope, User } from '@switchboard/identity';
import { PipelineDefinitionRepository } from '../pipelines/pipeline-definition.repository';
import { CardConversations } from './card-conversations';
import { CARD_SELECT, CardRow, CardViewContext, toCardView } from './card-row';

/** `%term%` for ILIKE, with the user's own % and _ taken literally. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Matches title, customer name or number, and field values. */
const SEARCH = `(k.title ilike ? or ct.profile_name ilike ? or ct.wa_id like ? or k.fields::text ilike ?)`;
const searchParams = (q: string) => {
  const p = likePattern(q);
  return [p, p, p, p];
};

/**
 * Cards are paged newest first by (creation time, id). Cursors carry the time to the millisecond while PostgreSQL
 * keeps microseconds, and the cards of one intake batch share their transaction's time: compared whole, the rest of
 * a batch after a page's last card fell behind its cursor and was never listed. Order and compare to the ms.
 */
const createdMs = (alias: string) => `date_trunc('milliseconds', ${alias}.created_at)`;

type ConversationFilters = Pick<ListCardsQuery, 'assignee' | 'label' | 'priority'>;

/** Read side of pipelines and cards, limited to the departments the caller may read. */
@Injectable()
export class CardQueryService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
    private readonly pipelines: PipelineDefinitionRepository,
    private readonly slaStates: ConversationSlaStates,
    private readonly conversations: CardConversations,
    private readonly clock: Clock,
  ) {}

  listPipelines(departmentId?: string): Promise<PipelineView[]> {
    const visible = this.scope.condition('conversations.read', 'p.department_id');
    return this.pipelines.find(`${visible.sql} and (?::uuid is null or p.department_id = ?::uuid)`, [
      ...visible.params,
      departmentId ?? null,
      departmentId ?? null,
    ]);
  }

  async pipeline(id: string): Promise<PipelineView> {
    const pipeline = await this.pipelines.byId(id);
    this.scope.assertIn('conversations.read', pipeline?.departmentId ?? null, 'pipeline');
    return pipeline!;
  }

  /** Every stage of a pipeline with its card count and first cards (one statement for all columns). */
  async board(pipelineId: string, q: BoardQuery): Promise<BoardView> {
    const pipeline = await this.pipeline(pipelineId);
    const filters = this.conversationFilters(q);
    if (q.q) filters.push({ sql: SEARCH, params: searchParams(q.q) });
    const conditions = filters.map((f) => `and ${f.sql}`).join(' ');
    const params = filters.flatMap((f) => f.params);
    const rows = await sql<CardRow & { rn: number; stage_count: number }>(
      this.em,
      `select * from (
         select x.*, row_number() over (partition by x.stage_id order by ${createdMs('x')} desc, x.id desc)::int as rn,
                count(*) over (partition by x.stage_id)::int as stage_count
           from (${CARD_SELECT} where k.pipeline_id = ? ${conditions}) x) ranked
        where rn <= ?
        order by ${createdMs('ranked')} desc, id desc`,
      [pipelineId, ...params, q.perStage + 1],
    );
    const context = await this.viewContext(rows);
    return {
      pipeline,
      columns: pipeline.stages
        .filter((s) => !s.archived || rows.some((r) => r.stage_id === s.id))
        .map((stage) => {
          const inStage = rows.filter((r) => r.stage_id === stage.id);
          const page = keysetPage(inStage, q.perStage, (r) => ({ at: r.created_at, id: r.id }));
          return {
            stage,
            count: inStage[0]?.stage_count ?? 0,
            cards: page.rows.map((r) => toCardView(r, context)),
            nextCursor: page.nextCursor,
          };
        }),
    };
  }

  /** Conditions on the card's conversation (alias c in CARD_SELECT): its owner, a label, its priority. */
  private conversationFilters(q: ConversationFilters): { sql: string; params: unknown[] }[] {
    const out: { sql: string; params: unknown[] }[] = [];
    if (q.assignee === 'none') out.push({ sql: 'c.owner_user_id is null', params: [] });
    else if (q.assignee)
      out.push({
        sql: 'c.owner_user_id = ?',
        params: [q.assignee === 'me' ? this.scope.actor().id : q.assignee],
      });
    if (q.label) out.push({ sql: '? = any(c.labels)', params: [q.label] });
    if (q.priority) out.push({ sql: 'c.priority = ?', params: [q.priority] });
    return out;
  }

  /** Cards, newest first, filtered by pipeline, department, stage, search text and conversation filters. */
  async list(q: ListCardsQuery): Promise<Page<CardView>> {
    const cursor = readCursor(q.cursor, 'cursor');
    if (q.stage && !q.pipelineId && !/^[0-9a-f-]{36}$/.test(q.stage))
      throw new BadRequestException('stage: give a stage id, or a stage key together with pipelineId');
    const visible = this.scope.condition('conversations.read', 'k.department_id');
    const where = [visible.sql];
    const params: unknown[] = [...visible.params];
    const and = (condition: string, ...values: unknown[]) => {
      where.push(condition);
      params.push(...values);
    };
    if (q.pipelineId) and('k.pipeline_id = ?', q.pipelineId);
    if (q.departmentId) and('k.department_id = ?', q.departmentId);
    if (q.stage) and(/^[0-9a-f-]{36}$/.test(q.stage) ? 'k.stage_id = ?' : 's.key = ?', q.stage);
    if (q.q) and(SEARCH, ...searchParams(q.q));
    for (const f of this.conversationFilters(q)) and(f.sql, ...f.params);
    if (cursor) and(`(${createdMs('k')}, k.id) < (?, ?)`, cursor.at, cursor.id);
    const rows = await sql<CardRow>(
      this.em,
      `${CARD_SELECT} where ${where.join(' and ')} order by ${createdMs('k')} desc, k.id desc limit ?`,
      [...params, q.limit + 1],
    );
    const page = keysetPage(rows, q.limit, (r) => ({ at: r.created_at, id: r.id }));
    const context = await this.viewContext(page.rows);
    return { items: page.rows.map((r) => toCardView(r, context)), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<CardView> {
    const [row] = await sql<CardRow>(this.em, `${CARD_SELECT} where k.id = ?`, [id]);
    this.scope.assertIn('conversations.read', row?.department_id ?? null, 'card');
    return toCardView(row, await this.viewContext([row]));
  }

  /**
   * What the page's cards show of their conversations (SLA state; owner, priority and labels), one port call each
   * for the whole page, the owners' names in one read, and the time of reading.
   */
  private async viewContext(rows: readonly CardRow[]): Promise<CardViewContext> {
    const conversationIds = rows.map((r) => r.conversation_id);
    const sla = await this.slaStates.of(this.em, conversationIds);
    const handling = await this.conversations.handlingOf(this.em, conversationIds);
    const ownerIds = [
      ...new Set([...handling.values()].flatMap((h) => (h.ownerUserId ? [h.ownerUserId] : []))),
    ];
    const users = ownerIds.length
      ? await this.em.fork().find(User, { id: { $in: ownerIds } }, { fields: ['id', 'name', 'email'] })
      : [];
    const ownerNames = new Map(users.map((u) => [u.id, u.name || u.email]));
    return { sla, handling, ownerNames, now: this.clock.now() };
  }

  /** The card's timeline, oldest first. */
  async timeline(id: string): Promise<CardEventView[]> {
    await this.get(id);
    const rows = await sql<{
      id: string;
      at: Date;
      kind: CardEventView['kind'];
      actor_type: CardEventView['actor']['type'];
      actor_id: string | null;
      actor_label: string;
      from_id: string | null;
      from_key: string | null;
      from_name: string | null;
      to_id: string | null;
      to_key: string | null;
      to_name: string | null;
      data: Record<string, unknown>;
    }>(
      this.em,
      `select e.id, e.at, e.kind, e.actor_type, e.actor_id, e.actor_label, e.data,
              f.id as from_id, f.key as from_key, f.name as from_name, t.id as to_id, t.key as to_key, t.name as to_name
         from card_events e
         left join pipeline_stages f on f.id = e.from_stage_id
         left join pipeline_stages t on t.id = e.to_stage_id
        where e.card_id = ? order by e.at, e.id`,
      [id],
    );
    return rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      kind: r.kind,
      actor: { type: r.actor_type, id: r.actor_id, label: r.actor_label },
      fromStage: r.from_id ? { id: r.from_id, key: r.from_key!, name: r.from_name! } : null,
      toStage: r.to_id ? { id: r.to_id, key: r.to_key!, name: r.to_name! } : null,
      data: r.data,
    }));
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import { ConversationFact, ResponseFact, SlaOutcomeFact, VolumeFact } from './conversation-fact';
import { ResolutionDelta } from './resolution-deltas';

interface FactRow {
  conversation_id: string;
  department_id: string;
  number_id: string;
  team_id: string | null;
  owner_user_id: string | null;
  status: 'open' | 'closed';
  card_id: string | null;
  stage_key: string | null;
  stage_category: string | null;
  sla_status: string | null;
  opened_at: Date | null;
  closed_at: Date | null;
  reopened_at: Date | null;
  awaiting_since: Date | null;
  first_response_at: Date | null;
  first_response_ms: string | null;
  first_response_user_id: string | null;
  resolution_ms: string | null;
  resolved_by_user_id: string | null;
  resolved_team_id: string | null;
  last_xid: string;
  last_seq: string;
}

const num = (v: string | null) => (v === null ? null : Number(v));
const date = (v: Date | string | null) => (v === null ? null : new Date(v));

/** Reads and writes reporting's fact tables, a whole batch per statement. */
@Injectable()
export class ReportFactsRepository {
  /** The facts of the conversations named, and of those holding the cards named, locked for this batch. */
  async load(
    em: EntityManager,
    conversationIds: readonly string[],
    cardIds: readonly string[],
  ): Promise<Map<string, ConversationFact>> {
    if (!conversationIds.length && !cardIds.length) return new Map();
    const rows = await sql<FactRow>(
      em,
      `select * from report_conversations
        where conversation_id = any(?::uuid[]) or card_id = any(?::uuid[])
        order by conversation_id for update`,
      [[...conversationIds], [...cardIds]],
    );
    return new Map(
      rows.map((r) => [
        r.conversation_id,
        {
          conversationId: r.conversation_id,
          departmentId: r.department_id,
          numberId: r.number_id,
          teamId: r.team_id,
          ownerUserId: r.owner_user_id,
          status: r.status,
          cardId: r.card_id,
          stageKey: r.stage_key,
          stageCategory: r.stage_category,
          slaStatus: r.sla_status,
          openedAt: date(r.opened_at),
          closedAt: date(r.closed_at),
          reopenedAt: date(r.reopened_at),
          awaitingSince: date(r.awaiting_since),
          firstResponseAt: date(r.first_response_at),
          firstResponseMs: num(r.first_response_ms),
          firstResponseUserId: r.first_response_user_id,
          resolutionMs: num(r.resolution_ms),
          resolvedByUserId: r.resolved_by_user_id,
          resolvedTeamId: r.resolved_team_id,
          lastXid: BigInt(r.last_xid),
          lastSeq: BigInt(r.last_seq),
        },
      ]),
    );
  }

  async save(
    em: EntityManager,
    facts: ConversationFact[],
    responses: ResponseFact[],
    resolutions: ResolutionDelta[],
    outcomes: SlaOutcomeFact[],
    volume: VolumeFact[],
  ): Promise<void> {
    if (facts.length) await this.saveFacts(em, facts);
    if (responses.length || resolutions.length) await this.saveDurations(em, responses, resolutions);
    if (outcomes.length)
      await sql(
        em,
        // A clock recorded as breached stays breached when it ends later.
        `insert into report_sla_outcomes (clock_id, conversation_id, department_id, number_id, team_id, user_id,
                                          kind, outcome, at)
         select o.clock_id, o.conversation_id, o.department_id, o.number_id, o.team_id, o.user_id, o.kind,
                o.outcome, o.at
           from jsonb_to_recordset(?::jsonb) as o(clock_id text, conversation_id uuid, department_id uuid,
                number_id uuid, team_id uuid, user_id uuid, kind text, outcome text, at timestamptz)
         on conflict (clock_id) do update set outcome = excluded.outcome, at = excluded.at,
                user_id = excluded.user_id, team_id = excluded.team_id
          where report_sla_outcomes.outcome <> 'breached'`,
        [
          JSON.stringify(
            outcomes.map((o) => ({
              clock_id: o.clockId,
              conversation_id: o.conversationId,
              department_id: o.departmentId,
              number_id: o.numberId,
              team_id: o.teamId,
              user_id: o.userId,
              kind: o.kind,
              outcome: o.outcome,
              at: o.at,
            })),
          ),
        ],
      );
    if (volume.length) await this.saveVolume(em, volume);
  }

  /**
   * The volume guard and the hourly counts in one statement: a message is counted only when its guard row is newly
   * inserted (a copy of its event delivered again conflicts and returns nothing). One upsert per hourly row, in key
   * order so concurrent batches lock alike.
   */
  private async saveVolume(em: EntityManager, volume: VolumeFact[]): Promise<void> {
    await sql(
      em,
      `with v as (
         select * from jsonb_to_recordset(?::jsonb) as v(message_id uuid, number_id uuid, hour timestamptz,
                department_id uuid, inbound integer)
       ), counted as (
         insert into report_volume_messages (message_id, hour)
         select v.message_id, v.hour from v order by v.message_id
         on conflict (message_id) do nothing
         returning message_id
       )
       insert into report_volume_hourly as t (number_id, hour, department_id, inbound, outbound)
       select v.number_id, v.hour, v.department_id, sum(v.inbound), sum(1 - v.inbound)
         from v join counted using (message_id)
        group by 1, 2, 3
        order by 1, 2, 3
       on conflict (number_id, hour, department_id) do update
          set inbound = t.inbound + excluded.inbound, outbound = t.outbound + excluded.outbound`,
      [
        JSON.stringify(
          volume.map((v) => ({
            message_id: v.messageId,
            number_id: v.numberId,
            hour: v.hour,
            department_id: v.departmentId,
            inbound: v.way === 'inbound' ? 1 : 0,
          })),
        ),
      ],
    );
  }

  /**
   * The responses, and the duration rollup in the same statement: a response is counted only when its row is newly
   * inserted (a replayed one conflicts and returns nothing), a resolution as the batch's deltas say. One upsert per
   * rollup row (grouped, in key order so concurrent batches lock alike), adding to the count.
   */
  private async saveDurations(
    em: EntityManager,
    responses: ResponseFact[],
    resolutions: ResolutionDelta[],
  ): Promise<void> {
    await sql(
      em,
      `with inserted as (
         insert into report_responses (message_id, conversation_id, kind, department_id, number_id, team_id, user_id,
                                       customer_at, responded_at, business_ms)
         select r.message_id, r.conversation_id, r.kind, r.department_id, r.number_id, r.team_id, r.user_id,
                r.customer_at, r.responded_at, r.business_ms
           from jsonb_to_recordset(?::jsonb) as r(message_id uuid, conversation_id uuid, kind text,
                department_id uuid, number_id uuid, team_id uuid, user_id uuid, customer_at timestamptz,
                responded_at timestamptz, business_ms bigint)
         on conflict (message_id) do nothing
         returning kind, department_id, number_id, team_id, user_id, responded_at as at, business_ms as ms, 1 as delta
       ), measured as (
         select * from inserted
         union all
         select 'resolution', d.department_id, d.number_id, d.team_id, d.user_id, d.at, d.ms, d.delta
           from jsonb_to_recordset(?::jsonb) as d(department_id uuid, number_id uuid, team_id uuid, user_id uuid,
                at timestamptz, ms bigint, delta integer)
       )
       insert into report_durations_daily as t (day, dimension, key, department_id, kind, bucket_ms, count)
       select (m.at at time zone 'UTC')::date, k.dimension, k.key, m.department_id, m.kind,
              report_duration_bucket(m.ms), sum(m.delta)
         from measured m
        cross join lateral (values ('agent', m.user_id), ('team', m.team_id), ('number', m.number_id))
              as k(dimension, key)
        group by 1, 2, 3, 4, 5, 6
        order by 2, 1, 4, 3, 5, 6
       on conflict (dimension, day, department_id, key, kind, bucket_ms) do update
          set count = t.count + excluded.count`,
      [
        JSON.stringify(
          responses.map((r) => ({
            message_id: r.messageId,
            conversation_id: r.conversationId,
            kind: r.kind,
            department_id: r.departmentId,
            number_id: r.numberId,
            team_id: r.teamId,
            user_id: r.userId,
            customer_at: r.customerAt,
            responded_at: r.respondedAt,
            business_ms: r.businessMs,
          })),
        ),
        JSON.stringify(
          resolutions.map((d) => ({
            department_id: d.departmentId,
            number_id: d.numberId,
            team_id: d.teamId,
            user_id: d.userId,
            at: d.at,
            ms: d.ms,
            delta: d.delta,
          })),
        ),
      ],
    );
  }

  private async saveFacts(em: EntityManager, facts: ConversationFact[]): Promise<void> {
    await sql(
      em,
      `insert into report_conversations as t (conversation_id, department_id, number_id, team_id, owner_user_id,
              status, card_id, stage_key, stage_category, sla_status, opened_at, closed_at, reopened_at,
              awaiting_since, first_response_at, first_response_ms, first_response_user_id, resolution_ms, resolved_by_user_id,
              resolved_team_id, last_xid, last_seq)
       select f.conversation_id, f.department_id, f.number_id, f.team_id, f.owner_user_id, f.status, f.card_id,
              f.stage_key, f.stage_category, f.sla_status, f.opened_at, f.closed_at, f.reopened_at, f.awaiting_since,
              f.first_response_at, f.first_response_ms, f.first_response_user_id, f.resolution_ms,
              f.resolved_by_user_id, f.resolved_team_id, f.last_xid, f.last_seq
         from jsonb_to_recordset(?::jsonb) as f(conversation_id uuid, department_id uuid, number_id uuid,
              team_id uuid, owner_user_id uuid, status text, card_id uuid, stage_key text, stage_category text,
              sla_status text, opened_at timestamptz, closed_at timestamptz, reopened_at timestamptz,
              awaiting_since timestamptz,
              first_response_at timestamptz, first_response_ms bigint, first_response_user_id uuid,
              resolution_ms bigint, resolved_by_user_id uuid, resolved_team_id uuid, last_xid bigint,
              last_seq bigint)
        order by f.conversation_id
       on conflict (conversation_id) do update set
              department_id = excluded.department_id, number_id = excluded.number_id, team_id = excluded.team_id,
              owner_user_id = excluded.owner_user_id, status = excluded.status, card_id = excluded.card_id,
              stage_key = excluded.stage_key, stage_category = excluded.stage_category,
              sla_status = excluded.sla_status, opened_at = excluded.opened_at, closed_at = excluded.closed_at,
              reopened_at = excluded.reopened_at,
              awaiting_since = excluded.awaiting_since, first_response_at = excluded.first_response_at,
              first_response_ms = excluded.first_response_ms,
              first_response_user_id = excluded.first_response_user_id, resolution_ms = excluded.resolution_ms,
              resolved_by_user_id = excluded.resolved_by_user_id, resolved_team_id = excluded.resolved_team_id,
              last_xid = excluded.last_xid, last_seq = excluded.last_seq`,
      [
        JSON.stringify(
          facts.map((f) => ({
            conversation_id: f.conversationId,
            department_id: f.departmentId,
            number_id: f.numberId,
            team_id: f.teamId,
            owner_user_id: f.ownerUserId,
            status: f.status,
            card_id: f.cardId,
            stage_key: f.stageKey,
            stage_category: f.stageCategory,
            sla_status: f.slaStatus,
            opened_at: f.openedAt,
            closed_at: f.closedAt,
            reopened_at: f.reopenedAt,
            awaiting_since: f.awaitingSince,
            first_response_at: f.firstResponseAt,
            first_response_ms: f.firstResponseMs,
            first_response_user_id: f.firstResponseUserId,
            resolution_ms: f.resolutionMs,
            resolved_by_user_id: f.resolvedByUserId,
            resolved_team_id: f.resolvedTeamId,
            last_xid: f.lastXid.toString(),
            last_seq: f.lastSeq.toString(),
          })),
        ),
      ],
    );
  }
}

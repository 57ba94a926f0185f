import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';

/** What the clocks remember about a conversation between its events. */
export interface SlaConversation {
  conversationId: string;
  departmentId: string;
  numberId: string;
  priority: string;
  requestType: string | null;
  /** The policy its clocks run under; null when none matched. */
  policyId: string | null;
  status: 'open' | 'closed';
  /** The customer's first message not yet answered by a person; null when we spoke last. */
  customerWaitingSince: Date | null;
  /** A person has answered at least once (then every later wait is a next response). */
  agentReplied: boolean;
  /** Why the clocks are paused: the card in a waiting-on-customer stage, or snoozed. */
  inWaitingStage: boolean;
  snoozed: boolean;
  stageKey: string | null;
}

interface Row {
  conversation_id: string;
  department_id: string;
  number_id: string;
  priority: string;
  request_type: string | null;
  policy_id: string | null;
  status: 'open' | 'closed';
  customer_waiting_since: Date | null;
  agent_replied: boolean;
  in_waiting_stage: boolean;
  snoozed: boolean;
  stage_key: string | null;
}

const toConversation = (r: Row): SlaConversation => ({
  conversationId: r.conversation_id,
  departmentId: r.department_id,
  numberId: r.number_id,
  priority: r.priority,
  requestType: r.request_type,
  policyId: r.policy_id,
  status: r.status,
  customerWaitingSince: r.customer_waiting_since ? new Date(r.customer_waiting_since) : null,
  agentReplied: r.agent_replied,
  inWaitingStage: r.in_waiting_stage,
  snoozed: r.snoozed,
  stageKey: r.stage_key,
});

/** sla_conversations: one row per conversation the clocks have heard of. */
@Injectable()
export class SlaConversationRepository {
  /** These conversations' rows, locked for the caller's transaction (events of one conversation never interleave). */
  async lock(em: EntityManager, ids: readonly string[]): Promise<Map<string, SlaConversation>> {
    if (!ids.length) return new Map();
    const rows = await sql<Row>(
      em,
      `select * from sla_conversations where conversation_id = any(?::uuid[]) order by conversation_id for update`,
      [ids],
    );
    return new Map(rows.map((r) => [r.conversation_id, toConversation(r)]));
  }

  async get(em: EntityManager, id: string): Promise<SlaConversation | null> {
    const [row] = await sql<Row>(em, `select * from sla_conversations where conversation_id = ?`, [id]);
    return row ? toConversation(row) : null;
  }

  /** Writes these rows (inserted or replaced) in one statement. */
  async save(em: EntityManager, rows: readonly SlaConversation[]): Promise<void> {
    if (!rows.length) return;
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    await sql(
      em,
      `insert into sla_conversations (conversation_id, department_id, number_id, priority, request_type, policy_id,
         status, customer_waiting_since, agent_replied, in_waiting_stage, snoozed, stage_key, updated_at)
       select *, now() from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::uuid[], ?::text[],
         ?::timestamptz[], ?::boolean[], ?::boolean[], ?::boolean[], ?::text[])
       on conflict (conversation_id) do update set department_id = excluded.department_id,
         number_id = excluded.number_id, priority = excluded.priority, request_type = excluded.request_type,
         policy_id = excluded.policy_id, status = excluded.status,
         customer_waiting_since = excluded.customer_waiting_since, agent_replied = excluded.agent_replied,
         in_waiting_stage = excluded.in_waiting_stage, snoozed = excluded.snoozed, stage_key = excluded.stage_key,
         updated_at = now()`,
      [
        rows.map((c) => c.conversationId),
        rows.map((c) => c.departmentId),
        rows.map((c) => c.numberId),
        rows.map((c) => c.priority),
        rows.map((c) => c.requestType),
        rows.map((c) => c.policyId),
        rows.map((c) => c.status),
        rows.map((c) => iso(c.customerWaitingSince)),
        rows.map((c) => c.agentReplied),
        rows.map((c) => c.inWaitingStage),
        rows.map((c) => c.snoozed),
        rows.map((c) => c.stageKey),
      ],
    );
  }
}

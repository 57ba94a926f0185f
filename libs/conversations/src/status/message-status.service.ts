import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DomainEvents, uuidv7, sql } from '@switchboard/engine';
import { MessageError } from '../entities/message.entity';
import { STATUS_RANK, MetaStatus } from './status-rank';
import { StatusUpdateInput } from './status-update.input';

interface PendingRow {
  status: MetaStatus;
  occurred_at: Date;
  payload: { error?: MessageError | null };
}

/** Outbound messages sent from one number: the only ones a status reported through that number may touch. */
const FROM_NUMBER = `m.direction = 'out' and m.number_id = ?`;

/**
 * Applies Meta's delivery statuses. Each (number, wamid, status) is stored once; it applies only to an outbound
 * message sent from the number the delivery named, only when it raises the message's rank, and a status for a
 * wamid we do not know yet waits until that number records the wamid.
 */
@Injectable()
export class MessageStatusService {
  constructor(private readonly events: DomainEvents) {}

  /** `refused` says why the status was not stored: it names a message of another number. */
  async record(em: EntityManager, input: StatusUpdateInput): Promise<{ applied: boolean; refused?: string }> {
    const refused = await this.foreignTarget(em, input);
    if (refused) return { applied: false, refused };
    if (input.ourMessageId) {
      // The send's response was lost but Meta echoes our id: attach the wamid so statuses can land.
      await sql(
        em,
        `update messages m set wamid = ?, updated_at = now()
          where m.id = ?::uuid and m.wamid is null and ${FROM_NUMBER}
            and not exists (select 1 from messages o where o.wamid = ? and o.number_id = ?)`,
        [input.wamid, input.ourMessageId, input.numberId, input.wamid, input.numberId],
      );
    }
    await sql(
      em,
      `insert into message_status_events (id, number_id, wamid, status, occurred_at, payload, created_at)
       values (?, ?, ?, ?, ?, ?, now()) on conflict (number_id, wamid, status) do nothing`,
      [
        uuidv7(),
        input.numberId,
        input.wamid,
        input.status,
        input.timestamp,
        JSON.stringify({ ...input.payload, error: input.error ?? null }),
      ],
    );
    const applied = await this.apply(
      em,
      input.numberId,
      input.wamid,
      input.status,
      input.timestamp,
      input.error ?? null,
    );
    return { applied };
  }

  /** Applies statuses this number reported before it knew the message's wamid. */
  async applyPending(em: EntityManager, wamid: string, numberId: string): Promise<number> {
    const rows = await sql<PendingRow>(
      em,
      `select status, occurred_at, payload from message_status_events
        where wamid = ? and number_id = ? and applied_at is null`,
      [wamid, numberId],
    );
    rows.sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status]);
    for (const row of rows)
      await this.apply(em, numberId, wamid, row.status, new Date(row.occurred_at), row.payload.error ?? null);
    return rows.length;
  }

  /**
   * Why the status names a message that is not an outbound message of its number, or null. A wamid this number
   * sent is its own even when another number stored the same wamid: no other app's delivery can block it.
   */
  private async foreignTarget(em: EntityManager, input: StatusUpdateInput): Promise<string | null> {
    const owners = await sql<{ number_id: string; direction: string; by_wamid: boolean }>(
      em,
      `select m.number_id, m.direction, m.wamid is not distinct from ? as by_wamid
         from messages m where m.wamid = ? or m.id = ?::uuid`,
      [input.wamid, input.wamid, input.ourMessageId ?? null],
    );
    const own = (o: { number_id: string; direction: string }) =>
      o.number_id === input.numberId && o.direction === 'out';
    const byWamid = owners.filter((o) => o.by_wamid);
    if (byWamid.length && !byWamid.some(own))
      return `status "${input.status}" for wamid ${input.wamid} refused: that message was not sent from this number`;
    if (owners.some((o) => !o.by_wamid && !own(o)))
      return `status "${input.status}" for our message ${input.ourMessageId} (biz_opaque_callback_data) refused: that message was not sent from this number`;
    return null;
  }

  private async apply(
    em: EntityManager,
    numberId: string,
    wamid: string,
    status: MetaStatus,
    at: Date,
    error: MessageError | null,
  ): Promise<boolean> {
    const rank = STATUS_RANK[status];
    const updated = await sql<{ id: string; conversation_id: string; department_id: string }>(
      em,
      `update messages m set status = ?, status_rank = ?,
              error = case when ? = 'failed' then ?::jsonb else m.error end,
              sent_at = case when ? >= 2 then coalesce(m.sent_at, ?) else m.sent_at end,
              delivered_at = case when ? between 3 and 5 then coalesce(m.delivered_at, ?) else m.delivered_at end,
              read_at = case when ? between 4 and 5 then coalesce(m.read_at, ?) else m.read_at end,
              updated_at = now()
        where m.wamid = ? and m.status_rank < ? and ${FROM_NUMBER}
        returning m.id, m.conversation_id,
          (select c.department_id from conversations c where c.id = m.conversation_id) as department_id`,
      [
        status,
        rank,
        status,
        error ? JSON.stringify(error) : null,
        rank,
        at,
        rank,
        at,
        rank,
        at,
        wamid,
        rank,
        numberId,
      ],
    );
    // Only a status that raised the message is an event: a late or repeated one changed nothing.
    await this.events.publish(
      em,
      updated.map((m) => ({
        name: 'message.status' as const,
        payload: {
          messageId: m.id,
          conversationId: m.conversation_id,
          numberId,
          departmentId: m.department_id,
          status,
        },
      })),
    );
    const known = await sql(em, `select 1 from messages m where m.wamid = ? and ${FROM_NUMBER}`, [
      wamid,
      numberId,
    ]);
    if (known.length) {
      await sql(
        em,
        `update message_status_events set applied_at = now()
          where number_id = ? and wamid = ? and status = ? and applied_at is null`,
        [numberId, wamid, status],
      );
    }
    return updated.length > 0;
  }
}

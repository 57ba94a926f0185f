import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { uuidv7, sql } from '@switchboard/engine';
import { MessageError } from '../entities/message.entity';
import { STATUS_RANK, MetaStatus } from './status-rank';
import { StatusUpdateInput } from './status-update.input';

interface PendingRow {
  status: MetaStatus;
  occurred_at: Date;
  payload: { error?: MessageError | null };
}

/**
 * Applies Meta's delivery statuses. Each (wamid, status) is stored once; it applies only when it raises
 * the message's rank, and a status for a wamid we do not know yet waits until the wamid is recorded.
 */
@Injectable()
export class MessageStatusService {
  async record(em: EntityManager, input: StatusUpdateInput): Promise<{ applied: boolean }> {
    if (input.ourMessageId) {
      // The send's response was lost but Meta echoes our id: attach the wamid so statuses can land.
      await sql(
        em,
        `update messages set wamid = ?, updated_at = now()
          where id::text = ? and wamid is null and direction = 'out'
            and not exists (select 1 from messages where wamid = ?)`,
        [input.wamid, input.ourMessageId, input.wamid],
      );
    }
    await sql(
      em,
      `insert into message_status_events (id, wamid, status, occurred_at, payload, created_at)
       values (?, ?, ?, ?, ?, now()) on conflict (wamid, status) do nothing`,
      [
        uuidv7(),
        input.wamid,
        input.status,
        input.timestamp,
        JSON.stringify({ ...input.payload, error: input.error ?? null }),
      ],
    );
    const applied = await this.apply(em, input.wamid, input.status, input.timestamp, input.error ?? null);
    return { applied };
  }

  /** Applies statuses that arrived before their message's wamid was known. */
  async applyPending(em: EntityManager, wamid: string): Promise<number> {
    const rows = await sql<PendingRow>(
      em,
      'select status, occurred_at, payload from message_status_events where wamid = ? and applied_at is null',
      [wamid],
    );
    rows.sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status]);
    for (const row of rows)
      await this.apply(em, wamid, row.status, new Date(row.occurred_at), row.payload.error ?? null);
    return rows.length;
  }

  private async apply(
    em: EntityManager,
    wamid: string,
    status: MetaStatus,
    at: Date,
    error: MessageError | null,
  ): Promise<boolean> {
    const rank = STATUS_RANK[status];
    const updated = await sql<{ id: string }>(
      em,
      `update messages set status = ?, status_rank = ?,
              error = case when ? = 'failed' then ?::jsonb else error end,
              sent_at = case when ? >= 2 then coalesce(sent_at, ?) else sent_at end,
              delivered_at = case when ? between 3 and 5 then coalesce(delivered_at, ?) else delivered_at end,
              read_at = case when ? between 4 and 5 then coalesce(read_at, ?) else read_at end,
              updated_at = now()
        where wamid = ? and status_rank < ? returning id`,
      [status, rank, status, error ? JSON.stringify(error) : null, rank, at, rank, at, rank, at, wamid, rank],
    );
    const known = await sql(em, 'select 1 from messages where wamid = ?', [wamid]);
    if (known.length) {
      await sql(
        em,
        'update message_status_events set applied_at = now() where wamid = ? and status = ? and applied_at is null',
        [wamid, status],
      );
    }
    return updated.length > 0;
  }
}

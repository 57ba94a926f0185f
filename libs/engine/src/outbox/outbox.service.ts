import { EntityManager } from '@mikro-orm/postgresql';
import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { uuidv7 } from '../ids/uuid-v7';
import { sql } from '../persistence/sql';
import { QueueName } from '../queue/queue-names';
import { OutboxEntry } from './outbox-entry.entity';

export interface StagedJob {
  id: string;
  queue: string;
  data: Record<string, string>;
}

/** Writes outbox entries inside the caller's transaction and publishes them to BullMQ after commit. */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Inserts an entry inside the caller's transaction (`em`), so it commits or rolls back with the business rows. */
  async stage(em: EntityManager, queue: QueueName, data: Record<string, string>): Promise<StagedJob> {
    const id = uuidv7();
    // clock_timestamp(), not now(): a batch transaction can run for seconds before it stages, and the relay's grace
    // for unpublished entries counts from here (with now() it would race the fast path under load).
    await sql(em, 'insert into outbox (id, queue, data, created_at) values (?, ?, ?, clock_timestamp())', [
      id,
      queue,
      JSON.stringify(data),
    ]);
    return { id, queue, data };
  }

  /**
   * Claims the entries among `ids` that are not done and not claimed by another consumer, for `leaseMs`; returns
   * them. For consumers with side effects: the fast-path job and a relay copy of it then never run an entry at the
   * same time. A consumer that dies leaves its claim to expire, and the relay's next copy runs the entry.
   */
  async claim(
    ids: string[],
    leaseMs: number,
  ): Promise<{ id: string; data: Record<string, string>; createdAt: Date }[]> {
    const rows = await sql<{ id: string; data: Record<string, string>; created_at: Date | string }>(
      this.em,
      `update outbox set claimed_until = now() + make_interval(secs => ?::float / 1000)
        where id = any(?::uuid[]) and done_at is null and (claimed_until is null or claimed_until < now())
        returning id, data, created_at`,
      [leaseMs, ids],
    );
    // The driver may hand timestamps over as text (the ORM's type parsers): normalised here.
    return rows.map((r) => ({ id: r.id, data: r.data, createdAt: new Date(r.created_at) }));
  }

  queue(name: string): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  /**
   * Best-effort fast path after commit. If the queue is down the entry stays unpublished and the
   * relay publishes it later; the job id is the entry id, so a double publish collapses.
   */
  async publish(entry: StagedJob): Promise<void> {
    try {
      await this.queue(entry.queue).add(
        entry.queue,
        { ...entry.data, outboxId: entry.id },
        { jobId: entry.id },
      );
      await this.em.fork().nativeUpdate(OutboxEntry, { id: entry.id }, { publishedAt: new Date() });
    } catch (e) {
      this.logger.warn(
        `outbox ${entry.id} not published yet (${(e as Error).message}); the relay will retry`,
      );
    }
  }

  async markDone(id: string | undefined): Promise<void> {
    if (!id) return;
    await this.em.fork().nativeUpdate(OutboxEntry, { id }, { doneAt: new Date() });
  }
}

import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '../ids/uuid-v7';

/**
 * Transactional outbox: written in the same transaction as the business row, so a job is never lost
 * when the queue is down. The relay publishes pending entries; the consumer marks them done.
 */
@Entity({ tableName: 'outbox' })
@Index({ properties: ['doneAt', 'createdAt'] })
export class OutboxEntry {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** The queue the job goes to. */
  @Property({ type: 'text' })
  queue!: string;

  /** Ids only, never message bodies or secrets: job data is stored in clear by the queue. */
  @Property({ type: 'jsonb' })
  data: Record<string, string> = {};

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  publishedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  doneAt?: Date | null;

  /** A consumer running the entry's side effects holds it until then (see OutboxService.claim). */
  @Property({ type: 'timestamptz', nullable: true })
  claimedUntil?: Date | null;
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';

/** Whether stored webhooks wait to be processed: work that can wait (plugin hooks) lets intake go first. */
@Injectable()
export class IntakeBacklog {
  constructor(private readonly em: EntityManager) {}

  /** Whether more than `threshold` stored webhooks are waiting to be processed (counts no further). */
  async over(threshold: number): Promise<boolean> {
    const rows = await sql(
      this.em.fork(),
      `select 1 from inbound_events where status = 'pending' offset ? limit 1`,
      [threshold],
    );
    return rows.length > 0;
  }
}

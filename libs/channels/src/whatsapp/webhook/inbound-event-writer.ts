import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';

export interface InboundEventRow {
  id: string;
  rawBody: string;
  secretFingerprint: string;
  signedWithPreviousSecret: boolean;
}

interface Waiting {
  row: InboundEventRow;
  done: (error?: Error) => void;
}

/** Statements in flight at once: the pool stays free for the rest of the process (sockets, sign-ins). */
const MAX_IN_FLIGHT = 2;
const MAX_ROWS = 200;
/** Bodies can be megabytes each: a statement stops taking rows past this many bytes. */
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * Group commit for webhook intake. One autocommit insert per webhook waited on a WAL flush each, and with a pool of
 * ten the api stored about 500 webhooks a second however idle its CPU was. Rows that arrive while a statement is in
 * flight go together in the next one (one commit, one flush); nothing waits on a timer, so a lone webhook is
 * written at once. Each caller resolves only after its row's commit, so nothing is acknowledged before it is durable.
 */
@Injectable()
export class InboundEventWriter {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(private readonly em: EntityManager) {}

  write(row: InboundEventRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, done: (error) => (error ? reject(error) : resolve()) });
      this.next();
    });
  }

  private next(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length > 0) {
      const batch: Waiting[] = [];
      let bytes = 0;
      while (
        this.waiting.length > 0 &&
        batch.length < MAX_ROWS &&
        (batch.length === 0 || bytes < MAX_BYTES)
      ) {
        const item = this.waiting.shift() as Waiting;
        bytes += item.row.rawBody.length;
        batch.push(item);
      }
      this.inFlight++;
      void this.store(batch).finally(() => {
        this.inFlight--;
        this.next();
      });
    }
  }

  /**
   * One insert for the whole group; if it fails, each row is tried on its own, so one row the database refuses
   * never turns its neighbours away (they would be retried by Meta, and could meet the same row again).
   */
  private async store(batch: Waiting[]): Promise<void> {
    try {
      await this.insert(batch.map((w) => w.row));
      for (const w of batch) w.done();
    } catch (error) {
      if (batch.length === 1) {
        batch[0].done(error as Error);
        return;
      }
      for (const w of batch) {
        await this.insert([w.row]).then(
          () => w.done(),
          (e: Error) => w.done(e),
        );
      }
    }
  }

  private async insert(rows: InboundEventRow[]): Promise<void> {
    await sql(
      this.em,
      `insert into inbound_events (id, received_at, raw_body, secret_fingerprint, signed_with_previous_secret, status, attempts)
       select id, now(), raw_body, fingerprint, previous, 'pending', 0
         from unnest(?::uuid[], ?::text[], ?::text[], ?::boolean[]) as r(id, raw_body, fingerprint, previous)`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.rawBody),
        rows.map((r) => r.secretFingerprint),
        rows.map((r) => r.signedWithPreviousSecret),
      ],
      'switchboard_insert_inbound_events',
    );
  }
}

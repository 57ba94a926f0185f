import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { NumberEventView } from '@switchboard/contracts';
import { sql, uuidv7 } from '@switchboard/engine';
import type { NumberEventKind } from '../entities/number-event.entity';

/** A number's history: appended by whatever changes the number, read by admins. Details never hold secrets. */
@Injectable()
export class NumberHistory {
  constructor(private readonly em: EntityManager) {}

  async record(
    em: EntityManager,
    numberId: string,
    kind: NumberEventKind,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await sql(
      em,
      'insert into number_events (id, number_id, kind, at, detail) values (?, ?, ?, now(), ?::jsonb)',
      [uuidv7(), numberId, kind, JSON.stringify(detail)],
    );
  }

  /** The latest 200 events, oldest first; the caller has checked the number is visible. */
  async of(numberId: string): Promise<NumberEventView[]> {
    const rows = await sql<{ id: string; kind: string; at: Date; detail: Record<string, unknown> }>(
      this.em,
      `select * from (select id, kind, at, detail from number_events where number_id = ? order by at desc, id desc limit 200) x
        order by at, id`,
      [numberId],
    );
    return rows.map((r) => ({ id: r.id, kind: r.kind, at: new Date(r.at).toISOString(), detail: r.detail }));
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AccountEventView, ListAccountEventsQuery } from '@switchboard/contracts';
import { sql } from '@switchboard/engine';
import { AccessScope } from '@switchboard/identity';

interface Row {
  id: string;
  inbound_event_id: string;
  path: string;
  field: string;
  waba_id: string | null;
  template_id: string | null;
  outcome: string;
  occurred_at: Date | null;
  received_at: Date;
  detail: Record<string, unknown>;
}

/** The account and template changes applied to a number, newest first; seen as the number is. */
@Injectable()
export class AccountEventQueryService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
  ) {}

  async ofNumber(numberId: string, q: ListAccountEventsQuery): Promise<AccountEventView[]> {
    // Seen as the number is: through its department (members-only ones hidden, like ids that do not exist).
    const [number] = await sql<{ department_id: string }>(
      this.em,
      'select department_id from whatsapp_numbers where id = ?',
      [numberId],
    );
    this.scope.assertIn('conversations.read', number?.department_id ?? null, `number ${numberId}`);
    const rows = await sql<Row>(
      this.em,
      `select id, inbound_event_id, path, field, waba_id, template_id, outcome, occurred_at, received_at, detail
         from whatsapp_account_events
        where number_ids @> array[?::uuid] and (?::text is null or field = ?::text)
        order by received_at desc, id desc limit ?`,
      [numberId, q.field ?? null, q.field ?? null, q.limit],
    );
    return rows.map((r) => ({
      id: r.id,
      inboundEventId: r.inbound_event_id,
      path: r.path,
      field: r.field,
      wabaId: r.waba_id,
      templateId: r.template_id,
      outcome: r.outcome,
      occurredAt: r.occurred_at ? new Date(r.occurred_at).toISOString() : null,
      receivedAt: new Date(r.received_at).toISOString(),
      detail: r.detail,
    }));
  }
}

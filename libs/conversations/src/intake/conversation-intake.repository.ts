import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { uuidv7 } from '@switchboard/engine';
import { ContactIdentity, InboundEffect, InboundMessageInput } from './inbound-message.input';

interface IdRow {
  id: string;
}

/** SQL for the inbound hot path. Every statement is idempotent or guarded by a unique constraint. */
@Injectable()
export class ConversationIntakeRepository {
  async wamidExists(em: EntityManager, wamid: string): Promise<boolean> {
    const rows: unknown[] = await em.execute('select 1 from messages where wamid = ?', [wamid]);
    return rows.length > 0;
  }

  async upsertContact(em: EntityManager, who: ContactIdentity): Promise<string> {
    const find = async () =>
      (
        await em.execute<IdRow[]>(
          'select id from contacts where (wa_id = ?::text) or (bsuid = ?::text) order by (wa_id = ?::text) desc nulls last limit 1',
          [who.waId ?? null, who.bsuid ?? null, who.waId ?? null],
        )
      )[0];
    let row = await find();
    if (!row) {
      const inserted = await em.execute<IdRow[]>(
        `insert into contacts (id, wa_id, bsuid, profile_name, username, created_at, updated_at)
         values (?, ?, ?, ?, ?, now(), now()) on conflict do nothing returning id`,
        [uuidv7(), who.waId ?? null, who.bsuid ?? null, who.profileName ?? null, who.username ?? null],
      );
      row = inserted[0] ?? (await find());
      if (!row) throw new Error('contact could not be created');
      return row.id;
    }
    // Profile names change; identities only fill in (a BSUID learned later is attached, never replaced).
    await em.execute(
      `update contacts set profile_name = coalesce(?, profile_name), username = coalesce(?, username),
              wa_id = coalesce(wa_id, ?), bsuid = coalesce(bsuid, ?), updated_at = now()
        where id = ? and (profile_name is distinct from coalesce(?, profile_name)
              or username is distinct from coalesce(?, username)
              or (wa_id is null and ?::text is not null) or (bsuid is null and ?::text is not null))`,
      [
        who.profileName ?? null,
        who.username ?? null,
        who.waId ?? null,
        who.bsuid ?? null,
        row.id,
        who.profileName ?? null,
        who.username ?? null,
        who.waId ?? null,
        who.bsuid ?? null,
      ],
      'run',
    );
    return row.id;
  }

  /** The open conversation of (number, contact), created when there is none. */
  async openConversation(
    em: EntityManager,
    input: { numberId: string; departmentId: string; contactId: string },
  ): Promise<{ id: string; created: boolean }> {
    const existing = await em.execute<IdRow[]>(
      `select id from conversations where number_id = ? and contact_id = ? and status = 'open'`,
      [input.numberId, input.contactId],
    );
    if (existing[0]) return { id: existing[0].id, created: false };
    const inserted = await em.execute<IdRow[]>(
      `insert into conversations (id, number_id, department_id, contact_id, status, created_at, updated_at)
       values (?, ?, ?, ?, 'open', now(), now())
       on conflict (number_id, contact_id) where status = 'open' do nothing returning id`,
      [uuidv7(), input.numberId, input.departmentId, input.contactId],
    );
    if (inserted[0]) return { id: inserted[0].id, created: true };
    const raced = await em.execute<IdRow[]>(
      `select id from conversations where number_id = ? and contact_id = ? and status = 'open'`,
      [input.numberId, input.contactId],
    );
    return { id: raced[0].id, created: false };
  }

  /** Inserts the message; null when another delivery of the same wamid won the race. */
  async insertMessage(
    em: EntityManager,
    conversationId: string,
    m: InboundMessageInput,
  ): Promise<string | null> {
    const rows = await em.execute<IdRow[]>(
      `insert into messages (id, wamid, conversation_id, direction, type, body, content, media, reply_to_wamid,
                             status, status_rank, sent_at, inbound_event_id, created_at, updated_at)
       values (?, ?, ?, 'in', ?, ?, ?, ?, ?, 'received', 0, ?, ?, now(), now())
       on conflict (wamid) do nothing returning id`,
      [
        uuidv7(),
        m.wamid,
        conversationId,
        m.type,
        m.body,
        JSON.stringify(m.content),
        m.media ? JSON.stringify(m.media) : null,
        m.replyToWamid ?? null,
        m.timestamp,
        m.inboundEventId ?? null,
      ],
    );
    return rows[0]?.id ?? null;
  }

  /** Moves the conversation's clocks forward only: a late (out-of-order) message never rewinds them. */
  async touchConversation(em: EntityManager, conversationId: string, m: InboundMessageInput): Promise<void> {
    await em.execute(
      `update conversations set
         last_inbound_at = greatest(last_inbound_at, ?::timestamptz),
         last_message_at = greatest(last_message_at, ?::timestamptz),
         window_expires_at = case when ?::boolean
           then greatest(window_expires_at, ?::timestamptz + interval '24 hours') else window_expires_at end,
         last_speaker = case when ?::boolean and (last_outbound_at is null or ?::timestamptz >= last_outbound_at)
           then 'customer' else last_speaker end,
         waiting_since = case when ?::boolean and (last_outbound_at is null or ?::timestamptz >= last_outbound_at)
           then coalesce(waiting_since, ?::timestamptz) else waiting_since end,
         updated_at = now()
       where id = ?`,
      [
        m.timestamp,
        m.timestamp,
        m.opensWindow,
        m.timestamp,
        m.isCustomerTurn,
        m.timestamp,
        m.isCustomerTurn,
        m.timestamp,
        m.timestamp,
        conversationId,
      ],
      'run',
    );
  }

  async applyEffect(em: EntityManager, contactId: string, effect: InboundEffect, at: Date): Promise<void> {
    if (effect.kind === 'edit') {
      await em.execute(
        `update messages set body = ?, content = content || jsonb_build_object('edited', ?::jsonb), edited_at = ?, updated_at = now()
          where wamid = ? and direction = 'in'`,
        [effect.body, JSON.stringify(effect.content), at, effect.originalWamid],
        'run',
      );
    } else if (effect.kind === 'revoke') {
      await em.execute(
        `update messages set revoked_at = ?, updated_at = now() where wamid = ? and direction = 'in'`,
        [at, effect.originalWamid],
        'run',
      );
    } else {
      await em.execute(
        `update contacts set wa_id = ?, updated_at = now()
          where id = ? and not exists (select 1 from contacts where wa_id = ?)`,
        [effect.newWaId, contactId, effect.newWaId],
        'run',
      );
    }
  }
}

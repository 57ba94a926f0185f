import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { uuidv7, sql } from '@switchboard/engine';
import { ContactIdentity, InboundEffect, InboundMessageInput } from './inbound-message.input';

interface ContactRow {
  id: string;
  waba_id: string;
  wa_id: string | null;
  bsuid: string | null;
  profile_name: string | null;
  username: string | null;
}

/** A sender as one WhatsApp Business Account sees them: contacts exist per WABA (docs/architecture.md). */
export interface ScopedIdentity {
  wabaId: string;
  who: ContactIdentity;
}

/** A message's identity: a wamid is unique within the number that received it (docs/architecture.md). */
export const messageKey = (numberId: string, wamid: string) => `${numberId}|${wamid}`;

export const contactKey = (wabaId: string, who: ContactIdentity) =>
  `${wabaId}|${who.waId ?? ''}|${who.bsuid ?? ''}`;

const sameSender = (row: ContactRow, { wabaId, who }: ScopedIdentity) =>
  row.waba_id === wabaId && ((who.waId && row.wa_id === who.waId) || (who.bsuid && row.bsuid === who.bsuid));

/**
 * What a batch of messages means for one conversation's clocks. Clocks only move forward: a late
 * (out-of-order) message never rewinds them.
 */
export interface ConversationClock {
  latest: Date;
  /** Latest message that opens Meta's 24-hour window, or null. */
  latestWindowOpener: Date | null;
  /** Latest / earliest real customer turn (the customer is waiting), or null. */
  latestTurn: Date | null;
  earliestTurn: Date | null;
}

/** A pair's latest conversation, closed: the department's policy decides whether a customer message reopens it. */
export interface ClosedConversation {
  id: string;
  departmentId: string;
  ownerUserId: string | null;
  closedAt: Date | null;
}

export interface OpenedConversation {
  id: string;
  created: boolean;
  /** Set when a closed conversation was reopened: its department and the owner it had (now cleared). */
  reopened?: { departmentId: string; ownerUserId: string | null };
}

/** SQL for the inbound hot path. Every statement is idempotent or guarded by a unique constraint. */
@Injectable()
export class ConversationIntakeRepository {
  /**
   * The (number, wamid) pairs already stored, as messageKey. A wamid counts as a duplicate only on the number that
   * stored it: another app's delivery naming the same wamid never hides this number's message.
   */
  async existingMessages(
    em: EntityManager,
    keys: { numberId: string; wamid: string }[],
  ): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const rows = await sql<{ number_id: string; wamid: string }>(
      em,
      `select m.number_id, m.wamid from messages m
         join unnest(?::text[], ?::uuid[]) as k(wamid, number_id) on m.wamid = k.wamid and m.number_id = k.number_id`,
      [keys.map((k) => k.wamid), keys.map((k) => k.numberId)],
    );
    return new Set(rows.map((r) => messageKey(r.number_id, r.wamid)));
  }

  /** Inserts the messages in one statement; returns messageKey → id for the rows this call created. */
  async insertMessages(
    em: EntityManager,
    rows: { conversationId: string; input: InboundMessageInput }[],
  ): Promise<Map<string, string>> {
    if (!rows.length) return new Map();
    const params: unknown[] = [];
    const values = rows.map(({ conversationId, input: m }) => {
      params.push(
        uuidv7(),
        m.wamid,
        conversationId,
        m.numberId,
        m.type,
        m.body,
        JSON.stringify(m.content),
        m.media ? JSON.stringify(m.media) : null,
        m.replyToWamid ?? null,
        m.timestamp,
        m.inboundEventId ?? null,
      );
      return `(?, ?, ?, ?, 'in', ?, ?, ?, ?, ?, 'received', 0, ?, ?, now(), now())`;
    });
    const inserted = await sql<{ id: string; wamid: string; number_id: string }>(
      em,
      `insert into messages (id, wamid, conversation_id, number_id, direction, type, body, content, media, reply_to_wamid,
                             status, status_rank, sent_at, inbound_event_id, created_at, updated_at)
       values ${values.join(', ')}
       on conflict (wamid, number_id) do nothing returning id, wamid, number_id`,
      params,
    );
    return new Map(inserted.map((r) => [messageKey(r.number_id, r.wamid), r.id]));
  }

  /**
   * Finds or creates the contacts of a batch in a few statements, each within its WABA: a name or identity
   * reported through one WABA never touches another WABA's contact. Returns contactKey → contact id.
   */
  async upsertContacts(em: EntityManager, identities: ScopedIdentity[]): Promise<Map<string, string>> {
    const byKey = new Map(identities.map((i) => [contactKey(i.wabaId, i.who), i]));
    const distinct = (values: (string | null | undefined)[]) => [
      ...new Set(values.filter((v): v is string => Boolean(v))),
    ];
    const wabaIds = distinct(identities.map((i) => i.wabaId));
    const waIds = distinct(identities.map((i) => i.who.waId));
    const bsuids = distinct(identities.map((i) => i.who.bsuid));
    const find = async () =>
      sql<ContactRow>(
        em,
        `select id, waba_id, wa_id, bsuid, profile_name, username from contacts
          where waba_id = any(?::text[]) and (wa_id = any(?::text[]) or bsuid = any(?::text[]))`,
        [wabaIds, waIds, bsuids],
      );
    const result = new Map<string, string>();
    const match = (rows: ContactRow[]) => {
      for (const [key, scoped] of byKey) {
        if (result.has(key)) continue;
        const { wabaId, who } = scoped;
        const row =
          rows.find((r) => r.waba_id === wabaId && who.waId && r.wa_id === who.waId) ??
          rows.find((r) => r.waba_id === wabaId && who.bsuid && r.bsuid === who.bsuid);
        if (row) result.set(key, row.id);
      }
    };
    const existing = await find();
    match(existing);
    // Sorted: concurrent batches then take row locks in the same order and cannot deadlock on each other.
    const missing = [...byKey]
      .filter(([key]) => !result.has(key))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, scoped]) => scoped);
    if (missing.length) {
      const params: unknown[] = [];
      const values = missing.map(({ wabaId, who }) => {
        params.push(
          uuidv7(),
          wabaId,
          who.waId ?? null,
          who.bsuid ?? null,
          who.profileName ?? null,
          who.username ?? null,
        );
        return '(?, ?, ?, ?, ?, ?, now(), now())';
      });
      await sql(
        em,
        `insert into contacts (id, waba_id, wa_id, bsuid, profile_name, username, created_at, updated_at)
         values ${values.join(', ')} on conflict do nothing`,
        params,
      );
      match(await find());
    }
    // Profile names change; identities only fill in (a BSUID learned later is attached, never replaced).
    for (const row of [...existing].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const scoped = [...byKey.values()].find((s) => sameSender(row, s));
      if (!scoped) continue;
      const { who } = scoped;
      const changed =
        (who.profileName && who.profileName !== row.profile_name) ||
        (who.username && who.username !== row.username) ||
        (!row.wa_id && who.waId) ||
        (!row.bsuid && who.bsuid);
      if (changed) {
        await sql(
          em,
          `update contacts set profile_name = coalesce(?, profile_name), username = coalesce(?, username),
                  wa_id = coalesce(wa_id, ?), bsuid = coalesce(bsuid, ?), updated_at = now() where id = ?`,
          [who.profileName ?? null, who.username ?? null, who.waId ?? null, who.bsuid ?? null, row.id],
        );
      }
    }
    const unresolved = [...byKey.keys()].filter((k) => !result.has(k));
    if (unresolved.length) throw new Error(`contact could not be created for ${unresolved.length} sender(s)`);
    return result;
  }

  /**
   * The open conversation of each (number, contact); when there is none, the latest closed one when `reopenable`
   * picks it (reopened: unowned, queued again), else a new one. `created` marks new ones, `reopened` reopened ones.
   */
  async openConversations(
    em: EntityManager,
    pairs: { numberId: string; departmentId: string; contactId: string }[],
    reopenable: (closed: ClosedConversation[]) => Promise<Set<string>> = async () => new Set(),
  ): Promise<Map<string, OpenedConversation>> {
    const unique = [...new Map(pairs.map((p) => [`${p.numberId}|${p.contactId}`, p])).entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, p]) => p);
    const result = new Map<string, OpenedConversation>();
    const find = async (list: typeof unique) => {
      if (!list.length) return;
      const rows = await sql<{ id: string; number_id: string; contact_id: string }>(
        em,
        `select id, number_id, contact_id from conversations
          where status = 'open' and (number_id, contact_id) in (${list.map(() => '(?::uuid, ?::uuid)').join(', ')})`,
        list.flatMap((p) => [p.numberId, p.contactId]),
      );
      for (const r of rows)
        if (!result.has(`${r.number_id}|${r.contact_id}`))
          result.set(`${r.number_id}|${r.contact_id}`, { id: r.id, created: false });
    };
    await find(unique);
    let missing = unique.filter((p) => !result.has(`${p.numberId}|${p.contactId}`));
    if (missing.length) {
      // Only pairs without an open conversation get here: the common case (an ongoing chat) costs nothing more.
      const closed = await this.latestClosed(em, missing);
      const chosen = closed.length ? await reopenable(closed) : new Set<string>();
      if (chosen.size) {
        const reopened = await sql<{ id: string; number_id: string; contact_id: string }>(
          em,
          // queued_at null: queued once routing has decided (conversation.routed), never before.
          `update conversations set status = 'open', closed_at = null, owner_user_id = null, queued_at = null,
                  updated_at = now()
            where id in (select id from conversations where id = any(?::uuid[]) and status = 'closed' order by id for update)
            returning id, number_id, contact_id`,
          [[...chosen]],
        );
        for (const r of reopened) {
          const before = closed.find((c) => c.id === r.id)!;
          result.set(`${r.number_id}|${r.contact_id}`, {
            id: r.id,
            created: false,
            reopened: { departmentId: before.departmentId, ownerUserId: before.ownerUserId },
          });
        }
        missing = missing.filter((p) => !result.has(`${p.numberId}|${p.contactId}`));
      }
    }
    if (missing.length) {
      const params: unknown[] = [];
      const values = missing.map((p) => {
        params.push(uuidv7(), p.numberId, p.departmentId, p.contactId);
        return "(?, ?, ?, ?, 'open', null, now(), now())";
      });
      const inserted = await sql<{ id: string; number_id: string; contact_id: string }>(
        em,
        `insert into conversations (id, number_id, department_id, contact_id, status, queued_at, created_at, updated_at)
         values ${values.join(', ')}
         on conflict (number_id, contact_id) where status = 'open' do nothing returning id, number_id, contact_id`,
        params,
      );
      for (const r of inserted) result.set(`${r.number_id}|${r.contact_id}`, { id: r.id, created: true });
      await find(missing.filter((p) => !result.has(`${p.numberId}|${p.contactId}`)));
    }
    return result;
  }

  /** The latest conversation of each pair when it is closed (none of these pairs has an open one). */
  private async latestClosed(
    em: EntityManager,
    pairs: { numberId: string; contactId: string }[],
  ): Promise<ClosedConversation[]> {
    const rows = await sql<{
      id: string;
      department_id: string;
      owner_user_id: string | null;
      closed_at: Date | null;
      status: string;
    }>(
      em,
      `select distinct on (c.number_id, c.contact_id) c.id, c.department_id, c.owner_user_id, c.closed_at, c.status
         from conversations c
         join unnest(?::uuid[], ?::uuid[]) as v(number_id, contact_id)
           on c.number_id = v.number_id and c.contact_id = v.contact_id
        order by c.number_id, c.contact_id, c.created_at desc, c.id desc`,
      [pairs.map((p) => p.numberId), pairs.map((p) => p.contactId)],
    );
    return rows
      .filter((r) => r.status === 'closed')
      .map((r) => ({
        id: r.id,
        departmentId: r.department_id,
        ownerUserId: r.owner_user_id,
        closedAt: r.closed_at ? new Date(r.closed_at) : null,
      }));
  }

  /** Moves every conversation's clocks forward in one statement; see ConversationClock. */
  async touchConversations(em: EntityManager, clocks: Map<string, ConversationClock>): Promise<void> {
    if (!clocks.size) return;
    const params: unknown[] = [];
    const values = [...clocks]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, c]) => {
        params.push(id, c.latest, c.latestWindowOpener, c.latestTurn, c.earliestTurn);
        return '(?::uuid, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?::timestamptz)';
      });
    // Rows locked first, in id order, like every other writer of many conversations (routing's decisions): two
    // batches can then never wait on each other in a cycle. No-key: message inserts' key-share locks do not conflict.
    await sql(em, 'select id from conversations where id = any(?::uuid[]) order by id for no key update', [
      [...clocks.keys()],
    ]);
    await sql(
      em,
      `update conversations c set
         last_inbound_at = greatest(c.last_inbound_at, v.latest),
         last_message_at = greatest(c.last_message_at, v.latest),
         window_expires_at = case when v.opener is not null
           then greatest(c.window_expires_at, v.opener + interval '24 hours') else c.window_expires_at end,
         last_speaker = case when v.latest_turn is not null and (c.last_outbound_at is null or v.latest_turn >= c.last_outbound_at)
           then 'customer' else c.last_speaker end,
         waiting_since = case when v.latest_turn is not null and (c.last_outbound_at is null or v.latest_turn >= c.last_outbound_at)
           then coalesce(c.waiting_since, greatest(v.earliest_turn, c.last_outbound_at)) else c.waiting_since end,
         updated_at = now()
       from (values ${values.join(', ')}) as v(id, latest, opener, latest_turn, earliest_turn)
       where c.id = v.id`,
      params,
    );
  }

  /**
   * Applies an edit, revoke or number change. Edits and revokes reach only inbound messages of conversations on
   * the number that delivered them; a number change only the sender's own contact (already scoped to the WABA).
   * Returns why the effect was refused, or null when it was applied or its target is not known (yet).
   */
  async applyEffect(
    em: EntityManager,
    target: { contactId: string; numberId: string },
    effect: InboundEffect,
    at: Date,
  ): Promise<string | null> {
    if (effect.kind === 'identity_change') {
      const changed = await sql<{ id: string }>(
        em,
        `update contacts k set wa_id = ?, updated_at = now()
          where k.id = ? and not exists (select 1 from contacts o where o.waba_id = k.waba_id and o.wa_id = ? and o.id <> k.id)
          returning k.id`,
        [effect.newWaId, target.contactId, effect.newWaId],
      );
      return changed.length
        ? null
        : `number change to ${effect.newWaId} refused: another contact of this WhatsApp Business Account already has that wa_id`;
    }
    // Edit and revoke differ only in what they set; both reach only inbound messages of the delivering number.
    const set: { sql: string; params: unknown[] } =
      effect.kind === 'edit'
        ? {
            sql: `body = ?, content = m.content || jsonb_build_object('edited', ?::jsonb), edited_at = ?`,
            params: [effect.body, JSON.stringify(effect.content), at],
          }
        : { sql: 'revoked_at = ?', params: [at] };
    const updated = await sql<{ id: string }>(
      em,
      `update messages m set ${set.sql}, updated_at = now()
        where m.number_id = ? and m.wamid = ? and m.direction = 'in' returning m.id`,
      [...set.params, target.numberId, effect.originalWamid],
    );
    if (updated.length) return null;
    const elsewhere = await sql(em, 'select 1 from messages where wamid = ?', [effect.originalWamid]);
    return elsewhere.length
      ? `${effect.kind} of wamid ${effect.originalWamid} refused: that message was not received on this number`
      : null;
  }
}

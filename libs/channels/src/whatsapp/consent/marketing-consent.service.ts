import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql, uuidv7 } from '@switchboard/engine';
import type { MarketingConsentSource, MarketingConsentState } from './marketing-consent.entity';

export interface ConsentChangeInput {
  wabaId: string;
  waId: string;
  state: MarketingConsentState;
  /** When it happened (Meta's timestamp for webhooks). */
  at: Date;
  source: MarketingConsentSource;
  inboundEventId?: string;
  path?: string;
  actorId?: string;
  note?: string;
}

export interface ConsentChangeResult {
  /** False when this delivery and path were already recorded (a replay). */
  recorded: boolean;
  /** False when a newer change already set the state (out-of-order delivery): kept in history only. */
  applied: boolean;
}

export interface ConsentHistoryEntry {
  state: MarketingConsentState;
  at: Date;
  recordedAt: Date;
  source: MarketingConsentSource;
  applied: boolean;
  inboundEventId: string | null;
  actorId: string | null;
  note: string | null;
}

export interface ConsentView {
  state: MarketingConsentState;
  since: Date | null;
  source: MarketingConsentSource | null;
  history: ConsentHistoryEntry[];
}

/**
 * The marketing-consent ledger per WABA and customer (wa_id): Meta's user_preferences stop/resume and consent
 * collected elsewhere through the API. No row means never stopped: marketing is allowed by default.
 */
@Injectable()
export class MarketingConsentService {
  constructor(private readonly em: EntityManager) {}

  /** When and how the customer stopped marketing messages from this WABA; null when they did not (or resumed). */
  async stoppedMarketing(
    wabaId: string,
    waId: string,
  ): Promise<{ since: Date; source: 'webhook' | 'api' } | null> {
    const [row] = await sql<{ since: Date; source: MarketingConsentSource }>(
      this.em,
      `select since, source from marketing_consents where waba_id = ? and wa_id = ? and state = 'stopped'`,
      [wabaId, waId],
    );
    return row ? { since: new Date(row.since), source: row.source } : null;
  }

  /**
   * Appends the change to the history and applies it unless a newer one (by `at`) is already the state. Runs on
   * the caller's transaction; a replayed delivery (same event and path) changes nothing.
   */
  async record(em: EntityManager, change: ConsentChangeInput): Promise<ConsentChangeResult> {
    // Serialises concurrent changes for one customer, so "newer wins" compares against the state really current.
    await sql(em, 'select pg_advisory_xact_lock(hashtextextended(?, 0))', [
      `marketing_consent:${change.wabaId}:${change.waId}`,
    ]);
    const [current] = await sql<{ since: Date }>(
      em,
      'select since from marketing_consents where waba_id = ? and wa_id = ? for update',
      [change.wabaId, change.waId],
    );
    const applied = !current || new Date(current.since) <= change.at;
    const inserted = await sql(
      em,
      `insert into marketing_consent_changes
              (id, waba_id, wa_id, state, at, recorded_at, source, applied, inbound_event_id, path, actor_id, note)
       values (?, ?, ?, ?, ?, clock_timestamp(), ?, ?, ?, ?, ?, ?)
       on conflict do nothing returning id`,
      [
        uuidv7(),
        change.wabaId,
        change.waId,
        change.state,
        change.at,
        change.source,
        applied,
        change.inboundEventId ?? null,
        change.path ?? null,
        change.actorId ?? null,
        change.note ?? null,
      ],
    );
    if (!inserted.length) return { recorded: false, applied: false };
    if (applied)
      await sql(
        em,
        `insert into marketing_consents (waba_id, wa_id, state, since, source, updated_at)
         values (?, ?, ?, ?, ?, clock_timestamp())
         on conflict (waba_id, wa_id) do update
            set state = excluded.state, since = excluded.since, source = excluded.source, updated_at = excluded.updated_at`,
        [change.wabaId, change.waId, change.state, change.at, change.source],
      );
    return { recorded: true, applied };
  }

  /** Current state (granted when never recorded) and the latest 200 changes, oldest first. */
  async view(wabaId: string, waId: string): Promise<ConsentView> {
    const [current] = await sql<{
      state: MarketingConsentState;
      since: Date;
      source: MarketingConsentSource;
    }>(this.em, 'select state, since, source from marketing_consents where waba_id = ? and wa_id = ?', [
      wabaId,
      waId,
    ]);
    const rows = await sql<{
      state: MarketingConsentState;
      at: Date;
      recorded_at: Date;
      source: MarketingConsentSource;
      applied: boolean;
      inbound_event_id: string | null;
      actor_id: string | null;
      note: string | null;
    }>(
      this.em,
      `select * from (select state, at, recorded_at, source, applied, inbound_event_id, actor_id, note, id
                        from marketing_consent_changes where waba_id = ? and wa_id = ?
                       order by recorded_at desc, id desc limit 200) x order by recorded_at, id`,
      [wabaId, waId],
    );
    return {
      state: current?.state ?? 'granted',
      since: current ? new Date(current.since) : null,
      source: current?.source ?? null,
      history: rows.map((r) => ({
        state: r.state,
        at: new Date(r.at),
        recordedAt: new Date(r.recorded_at),
        source: r.source,
        applied: r.applied,
        inboundEventId: r.inbound_event_id,
        actorId: r.actor_id,
        note: r.note,
      })),
    };
  }
}

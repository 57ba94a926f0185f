import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql, uuidv7 } from '@switchboard/engine';
import type { CardActor } from './card-commands.service';

/** What other libraries write on a card's timeline: routing decisions, assignments, hand-overs, transfers, ownership. */
export type TimelineEntryKind = 'routing' | 'assignment' | 'handover' | 'transfer' | 'ownership' | 'sla';

export interface TimelineEntry {
  kind: TimelineEntryKind;
  actor: CardActor;
  /** What happened, for the timeline to show and explain (e.g. the rule id and name, the note, from and to). */
  data: Record<string, unknown>;
}

/**
 * Appends lines to the timeline of a conversation's card, inside the caller's transaction, so a decision and its
 * record commit together. The pipelines library owns card_events: other libraries write it only through here.
 */
@Injectable()
export class CardTimelineService {
  /** Returns the line's id, or null when the conversation has no card (nothing to write on). */
  async append(em: EntityManager, conversationId: string, entry: TimelineEntry): Promise<string | null> {
    const id = uuidv7();
    const rows = await sql<{ id: string }>(
      em,
      `insert into card_events (id, card_id, at, kind, actor_type, actor_id, actor_label, from_stage_id, to_stage_id, data)
       select ?, c.id, clock_timestamp(), ?, ?, ?, ?, null, null, ?::jsonb from cards c where c.conversation_id = ?
       returning id`,
      [
        id,
        entry.kind,
        entry.actor.type,
        entry.actor.id,
        entry.actor.label,
        JSON.stringify(entry.data),
        conversationId,
      ],
    );
    return rows.length ? id : null;
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import type { PluginCard } from '@switchboard/plugin-sdk';
import { CARD_SELECT, CardRow, toPluginCard } from './card-row';

/** A card as plugin hooks receive it, with the number its conversation is on. */
export interface HookCard {
  card: PluginCard;
  numberId: string;
  title: string;
}

/** What a card's stage move tells a plugin hook, read from the card's timeline. */
export interface StageMove {
  from: { key: string; name: string } | null;
  to: { key: string; name: string };
  by: { type: string; label: string };
  /** The plugin that contributed the card's pipeline, and the entered stage's automations. */
  pipelinePluginId: string | null;
  onEnter: string[];
}

/** Card reads for the plugin host: cards as plugins see them, scoped to a number, and stage moves. */
@Injectable()
export class PluginCardQuery {
  constructor(private readonly em: EntityManager) {}

  /** The cards with these ids, with their numbers. */
  async byIds(ids: string[]): Promise<Map<string, HookCard>> {
    if (!ids.length) return new Map();
    const rows = await sql<CardRow & { number_id: string }>(
      this.em,
      `${CARD_SELECT.replace('select k.id', 'select c.number_id, k.id')} where k.id = any(?::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { card: toPluginCard(r), numberId: r.number_id, title: r.title }]));
  }

  /** The card when it is on this number's conversation, else null. */
  async onNumber(cardId: string, numberId: string): Promise<PluginCard | null> {
    const [row] = await sql<CardRow>(this.em, `${CARD_SELECT} where k.id = ? and c.number_id = ?`, [
      cardId,
      numberId,
    ]);
    return row ? toPluginCard(row) : null;
  }

  /** The card of each of these conversations. */
  async idsForConversations(conversationIds: string[]): Promise<Map<string, string>> {
    if (!conversationIds.length) return new Map();
    const rows = await sql<{ id: string; conversation_id: string }>(
      this.em,
      'select id, conversation_id from cards where conversation_id = any(?::uuid[])',
      [conversationIds],
    );
    return new Map(rows.map((r) => [r.conversation_id, r.id]));
  }

  /** The card's latest move from `fromKey` into `toKey`, as its timeline recorded it. */
  async stageMove(cardId: string, fromKey: string, toKey: string): Promise<StageMove | null> {
    const [m] = await sql<{
      from_key: string | null;
      from_name: string | null;
      to_key: string;
      to_name: string;
      actor_type: string;
      actor_label: string;
      plugin_id: string | null;
      on_enter: string[] | null;
    }>(
      this.em,
      `select f.key as from_key, f.name as from_name, t.key as to_key, t.name as to_name,
              e.actor_type, e.actor_label, p.plugin_id, t.on_enter
         from card_events e join cards k on k.id = e.card_id join pipelines p on p.id = k.pipeline_id
         join pipeline_stages t on t.id = e.to_stage_id left join pipeline_stages f on f.id = e.from_stage_id
        where e.card_id = ? and e.kind = 'stage_changed' and t.key = ? and (f.key = ? or f.id is null)
        order by e.at desc, e.id desc limit 1`,
      [cardId, toKey, fromKey],
    );
    if (!m) return null;
    return {
      from: m.from_key ? { key: m.from_key, name: m.from_name ?? m.from_key } : null,
      to: { key: m.to_key, name: m.to_name },
      by: { type: m.actor_type, label: m.actor_label },
      pipelinePluginId: m.plugin_id,
      onEnter: m.on_enter ?? [],
    };
  }

  /** A requested card action (its timeline line): the plugin, the automation and the card. */
  async action(
    cardEventId: string,
  ): Promise<{ pluginId: string; automation: string; card: HookCard } | null> {
    const [e] = await sql<{ card_id: string; data: Record<string, unknown> }>(
      this.em,
      `select card_id, data from card_events where id = ? and kind = 'action'`,
      [cardEventId],
    );
    const card = e && (await this.byIds([e.card_id])).get(e.card_id);
    if (!e || !card) return null;
    return { pluginId: String(e.data.pluginId), automation: String(e.data.automation), card };
  }
}

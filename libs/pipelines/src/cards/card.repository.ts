import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DomainEventInput, uuidv7, sql } from '@switchboard/engine';

/** Card I/O used on the intake path: set-based SQL, idempotent per conversation. */
@Injectable()
export class CardRepository {
  /**
   * Opens each conversation's card in the first live stage of its department's default pipeline, with its
   * `created` timeline line, in one statement. A second call for the same conversation is a no-op (unique
   * conversation_id). Returns a card.created event per card opened, for the caller to publish with its own events
   * (intake publishes a whole batch's events in one statement).
   */
  async openForConversations(
    em: EntityManager,
    inputs: { conversationId: string; departmentId: string; title: string; eventId: string | null }[],
  ): Promise<DomainEventInput[]> {
    if (!inputs.length) return [];
    const params: unknown[] = [];
    const values = inputs.map((i) => {
      params.push(uuidv7(), uuidv7(), i.conversationId, i.departmentId, i.title, i.eventId);
      return '(?::uuid, ?::uuid, ?::uuid, ?::uuid, ?::text, ?::uuid)';
    });
    const opened = await sql<{
      id: string;
      conversation_id: string;
      department_id: string;
      stage_key: string;
    }>(
      em,
      `with v(id, event_id, conversation_id, department_id, title, opened_by) as (values ${values.join(', ')}),
       opened as (
         insert into cards (id, conversation_id, department_id, pipeline_id, stage_id, title, fields,
                            stage_entered_at, opened_by_event_id, created_at, updated_at)
         select v.id, v.conversation_id, p.department_id, p.id, s.id, v.title, '{}'::jsonb, now(), v.opened_by, now(), now()
           from v
           join pipelines p on p.department_id = v.department_id and p.is_default
           join lateral (select id from pipeline_stages
                          where pipeline_id = p.id and archived_at is null order by position limit 1) s on true
         on conflict (conversation_id) do nothing
         returning id, stage_id, conversation_id, department_id),
       timeline as (
         insert into card_events (id, card_id, at, kind, actor_type, actor_id, actor_label, from_stage_id, to_stage_id, data)
         select v.event_id, o.id, now(), 'created', 'system', null, 'WhatsApp', null, o.stage_id, '{}'::jsonb
           from opened o join v on v.id = o.id)
       select o.id, o.conversation_id, o.department_id, s.key as stage_key
         from opened o join pipeline_stages s on s.id = o.stage_id`,
      params,
    );
    return opened.map((c) => ({
      name: 'card.created' as const,
      payload: {
        cardId: c.id,
        conversationId: c.conversation_id,
        departmentId: c.department_id,
        stageKey: c.stage_key,
      },
    }));
  }
}

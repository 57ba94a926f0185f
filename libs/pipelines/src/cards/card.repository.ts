import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { uuidv7, sql } from '@switchboard/engine';

/** Card I/O used on the intake path: set-based SQL, idempotent per conversation. */
@Injectable()
export class CardRepository {
  /**
   * Opens each conversation's card in the first stage of its department's default pipeline, in one statement.
   * A second call for the same conversation is a no-op (unique conversation_id).
   */
  async openForConversations(
    em: EntityManager,
    inputs: { conversationId: string; departmentId: string; title: string }[],
  ): Promise<void> {
    if (!inputs.length) return;
    const params: unknown[] = [];
    const values = inputs.map((i) => {
      params.push(uuidv7(), i.conversationId, i.departmentId, i.title);
      return '(?::uuid, ?::uuid, ?::uuid, ?::text)';
    });
    await sql(
      em,
      `insert into cards (id, conversation_id, department_id, pipeline_id, stage_id, title, created_at, updated_at)
       select v.id, v.conversation_id, p.department_id, p.id, s.id, v.title, now(), now()
         from (values ${values.join(', ')}) as v(id, conversation_id, department_id, title)
         join pipelines p on p.department_id = v.department_id and p.is_default
         join lateral (select id from pipeline_stages where pipeline_id = p.id order by position limit 1) s on true
       on conflict (conversation_id) do nothing`,
      params,
    );
  }
}

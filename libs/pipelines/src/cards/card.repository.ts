import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { uuidv7 } from '@switchboard/engine';

/** Card I/O used on the intake path: set-based SQL, idempotent per conversation. */
@Injectable()
export class CardRepository {
  /**
   * Opens the conversation's card in the first stage of its department's default pipeline.
   * A second call for the same conversation is a no-op (unique conversation_id).
   */
  async openForConversation(
    em: EntityManager,
    input: { conversationId: string; departmentId: string; title: string },
  ): Promise<void> {
    await em.execute(
      `insert into cards (id, conversation_id, department_id, pipeline_id, stage_id, title, created_at, updated_at)
       select ?, ?, p.department_id, p.id, s.id, ?, now(), now()
         from pipelines p join pipeline_stages s on s.pipeline_id = p.id
        where p.department_id = ? and p.is_default
        order by s.position limit 1
       on conflict (conversation_id) do nothing`,
      [uuidv7(), input.conversationId, input.title, input.departmentId],
      'run',
    );
  }
}

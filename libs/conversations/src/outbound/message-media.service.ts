import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import { AccessScope } from '@switchboard/identity';
import type { MessageMedia } from '../entities/message.entity';

/** A message's media record, for the channel that downloads it and the endpoint that serves it. */
@Injectable()
export class MessageMediaService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
  ) {}

  /** The media of a message, or null (no such message, or no media). */
  async of(messageId: string): Promise<MessageMedia | null> {
    const rows = await this.em.execute<{ media: MessageMedia | null }[]>(
      'select media from messages where id = ?',
      [messageId],
    );
    return rows[0]?.media ?? null;
  }

  /** The media of a message in a department the caller may read media of; null otherwise, as if absent. */
  async visibleTo(messageId: string): Promise<MessageMedia | null> {
    const visible = this.scope.condition('media.read', 'c.department_id');
    const rows = await sql<{ media: MessageMedia | null }>(
      this.em,
      `select m.media from messages m join conversations c on c.id = m.conversation_id where m.id = ? and ${visible.sql}`,
      [messageId, ...visible.params],
    );
    return rows[0]?.media ?? null;
  }

  /** Merges a patch (download state, storage key, size…) into the message's media. */
  async patch(messageId: string, patch: Partial<MessageMedia>): Promise<void> {
    await this.em.execute(
      `update messages set media = media || ?::jsonb, updated_at = now() where id = ?`,
      [JSON.stringify(patch), messageId],
      'run',
    );
  }
}

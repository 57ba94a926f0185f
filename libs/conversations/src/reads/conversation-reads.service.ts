import { EntityManager } from '@mikro-orm/postgresql';
import { BadRequestException, Injectable } from '@nestjs/common';
import { ConversationReadView } from '@switchboard/contracts';
import { Realtime, sql } from '@switchboard/engine';
import { AccessScope } from '@switchboard/identity';
import { ConversationReadsQuery } from './conversation-reads.query';

interface Mark {
  message_id: string;
  message_created_at: Date;
}

/** The socket event a reader's other tabs clear their badge on (sent to the reader's own room only). */
export const CONVERSATION_READ_EVENT = 'conversation.read';

/**
 * The caller's read marks. A mark only moves forward: reading up to an older message (a late request from another
 * tab) leaves a newer mark where it is.
 */
@Injectable()
export class ConversationReadsService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
    private readonly counts: ConversationReadsQuery,
    private readonly realtime: Realtime,
  ) {}

  /**
   * Marks the conversation read up to `messageId` (else every customer message stored so far) for the caller. The
   * caller's access to the conversation is the controller's to check first.
   */
  async markRead(
    conversation: { id: string; departmentId: string },
    messageId?: string,
  ): Promise<ConversationReadView> {
    const reader = this.scope.actor();
    if (messageId) await this.checkMessage(conversation.id, messageId);
    // In one statement, so the message's time never leaves the database: a JavaScript Date would drop its
    // microseconds and leave the message itself after the mark.
    const moved = await sql<{ message_id: string }>(
      this.em,
      `insert into conversation_reads (reader_id, conversation_id, message_id, message_created_at, updated_at)
       select ?, m.conversation_id, m.id, m.created_at, now() from messages m
        where m.conversation_id = ? and m.direction = 'in'
          and (?::uuid is null
               or (m.created_at, m.id) <= (select u.created_at, u.id from messages u where u.id = ?))
        order by m.created_at desc, m.id desc limit 1
       on conflict (reader_id, conversation_id) do update
          set message_id = excluded.message_id, message_created_at = excluded.message_created_at,
              updated_at = excluded.updated_at
        where (conversation_reads.message_created_at, conversation_reads.message_id)
            < (excluded.message_created_at, excluded.message_id)
       returning message_id`,
      [reader.id, conversation.id, messageId ?? null, messageId ?? null],
    );
    const view = await this.view(reader.id, conversation.id);
    // Only users have rooms; a mark that did not move changes nothing another tab shows.
    if (moved.length > 0 && reader.type === 'user')
      await this.realtime.emit({
        type: CONVERSATION_READ_EVENT,
        departmentId: conversation.departmentId,
        // No conversationId on the event itself: that would send it to the conversation's room (everyone viewing
        // it). With `audience: 'conversation'` and no conversation, only the reader's own room hears it.
        audience: 'conversation',
        userIds: [reader.id],
        data: { ...view, lastMessageId: await this.lastMessageId(conversation.id) },
      });
    return view;
  }

  private async checkMessage(conversationId: string, messageId: string): Promise<void> {
    const found = await sql(this.em, 'select 1 from messages where id = ? and conversation_id = ?', [
      messageId,
      conversationId,
    ]);
    if (!found.length)
      throw new BadRequestException(`messageId: ${messageId} is not a message of this conversation`);
  }

  private async view(readerId: string, conversationId: string): Promise<ConversationReadView> {
    const [mark] = await sql<Mark>(
      this.em,
      'select message_id, message_created_at from conversation_reads where reader_id = ? and conversation_id = ?',
      [readerId, conversationId],
    );
    const counts = await this.counts.unreadCounts(readerId, [conversationId]);
    return {
      conversationId,
      unreadCount: counts.get(conversationId) ?? 0,
      lastReadMessageId: mark?.message_id ?? null,
      lastReadMessageAt: mark ? new Date(mark.message_created_at).toISOString() : null,
    };
  }

  /**
   * The conversation's last message as the list shows it: a tab whose row still shows this last message knows
   * its count cannot be higher than the event's (a later message would have changed the row).
   */
  private async lastMessageId(conversationId: string): Promise<string | null> {
    const [row] = await sql<{ id: string }>(
      this.em,
      `select m.id from messages m where m.conversation_id = ?
        order by coalesce(m.sent_at, m.created_at) desc, m.id desc limit 1`,
      [conversationId],
    );
    return row?.id ?? null;
  }
}

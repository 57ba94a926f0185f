import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RoutingFactsQuery } from '@switchboard/conversations';
import { DomainEventInput, DomainEvents, FiredTimer, OnTimer, sql } from '@switchboard/engine';
import { readWindowPayload, WINDOW_CLOSED, WINDOW_WARNING } from './window-timers';

type Notice = 'closing' | 'closed';

/**
 * Fires the free-reply window's timers: publishes conversation.window_closing (the warning) and
 * conversation.window_closed, each only while the conversation is open and its window still closes when the timer
 * was set for (a later customer message moved it: the timers set for the new close tell instead), and once per
 * close (sla_window_notices remembers the last close told of each kind).
 */
@Injectable()
export class WindowNotices {
  constructor(
    private readonly conversations: RoutingFactsQuery,
    private readonly events: DomainEvents,
  ) {}

  @OnTimer(WINDOW_WARNING)
  async closing(fired: FiredTimer[], em: EntityManager): Promise<void> {
    await this.tell(em, fired, 'closing');
  }

  @OnTimer(WINDOW_CLOSED)
  async closed(fired: FiredTimer[], em: EntityManager): Promise<void> {
    await this.tell(em, fired, 'closed');
  }

  private async tell(em: EntityManager, fired: FiredTimer[], notice: Notice): Promise<void> {
    const timers = fired.map((f) => readWindowPayload(f.payload)).filter((p) => p !== null);
    const current = await this.conversations.conversations(
      em,
      timers.map((t) => t.conversationId),
    );
    const due = timers.filter((t) => {
      const c = current.get(t.conversationId);
      return c?.status === 'open' && c.windowExpiresAt?.getTime() === new Date(t.closesAt).getTime();
    });
    if (!due.length) return;
    const told = await sql<{ conversation_id: string }>(
      em,
      `insert into sla_window_notices (conversation_id, notice, closes_at)
       select id, ?, at from unnest(?::uuid[], ?::timestamptz[]) as t(id, at)
       on conflict (conversation_id, notice) do update set closes_at = excluded.closes_at, told_at = now()
        where sla_window_notices.closes_at <> excluded.closes_at
       returning conversation_id`,
      [notice, due.map((t) => t.conversationId), due.map((t) => t.closesAt)],
    );
    const fresh = new Set(told.map((r) => r.conversation_id));
    const events: DomainEventInput[] = [];
    for (const t of due) {
      if (!fresh.has(t.conversationId)) continue;
      const c = current.get(t.conversationId)!;
      const base = { conversationId: c.conversationId, departmentId: c.departmentId, numberId: c.numberId };
      events.push(
        notice === 'closing'
          ? { name: 'conversation.window_closing', payload: { ...base, closesAt: t.closesAt } }
          : { name: 'conversation.window_closed', payload: { ...base, closedAt: t.closesAt } },
      );
    }
    await this.events.publish(em, events);
  }
}

import { Injectable } from '@nestjs/common';
import type { DomainEvent, DomainEventName } from '../events/domain-event-types';
import { OnDomainEvent } from '../events/on-domain-event.decorator';
import { Realtime, RealtimeStep } from './realtime.service';
import { socketEventsFor } from './socket-event-for';

export const REALTIME_RELAY = 'realtime.relay';

export const RELAYED: DomainEventName[] = [
  'message.received',
  'message.sent',
  'message.status',
  'conversation.opened',
  'conversation.closed',
  'conversation.reopened',
  'conversation.assigned',
  'conversation.unassigned',
  'conversation.transferred',
  'conversation.updated',
  'conversation.routed',
  'agent.availability',
  'card.created',
  'card.moved',
  'card.updated',
  'sla.updated',
  'sla.warning',
  'sla.breached',
  'conversation.window_closing',
  'conversation.window_closed',
];

/**
 * Turns committed domain events into socket events for their department and conversation rooms, with the event's
 * stream position as the cursor. Delivery is at least once: a re-delivered batch re-sends, and clients drop an
 * event whose cursor they already have.
 */
@Injectable()
export class RealtimeRelay {
  constructor(private readonly realtime: Realtime) {}

  @OnDomainEvent(RELAYED, REALTIME_RELAY)
  async relay(events: DomainEvent[]): Promise<void> {
    // The whole batch goes out in one publish (one round trip), in stream order: sending each socket event on its
    // own round trip fell behind a few hundred messages a second.
    const steps: RealtimeStep[] = [];
    for (const event of events) {
      // A transferred conversation's room first loses the sockets that may not read its new department, in every
      // process, before this event or any later one of the conversation reaches the room.
      if (event.name === 'conversation.transferred')
        steps.push({
          narrow: { conversationId: event.payload.conversationId, departmentId: event.payload.departmentId },
        });
      for (const socketEvent of socketEventsFor(event)) steps.push({ event: socketEvent, origin: event });
    }
    await this.realtime.publish(steps);
  }
}

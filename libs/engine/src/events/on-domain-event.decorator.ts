import { SetMetadata } from '@nestjs/common';
import { DomainEventName } from './domain-event-types';

export const DOMAIN_EVENT_SUBSCRIBER = Symbol('DOMAIN_EVENT_SUBSCRIBER');

export interface SubscriberDeclaration {
  events: DomainEventName[];
  /** Stable: the subscriber's cursor is stored under it, so renaming it replays or skips events. */
  name: string;
}

/**
 * Makes a provider method a domain-event subscriber: `handler(events, em)` receives batches of the named events,
 * in stream order, at least once; writes made through `em` commit together with the subscriber's cursor. The name
 * must be declared in a module's subscriber manifest (see declareSubscribers), or boot stops.
 */
export const OnDomainEvent = (events: DomainEventName | DomainEventName[], name: string): MethodDecorator =>
  SetMetadata<symbol, SubscriberDeclaration>(DOMAIN_EVENT_SUBSCRIBER, {
    events: Array.isArray(events) ? events : [events],
    name,
  });

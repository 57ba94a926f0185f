import { Provider } from '@nestjs/common';

/** The subscriber names a module promises to handle; boot checks each has exactly one handler. */
export class SubscriberManifest {
  constructor(
    readonly owner: string,
    readonly names: readonly string[],
  ) {}
}

/**
 * A provider declaring the domain-event subscribers of a module (`owner` names the module in boot errors). Put it
 * in the module's providers next to the classes whose methods carry @OnDomainEvent.
 */
export function declareSubscribers(owner: string, names: readonly string[]): Provider {
  return { provide: `domain-event-subscribers:${owner}`, useValue: new SubscriberManifest(owner, names) };
}

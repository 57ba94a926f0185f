import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { discoverHandlers } from '../runtime/handler-registry';
import { DomainEvent, DomainEventName } from './domain-event-types';
import { DOMAIN_EVENT_SUBSCRIBER, SubscriberDeclaration } from './on-domain-event.decorator';
import { SubscriberManifest } from './subscriber-manifest';

export interface DomainEventSubscriber {
  name: string;
  events: ReadonlySet<DomainEventName>;
  /** `provider.method`, for logs and boot errors. */
  source: string;
  handle(events: DomainEvent[], em: EntityManager): Promise<void>;
}

/**
 * The subscribers of this process, read from @OnDomainEvent methods at boot. Like the route table's check (and the
 * plugin loader's), boot stops on a name without exactly one handler or manifest.
 */
@Injectable()
export class SubscriberRegistry implements OnModuleInit {
  private list: DomainEventSubscriber[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const handlers = discoverHandlers<SubscriberDeclaration, [DomainEvent[], EntityManager]>(
      { discovery: this.discovery, scanner: this.scanner, reflector: this.reflector },
      {
        metadataKey: DOMAIN_EVENT_SUBSCRIBER,
        key: (meta) => meta.name,
        manifest: (instance) =>
          instance instanceof SubscriberManifest
            ? { owner: instance.owner, keys: instance.names }
            : undefined,
        wording: {
          item: 'subscriber',
          decorator: '@OnDomainEvent',
          manifest: 'subscriber manifest',
          title: 'domain event subscribers',
        },
      },
    );
    this.list = handlers.map(({ key, meta, source, call }) => ({
      name: key,
      events: new Set(meta.events),
      source,
      handle: call,
    }));
  }

  subscribers(): readonly DomainEventSubscriber[] {
    return this.list;
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
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

type Handler = (events: DomainEvent[], em: EntityManager) => unknown;

/**
 * The subscribers of this process, read from @OnDomainEvent methods at boot. Like the route table's check (and the
 * plugin loader's), boot stops naming every problem: a manifest name with no handler, a name with two handlers, a
 * handler whose name no manifest declares, a name declared twice.
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
    const declared = new Map<string, string>();
    const problems: string[] = [];
    const found = new Map<string, DomainEventSubscriber[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (instance instanceof SubscriberManifest) {
        for (const name of instance.names) {
          const other = declared.get(name);
          if (other) problems.push(`subscriber "${name}" is declared by both ${other} and ${instance.owner}`);
          else declared.set(name, instance.owner);
        }
        continue;
      }
      if (!instance || typeof instance !== 'object' || wrapper.isNotMetatype) continue;
      const target = instance as Record<string, unknown>;
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const fn = target[method];
        if (typeof fn !== 'function') continue;
        const meta = this.reflector.get<SubscriberDeclaration | undefined>(DOMAIN_EVENT_SUBSCRIBER, fn);
        if (!meta) continue;
        const bound = (fn as Handler).bind(instance);
        const subscriber: DomainEventSubscriber = {
          name: meta.name,
          events: new Set(meta.events),
          source: `${instance.constructor.name}.${method}`,
          handle: async (events, em) => {
            await bound(events, em);
          },
        };
        found.set(meta.name, [...(found.get(meta.name) ?? []), subscriber]);
      }
    }
    for (const [name, owner] of declared)
      if (!found.has(name))
        problems.push(`subscriber "${name}" declared by ${owner} has no @OnDomainEvent handler`);
    for (const [name, handlers] of found) {
      if (handlers.length > 1)
        problems.push(
          `subscriber "${name}" has ${handlers.length} handlers: ${handlers.map((h) => h.source).join(', ')}`,
        );
      if (!declared.has(name))
        problems.push(`subscriber "${name}" (${handlers[0].source}) is declared in no subscriber manifest`);
    }
    if (problems.length) throw new Error(`domain event subscribers: ${problems.join('; ')}`);
    this.list = [...found.values()].map(([h]) => h);
  }

  subscribers(): readonly DomainEventSubscriber[] {
    return this.list;
  }
}

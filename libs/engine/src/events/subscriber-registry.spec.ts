import 'reflect-metadata';
import { Injectable, Module, Provider } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { OnDomainEvent } from './on-domain-event.decorator';
import { declareSubscribers } from './subscriber-manifest';
import { SubscriberRegistry } from './subscriber-registry';

@Injectable()
class Routing {
  @OnDomainEvent('message.received', 'routing')
  async route(): Promise<void> {}
}

@Injectable()
class RoutingAgain {
  @OnDomainEvent(['message.received', 'conversation.opened'], 'routing')
  async route(): Promise<void> {}
}

@Injectable()
class Audit {
  @OnDomainEvent('card.moved', 'audit')
  async note(): Promise<void> {}
}

/** Boots a bare application context with the registry and `providers`; resolves to the registry or rejects. */
async function boot(providers: Provider[]): Promise<SubscriberRegistry> {
  @Module({ imports: [DiscoveryModule], providers: [SubscriberRegistry, ...providers] })
  class Fixture {}
  const app = await NestFactory.createApplicationContext(Fixture, { logger: false, abortOnError: false });
  const registry = app.get(SubscriberRegistry);
  await app.close();
  return registry;
}

describe('domain event subscriber registry (boot check)', () => {
  it('registers each declared subscriber with its events and handler', async () => {
    const registry = await boot([Routing, Audit, declareSubscribers('Routing', ['routing', 'audit'])]);
    expect(registry.subscribers().map((s) => [s.name, [...s.events], s.source])).toEqual([
      ['routing', ['message.received'], 'Routing.route'],
      ['audit', ['card.moved'], 'Audit.note'],
    ]);
  });

  it('refuses to boot when a declared subscriber has no handler, naming it', async () => {
    await expect(boot([Routing, declareSubscribers('RoutingModule', ['routing', 'sla'])])).rejects.toThrow(
      'subscriber "sla" declared by RoutingModule has no @OnDomainEvent handler',
    );
  });

  it('refuses to boot when a subscriber has two handlers, naming both', async () => {
    await expect(
      boot([Routing, RoutingAgain, declareSubscribers('RoutingModule', ['routing'])]),
    ).rejects.toThrow('subscriber "routing" has 2 handlers: Routing.route, RoutingAgain.route');
  });

  it('refuses to boot when a handler is declared in no manifest', async () => {
    await expect(boot([Routing, Audit, declareSubscribers('RoutingModule', ['routing'])])).rejects.toThrow(
      'subscriber "audit" (Audit.note) is declared in no subscriber manifest',
    );
  });

  it('refuses to boot when two modules declare the same subscriber', async () => {
    await expect(
      boot([
        Routing,
        declareSubscribers('RoutingModule', ['routing']),
        declareSubscribers('Other', ['routing']),
      ]),
    ).rejects.toThrow('subscriber "routing" is declared by both RoutingModule and Other');
  });
});

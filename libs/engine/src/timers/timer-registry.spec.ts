import 'reflect-metadata';
import { Injectable, Module, Provider } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { OnTimer } from './on-timer.decorator';
import { declareTimers } from './timer-manifest';
import { TimerRegistry } from './timer-registry';

@Injectable()
class Breaches {
  @OnTimer('sla.breach')
  async fire(): Promise<void> {}
}

@Injectable()
class BreachesAgain {
  @OnTimer('sla.breach')
  async mark(): Promise<void> {}
}

@Injectable()
class Windows {
  @OnTimer('window.closed')
  async close(): Promise<void> {}
}

/** Boots a bare application context with the registry and `providers`; resolves to the registry or rejects. */
async function boot(providers: Provider[]): Promise<TimerRegistry> {
  @Module({ imports: [DiscoveryModule], providers: [TimerRegistry, ...providers] })
  class Fixture {}
  const app = await NestFactory.createApplicationContext(Fixture, { logger: false, abortOnError: false });
  const registry = app.get(TimerRegistry);
  await app.close();
  return registry;
}

describe('durable timer registry (boot check)', () => {
  it('registers each declared kind with its handler', async () => {
    const registry = await boot([
      Breaches,
      Windows,
      declareTimers('SlaModule', ['sla.breach', 'window.closed']),
    ]);
    expect(registry.kinds()).toEqual(['sla.breach', 'window.closed']);
    expect(registry.handler('sla.breach')?.source).toBe('Breaches.fire');
    expect(registry.handler('window.closed')?.source).toBe('Windows.close');
    expect(registry.handler('sla.warning')).toBeUndefined();
  });

  it('refuses to boot when a declared kind has no handler, naming it', async () => {
    await expect(boot([Breaches, declareTimers('SlaModule', ['sla.breach', 'sla.warning'])])).rejects.toThrow(
      'timer kind "sla.warning" declared by SlaModule has no @OnTimer handler',
    );
  });

  it('refuses to boot when a kind has two handlers, naming both', async () => {
    await expect(boot([Breaches, BreachesAgain, declareTimers('SlaModule', ['sla.breach'])])).rejects.toThrow(
      'timer kind "sla.breach" has 2 handlers: Breaches.fire, BreachesAgain.mark',
    );
  });

  it('refuses to boot when a handler kind is declared in no manifest', async () => {
    await expect(boot([Breaches, Windows, declareTimers('SlaModule', ['sla.breach'])])).rejects.toThrow(
      'timer kind "window.closed" (Windows.close) is declared in no timer manifest',
    );
  });

  it('refuses to boot when two modules declare the same kind', async () => {
    await expect(
      boot([Breaches, declareTimers('SlaModule', ['sla.breach']), declareTimers('Other', ['sla.breach'])]),
    ).rejects.toThrow('timer kind "sla.breach" is declared by both SlaModule and Other');
  });
});

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { TIMER_HANDLER } from './on-timer.decorator';
import { TimerManifest } from './timer-manifest';
import { FiredTimer } from './timer-types';

export interface TimerHandler {
  kind: string;
  /** `provider.method`, for logs and boot errors. */
  source: string;
  fire(fired: FiredTimer[], em: EntityManager): Promise<void>;
}

type Method = (fired: FiredTimer[], em: EntityManager) => unknown;

/**
 * The timer handlers of this process, read from @OnTimer methods at boot (every process: scheduling checks kinds
 * against it; the worker role also fires them). Like the subscriber registry, boot stops naming every problem: a
 * declared kind with no handler, a kind with two handlers, a handler whose kind no manifest declares, a kind
 * declared twice.
 */
@Injectable()
export class TimerRegistry implements OnModuleInit {
  private readonly byKind = new Map<string, TimerHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const declared = new Map<string, string>();
    const problems: string[] = [];
    const found = new Map<string, TimerHandler[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (instance instanceof TimerManifest) {
        for (const kind of instance.kinds) {
          const other = declared.get(kind);
          if (other) problems.push(`timer kind "${kind}" is declared by both ${other} and ${instance.owner}`);
          else declared.set(kind, instance.owner);
        }
        continue;
      }
      if (!instance || typeof instance !== 'object' || wrapper.isNotMetatype) continue;
      const target = instance as Record<string, unknown>;
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const fn = target[method];
        if (typeof fn !== 'function') continue;
        const kind = this.reflector.get<string | undefined>(TIMER_HANDLER, fn);
        if (!kind) continue;
        const bound = (fn as Method).bind(instance);
        const handler: TimerHandler = {
          kind,
          source: `${instance.constructor.name}.${method}`,
          fire: async (fired, em) => {
            await bound(fired, em);
          },
        };
        found.set(kind, [...(found.get(kind) ?? []), handler]);
      }
    }
    for (const [kind, owner] of declared)
      if (!found.has(kind))
        problems.push(`timer kind "${kind}" declared by ${owner} has no @OnTimer handler`);
    for (const [kind, handlers] of found) {
      if (handlers.length > 1)
        problems.push(
          `timer kind "${kind}" has ${handlers.length} handlers: ${handlers.map((h) => h.source).join(', ')}`,
        );
      if (!declared.has(kind))
        problems.push(`timer kind "${kind}" (${handlers[0].source}) is declared in no timer manifest`);
    }
    if (problems.length) throw new Error(`durable timers: ${problems.join('; ')}`);
    for (const [kind, [handler]] of found) this.byKind.set(kind, handler);
  }

  /** The kinds this process can fire, in declaration order of discovery. */
  kinds(): string[] {
    return [...this.byKind.keys()];
  }

  handler(kind: string): TimerHandler | undefined {
    return this.byKind.get(kind);
  }
}

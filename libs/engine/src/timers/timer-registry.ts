import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { discoverHandlers } from '../runtime/handler-registry';
import { TIMER_HANDLER, TimerHandlerMeta } from './on-timer.decorator';
import { TimerManifest } from './timer-manifest';
import { FiredTimer } from './timer-types';

export interface TimerHandler {
  kind: string;
  /** `provider.method`, for logs and boot errors. */
  source: string;
  /** Fired one timer per transaction (@OnTimer's `alone`). */
  alone: boolean;
  fire(fired: FiredTimer[], em: EntityManager): Promise<void>;
}

/**
 * The timer handlers of this process, read from @OnTimer methods at boot (every process: scheduling checks kinds
 * against it; the worker role also fires them). Boot stops on a kind without exactly one handler or manifest.
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
    const handlers = discoverHandlers<TimerHandlerMeta, [FiredTimer[], EntityManager]>(
      { discovery: this.discovery, scanner: this.scanner, reflector: this.reflector },
      {
        metadataKey: TIMER_HANDLER,
        key: (meta) => meta.kind,
        manifest: (instance) =>
          instance instanceof TimerManifest ? { owner: instance.owner, keys: instance.kinds } : undefined,
        wording: {
          item: 'timer kind',
          decorator: '@OnTimer',
          manifest: 'timer manifest',
          title: 'durable timers',
        },
      },
    );
    for (const { key, meta, source, call } of handlers)
      this.byKind.set(key, { kind: key, source, alone: meta.alone ?? false, fire: call });
  }

  /** The kinds this process can fire, in declaration order of discovery. */
  kinds(): string[] {
    return [...this.byKind.keys()];
  }

  /** The kinds fired in batches, or those fired one timer per transaction. */
  kindsFired(alone: boolean): string[] {
    return [...this.byKind.values()].filter((h) => h.alone === alone).map((h) => h.kind);
  }

  handler(kind: string): TimerHandler | undefined {
    return this.byKind.get(kind);
  }
}

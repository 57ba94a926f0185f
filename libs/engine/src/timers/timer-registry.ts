import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { discoverHandlers } from '../runtime/handler-registry';
import { TIMER_HANDLER } from './on-timer.decorator';
import { TimerManifest } from './timer-manifest';
import { FiredTimer } from './timer-types';

export interface TimerHandler {
  kind: string;
  /** `provider.method`, for logs and boot errors. */
  source: string;
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
    const handlers = discoverHandlers<string, [FiredTimer[], EntityManager]>(
      { discovery: this.discovery, scanner: this.scanner, reflector: this.reflector },
      {
        metadataKey: TIMER_HANDLER,
        key: (kind) => kind,
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
    for (const { key, source, call } of handlers) this.byKind.set(key, { kind: key, source, fire: call });
  }

  /** The kinds this process can fire, in declaration order of discovery. */
  kinds(): string[] {
    return [...this.byKind.keys()];
  }

  handler(kind: string): TimerHandler | undefined {
    return this.byKind.get(kind);
  }
}

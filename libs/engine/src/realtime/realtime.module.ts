import { DynamicModule, Logger, Module } from '@nestjs/common';
import { declareSubscribers } from '../events/subscriber-manifest';
import type { Runtime } from '../runtime/runtime';
import { AgentConnections } from './agent-connections';
import { RealtimeHistory } from './realtime-history.service';
import { REALTIME_RELAY, RealtimeRelay } from './realtime-relay.subscriber';
import { createRealtimeTransport } from './realtime-transport';
import { Realtime, REALTIME_TRANSPORT } from './realtime.service';

/**
 * The Realtime publisher, for the api and the worker alike, and the relay from domain events to sockets (run where
 * domain event delivery runs).
 */
@Module({})
export class RealtimeModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: RealtimeModule,
      global: true,
      providers: [
        {
          provide: REALTIME_TRANSPORT,
          useFactory: () =>
            createRealtimeTransport(
              { redisUrl: runtime.config.queue.redisUrl, databaseUrl: runtime.databaseUrl },
              (message) => new Logger('Realtime').warn(message),
            ),
        },
        Realtime,
        RealtimeHistory,
        AgentConnections,
        RealtimeRelay,
        declareSubscribers('realtime', [REALTIME_RELAY]),
      ],
      exports: [Realtime, RealtimeHistory, AgentConnections],
    };
  }
}

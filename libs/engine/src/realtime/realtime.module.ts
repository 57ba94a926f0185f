import { DynamicModule, Module } from '@nestjs/common';
import type { Runtime } from '../runtime/runtime';
import { createRealtimeTransport } from './realtime-transport';
import { Realtime, REALTIME_TRANSPORT } from './realtime.service';

/** The Realtime publisher, for the api and the worker alike. */
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
            createRealtimeTransport({
              redisUrl: runtime.config.queue.redisUrl,
              databaseUrl: runtime.databaseUrl,
            }),
        },
        Realtime,
      ],
      exports: [Realtime],
    };
  }
}

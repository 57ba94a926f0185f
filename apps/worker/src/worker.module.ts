import { DynamicModule, Module } from '@nestjs/common';
import { ChannelsWorkerModule } from '@switchboard/channels';
import {
  DomainEventDeliveryModule,
  EngineModule,
  pluginModules,
  RealtimeModule,
  Runtime,
} from '@switchboard/engine';
import { IdentityCoreModule } from '@switchboard/identity';

/** `worker` role: queue consumers, relays and domain event delivery, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        EngineModule.forRoot(runtime),
        IdentityCoreModule,
        ChannelsWorkerModule,
        DomainEventDeliveryModule,
        RealtimeModule.forRoot(runtime),
        ...pluginModules(runtime),
      ],
    };
  }
}

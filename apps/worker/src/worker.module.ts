import { DynamicModule, Module } from '@nestjs/common';
import { ChannelsWorkerModule } from '@switchboard/channels';
import { EngineModule, pluginModules, Runtime } from '@switchboard/engine';
import { IdentityCoreModule } from '@switchboard/identity';

/** `worker` role: queue consumers and relays, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        EngineModule.forRoot(runtime),
        IdentityCoreModule,
        ChannelsWorkerModule,
        ...pluginModules(runtime),
      ],
    };
  }
}

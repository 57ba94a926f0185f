import { DynamicModule, Module } from '@nestjs/common';
import { AssignmentModule } from '@switchboard/assignment';
import { ChannelsWorkerModule } from '@switchboard/channels';
import {
  DomainEventDeliveryModule,
  EngineModule,
  pluginModules,
  RealtimeModule,
  Runtime,
} from '@switchboard/engine';
import { IdentityCoreModule } from '@switchboard/identity';
import { PluginHostModule, PluginHostWorkerModule } from '@switchboard/plugin-host';
import { ReportingModule } from '@switchboard/reporting';
import { RoutingModule } from '@switchboard/routing';
import { SlaModule } from '@switchboard/sla';

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
        AssignmentModule,
        RoutingModule,
        SlaModule,
        ReportingModule,
        PluginHostModule,
        PluginHostWorkerModule,
        DomainEventDeliveryModule,
        RealtimeModule.forRoot(runtime),
        ...pluginModules(runtime),
      ],
    };
  }
}

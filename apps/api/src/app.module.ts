import { DynamicModule, Module, Type } from '@nestjs/common';
import { AssignmentModule } from '@switchboard/assignment';
import { ChannelsModule, ChannelsWorkerModule } from '@switchboard/channels';
import { ConversationsModule } from '@switchboard/conversations';
import {
  DomainEventDeliveryModule,
  EngineModule,
  HealthController,
  pluginModules,
  Runtime,
} from '@switchboard/engine';
import { IdentityModule } from '@switchboard/identity';
import { PipelinesModule } from '@switchboard/pipelines';
import { PluginHostModule, PluginHostWorkerModule } from '@switchboard/plugin-host';
import { ReportingModule } from '@switchboard/reporting';
import { RoutingModule } from '@switchboard/routing';
import { SlaModule } from '@switchboard/sla';
import { AlertsController } from './alerts/alerts.controller';
import { DepartmentViews } from './departments/department-views.service';
import { DepartmentCalendarController } from './departments/department-calendar.controller';
import { DepartmentsController } from './departments/departments.controller';
import { NumberHealthController } from './numbers/number-health.controller';
import { NumbersController } from './numbers/numbers.controller';
import { PluginInstallationsController } from './plugins/plugin-installations.controller';
import { PluginNumberScope } from './plugins/plugin-number-scope.service';
import { PluginsController } from './plugins/plugins.controller';
import { RealtimeGatewayModule } from './realtime/realtime-gateway.module';

export interface AppRoles {
  /** Also run the queue consumers and relays in this process (demo / single-pod mode). */
  worker: boolean;
  /** More modules booted with the app: the test environment's fixtures (e.g. domain event subscribers). */
  extraModules?: Type[];
}

@Module({})
export class AppModule {
  static forRoot(runtime: Runtime, roles: AppRoles): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EngineModule.forRoot(runtime),
        IdentityModule,
        PipelinesModule,
        ConversationsModule,
        ChannelsModule,
        AssignmentModule,
        RoutingModule,
        SlaModule,
        ReportingModule,
        PluginHostModule,
        ...(roles.worker ? [ChannelsWorkerModule, PluginHostWorkerModule, DomainEventDeliveryModule] : []),
        ...pluginModules(runtime),
        ...(roles.extraModules ?? []),
        RealtimeGatewayModule.forRoot(runtime),
      ],
      controllers: [
        HealthController,
        PluginsController,
        PluginInstallationsController,
        DepartmentsController,
        DepartmentCalendarController,
        NumbersController,
        NumberHealthController,
        AlertsController,
      ],
      providers: [PluginNumberScope, DepartmentViews],
    };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { ConversationsModule } from '@switchboard/conversations';
import { RealtimeModule, Runtime } from '@switchboard/engine';
import { IdentityModule } from '@switchboard/identity';
import { PipelinesModule } from '@switchboard/pipelines';
import { AgentLiveness } from './agent-liveness.service';
import { RealtimeEventsController } from './realtime-events.controller';
import { RealtimeResync } from './realtime-resync.service';
import { RealtimeGateway } from './realtime.gateway';
import { SocketPresence } from './socket-presence.service';
import { REALTIME_DATABASE_URL, SocketAccessRevalidator } from './socket-access-revalidator.service';
import { SocketRooms } from './socket-rooms.service';

/**
 * The websocket gateway of the api process (RealtimeIoAdapter sets up the transport and cluster adapter), and the
 * Realtime publisher for everything else in the process.
 */
@Module({})
export class RealtimeGatewayModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: RealtimeGatewayModule,
      imports: [RealtimeModule.forRoot(runtime), IdentityModule, PipelinesModule, ConversationsModule],
      controllers: [RealtimeEventsController],
      providers: [
        { provide: REALTIME_DATABASE_URL, useValue: runtime.databaseUrl },
        SocketPresence,
        AgentLiveness,
        RealtimeResync,
        SocketRooms,
        SocketAccessRevalidator,
        RealtimeGateway,
      ],
    };
  }
}

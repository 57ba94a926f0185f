import { DynamicModule, Module } from '@nestjs/common';
import { ConversationsModule } from '@switchboard/conversations';
import { RealtimeModule, Runtime } from '@switchboard/engine';
import { IdentityModule } from '@switchboard/identity';
import { PipelinesModule } from '@switchboard/pipelines';
import { RealtimeGateway } from './realtime.gateway';
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
      providers: [
        { provide: REALTIME_DATABASE_URL, useValue: runtime.databaseUrl },
        SocketRooms,
        SocketAccessRevalidator,
        RealtimeGateway,
      ],
    };
  }
}

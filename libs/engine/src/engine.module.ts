import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from './clock/clock';
import { ConfigModule } from './config/config.module';
import { SecretBox } from './crypto/secret-box';
import { EgressGuard } from './egress/egress-guard.service';
import { DomainEventsModule } from './events/domain-events.module';
import { OutboxModule } from './outbox/outbox.module';
import { DatabaseModule } from './persistence/database.module';
import { PluginsModule } from './plugins/plugins.module';
import { QueueModule } from './queue/queue.module';
import { Runtime } from './runtime/runtime';

/** The platform every app imports once: config, database, queues, outbox, domain events, secrets, egress, clock. */
@Global()
@Module({})
export class EngineModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: EngineModule,
      imports: [
        ConfigModule.forRoot(runtime.config),
        DatabaseModule.forRoot(runtime.databaseUrl, runtime.config.database.poolMax, runtime.entities),
        QueueModule.forRoot(runtime.queue, {
          attempts: runtime.config.worker.retryAttempts,
          baseDelayMs: runtime.config.worker.retryBaseMs,
        }),
        OutboxModule,
        DomainEventsModule,
        PluginsModule.forRoot(runtime.plugins),
      ],
      providers: [
        { provide: SecretBox, useValue: new SecretBox(runtime.encryptionKey) },
        EgressGuard,
        { provide: Clock, useValue: new Clock(runtime.config.testing.clock === 'controllable') },
      ],
      exports: [SecretBox, EgressGuard, Clock, QueueModule, OutboxModule, DomainEventsModule, PluginsModule],
    };
  }
}

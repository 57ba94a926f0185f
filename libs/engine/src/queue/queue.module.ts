import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { QueueConnection } from './queue-connection';
import { QUEUES } from './queue-names';

export const QUEUE_CONNECTION = Symbol('QUEUE_CONNECTION');

/** Registers every queue once, globally; producers inject them with @InjectQueue(name). */
@Global()
@Module({})
export class QueueModule {
  static forRoot(
    connection: QueueConnection,
    retry: { attempts: number; baseDelayMs: number },
  ): DynamicModule {
    const queues = BullModule.registerQueue(
      ...Object.values(QUEUES).map((name) => ({
        name,
        defaultJobOptions: {
          removeOnComplete: true,
          removeOnFail: 1000,
          attempts: retry.attempts,
          backoff: { type: 'exponential', delay: retry.baseDelayMs },
        },
      })),
    );
    return {
      module: QueueModule,
      imports: [BullModule.forRoot({ connection: connection.connection, prefix: connection.prefix }), queues],
      providers: [{ provide: QUEUE_CONNECTION, useValue: connection }],
      exports: [queues, QUEUE_CONNECTION],
    };
  }
}

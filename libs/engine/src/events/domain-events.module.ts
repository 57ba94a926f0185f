import { ScheduleModule } from '@nestjs/schedule';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DomainEventDelivery } from './domain-event-delivery.service';
import { DomainEvents } from './domain-events.service';
import { SubscriberRegistry } from './subscriber-registry';
import { DurableTimers } from '../timers/durable-timers.service';

/** Publishing and the boot-checked subscriber registry: in every process (the engine imports it). */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [DomainEvents, SubscriberRegistry, DurableTimers],
  exports: [DomainEvents, SubscriberRegistry, DurableTimers],
})
export class DomainEventsModule {}

/**
 * Delivery to the subscribers: imported by the processes that run the worker role. It also starts @nestjs/schedule,
 * so @Interval/@Cron ticks declared by any provider run only in worker-role processes (process-local; work that must
 * happen once per cluster still takes a claimed row or a lock).
 */
@Module({
  imports: [ScheduleModule.forRoot()],
  providers: [DomainEventDelivery],
  exports: [DomainEventDelivery],
})
export class DomainEventDeliveryModule {}

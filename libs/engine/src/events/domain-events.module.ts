import { ScheduleModule } from '@nestjs/schedule';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DomainEventDelivery } from './domain-event-delivery.service';
import { DomainEvents } from './domain-events.service';
import { SubscriberRegistry } from './subscriber-registry';
import { DurableTimers } from '../timers/durable-timers.service';
import { TimerRegistry } from '../timers/timer-registry';
import { TimerRunner } from '../timers/timer-runner.service';

/**
 * Publishing, scheduling timers and the boot-checked subscriber and timer registries: in every process (the engine
 * imports it).
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [DomainEvents, SubscriberRegistry, DurableTimers, TimerRegistry],
  exports: [DomainEvents, SubscriberRegistry, DurableTimers, TimerRegistry],
})
export class DomainEventsModule {}

/**
 * Delivery to the subscribers and firing of due timers: imported by the processes that run the worker role. It also
 * starts @nestjs/schedule, so @Interval/@Cron ticks declared by any provider run only in worker-role processes
 * (process-local; work that must happen once per cluster still takes a claimed row or a lock).
 */
@Module({
  imports: [ScheduleModule.forRoot()],
  providers: [DomainEventDelivery, TimerRunner],
  exports: [DomainEventDelivery, TimerRunner],
})
export class DomainEventDeliveryModule {}

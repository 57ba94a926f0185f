export { Clock } from './clock/clock';
export { ConfigError } from './config/config-error';
export { APP_CONFIG, ConfigModule } from './config/config.module';
export { configSchema } from './config/config.schema';
export type { AppConfig } from './config/config.schema';
export { loadConfig } from './config/load-config';
export type { LoadConfigOptions } from './config/load-config';
export { SecretBox } from './crypto/secret-box';
export { ConversationClaims } from './directories/conversation-claims';
export type { ClaimingUser, ClaimOutcome } from './directories/conversation-claims';
export { DepartmentDirectory } from './directories/department-directory';
export type { DepartmentFacts } from './directories/department-directory';
export { NumberDirectory } from './directories/number-directory';
export type { NumberFacts } from './directories/number-directory';
export { EgressDeniedError, EgressGuard } from './egress/egress-guard.service';
export { isPrivateAddress } from './egress/private-address';
export { EngineModule } from './engine.module';
export { DOMAIN_EVENT_NAMES } from './events/domain-event-types';
export type {
  DomainEvent,
  DomainEventInput,
  DomainEventName,
  DomainEventPayloads,
  OwnershipReason,
  SlaClockKind,
  SlaDeadlinePayload,
  SlaStatus,
} from './events/domain-event-types';
export { DomainEventDelivery } from './events/domain-event-delivery.service';
export type { DeliveryOutcome } from './events/domain-event-delivery.service';
export { DomainEventDeliveryModule } from './events/domain-events.module';
export { DomainEvents } from './events/domain-events.service';
export { DurableTimers, TIMERS_CHANNEL } from './timers/durable-timers.service';
export { OnTimer } from './timers/on-timer.decorator';
export { declareTimers, TimerManifest } from './timers/timer-manifest';
export { TimerRegistry } from './timers/timer-registry';
export type { TimerHandler } from './timers/timer-registry';
export { TimerRunner } from './timers/timer-runner.service';
export type { FiredTimer, TimerInput } from './timers/timer-types';
export { ConversationSlaStates } from './directories/conversation-sla-states';
export type { ConversationSlaState, SqlFragment } from './directories/conversation-sla-states';
export { OnDomainEvent } from './events/on-domain-event.decorator';
export { declareSubscribers, SubscriberManifest } from './events/subscriber-manifest';
export { SubscriberRegistry } from './events/subscriber-registry';
export type { DomainEventSubscriber } from './events/subscriber-registry';
export { HealthController } from './health/health.controller';
export { IS_PUBLIC, Public } from './http/public.decorator';
export { decodeCursor, encodeCursor, keysetPage, readCursor } from './http/keyset-cursor';
export { RefuseNulPipe } from './http/refuse-nul.pipe';
export { ZodValidationPipe } from './http/zod-validation.pipe';
export { requestBodySchema } from './http/request-body-schema';
export { uuidv7 } from './ids/uuid-v7';
export { createPinoLogger, PinoNestLogger, REDACTED_KEYS } from './logging/pino-logger';
export { ENGINE_ENTITIES } from './engine-entities';
export { OutboxEntry } from './outbox/outbox-entry.entity';
export { PluginHookFailure } from './plugins/plugin-hook-failure.entity';
export { PluginInstallation } from './plugins/plugin-installation.entity';
export { OutboxRelayService } from './outbox/outbox-relay.service';
export { OutboxService } from './outbox/outbox.service';
export type { StagedJob } from './outbox/outbox.service';
export { buildOrmConfig } from './persistence/mikro-orm.config';
export { sql } from './persistence/sql';
export { LinearPattern } from './text/linear-pattern';
export { startEmbeddedPostgres } from './persistence/embedded-postgres';
export type { EmbeddedDatabase } from './persistence/embedded-postgres';
export { runMigrations } from './persistence/run-migrations';
export { QUEUE_CONNECTION } from './queue/queue.module';
export type { QueueConnection } from './queue/queue-connection';
export { QUEUES } from './queue/queue-names';
export { startWorker } from './queue/start-worker';
export type { WorkerTuning } from './queue/start-worker';
export type { QueueName } from './queue/queue-names';
export { CORE_VERSION } from './plugins/core-version';
export { loadPlugins } from './plugins/load-plugins';
export { LOADED_PLUGINS } from './plugins/loaded-plugins';
export { pluginModules } from './plugins/plugin-modules';
export type { LoadedPlugins } from './plugins/loaded-plugins';
export { PluginHooksService } from './plugins/plugin-hooks.service';
export type {
  CapabilityFactory,
  CoreCapabilities,
  DispatchOptions,
  HookDispatchEvent,
  HookFailureRow,
  HookOutcome,
  PluginTarget,
} from './plugins/plugin-hooks.service';
export { PluginHookRunsService, runKey } from './plugins/plugin-hook-runs.service';
export type { DueHookRun, HookRunRecord } from './plugins/plugin-hook-runs.service';
export { PluginInstallationsService } from './plugins/plugin-installations.service';
export { planPluginItems, sameJson } from './plugins/plugin-items-plan';
export type { PluginItemRow, PluginItemsPlan } from './plugins/plugin-items-plan';
export type { InstallationChange, InstallationRow } from './plugins/plugin-installations.service';
export type { LoadedPlugin } from './plugins/load-plugins';
export { prepareRuntime } from './runtime/prepare-runtime';
export { Realtime } from './realtime/realtime.service';
export { RealtimeHistory } from './realtime/realtime-history.service';
export type { RealtimeHistoryPage, RealtimeHistoryResult } from './realtime/realtime-history.service';
export { AgentConnections } from './realtime/agent-connections';
export { RealtimeModule } from './realtime/realtime.module';
export type { RealtimeEnvelope, RealtimeEvent } from './realtime/realtime-event';
export { POSTGRES_ADAPTER_OPTIONS } from './realtime/postgres-broadcast';
export { quietPool } from './realtime/quiet-pool';
export { REDIS_ADAPTER_KEY } from './realtime/realtime-transport';
export { conversationRoom, departmentRoom, userRoom } from './realtime/room-names';
export type { Runtime } from './runtime/runtime';

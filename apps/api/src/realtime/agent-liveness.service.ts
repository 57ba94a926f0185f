import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AgentConnections, APP_CONFIG, AppConfig, Clock, uuidv7 } from '@switchboard/engine';
import { AgentAvailabilityService } from '@switchboard/identity';
import type { Socket } from 'socket.io';
import { socketAccess } from './socket-access';

/** A socket's activity is written at most this often (a burst of events costs one write). */
const ACTIVITY_FLUSH_MS = 5000;

interface LivenessData {
  userId?: string;
  flushedAt?: number;
}

/**
 * Availability that follows the sockets (users only; API tokens have none): a user whose last socket in the whole
 * cluster closed is set offline after a grace period; one without any client event for realtime.idleAwayMinutes
 * becomes away, and their next event brings them back (AgentAvailabilityService.changeBySystem holds the rule).
 * Connections are rows every api process keeps alive with a heartbeat, so a dead process's users go offline too.
 */
@Injectable()
export class AgentLiveness implements OnModuleDestroy {
  private readonly log = new Logger(AgentLiveness.name);
  private readonly processId = uuidv7();
  /** This process's sockets per user. */
  private readonly local = new Map<string, Set<string>>();
  private readonly graceTimers = new Set<NodeJS.Timeout>();
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connections: AgentConnections,
    private readonly availability: AgentAvailabilityService,
    private readonly clock: Clock,
  ) {}

  start(): void {
    this.timer = setInterval(
      () => void this.tick().catch((e: unknown) => this.log.warn(`liveness tick failed: ${String(e)}`)),
      this.config.realtime.heartbeatSeconds * 1000,
    );
    this.timer.unref();
  }

  async connected(socket: Socket): Promise<void> {
    const { actor } = socketAccess(socket);
    if (actor.type !== 'user') return;
    const data = socket.data as LivenessData;
    data.userId = actor.id;
    data.flushedAt = this.clock.now().getTime();
    const sockets = this.local.get(actor.id) ?? new Set<string>();
    sockets.add(socket.id);
    this.local.set(actor.id, sockets);
    await this.connections.add(socket.id, actor.id, this.processId, this.clock.now());
  }

  /** Any client event: the socket is active; an agent away because idle is back online. */
  async activity(socket: Socket): Promise<void> {
    const data = socket.data as LivenessData;
    const now = this.clock.now().getTime();
    if (!data.userId || now - (data.flushedAt ?? 0) < ACTIVITY_FLUSH_MS) return;
    data.flushedAt = now;
    await this.connections.touch(socket.id, this.clock.now());
    await this.availability.changeBySystem(data.userId, 'online', 'active');
  }

  async disconnected(socket: Socket): Promise<void> {
    const userId = (socket.data as LivenessData).userId;
    if (!userId) return;
    this.local.get(userId)?.delete(socket.id);
    if (!this.local.get(userId)?.size) this.local.delete(userId);
    await this.connections.remove(socket.id);
    const timer = setTimeout(() => {
      this.graceTimers.delete(timer);
      void this.offlineIfGone(userId).catch((e: unknown) =>
        this.log.warn(`offline check failed: ${String(e)}`),
      );
    }, this.config.realtime.offlineGraceSeconds * 1000);
    timer.unref();
    this.graceTimers.add(timer);
  }

  private async offlineIfGone(userId: string): Promise<void> {
    if (await this.connections.connected(userId, this.config.realtime.connectionTtlSeconds)) return;
    await this.availability.changeBySystem(userId, 'offline', 'disconnected');
  }

  private async tick(): Promise<void> {
    const { connectionTtlSeconds, idleAwayMinutes } = this.config.realtime;
    await this.connections.heartbeat(this.processId);
    for (const userId of await this.connections.expire(connectionTtlSeconds))
      await this.offlineIfGone(userId);
    const since = new Date(this.clock.now().getTime() - idleAwayMinutes * 60_000);
    const idle = await this.connections.idleSince([...this.local.keys()], since, connectionTtlSeconds);
    for (const userId of idle) await this.availability.changeBySystem(userId, 'away', 'idle');
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    for (const timer of this.graceTimers) clearTimeout(timer);
    // This process's sockets are gone with it; its rows expire through the other processes' ticks.
  }
}

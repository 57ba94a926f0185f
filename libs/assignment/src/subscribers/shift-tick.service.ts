import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { ConversationOwnershipService } from '@switchboard/conversations';
import { APP_CONFIG, AppConfig, sql } from '@switchboard/engine';
import { AgentCandidate, AgentDirectoryService } from '@switchboard/identity';
import { AgentMarksRepository, agentKey } from '../agents/agent-marks.repository';
import { HandOver } from '../assign/hand-over.service';
import { QueueDrainer } from '../assign/queue-drainer.service';

/** The decorator's period; the configured assignment.tickMs (longer) decides when a tick does its work. */
const BEAT_MS = 100;

/**
 * Shift ends and starts, by the engine Clock (worker-role processes only: the schedule runs there). Once per
 * cluster per tick (pg_try_advisory_xact_lock): agents whose shift ended since the last tick have their open
 * conversations handed over by the queue's at_shift_end policy; agents whose shift began since the last tick get their queues drained;
 * and every department with conversations waiting is drained (a safety sweep).
 */
@Injectable()
export class ShiftTick {
  private readonly logger = new Logger(ShiftTick.name);
  private last = 0;
  private running = false;

  constructor(
    private readonly em: EntityManager,
    private readonly directory: AgentDirectoryService,
    private readonly ownership: ConversationOwnershipService,
    private readonly marks: AgentMarksRepository,
    private readonly handOver: HandOver,
    private readonly drainer: QueueDrainer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Interval('assignment.shift-tick', BEAT_MS)
  async beat(): Promise<void> {
    if (this.running || Date.now() - this.last < this.config.assignment.tickMs) return;
    this.running = true;
    this.last = Date.now();
    try {
      await this.em.fork().transactional((em) => this.tick(em));
    } catch (e) {
      this.logger.warn(`shift tick failed: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  /** One tick's work in `em`'s transaction; false when another process holds this tick. */
  async tick(em: EntityManager): Promise<boolean> {
    const [lock] = await sql<{ ok: boolean }>(
      em,
      `select pg_try_advisory_xact_lock(hashtext('assignment'), hashtext('shift-tick')) as ok`,
    );
    if (!lock.ok) return false;
    const agents = await this.directory.eligible(null, em);
    const before = await this.marks.shifts(em);
    const byDepartment = new Map<string, AgentCandidate[]>();
    for (const a of agents)
      byDepartment.set(a.departmentId, [...(byDepartment.get(a.departmentId) ?? []), a]);
    const drains = new Set<string>();
    for (const [departmentId, inDepartment] of byDepartment) {
      // Only on the transition on shift → off shift (the marks hold the last tick's state): an off-shift agent who
      // later takes, claims or is given a conversation keeps it.
      const off = inDepartment.filter(
        (a) => a.onShiftNow === false && before.get(agentKey(departmentId, a.userId)) === true,
      );
      const load = await this.ownership.openLoad(
        em,
        departmentId,
        off.map((a) => a.userId),
      );
      for (const agent of off)
        if (
          (load.get(agent.userId) ?? 0) > 0 &&
          (await this.handOver.apply(em, agent, 'shift_end', inDepartment)) > 0
        )
          drains.add(departmentId);
      for (const agent of inDepartment)
        if (agent.onShiftNow === true && before.get(agentKey(departmentId, agent.userId)) !== true)
          drains.add(departmentId);
    }
    await this.marks.saveShifts(
      em,
      agents
        .filter((a) => a.onShiftNow !== null)
        .map((a) => ({ departmentId: a.departmentId, userId: a.userId, onShift: a.onShiftNow === true })),
    );
    // The sweep: a drain passes over rows another transaction holds at that moment (skip locked); nothing else would
    // wake for a conversation whose only later event was, say, another customer message. Every tick drains every
    // department with something waiting, so no conversation waits longer than a tick for a free agent.
    for (const departmentId of await this.ownership.departmentsWithWaiting(em)) drains.add(departmentId);
    for (const departmentId of [...drains].sort()) await this.drainer.drainDepartment(em, departmentId);
    return true;
  }
}

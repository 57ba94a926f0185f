import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { ConversationOwnershipService } from '@switchboard/conversations';
import { APP_CONFIG, AppConfig, Clock } from '@switchboard/engine';
import { AgentCandidate, AgentDirectoryService } from '@switchboard/identity';
import { AgentPicker } from '../assign/agent-picker';
import type { QueueSettings } from '../queues/queue-settings';
import { AgentMarksRepository } from './agent-marks.repository';
import { takesWorkNow } from '../choice/agent-fit';

/** The agents a queue assigns to automatically, and pickers over them. */
@Injectable()
export class AgentPool {
  constructor(
    private readonly directory: AgentDirectoryService,
    private readonly ownership: ConversationOwnershipService,
    private readonly marks: AgentMarksRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every agent and supervisor of the department, by user id. */
  agents(em: EntityManager, departmentId: string): Promise<AgentCandidate[]> {
    return this.directory.eligible(departmentId, em);
  }

  /** The agent's capacity in the department (the configured default when not set). */
  capacity = (agent: AgentCandidate): number => agent.capacity ?? this.config.assignment.defaultCapacity;

  /** Those of `agents` a queue may assign to now: online, on shift, and in the team for a team's queue. */
  forQueue(agents: AgentCandidate[], teamId: string | null): AgentCandidate[] {
    return agents.filter((a) => takesWorkNow(a) && (teamId === null || a.teamIds.includes(teamId)));
  }

  async picker(em: EntityManager, queue: QueueSettings, pool: AgentCandidate[]): Promise<AgentPicker> {
    const ids = pool.map((a) => a.userId);
    const load = await this.ownership.openLoad(em, queue.departmentId, ids);
    const lastAssigned =
      queue.strategy !== 'round_robin'
        ? await this.marks.lastAssigned(em, queue.departmentId, ids)
        : new Map<string, Date>();
    return new AgentPicker(
      em,
      queue.departmentId,
      this.ownership,
      { load, capacity: this.capacity, lastAssigned, cursorUserId: queue.cursorUserId },
      this.clock.now(),
    );
  }

  /** Records the agents a picker gave conversations to (least-loaded's tie-break) and the queue's turn. */
  async settle(em: EntityManager, departmentId: string, picker: AgentPicker): Promise<void> {
    await this.marks.markAssigned(em, departmentId, picker.assigned);
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type {
  AgentAvailability,
  AvailabilityChangeView,
  AvailabilityHistoryView,
  AvailabilitySource,
  AvailabilityView,
  SetAvailabilityRequest,
} from '@switchboard/contracts';
import { Clock, DomainEvents, sql, uuidv7 } from '@switchboard/engine';
import { AccessScope } from '../access/access-scope.service';
import { AuditLog } from '../audit/audit-log.service';
import { roleInDepartment } from './agent-membership';

/** Who asks for an availability change, and why. */
export interface AvailabilityChange {
  source: AvailabilitySource;
  /** The user making the change; null for the product itself. */
  by: string | null;
  reason?: string | null;
}

interface HistoryRow {
  status: AgentAvailability;
  previous: AgentAvailability | null;
  source: AvailabilitySource;
  changed_by: string | null;
  changed_by_name: string | null;
  reason: string | null;
  at: Date;
}

/** Agents' availability (online, away, offline) and its history. A user who never set one is offline. */
@Injectable()
export class AgentAvailabilityService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
  ) {}

  /** PUT /api/me/availability: the signed-in user sets their own. */
  async setOwn(input: SetAvailabilityRequest): Promise<AvailabilityView> {
    const me = this.scope.actor().id;
    return this.change(me, input.status, { source: 'self', by: me, reason: input.reason });
  }

  /** A supervisor (or admin) of the department sets the availability of someone holding a role there; audited. */
  async setFor(
    departmentId: string,
    userId: string,
    input: SetAvailabilityRequest,
  ): Promise<AvailabilityView> {
    this.scope.assertIn('agents.manage', departmentId, `department ${departmentId}`);
    const actor = this.scope.actor();
    return this.em.transactional(async (em) => {
      await roleInDepartment(em, userId, departmentId);
      const view = await this.change(
        userId,
        input.status,
        { source: 'supervisor', by: actor.type === 'user' ? actor.id : null, reason: input.reason },
        em,
      );
      await this.audit.record(
        {
          action: 'agent.availability.changed',
          targetType: 'user',
          targetId: userId,
          departmentId,
          details: { status: input.status, reason: input.reason ?? null },
        },
        em,
      );
      return view;
    });
  }

  /**
   * The one place availability changes, in one transaction with its history row. Setting the current status again
   * changes nothing, records nothing and publishes nothing. Besides the HTTP routes, the websocket gateway calls it
   * with `source: 'system'` when an agent's last socket disconnects or goes idle. A change publishes
   * `agent.availability` in the same transaction, naming every department where the user is an agent or supervisor.
   */
  async change(
    userId: string,
    status: AgentAvailability,
    change: AvailabilityChange,
    em: EntityManager = this.em,
  ): Promise<AvailabilityView> {
    const at = this.clock.now();
    return em.transactional(async (tx) => {
      // The row is locked so two concurrent changes record a history that chains (each one's previous is the other).
      await sql(
        tx,
        `insert into agent_presence (user_id, status, changed_at) values (?, 'offline', ?) on conflict (user_id) do nothing`,
        [userId, new Date(0)],
      );
      const [current] = await sql<{ status: AgentAvailability; changed_at: Date }>(
        tx,
        'select status, changed_at from agent_presence where user_id = ? for update',
        [userId],
      );
      const since = new Date(current.changed_at);
      const known = since.getTime() > 0;
      if (known && current.status === status) return { status, since: since.toISOString() };
      await sql(tx, 'update agent_presence set status = ?, changed_at = ? where user_id = ?', [
        status,
        at,
        userId,
      ]);
      await sql(
        tx,
        `insert into agent_availability_changes (id, user_id, status, previous, source, changed_by, reason, at)
         values (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          uuidv7(),
          userId,
          status,
          known ? current.status : null,
          change.source,
          change.by,
          change.reason ?? null,
          at,
        ],
      );
      const departments = await sql<{ department_id: string }>(
        tx,
        `select department_id from department_memberships
          where user_id = ? and role in ('agent', 'supervisor') order by department_id`,
        [userId],
      );
      await this.events.publish(tx, {
        name: 'agent.availability',
        payload: {
          userId,
          status,
          previousStatus: known ? current.status : 'offline',
          source: change.source,
          departmentIds: departments.map((d) => d.department_id),
        },
      });
      return { status, since: at.toISOString() };
    });
  }

  /** GET /api/me/availability. */
  own(): Promise<AvailabilityHistoryView> {
    return this.history(this.scope.actor().id);
  }

  /** The availability history of someone holding a role in a department the caller supervises. */
  async historyFor(departmentId: string, userId: string): Promise<AvailabilityHistoryView> {
    this.scope.assertIn('agents.manage', departmentId, `department ${departmentId}`);
    await roleInDepartment(this.em, userId, departmentId);
    return this.history(userId);
  }

  private async history(userId: string): Promise<AvailabilityHistoryView> {
    const rows = await sql<HistoryRow>(
      this.em,
      `select c.status, c.previous, c.source, c.changed_by, u.name as changed_by_name, c.reason, c.at
         from agent_availability_changes c left join users u on u.id = c.changed_by
        where c.user_id = ? order by c.at desc, c.id desc limit 100`,
      [userId],
    );
    const history: AvailabilityChangeView[] = rows.map((r) => ({
      status: r.status,
      previous: r.previous,
      source: r.source,
      changedBy: r.changed_by ? { id: r.changed_by, name: r.changed_by_name ?? '' } : null,
      reason: r.reason,
      at: new Date(r.at).toISOString(),
    }));
    const current: AvailabilityView = history.length
      ? { status: history[0].status, since: history[0].at }
      : { status: 'offline', since: null };
    return { current, history };
  }
}

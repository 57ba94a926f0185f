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

/** Why the system changes an availability (recorded as the change's reason). */
export type SystemReason = 'disconnected' | 'idle' | 'active';

function systemMay(
  current: { status: AgentAvailability; source: AvailabilitySource | null; reason: string | null },
  to: AgentAvailability,
  reason: SystemReason,
): boolean {
  const ownOrSystem = current.source === 'self' || current.source === 'system';
  if (reason === 'disconnected') return to === 'offline' && current.status !== 'offline' && ownOrSystem;
  if (reason === 'idle') return to === 'away' && current.status === 'online' && ownOrSystem;
  return (
    to === 'online' && current.status === 'away' && current.source === 'system' && current.reason === 'idle'
  );
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

  /**
   * A change the product makes on its own (source `system`), only where the rule allows it; returns whether it
   * changed. The rule: the system overrides only what the agent or the system chose, never a supervisor's setting.
   * - `disconnected` (the last socket closed): online or away → offline;
   * - `idle` (no activity for realtime.idleAwayMinutes): online → away;
   * - `active` (activity again): away → online, only when that away was the automatic idle one.
   */
  async changeBySystem(userId: string, status: AgentAvailability, reason: SystemReason): Promise<boolean> {
    return this.em.fork().transactional(async (tx) => {
      const [row] = await sql<{
        status: AgentAvailability;
        source: AvailabilitySource | null;
        reason: string | null;
      }>(
        tx,
        `select p.status, c.source, c.reason from agent_presence p
           left join lateral (select source, reason from agent_availability_changes
                               where user_id = p.user_id order by at desc, id desc limit 1) c on true
          where p.user_id = ? for update of p`,
        [userId],
      );
      if (!row || !systemMay(row, status, reason)) return false;
      await this.change(userId, status, { source: 'system', by: null, reason }, tx);
      return true;
    });
  }

  /** The user's display name (presence events show who is typing or viewing). */
  async nameOf(userId: string): Promise<string> {
    const [row] = await sql<{ name: string }>(this.em.fork(), 'select name from users where id = ?', [
      userId,
    ]);
    return row?.name ?? '';
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

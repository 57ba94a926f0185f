import { EntityManager } from '@mikro-orm/postgresql';
import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { Clock, DomainEventInput, DomainEvents, sql } from '@switchboard/engine';
import type { OwnershipReason } from '@switchboard/engine';
import { CardTimelineService, CardTransferService, TimelineEntryKind } from '@switchboard/pipelines';
import { PRIORITY_RANK_SQL } from '../entities/conversation.entity';
import type { ConversationPriority } from '../entities/conversation.entity';
import { MAX_LABELS, normaliseLabel } from './conversation-labels';

export type { ConversationPriority };

/** Who made an ownership change: the shape of the card timeline's actor. */
export interface OwnershipActor {
  type: 'user' | 'api_token' | 'plugin' | 'system';
  /** User id, token id or plugin id; null for the system (and for routing rules, named in the timeline data). */
  id: string | null;
  label: string;
}

/** What assignment and routing need to know of a conversation. */
export interface OwnershipState {
  conversationId: string;
  departmentId: string;
  numberId: string;
  contactId: string;
  status: 'open' | 'closed';
  ownerUserId: string | null;
  /** The team (queue) within the department it waits in; null: the department's own queue. */
  teamId: string | null;
  priority: ConversationPriority;
  labels: string[];
  /** Language of the customer (set by routing from their messages), for language-matched assignment. */
  language: string | null;
  /** Skills an agent needs to take it (set by routing rules). */
  requiredSkills: string[];
  snoozedUntil: Date | null;
  /** Snoozed until the customer's next message. */
  snoozedUntilReply: boolean;
  /** Since when it waits in its queue for an owner (age for "priority, then age"); null while owned. */
  queuedAt: Date | null;
  createdAt: Date;
}

export interface SetOwnerOptions {
  /** Compare-and-set: the change applies only while the owner is still this one (null: unowned). */
  expectedOwnerUserId: string | null;
  reason: OwnershipReason;
  by: OwnershipActor;
  /** A hand-over or take-over note, written on the card timeline. */
  note?: string;
}

interface ConversationRow {
  id: string;
  department_id: string;
  number_id: string;
  contact_id: string;
  status: 'open' | 'closed';
  owner_user_id: string | null;
  team_id: string | null;
  priority: ConversationPriority;
  labels: string[];
  language: string | null;
  required_skills: string[];
  snoozed_until: Date | null;
  snoozed_until_reply: boolean;
  queued_at: Date | null;
  created_at: Date;
}

const STATE_COLUMNS = `id, department_id, number_id, contact_id, status, owner_user_id, team_id, priority, labels, language,
  required_skills, snoozed_until, snoozed_until_reply, queued_at, created_at`;

const toState = (r: ConversationRow): OwnershipState => ({
  conversationId: r.id,
  departmentId: r.department_id,
  numberId: r.number_id,
  contactId: r.contact_id,
  status: r.status,
  ownerUserId: r.owner_user_id,
  teamId: r.team_id,
  priority: r.priority,
  labels: r.labels,
  language: r.language,
  requiredSkills: r.required_skills,
  snoozedUntil: r.snoozed_until,
  snoozedUntilReply: r.snoozed_until_reply,
  queuedAt: r.queued_at,
  createdAt: r.created_at,
});

const byUserId = (by: OwnershipActor) => (by.type === 'user' ? by.id : null);

/** The timeline line an ownership change writes: a take-over and a hand-over are told apart from assignments. */
const timelineKind = (reason: OwnershipReason): TimelineEntryKind =>
  reason === 'take_over' ? 'ownership' : reason === 'handover' ? 'handover' : 'assignment';

/**
 * The one place that changes who owns a conversation and its owner-independent state (priority, labels, team,
 * language, required skills, snooze, transfer). Every method runs in the caller's transaction `em`, writes the card
 * timeline line and publishes the domain events with the change. It enforces state, not policy: role, capacity and
 * strategy checks are the assignment library's (it calls setOwner under its own locks).
 */
@Injectable()
export class ConversationOwnershipService {
  constructor(
    private readonly events: DomainEvents,
    private readonly timeline: CardTimelineService,
    private readonly cards: CardTransferService,
    private readonly clock: Clock,
  ) {}

  /** The conversation as assignment sees it, or null. */
  async state(em: EntityManager, conversationId: string): Promise<OwnershipState | null> {
    const [row] = await sql<ConversationRow>(
      em,
      `select ${STATE_COLUMNS} from conversations where id = ?`,
      [conversationId],
      'ownership_state',
    );
    return row ? toState(row) : null;
  }

  /**
   * Like state(), with the conversation row locked until `em`'s transaction ends. `for no key update`: enough
   * against other writers, and it does not wait for (or deadlock with) intake inserting messages that reference it.
   */
  async lock(em: EntityManager, conversationId: string): Promise<OwnershipState | null> {
    const [row] = await sql<ConversationRow>(
      em,
      `select ${STATE_COLUMNS} from conversations where id = ? for no key update`,
      [conversationId],
      'ownership_lock',
    );
    return row ? toState(row) : null;
  }

  /**
   * Sets (userId) or clears (null) the owner when the conversation is open and its owner is still
   * `expectedOwnerUserId`; returns false, changing nothing, otherwise. Publishes conversation.assigned /
   * conversation.unassigned (with previousUserId and reason), writes the timeline (`assignment`, `handover` or
   * `ownership` for a take-over, with the note), and keeps queuedAt (null while owned, now when returned to the queue).
   */
  async setOwner(
    em: EntityManager,
    conversationId: string,
    userId: string | null,
    options: SetOwnerOptions,
  ): Promise<boolean> {
    const { expectedOwnerUserId: previous, reason, by, note } = options;
    const [row] = await sql<{ department_id: string }>(
      em,
      `update conversations set owner_user_id = ?::uuid,
              queued_at = case when ?::uuid is null then coalesce(queued_at, ?::timestamptz) else null end,
              updated_at = now()
        where id = ? and owner_user_id is not distinct from ?::uuid and status = 'open'
        returning department_id`,
      [userId, userId, this.clock.now(), conversationId, previous],
    );
    if (!row) return false;
    if (userId === previous) return true; // already so: nothing to tell
    const departmentId = row.department_id;
    const events: DomainEventInput[] = [];
    if (userId)
      events.push({
        name: 'conversation.assigned',
        payload: {
          conversationId,
          departmentId,
          userId,
          previousUserId: previous,
          byUserId: byUserId(by),
          reason,
        },
      });
    else if (previous)
      events.push({
        name: 'conversation.unassigned',
        payload: { conversationId, departmentId, userId: previous, byUserId: byUserId(by), reason },
      });
    await this.events.publish(em, events);
    await this.timeline.append(em, conversationId, {
      kind: timelineKind(reason),
      actor: by,
      data: { userId, previousUserId: previous, reason, ...(note ? { note } : {}) },
    });
    return true;
  }

  /** Open conversations owned per user in the department (snoozed ones count: they are still theirs). */
  async openLoad(em: EntityManager, departmentId: string, userIds: string[]): Promise<Map<string, number>> {
    const load = new Map(userIds.map((id) => [id, 0]));
    if (!userIds.length) return load;
    const rows = await sql<{ owner_user_id: string; n: number }>(
      em,
      `select owner_user_id, count(*)::int as n from conversations
        where department_id = ? and status = 'open' and owner_user_id = any(?::uuid[])
        group by owner_user_id`,
      [departmentId, userIds],
    );
    for (const r of rows) load.set(r.owner_user_id, r.n);
    return load;
  }

  /** Ids of the open conversations a user owns in a department (for hand-over at shift end or going offline). */
  async ownedBy(em: EntityManager, departmentId: string, userId: string): Promise<string[]> {
    const rows = await sql<{ id: string }>(
      em,
      `select id from conversations where department_id = ? and status = 'open' and owner_user_id = ?
        order by created_at, id`,
      [departmentId, userId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Puts an open, unowned conversation in its queue (queuedAt = now) once routing has decided, in routing's
   * transaction: until then no drain may take it (queuedAt stays null from intake, reopen and transfer). Already
   * queued or owned: nothing changes. Returns whether it was queued now.
   */
  async enqueue(em: EntityManager, conversationId: string): Promise<boolean> {
    const rows = await sql<{ id: string }>(
      em,
      `update conversations set queued_at = ?, updated_at = now()
        where id = ? and status = 'open' and owner_user_id is null and queued_at is null
        returning id`,
      [this.clock.now(), conversationId],
    );
    return rows.length > 0;
  }

  /**
   * Routing's decisions for many conversations at once: each entry's language (when not null) as setRequirements
   * would set it, then enqueue() when `enqueue`. Rows are locked in id order (as intake's batched update does) right
   * before one update, so a caller running this last in its transaction holds them only until its commit.
   */
  async routedMany(
    em: EntityManager,
    decisions: readonly { conversationId: string; language: string | null; enqueue: boolean }[],
  ): Promise<void> {
    if (!decisions.length) return;
    // One row per conversation (an update joins each row once): the last language wins, as one call after another.
    const merged = new Map<string, { language: string | null; enqueue: boolean }>();
    for (const d of decisions) {
      const before = merged.get(d.conversationId);
      merged.set(d.conversationId, {
        language: d.language ?? before?.language ?? null,
        enqueue: d.enqueue || (before?.enqueue ?? false),
      });
    }
    const ids = [...merged.keys()].sort();
    const rows = ids.map((id) => merged.get(id)!);
    await sql(em, 'select id from conversations where id = any(?::uuid[]) order by id for no key update', [
      ids,
    ]);
    await sql(
      em,
      `update conversations c set
         language = case when v.language is not null then v.language else c.language end,
         queued_at = case when v.enqueue and c.status = 'open' and c.owner_user_id is null and c.queued_at is null
           then ?::timestamptz else c.queued_at end,
         updated_at = now()
       from unnest(?::uuid[], ?::text[], ?::boolean[]) as v(id, language, enqueue)
       where c.id = v.id
         and ((v.language is not null and c.language is distinct from v.language)
           or (v.enqueue and c.status = 'open' and c.owner_user_id is null and c.queued_at is null))`,
      [this.clock.now(), ids, rows.map((d) => d.language), rows.map((d) => d.enqueue)],
    );
  }

  /**
   * Open, unowned, not snoozed conversations waiting in a queue (teamId null: the department's own queue; undefined:
   * every queue of the department), highest priority first, then oldest queuedAt. Only queued ones (routing has
   * decided). `skipLocked`: rows locked by another transaction (routing acting on it, a claim) are left out and the
   * rest locked until `em`'s transaction ends, so a drain never waits on a row while holding agents' locks.
   */
  async waiting(
    em: EntityManager,
    departmentId: string,
    teamId: string | null | undefined,
    limit: number,
    options: { skipLocked?: boolean } = {},
  ): Promise<OwnershipState[]> {
    const team = teamId === undefined ? '' : teamId === null ? 'and team_id is null' : 'and team_id = ?';
    const rows = await sql<ConversationRow>(
      em,
      `select ${STATE_COLUMNS} from conversations
        where department_id = ? ${team} and status = 'open' and owner_user_id is null and queued_at is not null
          and snoozed_until is null and not snoozed_until_reply
        order by ${PRIORITY_RANK_SQL}, queued_at, id
        limit ? ${options.skipLocked ? 'for no key update skip locked' : ''}`,
      teamId ? [departmentId, teamId, limit] : [departmentId, limit],
    );
    return rows.map(toState);
  }

  /** The teams (non-null team ids) of the department that have conversations waiting, by id. */
  async waitingTeams(em: EntityManager, departmentId: string): Promise<string[]> {
    const rows = await sql<{ team_id: string }>(
      em,
      `select distinct team_id from conversations
        where department_id = ? and team_id is not null and status = 'open' and owner_user_id is null
          and queued_at is not null and snoozed_until is null and not snoozed_until_reply
        order by team_id`,
      [departmentId],
    );
    return rows.map((r) => r.team_id);
  }

  /** The departments with conversations waiting in a queue, by id (the assignment tick's safety sweep). */
  async departmentsWithWaiting(em: EntityManager): Promise<string[]> {
    const rows = await sql<{ department_id: string }>(
      em,
      `select distinct department_id from conversations
        where status = 'open' and owner_user_id is null and queued_at is not null
          and snoozed_until is null and not snoozed_until_reply
        order by department_id`,
    );
    return rows.map((r) => r.department_id);
  }

  async setPriority(
    em: EntityManager,
    conversationId: string,
    priority: ConversationPriority,
    by: OwnershipActor,
  ): Promise<void> {
    const current = await this.mustLock(em, conversationId);
    if (current.priority === priority) return;
    await sql(em, 'update conversations set priority = ?, updated_at = now() where id = ?', [
      priority,
      conversationId,
    ]);
    await this.updated(em, current, 'priority', by, { priority, previous: current.priority }, { priority });
  }

  /** Adds and removes labels (normalised, deduplicated). */
  async changeLabels(
    em: EntityManager,
    conversationId: string,
    change: { add?: string[]; remove?: string[] },
    by: OwnershipActor,
  ): Promise<string[]> {
    const add = (change.add ?? []).map(normaliseLabel);
    const remove = new Set((change.remove ?? []).map(normaliseLabel));
    const current = await this.mustLock(em, conversationId);
    const labels = [...new Set([...current.labels.filter((l) => !remove.has(l)), ...add])];
    if (labels.length > MAX_LABELS)
      throw new UnprocessableEntityException(
        `conversation ${conversationId} would have ${labels.length} labels: at most ${MAX_LABELS}`,
      );
    const same = labels.length === current.labels.length && labels.every((l, i) => l === current.labels[i]);
    if (same) return labels;
    await sql(em, 'update conversations set labels = ?::text[], updated_at = now() where id = ?', [
      labels,
      conversationId,
    ]);
    await this.updated(em, current, 'labels', by, { labels, previous: current.labels });
    return labels;
  }

  /** Moves it to a team's queue within its department (null: the department's queue). */
  async setTeam(
    em: EntityManager,
    conversationId: string,
    teamId: string | null,
    by: OwnershipActor,
  ): Promise<void> {
    const current = await this.mustLock(em, conversationId);
    if (current.teamId === teamId) return;
    await sql(em, 'update conversations set team_id = ?, updated_at = now() where id = ?', [
      teamId,
      conversationId,
    ]);
    await this.updated(em, current, 'team', by, { teamId, previous: current.teamId });
  }

  /**
   * What an agent needs to take it: the customer's language and required skills (routing sets them). No timeline line
   * of its own: routing writes the decision that set them, with its rule.
   */
  async setRequirements(
    em: EntityManager,
    conversationId: string,
    requirements: { language?: string | null; requiredSkills?: string[] },
    _by: OwnershipActor,
  ): Promise<void> {
    const current = await this.mustLock(em, conversationId);
    const language = requirements.language === undefined ? current.language : requirements.language;
    const skills =
      requirements.requiredSkills === undefined
        ? current.requiredSkills
        : [...new Set(requirements.requiredSkills.map((s) => s.trim().toLowerCase()).filter(Boolean))];
    if (language === current.language && skills.join('\n') === current.requiredSkills.join('\n')) return;
    await sql(
      em,
      'update conversations set language = ?, required_skills = ?::text[], updated_at = now() where id = ?',
      [language, skills, conversationId],
    );
  }

  /**
   * Moves the conversation (and its card, to the first stage of the target department's default pipeline) to another
   * department, keeping one customer timeline: the owner is cleared (reason `transferred`), team and skills reset,
   * conversation.transferred published. Throws 409 when it is closed or already there.
   */
  async transfer(
    em: EntityManager,
    conversationId: string,
    toDepartmentId: string,
    by: OwnershipActor,
    note?: string,
  ): Promise<void> {
    const current = await this.mustLock(em, conversationId);
    if (current.status !== 'open')
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        code: 'conversation_closed',
        message: `conversation ${conversationId} is closed: reopen it before transferring it`,
      });
    if (current.departmentId === toDepartmentId)
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        code: 'same_department',
        message: `conversation ${conversationId} is already in department ${toDepartmentId}`,
      });
    const moved = await this.cards.moveToDepartment(em, conversationId, toDepartmentId);
    await sql(
      em,
      // queued_at null: the receiving department's routing decides before its queue may take it.
      `update conversations set department_id = ?, owner_user_id = null, team_id = null, required_skills = '{}',
              queued_at = null, updated_at = now()
        where id = ?`,
      [toDepartmentId, conversationId],
    );
    const from = current.departmentId;
    const events: DomainEventInput[] = [];
    if (current.ownerUserId)
      events.push({
        name: 'conversation.unassigned',
        payload: {
          conversationId,
          departmentId: from,
          userId: current.ownerUserId,
          byUserId: byUserId(by),
          reason: 'transferred',
        },
      });
    events.push(...moved.events, {
      name: 'conversation.transferred',
      payload: {
        conversationId,
        fromDepartmentId: from,
        departmentId: toDepartmentId,
        byUserId: byUserId(by),
      },
    });
    await this.events.publish(em, events);
    await this.timeline.append(em, conversationId, {
      kind: 'transfer',
      actor: by,
      data: {
        fromDepartmentId: from,
        toDepartmentId,
        previousOwnerUserId: current.ownerUserId,
        ...(note ? { note } : {}),
      },
    });
  }

  /** The state locked, or 404 naming the conversation. */
  async mustLock(em: EntityManager, conversationId: string): Promise<OwnershipState> {
    const state = await this.lock(em, conversationId);
    if (!state) throw new NotFoundException(`conversation ${conversationId} not found`);
    return state;
  }

  private async updated(
    em: EntityManager,
    current: OwnershipState,
    change: 'priority' | 'labels' | 'snooze' | 'team',
    by: OwnershipActor,
    data: Record<string, unknown>,
    values: { priority?: ConversationPriority } = {},
  ): Promise<void> {
    await this.events.publish(em, {
      name: 'conversation.updated',
      payload: {
        conversationId: current.conversationId,
        departmentId: current.departmentId,
        changes: [change],
        ...values,
      },
    });
    await this.timeline.append(em, current.conversationId, {
      kind: 'ownership',
      actor: by,
      data: { change, ...data },
    });
  }
}

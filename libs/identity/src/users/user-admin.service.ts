import { EntityManager } from '@mikro-orm/postgresql';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { CreatedUserView, CreateUserRequest, UpdateUserRequest, UserView } from '@switchboard/contracts';
import { AuditEntry, AuditLog } from '../audit/audit-log.service';
import { PasswordHasher, passwordProblem } from '../auth/password-hasher';
import { SessionRepository } from '../auth/session.repository';
import { toUserView, UserRepository } from './user.repository';
import { IssuedLink, UserTokenService } from './user-token.service';

/** Admin management of users and their department roles; every change is audited in the same transaction. */
@Injectable()
export class UserAdminService {
  constructor(
    private readonly em: EntityManager,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLog,
    private readonly links: UserTokenService,
  ) {}

  async list(): Promise<UserView[]> {
    return (await this.users.list()).map(toUserView);
  }

  async get(id: string): Promise<UserView> {
    const user = await this.users.byId(id);
    if (!user) throw new NotFoundException(`user ${id} not found`);
    return toUserView(user);
  }

  /** Idempotent seeding (demo, test fixtures): returns the existing user when the e-mail is taken. */
  async ensure(input: CreateUserRequest): Promise<UserView> {
    const existing = await this.users.byEmail(input.email);
    return existing ? toUserView(existing) : this.create(input, { type: 'system' });
  }

  async create(input: CreateUserRequest, actor?: AuditEntry['actor']): Promise<CreatedUserView> {
    const problem = input.password === undefined ? null : passwordProblem(input.password);
    if (problem) throw new BadRequestException(problem);
    const hash = input.password === undefined ? null : await this.hasher.hash(input.password);
    let invitation: IssuedLink | undefined;
    const id = await this.em.transactional(async (em) => {
      await this.assertDepartments(
        em,
        input.memberships.map((m) => m.departmentId),
      );
      if (await this.users.byEmail(input.email, em))
        throw new ConflictException(`a user with e-mail ${input.email} exists`);
      const userId = await this.users.insert(em, {
        email: input.email,
        name: input.name,
        passwordHash: hash,
        isAdmin: input.isAdmin,
      });
      await this.users.replaceMemberships(em, userId, input.memberships);
      await this.audit.record(
        {
          action: 'user.created',
          targetType: 'user',
          targetId: userId,
          details: { email: input.email, isAdmin: input.isAdmin, memberships: input.memberships },
          actor,
        },
        em,
      );
      if (!hash) invitation = await this.links.issue(em, userId, 'invitation');
      return userId;
    });
    return { ...(await this.get(id)), ...(invitation ? { invitation } : {}) };
  }

  /** A new single-use link for the user: an invitation while they have no password, else a password reset. */
  async issueLink(id: string, purpose: 'invitation' | 'password_reset'): Promise<IssuedLink> {
    const user = await this.users.byId(id);
    if (!user) throw new NotFoundException(`user ${id} not found`);
    if (user.status !== 'active') throw new ConflictException('the user is disabled');
    if (purpose === 'invitation' && user.password_hash)
      throw new ConflictException('the user already has a password; issue a password reset instead');
    return this.em.transactional((em) => this.links.issue(em, id, purpose));
  }

  async update(id: string, change: UpdateUserRequest): Promise<UserView> {
    await this.em.transactional(async (em) => {
      const before = await this.users.byId(id, em);
      if (!before) throw new NotFoundException(`user ${id} not found`);
      const losesAdmin = before.is_admin && (change.isAdmin === false || change.status === 'disabled');
      if (losesAdmin && (await this.users.countActiveAdmins(em, id)) === 0)
        throw new ConflictException('the last active admin cannot be demoted or disabled');
      if (change.memberships)
        await this.assertDepartments(
          em,
          change.memberships.map((m) => m.departmentId),
        );
      await this.users.update(em, id, change);
      if (change.memberships) await this.users.replaceMemberships(em, id, change.memberships);
      if (change.status === 'disabled') await this.sessions.revokeUser(em, id, 'disabled');
      const rolesChanged = change.isAdmin !== undefined || change.memberships !== undefined;
      await this.audit.record(
        {
          action: rolesChanged ? 'user.roles.changed' : 'user.updated',
          targetType: 'user',
          targetId: id,
          details: {
            before: {
              isAdmin: before.is_admin,
              status: before.status,
              memberships: before.memberships ?? [],
            },
            change,
          },
        },
        em,
      );
    });
    return this.get(id);
  }

  private async assertDepartments(em: EntityManager, ids: string[]): Promise<void> {
    const unknown = await this.users.unknownDepartments(em, ids);
    if (unknown.length) throw new BadRequestException(`unknown department(s): ${unknown.join(', ')}`);
    if (new Set(ids).size !== ids.length)
      throw new BadRequestException('a department appears twice in memberships');
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { ForbiddenException, Injectable } from '@nestjs/common';
import { UserView } from '@switchboard/contracts';
import { DepartmentDirectory, sql, uuidv7 } from '@switchboard/engine';
import type { DepartmentRole } from '../access/permissions';
import { AuditLog } from '../audit/audit-log.service';
import { SessionRepository } from '../auth/session.repository';
import { toUserView, UserRepository, UserRow } from '../users/user.repository';
import type { OidcProviderConfig } from './oidc-client.service';

interface IdentityClaims {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  groups: string[];
}

export function readClaims(p: OidcProviderConfig, claims: Record<string, unknown>): IdentityClaims {
  const raw = claims[p.groupsClaim];
  const groups = Array.isArray(raw)
    ? raw.filter((g): g is string => typeof g === 'string')
    : typeof raw === 'string'
      ? [raw]
      : [];
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
  return {
    issuer: String(claims.iss ?? p.issuer),
    subject: String(claims.sub),
    email,
    emailVerified: claims.email_verified === true || claims.email_verified === 'true',
    name: typeof claims.name === 'string' ? claims.name : null,
    groups,
  };
}

/**
 * Turns a verified OpenID Connect identity into a Switchboard user: the known (issuer, subject), or a safe link to
 * an existing account, or a new account (just-in-time); then applies the group mapping.
 */
@Injectable()
export class SsoLoginService {
  constructor(
    private readonly em: EntityManager,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly audit: AuditLog,
    private readonly departments: DepartmentDirectory,
  ) {}

  async resolve(p: OidcProviderConfig, claims: Record<string, unknown>): Promise<UserView> {
    const id = readClaims(p, claims);
    if (!id.subject || id.subject === 'undefined')
      throw new ForbiddenException('the identity provider sent no subject');
    const userId = await this.em.transactional(async (em) => {
      const known = await sql<{ user_id: string }>(
        em,
        'select user_id from user_identities where issuer = ? and subject = ? for update',
        [id.issuer, id.subject],
      );
      let user: UserRow | null = known[0] ? await this.users.byId(known[0].user_id, em) : null;
      if (!user) user = await this.linkOrCreate(em, p, id);
      if (user.status !== 'active') throw new ForbiddenException('this account is disabled');
      await sql(
        em,
        'update user_identities set last_login_at = now(), email = ? where issuer = ? and subject = ?',
        [id.email, id.issuer, id.subject],
      );
      if (p.manageRoles) await this.applyRoles(em, p, user, id.groups);
      return user.id;
    });
    return toUserView((await this.users.byId(userId))!);
  }

  private async linkOrCreate(em: EntityManager, p: OidcProviderConfig, id: IdentityClaims): Promise<UserRow> {
    const existing = id.email ? await this.users.byEmail(id.email, em) : null;
    if (existing) {
      // Linking by e-mail only when the provider vouches for it; the local password is then removed and every
      // session ended, so whoever registered that e-mail before cannot keep a way in (pre-account takeover).
      if (!id.emailVerified)
        throw new ForbiddenException(
          `an account with ${id.email} exists, but ${p.name} did not confirm the e-mail is verified; ask an admin`,
        );
      await sql(em, 'update users set password_hash = null, updated_at = now() where id = ?', [existing.id]);
      await this.sessions.revokeUser(em, existing.id, 'sso_linked');
      await this.insertIdentity(em, p, id, existing.id);
      await this.audit.record(
        {
          action: 'user.sso.linked',
          targetType: 'user',
          targetId: existing.id,
          details: { provider: p.id, issuer: id.issuer, subject: id.subject, credentialsReset: true },
          actor: { type: 'system' },
        },
        em,
      );
      return existing;
    }
    if (p.provisioning !== 'jit')
      throw new ForbiddenException(`no Switchboard account for this ${p.name} identity`);
    if (!id.email) throw new ForbiddenException(`${p.name} sent no e-mail address for this identity`);
    const userId = await this.users.insert(em, {
      email: id.email,
      name: id.name ?? id.email,
      passwordHash: null,
      isAdmin: false,
    });
    await this.insertIdentity(em, p, id, userId);
    await this.audit.record(
      {
        action: 'user.created',
        targetType: 'user',
        targetId: userId,
        details: { email: id.email, via: `sso:${p.id}` },
        actor: { type: 'system' },
      },
      em,
    );
    return (await this.users.byId(userId, em))!;
  }

  private async insertIdentity(em: EntityManager, p: OidcProviderConfig, id: IdentityClaims, userId: string) {
    await sql(
      em,
      `insert into user_identities (id, user_id, provider, issuer, subject, email, created_at) values (?, ?, ?, ?, ?, ?, now())`,
      [uuidv7(), userId, p.id, id.issuer, id.subject, id.email],
    );
  }

  /** Admin flag and department roles from the groups; audited when they change. */
  private async applyRoles(em: EntityManager, p: OidcProviderConfig, user: UserRow, groups: string[]) {
    const isAdmin = p.adminGroups.some((g) => groups.includes(g));
    const departments = await this.departments.all(em);
    const byKey = new Map(departments.map((d) => [d.key, d.id]));
    const rank: Record<DepartmentRole, number> = { supervisor: 3, agent: 2, viewer: 1 };
    const chosen = new Map<string, DepartmentRole>();
    for (const rule of p.departmentRoles) {
      const departmentId = byKey.get(rule.department);
      if (!departmentId || !groups.includes(rule.group)) continue;
      const current = chosen.get(departmentId);
      if (!current || rank[rule.role] > rank[current]) chosen.set(departmentId, rule.role);
    }
    const memberships = [...chosen].map(([departmentId, role]) => ({ departmentId, role }));
    const before = (user.memberships ?? [])
      .map((m) => `${m.departmentId}:${m.role}`)
      .sort()
      .join(',');
    const after = memberships
      .map((m) => `${m.departmentId}:${m.role}`)
      .sort()
      .join(',');
    if (before === after && user.is_admin === isAdmin) return;
    // Never leave the installation without an admin because a group changed at the provider.
    if (user.is_admin && !isAdmin && (await this.users.countActiveAdmins(em, user.id)) === 0) return;
    await this.users.update(em, user.id, { isAdmin });
    await this.users.replaceMemberships(em, user.id, memberships);
    await this.audit.record(
      {
        action: 'user.roles.changed',
        targetType: 'user',
        targetId: user.id,
        details: {
          via: `sso:${p.id}`,
          groups,
          before: { isAdmin: user.is_admin, memberships: user.memberships ?? [] },
          change: { isAdmin, memberships },
        },
        actor: { type: 'system' },
      },
      em,
    );
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { ApiTokenView, CreateApiTokenRequest, CreatedApiToken } from '@switchboard/contracts';
import { DepartmentDirectory, uuidv7 } from '@switchboard/engine';
import { AccessScope, type ScopeCondition } from '../access/access-scope.service';
import { Actor } from '../access/actor';
import { openDepartments } from '../access/open-departments';
import { INSTALLATION_PERMISSIONS, type Permission } from '../access/permissions';
import { AuditLog } from '../audit/audit-log.service';
import { hashOpaqueToken as hash, newOpaqueToken } from '../auth/opaque-token';
import { UserRepository } from '../users/user.repository';
import { ApiTokenRepository, ApiTokenRow } from './api-token.repository';

export const API_TOKEN_PREFIX = 'sbt_';

function toView(r: ApiTokenRow): ApiTokenView {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    permissions: r.permissions,
    departmentIds: r.department_ids,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    expiresAt: iso(r.expires_at),
    lastUsedAt: iso(r.last_used_at),
    revokedAt: iso(r.revoked_at),
  };
}

/** Issues, lists, revokes and authenticates API tokens. */
@Injectable()
export class ApiTokenService {
  constructor(
    private readonly em: EntityManager,
    private readonly tokens: ApiTokenRepository,
    private readonly users: UserRepository,
    private readonly audit: AuditLog,
    private readonly scope: AccessScope,
    private readonly departments: DepartmentDirectory,
  ) {}

  /**
   * Mints a token for `by`. A token scoped to departments cannot carry installation-wide permissions, and its
   * departments must be ones `by` sees: a members-only department (HR) the admin is not a member of answers as an
   * unknown one, so minting a token cannot be a way around it.
   */
  async create(input: CreateApiTokenRequest, by: Actor): Promise<CreatedApiToken> {
    const token = `${API_TOKEN_PREFIX}${newOpaqueToken()}`;
    const id = uuidv7();
    const createdBy = by.type === 'user' ? by.id : null;
    await this.em.transactional(async (em) => {
      const departmentIds = input.allDepartments ? null : [...new Set(input.departmentIds ?? [])];
      const wide = departmentIds
        ? input.permissions.filter((p) => (INSTALLATION_PERMISSIONS as readonly string[]).includes(p))
        : [];
      if (wide.length)
        throw new BadRequestException(
          `${wide.join(', ')} ${wide.length > 1 ? 'are' : 'is'} installation-wide: a token with it must be for all departments (allDepartments: true)`,
        );
      const unknown = departmentIds ? await this.users.unknownDepartments(em, departmentIds) : [];
      const seen = by.departmentsWith('conversations.read');
      const hidden = seen === 'all' ? [] : (departmentIds ?? []).filter((d) => !seen.includes(d));
      const refused = [...new Set([...unknown, ...hidden])];
      if (refused.length) throw new BadRequestException(`unknown department(s): ${refused.join(', ')}`);
      await this.tokens.insert(em, {
        id,
        name: input.name,
        prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
        tokenHash: hash(token),
        permissions: [...new Set(input.permissions)],
        departmentIds,
        createdBy,
        expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
      });
      await this.audit.record(
        {
          action: 'api_token.created',
          targetType: 'api_token',
          targetId: id,
          details: { name: input.name, permissions: input.permissions, departmentIds },
        },
        em,
      );
    });
    const row = await this.tokens.byId(id);
    return { ...toView(row!), token };
  }

  async list(): Promise<ApiTokenView[]> {
    return (await this.tokens.list(this.visible())).map(toView);
  }

  async revoke(id: string): Promise<void> {
    if (!(await this.tokens.byId(id, this.visible())))
      throw new NotFoundException(`API token ${id} not found`);
    await this.em.transactional(async (em) => {
      if (await this.tokens.revoke(em, id))
        await this.audit.record({ action: 'api_token.revoked', targetType: 'api_token', targetId: id }, em);
    });
  }

  /**
   * Tokens the caller may see: those whose departments are all ones the caller sees, so a token for a members-only
   * department (HR) is invisible to an admin who is not a member there, as if it did not exist (not listed, 404).
   */
  private visible(): ScopeCondition {
    return this.scope.conditionAll(
      'conversations.read',
      'select d::uuid from jsonb_array_elements_text(api_tokens.department_ids) d',
    );
  }

  /** The actor behind a presented token, or null when it is unknown, revoked or expired. */
  async authenticate(token: string): Promise<Actor | null> {
    const actor = await this.liveActor(token);
    if (!actor) return null;
    if (await this.tokens.touch(actor.id))
      await this.audit.record({
        action: 'api_token.used',
        targetType: 'api_token',
        targetId: actor.id,
        actor: { type: 'api_token', id: actor.id, label: actor.label },
      });
    return actor;
  }

  /** Re-reads a token's actor without counting it as a use: for re-checking an open websocket. */
  async liveActor(token: string): Promise<Actor | null> {
    const row = await this.tokens.live(hash(token));
    if (!row) return null;
    // What "all departments" covers matters to unscoped tokens only (a token is a member of none).
    const open = row.department_ids ? null : openDepartments(await this.departments.all(this.em), new Set());
    return Actor.apiToken(
      row.id,
      row.name,
      row.permissions as Permission[],
      row.department_ids ?? 'all',
      open,
    );
  }
}

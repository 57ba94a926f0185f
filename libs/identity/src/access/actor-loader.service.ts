import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DepartmentDirectory, sql } from '@switchboard/engine';
import { Actor } from './actor';
import { openDepartments } from './open-departments';
import type { DepartmentRole } from './permissions';

interface Row {
  id: string;
  email: string;
  is_admin: boolean;
  memberships: { d: string; r: DepartmentRole }[] | null;
}

/**
 * Resolves the actor behind an access token on every request: the session must still be live and the user active,
 * and roles are read fresh, so a revocation or a role change applies to the very next request.
 */
@Injectable()
export class ActorLoader {
  constructor(
    private readonly em: EntityManager,
    private readonly departments: DepartmentDirectory,
  ) {}

  async forSession(userId: string, sessionId: string): Promise<Actor | null> {
    const rows = await sql<Row>(
      this.em,
      `select u.id, u.email, u.is_admin,
              (select json_agg(json_build_object('d', m.department_id, 'r', m.role)) from department_memberships m where m.user_id = u.id) as memberships
         from sessions s join users u on u.id = s.user_id
        where s.id = ? and s.user_id = ? and s.revoked_at is null and s.expires_at > now() and u.status = 'active'`,
      [sessionId, userId],
      'switchboard_load_actor',
    );
    const r = rows[0];
    if (!r) return null;
    const memberships = (r.memberships ?? []).map((m): [string, DepartmentRole] => [m.d, m.r]);
    // What "everywhere" covers matters to admins only; other users are not charged the departments read.
    const open = r.is_admin
      ? openDepartments(await this.departments.all(this.em), new Set(memberships.map(([d]) => d)))
      : null;
    return Actor.user(r.id, r.email, r.is_admin, memberships, sessionId, open);
  }
}

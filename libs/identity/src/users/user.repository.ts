import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { MembershipView, UserView } from '@switchboard/contracts';
import { DepartmentDirectory, sql, uuidv7 } from '@switchboard/engine';
import type { DepartmentRole } from '../access/permissions';
import type { UserStatus } from '../entities/user.entity';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  is_admin: boolean;
  status: UserStatus;
  last_login_at: Date | null;
  mfa_enabled_at: Date | null;
  created_at: Date;
  memberships: MembershipView[] | null;
}

// Memberships come without their department's key and name: pipelines owns departments, so they are filled in
// afterwards with one directory read for all the rows (withDepartments).
const SELECT = `select u.*, (select json_agg(json_build_object('departmentId', m.department_id, 'departmentKey', '', 'departmentName', '', 'role', m.role))
                  from department_memberships m where m.user_id = u.id) as memberships
                  from users u`;

/** Users and their department memberships. */
@Injectable()
export class UserRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly departments: DepartmentDirectory,
  ) {}

  async byEmail(email: string, em: EntityManager = this.em): Promise<UserRow | null> {
    return (
      (await this.withDepartments(em, await sql<UserRow>(em, `${SELECT} where u.email = ?`, [email])))[0] ??
      null
    );
  }

  async byId(id: string, em: EntityManager = this.em): Promise<UserRow | null> {
    return (
      (await this.withDepartments(em, await sql<UserRow>(em, `${SELECT} where u.id = ?`, [id])))[0] ?? null
    );
  }

  async list(): Promise<UserRow[]> {
    return this.withDepartments(this.em, await sql<UserRow>(this.em, `${SELECT} order by u.email`));
  }

  /**
   * Fills each membership's department key and name and orders memberships by key: one directory read for all rows.
   */
  private async withDepartments(em: EntityManager, rows: UserRow[]): Promise<UserRow[]> {
    const ids = [...new Set(rows.flatMap((r) => (r.memberships ?? []).map((m) => m.departmentId)))];
    const known = new Map((await this.departments.describe(em, ids)).map((d) => [d.id, d]));
    for (const r of rows)
      r.memberships =
        r.memberships
          ?.map((m) => ({
            ...m,
            departmentKey: known.get(m.departmentId)?.key ?? '',
            departmentName: known.get(m.departmentId)?.name ?? '',
          }))
          .sort((a, b) => a.departmentKey.localeCompare(b.departmentKey)) ?? null;
    return rows;
  }

  async insert(
    em: EntityManager,
    u: { email: string; name: string; passwordHash: string | null; isAdmin: boolean },
  ): Promise<string> {
    const id = uuidv7();
    await sql(
      em,
      `insert into users (id, email, name, password_hash, is_admin, status, created_at, updated_at)
       values (?, ?, ?, ?, ?, 'active', now(), now())`,
      [id, u.email, u.name, u.passwordHash, u.isAdmin],
    );
    return id;
  }

  async update(
    em: EntityManager,
    id: string,
    change: { name?: string; status?: UserStatus; isAdmin?: boolean },
  ): Promise<void> {
    await sql(
      em,
      `update users set name = coalesce(?, name), status = coalesce(?, status), is_admin = coalesce(?, is_admin),
              updated_at = now() where id = ?`,
      [change.name ?? null, change.status ?? null, change.isAdmin ?? null, id],
    );
  }

  async replaceMemberships(
    em: EntityManager,
    userId: string,
    memberships: { departmentId: string; role: DepartmentRole }[],
  ): Promise<void> {
    await sql(em, 'delete from department_memberships where user_id = ?', [userId]);
    for (const m of memberships)
      await sql(
        em,
        `insert into department_memberships (id, user_id, department_id, role, created_at) values (?, ?, ?, ?, now())`,
        [uuidv7(), userId, m.departmentId, m.role],
      );
  }

  async countActiveAdmins(em: EntityManager, exceptId?: string): Promise<number> {
    const rows = await sql<{ n: number }>(
      em,
      `select count(*)::int as n from users where is_admin and status = 'active' and (?::uuid is null or id <> ?::uuid)`,
      [exceptId ?? null, exceptId ?? null],
    );
    return rows[0].n;
  }

  async unknownDepartments(em: EntityManager, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const known = new Set((await this.departments.describe(em, ids)).map((d) => d.id));
    return ids.filter((id) => !known.has(id));
  }

  async touchLogin(id: string): Promise<void> {
    await sql(this.em, 'update users set last_login_at = now() where id = ?', [id]);
  }
}

/** The public shape: never the password hash. */
export function toUserView(r: UserRow): UserView {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    isAdmin: r.is_admin,
    status: r.status,
    memberships: r.memberships ?? [],
    lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

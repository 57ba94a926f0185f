import {
  DepartmentPermission,
  DepartmentRole,
  isAdminPermission,
  Permission,
  ROLE_PERMISSIONS,
} from './permissions';

/** Who is making the current request, resolved fresh from the database on every request. */
export class Actor {
  constructor(
    readonly type: 'user',
    readonly id: string,
    readonly email: string,
    readonly isAdmin: boolean,
    /** departmentId → role */
    readonly memberships: ReadonlyMap<string, DepartmentRole>,
    readonly sessionId: string | null,
  ) {}

  /** True when the actor holds `permission` somewhere (admins: everywhere). */
  can(permission: Permission): boolean {
    if (this.isAdmin) return true;
    if (isAdminPermission(permission)) return false;
    for (const role of this.memberships.values())
      if (ROLE_PERMISSIONS[role].includes(permission)) return true;
    return false;
  }

  /** Departments where the actor holds `permission`; `'all'` for admins. */
  departmentsWith(permission: DepartmentPermission): 'all' | string[] {
    if (this.isAdmin) return 'all';
    return [...this.memberships]
      .filter(([, role]) => ROLE_PERMISSIONS[role].includes(permission))
      .map(([d]) => d);
  }

  canIn(permission: DepartmentPermission, departmentId: string): boolean {
    const scope = this.departmentsWith(permission);
    return scope === 'all' || scope.includes(departmentId);
  }
}

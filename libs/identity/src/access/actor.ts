import {
  DepartmentRole,
  INSTALLATION_PERMISSIONS,
  Permission,
  ROLE_PERMISSIONS,
  ScopedPermission,
} from './permissions';

/**
 * Who is making the current request (a signed-in user or an API token), resolved fresh from the database on
 * every request. Permissions are held per department, or everywhere (admins; tokens scoped to all departments).
 */
export class Actor {
  constructor(
    readonly type: 'user' | 'api_token',
    readonly id: string,
    /** The user's e-mail or the token's name, for the audit log. */
    readonly label: string,
    readonly isAdmin: boolean,
    readonly perDepartment: ReadonlyMap<string, ReadonlySet<ScopedPermission>>,
    readonly everywhere: ReadonlySet<Permission>,
    readonly sessionId: string | null,
    /**
     * What "everywhere" covers for admins and all-department tokens: every department, or (when some departments
     * are members-only, like HR) the listed ones.
     */
    readonly everywhereScope: 'all' | readonly string[] = 'all',
  ) {}

  static user(
    id: string,
    email: string,
    isAdmin: boolean,
    memberships: Iterable<[string, DepartmentRole]>,
    sessionId: string,
    openDepartments: string[] | null = null,
  ): Actor {
    const per = new Map([...memberships].map(([d, role]) => [d, new Set(ROLE_PERMISSIONS[role])]));
    return new Actor('user', id, email, isAdmin, per, new Set(), sessionId, openDepartments ?? 'all');
  }

  /**
   * A token holds its permissions in its departments, or everywhere when it is not limited to departments. A token
   * limited to departments never holds installation-wide permissions (users, audit log): they reach beyond any
   * department, so only an unscoped actor may use them.
   */
  static apiToken(
    id: string,
    name: string,
    permissions: Permission[],
    departmentIds: string[] | 'all',
    openDepartments: string[] | null = null,
  ): Actor {
    if (departmentIds === 'all')
      return new Actor(
        'api_token',
        id,
        name,
        false,
        new Map(),
        new Set(permissions),
        null,
        openDepartments ?? 'all',
      );
    const scoped = permissions.filter((p): p is ScopedPermission => !isInstallationWide(p));
    const per = new Map(departmentIds.map((d) => [d, new Set(scoped)]));
    return new Actor('api_token', id, name, false, per, new Set(), null);
  }

  /** True when the actor holds `permission` somewhere; installation-wide ones only when unscoped. */
  can(permission: Permission): boolean {
    if (this.holdsEverywhere(permission)) return true;
    if (isInstallationWide(permission)) return false;
    for (const held of this.perDepartment.values())
      if ((held as ReadonlySet<Permission>).has(permission)) return true;
    return false;
  }

  /**
   * True for an unscoped holder of `permission` (an admin, a token for all departments): what installation-wide
   * things need, and what sees things no department owns (a webhook delivery for an unknown number).
   */
  holdsEverywhere(permission: Permission): boolean {
    return this.isAdmin || this.everywhere.has(permission);
  }

  /** Departments where the actor holds `permission`; `'all'` when it holds it everywhere. */
  departmentsWith(permission: ScopedPermission): 'all' | string[] {
    const own = [...this.perDepartment].filter(([, held]) => held.has(permission)).map(([d]) => d);
    if (this.isAdmin || this.everywhere.has(permission))
      return this.everywhereScope === 'all' ? 'all' : [...new Set([...this.everywhereScope, ...own])];
    return own;
  }

  canIn(permission: ScopedPermission, departmentId: string): boolean {
    const scope = this.departmentsWith(permission);
    return scope === 'all' || scope.includes(departmentId);
  }
}

const isInstallationWide = (p: Permission): boolean =>
  (INSTALLATION_PERMISSIONS as readonly string[]).includes(p);

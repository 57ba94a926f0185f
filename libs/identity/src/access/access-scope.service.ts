import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { Actor } from './actor';
import type { ScopedPermission } from './permissions';
import { requestContext } from './request-context';

/** A SQL condition limiting rows to the departments the actor may see, with its bound values. */
export interface ScopeCondition {
  sql: string;
  params: unknown[];
}

/**
 * The single place queries get their department limits from. It fails closed: with no authenticated actor in the
 * request context it throws, so a query that forgot to ask can only return nothing, never everything.
 */
@Injectable()
export class AccessScope {
  actor(): Actor {
    const actor = requestContext.actor();
    if (!actor) throw new ForbiddenException('no authenticated actor for this request');
    return actor;
  }

  /** `column` restricted to the departments where the actor holds `permission`. */
  condition(permission: ScopedPermission, column: string): ScopeCondition {
    const scope = this.actor().departmentsWith(permission);
    if (scope === 'all') return { sql: 'true', params: [] };
    return { sql: `${column} = any(?::uuid[])`, params: [scope] };
  }

  /**
   * Rows that concern several departments (a token scoped to some, an audit event about one): kept only when every
   * department `departmentsSql` selects for the row (a correlated subquery of one uuid column; nulls ignored) is one
   * where the actor holds `permission`. A row that concerns no department is kept.
   */
  conditionAll(permission: ScopedPermission, departmentsSql: string): ScopeCondition {
    const scope = this.actor().departmentsWith(permission);
    if (scope === 'all') return { sql: 'true', params: [] };
    return {
      sql: `not exists (select 1 from (${departmentsSql}) concerned(department_id) where concerned.department_id <> all(?::uuid[]))`,
      params: [scope],
    };
  }

  /**
   * For a single resource: absent and out-of-scope look the same (404), so ids of other departments cannot be
   * probed. When the actor may see it but not do `permission` there, 403.
   */
  assertIn(permission: ScopedPermission, departmentId: string | null, what: string): void {
    const actor = this.actor();
    if (departmentId && actor.canIn(permission, departmentId)) return;
    if (departmentId && actor.canIn('conversations.read', departmentId))
      throw new ForbiddenException(`your role does not allow ${permission} in this department`);
    throw new NotFoundException(`${what} not found`);
  }
}

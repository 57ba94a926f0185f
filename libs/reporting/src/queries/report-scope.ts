import { Injectable } from '@nestjs/common';
import { AccessScope } from '@switchboard/identity';

/** A department condition on a fact table's `r.department_id`, with its values in order. */
export interface ReportWhere {
  sql: string;
  params: unknown[];
}

/**
 * Every report's department limit: the departments where the caller reads conversations (the central access scope),
 * narrowed to `departmentId` when given. A department the caller cannot read yields no rows, as list routes do.
 */
@Injectable()
export class ReportScope {
  constructor(private readonly access: AccessScope) {}

  where(departmentId: string | undefined): ReportWhere {
    const scope = this.access.condition('conversations.read', 'r.department_id');
    if (!departmentId) return scope;
    return { sql: `${scope.sql} and r.department_id = ?::uuid`, params: [...scope.params, departmentId] };
  }
}

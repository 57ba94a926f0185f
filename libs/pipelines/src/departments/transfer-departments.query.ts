import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';

/** A department as a transfer dialog names it. */
export interface TransferDepartment {
  id: string;
  name: string;
  /** Only its members see it (and its numbers). */
  membersOnly: boolean;
}

/**
 * The departments a conversation may be transferred to (every one not archived), for the transfer targets read
 * that agents and supervisors make: the departments API itself is for admins.
 */
@Injectable()
export class TransferDepartmentsQuery {
  constructor(private readonly em: EntityManager) {}

  /** By name. */
  async active(em: EntityManager = this.em): Promise<TransferDepartment[]> {
    return sql<TransferDepartment>(
      em,
      `select id, name, visibility = 'members' as "membersOnly"
         from departments where archived_at is null order by lower(name), id`,
    );
  }
}

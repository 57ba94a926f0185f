import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { BusinessCalendar } from '@switchboard/contracts';
import { DepartmentDirectory, DepartmentFacts, sql } from '@switchboard/engine';
import { DepartmentCalendarResolver } from './department-calendar.resolver';

interface Row {
  id: string;
  key: string;
  name: string;
  members_only: boolean;
}

const toFacts = (r: Row): DepartmentFacts => ({
  id: r.id,
  key: r.key,
  name: r.name,
  membersOnly: r.members_only,
});

/** The departments table, read for identity (which sits below pipelines) through the engine's port. */
@Injectable()
export class PipelinesDepartmentDirectory extends DepartmentDirectory {
  constructor(private readonly calendars: DepartmentCalendarResolver) {
    super();
  }

  async describe(em: EntityManager, ids: readonly string[]): Promise<DepartmentFacts[]> {
    if (!ids.length) return [];
    const rows = await sql<Row>(
      em,
      `select id, key, name, visibility = 'members' as members_only from departments where id = any(?::uuid[])`,
      [[...ids]],
    );
    return rows.map(toFacts);
  }

  async all(em: EntityManager): Promise<DepartmentFacts[]> {
    const rows = await sql<Row>(
      em,
      `select id, key, name, visibility = 'members' as members_only from departments`,
    );
    return rows.map(toFacts);
  }

  async calendarOf(em: EntityManager, departmentId: string): Promise<BusinessCalendar> {
    return (await this.calendarsOf(em, [departmentId])).get(departmentId)!;
  }

  async calendarsOf(
    em: EntityManager,
    departmentIds: readonly string[],
  ): Promise<Map<string, BusinessCalendar>> {
    const resolved = await this.calendars.resolve(em, departmentIds);
    return new Map([...resolved].map(([id, r]) => [id, r.calendar]));
  }
}

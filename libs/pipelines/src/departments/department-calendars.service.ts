import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import {
  BusinessCalendar,
  businessCalendarSchema,
  DepartmentCalendarView,
  ImportHolidaysRequest,
  ImportHolidaysResult,
} from '@switchboard/contracts';
import { DomainEvents, sql } from '@switchboard/engine';
import { AccessScope, AuditLog } from '@switchboard/identity';
import { DepartmentCalendarResolver, ResolvedCalendar } from './department-calendar.resolver';
import { publicHolidays } from './public-holidays';

const view = (departmentId: string, r: ResolvedCalendar): DepartmentCalendarView => ({
  departmentId,
  calendar: r.calendar,
  source: r.source,
  pluginId: r.pluginId,
  updatedAt: r.updatedAt?.toISOString() ?? null,
});

/** 422 in the shape of the request validation's, naming the calendar field the import would make invalid. */
function refusedImport(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  had: number,
  adding: number,
): UnprocessableEntityException {
  const problems = issues.map((i) => {
    const field = i.path.map(String).join('.') || 'calendar';
    const why = field === 'holidays' ? `; it has ${had} and the import adds ${adding}` : '';
    return { field, problem: `${i.message}${why}` };
  });
  return new UnprocessableEntityException({
    statusCode: 422,
    error: 'Unprocessable Entity',
    message: problems.map((p) => `${p.field}: ${p.problem}`).join('; '),
    problems,
  });
}

/**
 * Admins reading and setting a department's business calendar, and importing a country's public holidays into it.
 * Seeing follows the department (404 when absent or hidden, as for the department itself); every change is audited
 * on the department, in the transaction that makes it.
 */
@Injectable()
export class DepartmentCalendarsService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
    private readonly audit: AuditLog,
    private readonly resolver: DepartmentCalendarResolver,
    private readonly events: DomainEvents,
  ) {}

  async get(departmentId: string): Promise<DepartmentCalendarView> {
    await this.visible(this.em, departmentId, false);
    return view(departmentId, (await this.resolver.resolve(this.em, [departmentId])).get(departmentId)!);
  }

  /** Sets the department's own calendar (validated by the request pipe), replacing its previous one. */
  async put(departmentId: string, calendar: BusinessCalendar): Promise<DepartmentCalendarView> {
    return this.em.fork().transactional(async (tx) => {
      await this.visible(tx, departmentId, true);
      const before = (await this.resolver.resolve(tx, [departmentId])).get(departmentId)!;
      await this.store(tx, departmentId, calendar);
      await this.audit.record(
        {
          action: 'department.calendar_updated',
          targetType: 'department',
          targetId: departmentId,
          departmentId,
          details: { from: { source: before.source, calendar: before.calendar }, to: calendar },
        },
        tx,
      );
      return view(departmentId, (await this.resolver.resolve(tx, [departmentId])).get(departmentId)!);
    });
  }

  /**
   * Adds the public holidays of a country (and region) for the years asked to the department's calendar, as dated,
   * named holidays; dates already holidays are left as they are. A department still on derived hours gets its own
   * calendar made of them first, so the import never changes its hours.
   */
  async importHolidays(departmentId: string, body: ImportHolidaysRequest): Promise<ImportHolidaysResult> {
    // Outside the transaction: a 422 for an unknown country needs no lock.
    const holidays = publicHolidays(body.country, body.years, body.region);
    return this.em.fork().transactional(async (tx) => {
      await this.visible(tx, departmentId, true);
      const current = (await this.resolver.resolve(tx, [departmentId])).get(departmentId)!.calendar;
      const taken = new Set(current.holidays.map((h) => (h.yearly ? h.date.slice(5) : h.date)));
      const imported = holidays.filter((h) => !taken.has(h.date) && !taken.has(h.date.slice(5)));
      const parsed = businessCalendarSchema.safeParse({
        ...current,
        holidays: [...current.holidays, ...imported.map((h) => ({ ...h, yearly: false }))],
      });
      // The calendar a request may store is bounded (2000 holidays): an import that would pass it is refused whole.
      if (!parsed.success) throw refusedImport(parsed.error.issues, current.holidays.length, imported.length);
      const calendar = parsed.data;
      await this.store(tx, departmentId, calendar);
      await this.audit.record(
        {
          action: 'department.calendar_holidays_imported',
          targetType: 'department',
          targetId: departmentId,
          departmentId,
          details: { country: body.country, region: body.region ?? null, years: body.years, imported },
        },
        tx,
      );
      return {
        ...view(departmentId, (await this.resolver.resolve(tx, [departmentId])).get(departmentId)!),
        imported,
      };
    });
  }

  /** Stores the calendar and publishes department.calendar_changed with it: running SLA clocks follow it. */
  private async store(tx: EntityManager, departmentId: string, calendar: BusinessCalendar): Promise<void> {
    await this.events.publish(tx, { name: 'department.calendar_changed', payload: { departmentId } });
    await sql(
      tx,
      `insert into department_calendars (department_id, calendar, updated_at) values (?, ?::jsonb, clock_timestamp())
       on conflict (department_id) do update set calendar = excluded.calendar, updated_at = excluded.updated_at`,
      [departmentId, JSON.stringify(calendar)],
    );
  }

  /** 404 when absent or hidden from the actor; a change locks the department and is refused (409) when archived. */
  private async visible(em: EntityManager, id: string, change: boolean): Promise<void> {
    const [row] = await sql<{ id: string; key: string; archived_at: Date | null }>(
      em,
      `select id, key, archived_at from departments where id = ?${change ? ' for update' : ''}`,
      [id],
    );
    this.scope.assertIn('conversations.read', row?.id ?? null, `department ${id}`);
    if (change && row.archived_at) throw new ConflictException(`department "${row.key}" is archived`);
  }
}

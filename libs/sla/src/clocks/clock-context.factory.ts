import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DepartmentDirectory } from '@switchboard/engine';
import { SlaPolicyBook } from '../policies/sla-policy-book.service';
import type { ClockContext } from './conversation-clocks';
import type { ClockPolicy } from './clock-policy';
import { businessTime, TimeBasis, WALL_CLOCK } from './time-basis';

/** A batch's view of policies and calendars: each department's calendar and each selection read once a batch. */
@Injectable()
export class ClockContextFactory {
  constructor(
    private readonly book: SlaPolicyBook,
    private readonly departments: DepartmentDirectory,
  ) {}

  create(em: EntityManager): ClockContext {
    const calendars = new Map<string, Promise<TimeBasis>>();
    const policies = new Map<string, Promise<ClockPolicy | null>>();
    return {
      policy: (c) => {
        const q = {
          departmentId: c.departmentId,
          numberId: c.numberId,
          priority: c.priority,
          requestType: c.requestType,
        };
        const key = JSON.stringify(q);
        const found = policies.get(key) ?? this.book.select(em, q);
        policies.set(key, found);
        return found;
      },
      basis: (departmentId, businessHours) => {
        if (!businessHours) return Promise.resolve(WALL_CLOCK);
        const found =
          calendars.get(departmentId) ?? this.departments.calendarOf(em, departmentId).then(businessTime);
        calendars.set(departmentId, found);
        return found;
      },
    };
  }
}

import { BadRequestException, GoneException, Injectable } from '@nestjs/common';
import { RealtimeEventsPage, RealtimeEventsQuery } from '@switchboard/contracts';
import { RealtimeHistory } from '@switchboard/engine';
import { DepartmentAdminService } from '@switchboard/pipelines';
import { readableDepartments } from './readable-departments';

/** A reconnecting client's missed socket events: those of the departments the caller may read, after its cursor. */
@Injectable()
export class RealtimeResync {
  constructor(
    private readonly history: RealtimeHistory,
    private readonly departments: DepartmentAdminService,
  ) {}

  async after(q: RealtimeEventsQuery): Promise<RealtimeEventsPage> {
    const readable = new Set(await readableDepartments(this.departments));
    const result = await this.history.after(q.after, q.limit, readable);
    if (result.ok) return { events: result.events, nextCursor: result.nextCursor, more: result.more };
    if (result.reason === 'malformed')
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        code: 'cursor_malformed',
        message: `after: "${q.after}" is not an event cursor (<xid>:<seq>, as socket events carry; presence's live: cursors are not kept)`,
      });
    throw new GoneException({
      statusCode: 410,
      error: 'Gone',
      code: 'cursor_expired',
      message: `after: the events after ${q.after} are no longer kept: reload the lists, then follow live events`,
    });
  }
}

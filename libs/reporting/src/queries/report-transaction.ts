import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { APP_CONFIG, AppConfig, sql } from '@switchboard/engine';

/** PostgreSQL's "canceling statement due to statement timeout" (query_canceled). */
const QUERY_CANCELED = '57014';

const codeOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;

/**
 * Runs a report's queries in one read transaction bounded by `reporting.statementTimeoutMs` (`set local`, so the
 * pooled connection is back to its default afterwards): a long range must not hold a connection and a CPU for
 * minutes. A query cut off by the limit answers 503 naming the range, so the caller knows to narrow it.
 */
@Injectable()
export class ReportTransaction {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run<T>(
    range: { from: string; to: string },
    work: (em: EntityManager) => Promise<T>,
    settings: { workMem?: string } = {},
  ): Promise<T> {
    const timeoutMs = this.config.reporting.statementTimeoutMs;
    try {
      return await this.em.transactional(async (em) => {
        await sql(em, `set local statement_timeout = ${timeoutMs}`);
        if (settings.workMem) await sql(em, `set local work_mem = '${settings.workMem}'`);
        return work(em);
      });
    } catch (e) {
      if (codeOf(e) !== QUERY_CANCELED) throw e;
      throw new ServiceUnavailableException(
        `the report over ${range.from} – ${range.to} took longer than ${timeoutMs} ms: narrow the range`,
      );
    }
  }
}

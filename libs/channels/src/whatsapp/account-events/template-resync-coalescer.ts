import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import { TemplateSyncService } from '../templates/template-sync.service';

/**
 * Coalesces re-syncs of one WABA: each unknown-template webhook queues one, but a sync that started after a
 * request was queued already read Meta's list as that request needed it, so the request is skipped. Requests for
 * one WABA run one after another in this process, so a burst of webhooks costs one full sync (a few at most across
 * workers), not one each.
 */
@Injectable()
export class TemplateResyncCoalescer {
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(
    private readonly em: EntityManager,
    private readonly templates: TemplateSyncService,
  ) {}

  async resync(
    wabaId: string,
    numberId: string,
    requestedAt: string | undefined,
  ): Promise<{ wabaId: string; synced: boolean }> {
    const before = this.running.get(wabaId) ?? Promise.resolve();
    const run = before.then(async () => {
      if (requestedAt && (await this.syncStartedSince(wabaId, new Date(requestedAt)))) return false;
      await this.templates.syncQuietly(numberId);
      return true;
    });
    const tail = run.catch(() => undefined);
    this.running.set(wabaId, tail);
    try {
      return { wabaId, synced: await run };
    } finally {
      if (this.running.get(wabaId) === tail) this.running.delete(wabaId);
    }
  }

  /** A sync of the WABA (successful or not: a failed one is retried by the next webhook) began after `at`. */
  private async syncStartedSince(wabaId: string, at: Date): Promise<boolean> {
    const [row] = await sql<{ attempted_at: Date }>(
      this.em.fork(),
      'select attempted_at from message_template_syncs where waba_id = ?',
      [wabaId],
    );
    return !!row && new Date(row.attempted_at) > at;
  }
}

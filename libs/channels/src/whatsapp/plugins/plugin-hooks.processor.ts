import { EntityManager } from '@mikro-orm/postgresql';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  OutboxService,
  PluginHooksService,
  QUEUES,
  sql,
  startWorker,
} from '@switchboard/engine';
import { Job } from 'bullmq';

interface Row {
  id: string;
  conversation_id: string;
  number_id: string;
  department_id: string;
  type: string;
  body: string | null;
  wa_id: string | null;
}

/** `message.received` for the plugins installed on the receiving number, one job per stored webhook delivery. */
@Processor(QUEUES.pluginHooks, { autorun: false })
export class MessageHooksProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly em: EntityManager,
    private readonly hooks: PluginHooksService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, { concurrency: 4, lockDurationMs: this.config.worker.lockDurationMs });
  }

  async process(job: Job<{ eventId: string; outboxId?: string }>) {
    const rows = await sql<Row>(
      this.em,
      `select m.id, m.conversation_id, c.number_id, c.department_id, m.type, m.body, ct.wa_id
         from messages m join conversations c on c.id = m.conversation_id join contacts ct on ct.id = c.contact_id
        where m.inbound_event_id = ? and m.direction = 'in' order by m.created_at, m.id`,
      [job.data.eventId],
    );
    // One dispatch per receiving number (a delivery can carry several): installations are read once each.
    const byNumber = new Map<string, Row[]>();
    for (const r of rows) byNumber.set(r.number_id, [...(byNumber.get(r.number_id) ?? []), r]);
    let failed = 0;
    for (const [numberId, messages] of byNumber) {
      const result = await this.hooks.dispatch(
        'message.received',
        { numberId, departmentId: messages[0].department_id },
        messages.map((r) => ({
          subjectId: r.id,
          event: {
            messageId: r.id,
            conversationId: r.conversation_id,
            type: r.type,
            body: r.body,
            from: r.wa_id,
          },
        })),
      );
      failed += result.failed;
    }
    // Failures are recorded per call and not retried: a retry would call every other plugin again.
    await this.outbox.markDone(job.data.outboxId);
    return { messages: rows.length, failed };
  }
}

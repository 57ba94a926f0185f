import { EntityManager } from '@mikro-orm/postgresql';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  InstallationRow,
  OutboxService,
  PluginInstallationsService,
  PluginHooksService,
  PluginTarget,
  QUEUES,
  sql,
  startWorker,
} from '@switchboard/engine';
import { CARD_SELECT, CardRow, toPluginCard } from '@switchboard/pipelines';
import { HookDeliveryRepository } from './hook-delivery.repository';
import { Job } from 'bullmq';
import { PluginCapabilities } from './plugin-capabilities';

/** Exactly one kind of work per job; ids only. */
interface HookJob {
  /** Hook entries staged by intake (each names stored deliveries), published together. */
  outboxIds?: string;
  /** One such entry, republished on its own by the outbox relay (with its outboxId). */
  eventIds?: string;
  outboxId?: string;
  cardEventId?: string;
  pluginJobId?: string;
}

interface CardEventRow {
  kind: string;
  card_id: string;
  number_id: string;
  plugin_id: string | null;
  data: Record<string, unknown>;
  actor_type: string;
  actor_label: string;
  from_key: string | null;
  from_name: string | null;
  to_key: string | null;
  to_name: string | null;
  on_enter: string[] | null;
}

/**
 * How long a job holds the hook entries it runs. Far above any job's run time (each call is bounded by its timeout);
 * if the worker dies mid-job, the relay's next copy runs the entries once the claim has expired.
 */
const CLAIM_MS = 5 * 60_000;
/** Stored webhooks waiting for processing above which intake counts as behind (about one drain's worth). */
const BACKLOG_THRESHOLD = 100;
const BACKLOG_POLL_MS = 200;

const groupBy = <T>(rows: T[], key: (r: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const group = groups.get(key(r));
    if (group) group.push(r);
    else groups.set(key(r), [r]);
  }
  return groups;
};

/**
 * Runs plugin code on the worker: for stored webhook deliveries, card.created (cards it opened) then
 * message.received; for a card's stage move, card.stage_changed and the entered stage's automations; for a card
 * action, its automation; and the jobs plugins enqueue. Failures are recorded per call and not retried: a retry
 * would call every other plugin again.
 */
@Processor(QUEUES.pluginHooks, { autorun: false })
export class PluginHooksProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly em: EntityManager,
    private readonly hooks: PluginHooksService,
    private readonly installations: PluginInstallationsService,
    private readonly capabilities: PluginCapabilities,
    private readonly outbox: OutboxService,
    private readonly deliveryRows: HookDeliveryRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, { concurrency: 4, lockDurationMs: this.config.worker.lockDurationMs });
  }

  async process(job: Job<HookJob>) {
    const data = job.data;
    if (data.outboxIds) return this.stagedDeliveries(data.outboxIds.split(','));
    // The relay republishes a hook entry on its own: same path, so it runs once whichever job comes first.
    if (data.eventIds && data.outboxId) return this.stagedDeliveries([data.outboxId]);
    if (data.cardEventId) {
      // A card move or action staged in the outbox: claimed like deliveries, so a relay copy never runs it twice.
      if (data.outboxId && !(await this.outbox.claim([data.outboxId], CLAIM_MS)).length)
        return { skipped: 'done or running elsewhere' };
      const result = await this.cardEvent(data.cardEventId);
      await this.outbox.markDone(data.outboxId);
      return result;
    }
    if (data.pluginJobId)
      return {
        job: await this.hooks.runJob(data.pluginJobId, this.capabilities.factory, (numberId) =>
          this.departmentOf(numberId),
        ),
      };
    return { skipped: 'unknown job' };
  }

  /**
   * Runs the hooks of the entries this job claims: entries done, or claimed by a job still running them (the relay's
   * copy, or the other way round), are skipped, so hooks run once per delivery.
   */
  private async stagedDeliveries(outboxIds: string[]) {
    const entries = await this.outbox.claim(outboxIds, CLAIM_MS);
    if (!entries.length) return { skipped: outboxIds.length };
    const deferredMs = await this.letIntakeCatchUp(Math.min(...entries.map((e) => e.createdAt.getTime())));
    const result = await this.deliveries(entries.flatMap((e) => e.data.eventIds.split(',')));
    await sql(this.em, 'update outbox set done_at = now() where id = any(?::uuid[])', [
      entries.map((e) => e.id),
    ]);
    return { ...result, deferredMs };
  }

  /**
   * Intake first: while a burst of stored webhooks waits to be processed, hook work (reading every message again,
   * running plugin code) would slow storing them down on the same cores. Waits until the backlog is down to about
   * one drain, or until `plugins.hookMaxDeferMs` after the entries were staged. Returns how long it waited.
   */
  private async letIntakeCatchUp(stagedAtMs: number): Promise<number> {
    const started = Date.now();
    const deadline = stagedAtMs + this.config.plugins.hookMaxDeferMs;
    while (Date.now() < deadline && (await this.deliveryRows.intakeBacklogOver(BACKLOG_THRESHOLD)))
      await new Promise((resolve) => setTimeout(resolve, Math.min(BACKLOG_POLL_MS, deadline - Date.now())));
    return Date.now() - started;
  }

  private async deliveries(eventIds: string[]) {
    // Each number's installations are read once for both hooks.
    const installed = new Map<string, Promise<InstallationRow[]>>();
    const installationsOf = (numberId: string) => {
      if (!installed.has(numberId)) installed.set(numberId, this.installations.enabledFor(numberId));
      return installed.get(numberId)!;
    };
    const cards = await this.deliveryRows.openedCards(eventIds);
    let failed = 0;
    // One dispatch per receiving number (a delivery can carry several): installations are read once each.
    for (const [numberId, opened] of groupBy(cards, (c) => c.number_id))
      failed += (
        await this.hooks.dispatch(
          'card.created',
          { numberId, departmentId: opened[0].department_id },
          opened.map((c) => ({
            subjectId: c.id,
            event: { cardId: c.id, conversationId: c.conversation_id, title: c.title, card: toPluginCard(c) },
          })),
          this.capabilities.factory,
          await installationsOf(numberId),
        )
      ).failed;
    let messages = 0;
    for (const [numberId, { departmentId, events }] of await this.deliveryRows.receivedMessages(eventIds)) {
      messages += events.length;
      failed += (
        await this.hooks.dispatch(
          'message.received',
          { numberId, departmentId },
          events,
          this.capabilities.factory,
          await installationsOf(numberId),
        )
      ).failed;
    }
    return { cards: cards.length, messages, failed };
  }

  private async cardEvent(cardEventId: string) {
    const [e] = await sql<CardEventRow>(
      this.em,
      `select e.kind, e.card_id, c.number_id, p.plugin_id, e.data, e.actor_type, e.actor_label,
              f.key as from_key, f.name as from_name, t.key as to_key, t.name as to_name, t.on_enter
         from card_events e join cards k on k.id = e.card_id join pipelines p on p.id = k.pipeline_id
         join conversations c on c.id = k.conversation_id
         left join pipeline_stages f on f.id = e.from_stage_id left join pipeline_stages t on t.id = e.to_stage_id
        where e.id = ?`,
      [cardEventId],
    );
    if (!e) return { skipped: 'no such card event' };
    const [row] = await sql<CardRow>(this.em, `${CARD_SELECT} where k.id = ?`, [e.card_id]);
    const card = toPluginCard(row);
    const target: PluginTarget = { numberId: e.number_id, departmentId: row.department_id };
    if (e.kind === 'action') {
      const pluginId = String(e.data.pluginId);
      const automation = String(e.data.automation);
      return this.hooks.runAutomations(target, pluginId, [automation], card, this.capabilities.factory);
    }
    const hook = await this.hooks.dispatch(
      'card.stage_changed',
      target,
      [
        {
          subjectId: e.card_id,
          event: {
            cardId: e.card_id,
            conversationId: row.conversation_id,
            from: e.from_key ? { key: e.from_key, name: e.from_name } : null,
            to: { key: e.to_key, name: e.to_name },
            by: { type: e.actor_type, label: e.actor_label },
            card,
          },
        },
      ],
      this.capabilities.factory,
    );
    // Automations belong to the plugin that contributed the pipeline, and run only while it is enabled there.
    const automations =
      e.plugin_id && e.on_enter?.length
        ? await this.hooks.runAutomations(target, e.plugin_id, e.on_enter, card, this.capabilities.factory)
        : { active: false, failed: 0 };
    return { failed: hook.failed + automations.failed };
  }

  private async departmentOf(numberId: string): Promise<string | null> {
    const [n] = await sql<{ department_id: string }>(
      this.em,
      'select department_id from whatsapp_numbers where id = ?',
      [numberId],
    );
    return n?.department_id ?? null;
  }
}

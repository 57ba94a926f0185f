import { EntityManager } from '@mikro-orm/postgresql';
import { BadGatewayException, Injectable, Logger } from '@nestjs/common';
import type { TemplateSyncView } from '@switchboard/contracts';
import { SecretBox, sql, uuidv7 } from '@switchboard/engine';
import { WhatsappNumber } from '../entities/whatsapp-number.entity';
import type { TemplateSyncError } from '../entities/template-sync-state.entity';
import { GraphClient, GraphTarget } from '../graph/graph-client';
import { GraphError } from '../graph/graph-error';
import { GraphTemplate, graphTemplatePage } from './graph-template.schema';
import { NumberTemplatesScope } from './number-templates-scope';

/** Templates asked for per page (Meta's default is 25). */
const PAGE_SIZE = 100;
/** A WABA holds at most a few thousand templates: more pages than this means the paging is looping. */
const MAX_PAGES = 500;

interface StateRow {
  waba_id: string;
  attempted_at: Date;
  synced_at: Date | null;
  error: TemplateSyncError | null;
}

/** Not Meta's refusal (the answer's shape, the paging): reported the same way, without a code. */
class TemplateListError extends Error {}

const toSyncError = (e: unknown): TemplateSyncError | null => {
  if (e instanceof GraphError)
    return { code: e.code, subcode: e.subcode, message: e.details ? `${e.title}: ${e.details}` : e.title };
  if (e instanceof TemplateListError) return { code: null, subcode: null, message: e.message };
  return null;
};

/**
 * Copies a WABA's message templates from Graph, every page, with the access token of one of its numbers. Templates
 * no longer listed are marked deleted, not dropped. A failed sync changes no template; its error is kept on the
 * WABA's sync state.
 */
@Injectable()
export class TemplateSyncService {
  private readonly logger = new Logger(TemplateSyncService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly box: SecretBox,
    private readonly graph: GraphClient,
    private readonly numbers: NumberTemplatesScope,
  ) {}

  /** On demand: 502 naming Meta's code and message when the sync fails. */
  async syncNumber(numberId: string): Promise<TemplateSyncView> {
    await this.numbers.visibleWaba(numberId);
    const view = await this.run(numberId);
    if (view.error) {
      const code = view.error.code !== null ? ` (#${view.error.code})` : '';
      throw new BadGatewayException({
        statusCode: 502,
        error: 'Bad Gateway',
        message: `template sync failed${code}: ${view.error.message}; stored templates are unchanged`,
        sync: view,
      });
    }
    return view;
  }

  /** After a registration: a failure is only recorded on the WABA's sync state (and logged, without secrets). */
  async syncQuietly(numberId: string): Promise<void> {
    try {
      const view = await this.run(numberId);
      if (view.error) this.logger.warn(`template sync of WABA ${view.wabaId} failed: ${view.error.message}`);
    } catch (e) {
      this.logger.error(`template sync after registering number ${numberId} failed: ${(e as Error).message}`);
    }
  }

  private async run(numberId: string): Promise<TemplateSyncView> {
    const number = await this.em.fork().findOneOrFail(WhatsappNumber, { id: numberId });
    const target: GraphTarget = {
      graphBaseUrl: number.graphBaseUrl,
      graphVersion: number.graphVersion,
      accessToken: this.box.open(number.accessTokenSealed),
    };
    // The fetch start: a status Meta changed after it may be missing from the listing (see store).
    const attemptedAt = new Date();
    let listed: GraphTemplate[];
    try {
      listed = await this.fetchAll(target, number.wabaId);
    } catch (e) {
      const error = toSyncError(e);
      if (!error) throw e;
      const [state] = await sql<StateRow>(
        this.em.fork(),
        `insert into message_template_syncs (waba_id, attempted_at, synced_at, error) values (?, ?, null, ?::jsonb)
         on conflict (waba_id) do update set attempted_at = excluded.attempted_at, error = excluded.error
         returning *`,
        [number.wabaId, attemptedAt, JSON.stringify(error)],
      );
      return toView(state, 0, 0);
    }
    return this.store(number.wabaId, attemptedAt, listed);
  }

  private async fetchAll(target: GraphTarget, wabaId: string): Promise<GraphTemplate[]> {
    const all: GraphTemplate[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const parsed = graphTemplatePage.safeParse(
        await this.graph.messageTemplates(target, wabaId, after, PAGE_SIZE),
      );
      if (!parsed.success)
        throw new TemplateListError(
          `Meta's template list is not in the expected shape: ${parsed.error.issues
            .slice(0, 3)
            .map((i) => `${i.path.join('.')}: ${i.message}`)
            .join('; ')}`,
        );
      all.push(...parsed.data.data);
      if (!parsed.data.paging?.next) return all;
      const next = parsed.data.paging.cursors?.after;
      if (!next || next === after)
        throw new TemplateListError("Meta's template list names a next page without a new 'after' cursor");
      after = next;
    }
    throw new TemplateListError(`Meta's template list did not end within ${MAX_PAGES} pages`);
  }

  private async store(wabaId: string, at: Date, listed: GraphTemplate[]): Promise<TemplateSyncView> {
    // One row per (name, language): a template listed twice keeps its last listing.
    const unique = [...new Map(listed.map((t) => [`${t.name}\u0000${t.language}`, t])).values()];
    const rows = unique.map((t) => ({
      id: uuidv7(),
      metaId: t.id,
      name: t.name,
      language: t.language,
      category: t.category,
      status: t.status,
      qualityScore: t.quality_score?.score ?? null,
      components: t.components,
      parameterFormat: t.parameter_format,
    }));
    return this.em.fork().transactional(async (tx) => {
      // Syncs of one WABA one at a time: "not listed" is judged against a single complete listing.
      await sql(tx, `select pg_advisory_xact_lock(hashtext('message_templates:' || ?))`, [wabaId]);
      await sql(
        tx,
        `insert into message_templates (id, waba_id, meta_id, name, language, category, status, quality_score,
                components, parameter_format, synced_at, deleted_at)
         select (r->>'id')::uuid, ?, r->>'metaId', r->>'name', r->>'language', r->>'category', r->>'status',
                r->>'qualityScore', r->'components', r->>'parameterFormat', ?::timestamptz, null
           from jsonb_array_elements(?::jsonb) r
         on conflict (waba_id, name, language) do update set meta_id = excluded.meta_id,
                category = case when message_templates.status_changed_at >= date_trunc('second', ?::timestamptz)
                  then message_templates.category else excluded.category end,
                status = case when message_templates.status_changed_at >= date_trunc('second', ?::timestamptz)
                  then message_templates.status else excluded.status end,
                quality_score = excluded.quality_score,
                components = excluded.components, parameter_format = excluded.parameter_format,
                synced_at = excluded.synced_at,
                deleted_at = case when message_templates.status_changed_at >= date_trunc('second', ?::timestamptz)
                  then message_templates.deleted_at else null end`,
        // A status webhook Meta timed after this sync began fetching may be newer than the listing: it stays. Meta
        // times webhooks in whole seconds, so one in the fetch's own second stays too (the listing then agrees).
        [wabaId, at, JSON.stringify(rows), at, at, at],
      );
      const gone = await sql<{ id: string }>(
        tx,
        `update message_templates set deleted_at = ?
          where waba_id = ? and deleted_at is null and synced_at <> ?::timestamptz returning id`,
        [at, wabaId, at],
      );
      const [state] = await sql<StateRow>(
        tx,
        `insert into message_template_syncs (waba_id, attempted_at, synced_at, error) values (?, ?, ?, null)
         on conflict (waba_id) do update set attempted_at = excluded.attempted_at,
                synced_at = excluded.synced_at, error = null
         returning *`,
        [wabaId, at, at],
      );
      return toView(state, unique.length, gone.length);
    });
  }
}

const toView = (s: StateRow, listed: number, markedDeleted: number): TemplateSyncView => ({
  wabaId: s.waba_id,
  attemptedAt: new Date(s.attempted_at).toISOString(),
  syncedAt: s.synced_at ? new Date(s.synced_at).toISOString() : null,
  error: s.error,
  listed,
  markedDeleted,
});

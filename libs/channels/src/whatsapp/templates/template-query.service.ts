import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ListTemplatesQuery, TemplateSyncView, TemplateView } from '@switchboard/contracts';
import { sql } from '@switchboard/engine';
import type { TemplateParameterFormat } from '../entities/message-template.entity';
import type { TemplateSyncError } from '../entities/template-sync-state.entity';
import { NumberTemplatesScope } from './number-templates-scope';

interface Row {
  id: string;
  waba_id: string;
  meta_id: string;
  name: string;
  language: string;
  category: string;
  status: string;
  quality_score: string | null;
  components: unknown[];
  parameter_format: TemplateParameterFormat;
  status_detail: Record<string, unknown> | null;
  status_changed_at: Date | null;
  synced_at: Date;
  deleted_at: Date | null;
}

const toView = (r: Row): TemplateView => ({
  id: r.id,
  wabaId: r.waba_id,
  metaId: r.meta_id,
  name: r.name,
  language: r.language,
  category: r.category,
  status: r.status,
  qualityScore: r.quality_score,
  components: r.components,
  parameterFormat: r.parameter_format,
  statusDetail: r.status_detail,
  statusChangedAt: r.status_changed_at ? new Date(r.status_changed_at).toISOString() : null,
  syncedAt: new Date(r.synced_at).toISOString(),
  deletedAt: r.deleted_at ? new Date(r.deleted_at).toISOString() : null,
});

/** A number's WABA templates as last synced, with the WABA's latest sync (and its error, when it failed). */
@Injectable()
export class TemplateQueryService {
  constructor(
    private readonly em: EntityManager,
    private readonly numbers: NumberTemplatesScope,
  ) {}

  async list(
    numberId: string,
    q: ListTemplatesQuery,
  ): Promise<{ items: TemplateView[]; sync: Omit<TemplateSyncView, 'listed' | 'markedDeleted'> | null }> {
    const wabaId = await this.numbers.visibleWaba(numberId);
    const rows = await sql<Row>(
      this.em,
      `select * from message_templates
        where waba_id = ? and (?::text is null or status = ?) and (?::text is null or name = ?)
        order by name, language`,
      [wabaId, q.status ?? null, q.status ?? null, q.name ?? null, q.name ?? null],
    );
    const [state] = await sql<{
      attempted_at: Date;
      synced_at: Date | null;
      error: TemplateSyncError | null;
    }>(this.em, 'select attempted_at, synced_at, error from message_template_syncs where waba_id = ?', [
      wabaId,
    ]);
    return {
      items: rows.map(toView),
      sync: state
        ? {
            wabaId,
            attemptedAt: new Date(state.attempted_at).toISOString(),
            syncedAt: state.synced_at ? new Date(state.synced_at).toISOString() : null,
            error: state.error,
          }
        : null,
    };
  }
}

import { Injectable } from '@nestjs/common';
import { OutboxService, QUEUES, sql } from '@switchboard/engine';
import { record, str, unixTime } from '../json-value';
import { AccountChange } from './account-change';
import { AppliedChange, ApplyContext, effectiveTime } from './applied-change';
import { updateComponents } from './template-components';

interface TemplateRow {
  id: string;
  status: string;
  category: string;
  quality_score: string | null;
  components: unknown[];
  status_changed_at: Date | null;
}

/**
 * Template status events that are not a status of their own: the template keeps its status (FLAGGED: at risk,
 * LOCKED: not editable), or goes back to APPROVED (REINSTATED, UNARCHIVED, UNPAUSED-like unlocks).
 */
const STATUS_OF_EVENT: Record<string, string | null> = {
  FLAGGED: null,
  LOCKED: null,
  UNLOCKED: null,
  REINSTATED: 'APPROVED',
  UNARCHIVED: 'APPROVED',
};

/**
 * message_template_status_update, _quality_update, template_category_update and _components_update: applied to the
 * stored template of the WABA (by Meta's template id, else name and language). A template Switchboard has not seen
 * (made in Meta's UI) queues a re-sync of the WABA's templates, run by the worker after this commit.
 */
@Injectable()
export class TemplateEventsHandler {
  constructor(private readonly outbox: OutboxService) {}

  async apply(change: AccountChange, ctx: ApplyContext): Promise<AppliedChange> {
    const v = change.value;
    const metaId = str(v.message_template_id);
    const name = str(v.message_template_name);
    const language = str(v.message_template_language);
    const key = { metaTemplateId: metaId ?? null, name: name ?? null, language: language ?? null };
    const template = await this.find(ctx, change.wabaId, metaId, name, language);
    if (!template) {
      ctx.jobs.push(
        await this.outbox.stage(ctx.em, QUEUES.graphRereads, {
          wabaId: change.wabaId,
          numberId: change.numbers[0].id,
          // A sync that starts after this covers it (TemplateResyncCoalescer).
          requestedAt: new Date().toISOString(),
        }),
      );
      return {
        outcome: 'unknown_template',
        detail: {
          ...key,
          reason: `template not known for WABA ${change.wabaId}: re-sync of its templates queued`,
        },
      };
    }
    const at = effectiveTime(change, ctx);
    switch (change.field) {
      case 'message_template_status_update':
        return this.status(ctx, template, v, at, key);
      case 'message_template_quality_update': {
        const score = str(v.new_quality_score) ?? str(record(v.new_quality_score)?.score) ?? null;
        await sql(ctx.em, 'update message_templates set quality_score = ? where id = ?', [
          score,
          template.id,
        ]);
        return {
          outcome: 'applied',
          templateId: template.id,
          detail: {
            ...key,
            previousQualityScore: template.quality_score,
            qualityScore: score,
            reportedPreviousQualityScore: v.previous_quality_score ?? null,
          },
        };
      }
      case 'template_category_update': {
        // Meta documents two shapes: an impending change (correct_category, new_category = the category now,
        // category_update_timestamp: when it will change) and a completed one (previous_category, new_category).
        const impending = v.correct_category !== undefined;
        const category = impending ? undefined : str(v.new_category);
        if (category)
          await sql(ctx.em, 'update message_templates set category = ? where id = ?', [
            category,
            template.id,
          ]);
        return {
          outcome: 'applied',
          templateId: template.id,
          detail: {
            ...key,
            impending,
            previousCategory: template.category,
            category: category ?? template.category,
            reportedPreviousCategory: v.previous_category ?? null,
            correctCategory: v.correct_category ?? null,
            categoryUpdateAt: unixTime(v.category_update_timestamp)?.toISOString() ?? null,
          },
        };
      }
      case 'message_template_components_update': {
        const components = updateComponents(template.components, v);
        await sql(ctx.em, 'update message_templates set components = ?::jsonb where id = ?', [
          JSON.stringify(components),
          template.id,
        ]);
        return { outcome: 'applied', templateId: template.id, detail: { ...key, components } };
      }
      default:
        throw new Error(`not a template field: ${change.field}`);
    }
  }

  private async status(
    ctx: ApplyContext,
    template: TemplateRow,
    v: Record<string, unknown>,
    at: Date,
    key: Record<string, unknown>,
  ): Promise<AppliedChange> {
    const event = str(v.event) ?? 'UNKNOWN';
    const reason = v.reason ?? null;
    const statusDetail: Record<string, unknown> = { event, reason };
    for (const k of ['rejection_info', 'other_info', 'disable_info', 'message_template_category'])
      if (v[k] !== undefined) statusDetail[k] = v[k];
    const detail = { ...key, event, reason, previousStatus: template.status, statusDetail };
    // Out of order: a change older than the one applied last is recorded, not applied.
    if (template.status_changed_at && new Date(template.status_changed_at) > at)
      return { outcome: 'stale', templateId: template.id, detail };
    const status = event in STATUS_OF_EVENT ? (STATUS_OF_EVENT[event] ?? template.status) : event;
    const category = str(v.message_template_category) ?? template.category;
    await sql(
      ctx.em,
      `update message_templates set status = ?, category = ?, status_detail = ?::jsonb, status_changed_at = ?,
              deleted_at = case when ? = 'DELETED' then coalesce(deleted_at, ?) else deleted_at end
        where id = ?`,
      [status, category, JSON.stringify(statusDetail), at, status, at, template.id],
    );
    return { outcome: 'applied', templateId: template.id, detail: { ...detail, status } };
  }

  private async find(
    ctx: ApplyContext,
    wabaId: string,
    metaId: string | undefined,
    name: string | undefined,
    language: string | undefined,
  ): Promise<TemplateRow | undefined> {
    const [row] = await sql<TemplateRow>(
      ctx.em,
      `select id, status, category, quality_score, components, status_changed_at from message_templates
        where waba_id = ? and (meta_id = ? or (name = ? and language = ?))
        order by (meta_id = ?) desc nulls last limit 1 for update`,
      [wabaId, metaId ?? null, name ?? null, language ?? null, metaId ?? null],
    );
    return row;
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { TemplateReply } from '@switchboard/contracts';
import { sql } from '@switchboard/engine';
import { MarketingConsentService } from '../consent/marketing-consent.service';
import type { TemplateParameterFormat } from '../entities/message-template.entity';
import { templateShape } from '../templates/stored-template-shape';
import { checkTemplateParameters } from './template-parameter-check';

interface TemplateRow {
  name: string;
  language: string;
  category: string;
  status: string;
  components: unknown[];
  parameter_format: TemplateParameterFormat;
  deleted_at: Date | null;
}

/** The stored template a send was checked against. */
export interface CheckedTemplate {
  name: string;
  language: string;
  category: string;
}

const unprocessable = (
  body: { code: string; parameter: string; message: string } & Record<string, unknown>,
) => new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', ...body });

/**
 * A template send checked against the WABA's stored templates (as last synced, and as Meta's template webhooks
 * keep them) before anything is stored or queued: the template exists in that language, is APPROVED, and the
 * parameters fit its placeholders, header and buttons. Meta would refuse the same send later (132000, 132001,
 * 132012, 132015, 132016); here the agent hears it at once, with the parameter named.
 */
@Injectable()
export class TemplateSendCheck {
  constructor(
    private readonly em: EntityManager,
    private readonly consent: MarketingConsentService,
  ) {}

  /** `waId`: the recipient, whose marketing opt-out in this WABA refuses MARKETING templates (409). */
  async check(
    wabaId: string,
    numberId: string,
    t: TemplateReply,
    waId: string | null,
  ): Promise<CheckedTemplate> {
    const em = this.em.fork();
    const [state] = await sql<{ synced_at: Date | null; error: { message: string } | null }>(
      em,
      'select synced_at, error from message_template_syncs where waba_id = ?',
      [wabaId],
    );
    // Without a completed sync "no such template" would be a guess: refuse and say how to get them.
    if (!state?.synced_at)
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        code: 'templates_not_synced',
        message: `the templates of WABA ${wabaId} have never been synced${
          state?.error ? ` (the last attempt failed: ${state.error.message})` : ''
        }: sync them with POST /api/numbers/${numberId}/templates/sync, then send again`,
      });
    const rows = await sql<TemplateRow>(
      em,
      `select name, language, category, status, components, parameter_format, deleted_at
         from message_templates where waba_id = ? and name = ? order by language`,
      [wabaId, t.name],
    );
    const syncedAt = new Date(state.synced_at).toISOString();
    if (!rows.length)
      throw unprocessable({
        code: 'template_not_found',
        parameter: 'template.name',
        message: `template ${t.name} does not exist in WABA ${wabaId} (templates as of the sync at ${syncedAt}; one created since needs POST /api/numbers/${numberId}/templates/sync)`,
      });
    const row = rows.find((r) => r.language === t.language);
    const live = rows.filter((r) => !r.deleted_at && r.status !== 'DELETED').map((r) => r.language);
    if (!row)
      throw unprocessable({
        code: 'template_language_not_found',
        parameter: 'template.language',
        message: `template ${t.name} has no ${t.language} version in WABA ${wabaId}; ${
          live.length ? `its languages: ${live.join(', ')}` : 'it has no languages left (deleted)'
        }`,
        languages: live,
      });
    if (row.deleted_at || row.status === 'DELETED' || row.status === 'PENDING_DELETION')
      throw unprocessable({
        code: 'template_deleted',
        parameter: 'template.name',
        message: `template ${t.name} (${t.language}) was deleted from WABA ${wabaId}${
          row.deleted_at ? ` (no longer listed by Meta since ${new Date(row.deleted_at).toISOString()})` : ''
        }`,
      });
    if (row.status !== 'APPROVED')
      throw unprocessable({
        code: 'template_not_approved',
        parameter: 'template.name',
        status: row.status,
        message: `template ${t.name} (${t.language}) is ${row.status}: only APPROVED templates can be sent`,
      });
    const refusal = checkTemplateParameters(templateShape(row.components), row.parameter_format, t);
    if (refusal) throw unprocessable({ ...refusal });
    // Meta would accept it and fail it later (131050); utility and authentication templates are not affected.
    const stopped =
      row.category === 'MARKETING' && waId ? await this.consent.stoppedMarketing(wabaId, waId) : null;
    if (stopped)
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        code: 'marketing_opt_out',
        message: `template ${t.name} is a MARKETING template and the customer ${waId} stopped marketing messages from WABA ${wabaId} on ${stopped.since.toISOString()} (${
          stopped.source === 'webhook'
            ? "in WhatsApp, reported by Meta's user_preferences webhook"
            : 'recorded through the API'
        }); utility templates can still be sent`,
        optOut: { since: stopped.since.toISOString(), source: stopped.source },
      });
    return { name: row.name, language: row.language, category: row.category };
  }
}

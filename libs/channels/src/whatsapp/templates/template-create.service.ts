import { EntityManager } from '@mikro-orm/postgresql';
import {
  BadGatewayException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { CreateTemplateRequest, TemplateView } from '@switchboard/contracts';
import { SecretBox, sql, uuidv7 } from '@switchboard/engine';
import { AuditLog } from '@switchboard/identity';
import { z } from 'zod';
import { WhatsappNumber } from '../entities/whatsapp-number.entity';
import { GraphClient } from '../graph/graph-client';
import { GraphError } from '../graph/graph-error';
import { NumberTemplatesScope } from './number-templates-scope';
import { TemplateQueryService } from './template-query.service';

/** What Meta must answer for a created template before anything is stored. */
const createdTemplate = z.object({
  id: z.union([z.string().min(1).max(64), z.number().int()]).transform(String),
  status: z.string().min(1).max(64),
  category: z.string().min(1).max(64).optional(),
});

/**
 * Creating a template through Graph (`POST /{waba-id}/message_templates`) with one of the WABA's numbers' token.
 * Meta validates and reviews it; what Meta accepted is stored as Meta answered (usually PENDING) and its review
 * arrives later by webhook. Meta's refusal is surfaced with its code and subcode, and stores nothing.
 */
@Injectable()
export class TemplateCreateService {
  constructor(
    private readonly em: EntityManager,
    private readonly box: SecretBox,
    private readonly graph: GraphClient,
    private readonly numbers: NumberTemplatesScope,
    private readonly query: TemplateQueryService,
    private readonly audit: AuditLog,
  ) {}

  async create(numberId: string, req: CreateTemplateRequest): Promise<TemplateView> {
    const { wabaId, departmentId } = await this.numbers.visibleNumber(numberId);
    const number = await this.em.fork().findOneOrFail(WhatsappNumber, { id: numberId });
    const target = {
      graphBaseUrl: number.graphBaseUrl,
      graphVersion: number.graphVersion,
      accessToken: this.box.open(number.accessTokenSealed),
    };
    const format = req.parameterFormat ?? 'POSITIONAL';
    let answer: unknown;
    try {
      answer = await this.graph.createMessageTemplate(target, wabaId, {
        name: req.name,
        language: req.language,
        category: req.category,
        components: req.components,
        parameter_format: format,
        ...(req.allowCategoryChange !== undefined ? { allow_category_change: req.allowCategoryChange } : {}),
      });
    } catch (e) {
      throw refusal(e);
    }
    const parsed = createdTemplate.safeParse(answer);
    if (!parsed.success)
      throw new BadGatewayException(
        `Meta's answer to the template creation has no template id and status; nothing was stored (check WhatsApp Manager, then sync)`,
      );
    const created = parsed.data;
    await this.em.fork().transactional(async (tx) => {
      // Same lock as a sync: a sync running now judges "no longer listed" against a listing without this one.
      await sql(tx, `select pg_advisory_xact_lock(hashtext('message_templates:' || ?))`, [wabaId]);
      const [{ id }] = await sql<{ id: string }>(
        tx,
        `insert into message_templates (id, waba_id, meta_id, name, language, category, status, quality_score,
                components, parameter_format, synced_at, deleted_at)
         values (?, ?, ?, ?, ?, ?, ?, null, ?::jsonb, ?, now(), null)
         on conflict (waba_id, name, language) do update set meta_id = excluded.meta_id,
                category = excluded.category, status = excluded.status, quality_score = null,
                components = excluded.components, parameter_format = excluded.parameter_format,
                synced_at = excluded.synced_at, deleted_at = null
         returning id`,
        [
          uuidv7(),
          wabaId,
          created.id,
          req.name,
          req.language,
          created.category ?? req.category,
          created.status,
          JSON.stringify(req.components),
          format,
        ],
      );
      await this.audit.record(
        {
          action: 'template.created',
          targetType: 'message_template',
          targetId: id,
          departmentId,
          details: {
            numberId,
            wabaId,
            metaId: created.id,
            name: req.name,
            language: req.language,
            category: created.category ?? req.category,
            status: created.status,
          },
        },
        tx,
      );
    });
    const view = (await this.query.list(numberId, { name: req.name })).items.find(
      (t) => t.language === req.language,
    );
    if (!view) throw new NotFoundException(`template ${req.name} (${req.language}) not found`);
    return view;
  }
}

/** Meta's 4xx (validation, duplicate, permissions) → 422 with Meta's code; no answer or a 5xx → 502. */
function refusal(e: unknown): Error {
  if (!(e instanceof GraphError)) return e as Error;
  const meta = { code: e.code, subcode: e.subcode, message: e.title, details: e.details ?? null };
  const said = `${e.code !== null ? `(#${e.code}${e.subcode !== null ? `/${e.subcode}` : ''}) ` : ''}${e.title}${e.details ? `: ${e.details}` : ''}`;
  if (e.httpStatus !== null && e.httpStatus >= 400 && e.httpStatus < 500)
    return new UnprocessableEntityException({
      statusCode: 422,
      error: 'Unprocessable Entity',
      code: 'meta_rejected',
      message: `Meta refused the template: ${said}; nothing was stored`,
      meta,
    });
  return new BadGatewayException({
    statusCode: 502,
    error: 'Bad Gateway',
    message: `Meta could not be reached or failed creating the template: ${said}; nothing was stored`,
    meta,
  });
}

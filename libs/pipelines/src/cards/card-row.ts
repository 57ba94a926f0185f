import type { CardView } from '@switchboard/contracts';
import type { PluginCard } from '@switchboard/plugin-sdk';

/** A card joined with its stage, conversation and contact, as the read queries select it. */
export interface CardRow {
  id: string;
  conversation_id: string;
  department_id: string;
  pipeline_id: string;
  pipeline_key: string;
  title: string;
  fields: Record<string, unknown>;
  stage_id: string;
  stage_key: string;
  stage_name: string;
  stage_category: 'open' | 'waiting' | 'done';
  profile_name: string | null;
  wa_id: string | null;
  waiting_since: Date | null;
  stage_entered_at: Date;
  created_at: Date;
  updated_at: Date;
}

/** The select list and joins behind CardRow; callers add the where clause. */
export const CARD_SELECT = `
  select k.id, k.conversation_id, k.department_id, k.pipeline_id, p.key as pipeline_key, k.title, k.fields,
         s.id as stage_id, s.key as stage_key, s.name as stage_name, s.category as stage_category,
         ct.profile_name, ct.wa_id, c.waiting_since, k.stage_entered_at, k.created_at, k.updated_at
    from cards k
    join pipelines p on p.id = k.pipeline_id
    join pipeline_stages s on s.id = k.stage_id
    join conversations c on c.id = k.conversation_id
    join contacts ct on ct.id = c.contact_id`;

const iso = (d: Date | string) => new Date(d).toISOString();

export function toCardView(r: CardRow): CardView {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    departmentId: r.department_id,
    pipelineId: r.pipeline_id,
    stage: { id: r.stage_id, key: r.stage_key, name: r.stage_name, category: r.stage_category },
    title: r.title,
    fields: r.fields,
    contact: { name: r.profile_name, waId: r.wa_id },
    waitingSince: r.waiting_since ? iso(r.waiting_since) : null,
    stageEnteredAt: iso(r.stage_entered_at),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export function toPluginCard(r: CardRow): PluginCard {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    departmentId: r.department_id,
    pipelineKey: r.pipeline_key,
    stageKey: r.stage_key,
    title: r.title,
    fields: r.fields,
    createdAt: iso(r.created_at),
  };
}

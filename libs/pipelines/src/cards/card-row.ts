import { customerWaits, slaView, windowView } from '@switchboard/contracts';
import type { CardView } from '@switchboard/contracts';
import type { ConversationSlaState } from '@switchboard/engine';
import type { PluginCard } from '@switchboard/plugin-sdk';
import type { CardConversationHandling } from './card-conversations';

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
  conversation_status: 'open' | 'closed';
  conversation_snoozed: boolean;
  last_speaker: CardView['lastSpeaker'];
  waiting_since: Date | null;
  window_expires_at: Date | null;
  stage_entered_at: Date;
  created_at: Date;
  updated_at: Date;
}

/** The select list and joins behind CardRow; callers add the where clause. */
export const CARD_SELECT = `
  select k.id, k.conversation_id, k.department_id, k.pipeline_id, p.key as pipeline_key, k.title, k.fields,
         s.id as stage_id, s.key as stage_key, s.name as stage_name, s.category as stage_category,
         ct.profile_name, ct.wa_id, c.status as conversation_status,
         (c.snoozed_until is not null or c.snoozed_until_reply) as conversation_snoozed, c.last_speaker,
         c.waiting_since, c.window_expires_at, k.stage_entered_at, k.created_at, k.updated_at
    from cards k
    join pipelines p on p.id = k.pipeline_id
    join pipeline_stages s on s.id = k.stage_id
    join conversations c on c.id = k.conversation_id
    join contacts ct on ct.id = c.contact_id`;

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * What a card view needs besides its row, read once per page: the SLA states and the conversations' owner, priority
 * and labels (through ports), the owners' names, and the time of reading.
 */
export interface CardViewContext {
  sla: Map<string, ConversationSlaState>;
  handling: Map<string, CardConversationHandling>;
  ownerNames: Map<string, string>;
  now: Date;
}

/** A conversation the port does not know (gone meanwhile) reads as unowned, normal, unlabelled. */
const UNHANDLED: CardConversationHandling = { ownerUserId: null, priority: 'normal', labels: [] };

export function toCardView(r: CardRow, context: CardViewContext): CardView {
  const handling = context.handling.get(r.conversation_id) ?? UNHANDLED;
  const owner = handling.ownerUserId;
  return {
    id: r.id,
    conversationId: r.conversation_id,
    departmentId: r.department_id,
    pipelineId: r.pipeline_id,
    stage: { id: r.stage_id, key: r.stage_key, name: r.stage_name, category: r.stage_category },
    title: r.title,
    fields: r.fields,
    contact: { name: r.profile_name, waId: r.wa_id },
    lastSpeaker: r.last_speaker,
    waitingSince: r.waiting_since ? iso(r.waiting_since) : null,
    window: windowView(r.window_expires_at, context.now),
    sla: slaView(
      context.sla.get(r.conversation_id),
      context.now,
      customerWaits({
        status: r.conversation_status,
        lastSpeaker: r.last_speaker,
        snoozed: r.conversation_snoozed,
        waitingStage: r.stage_category === 'waiting',
      }),
    ),
    owner: owner ? { id: owner, name: context.ownerNames.get(owner) ?? '' } : null,
    priority: handling.priority,
    labels: handling.labels,
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

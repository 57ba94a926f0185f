import { z } from 'zod';
import { CONVERSATION_PRIORITIES } from './conversation.contract';
import type {
  ConversationPriority,
  ConversationSlaView,
  ConversationWindowView,
} from './conversation.contract';

const fieldValues = z.record(z.string(), z.unknown());

/** PATCH /api/cards/:id: field values are validated by type; null clears a field. */
export const updateCardRequest = z
  .strictObject({
    title: z.string().trim().min(1).max(200).optional(),
    fields: fieldValues.optional(),
  })
  .refine((v) => v.title !== undefined || v.fields !== undefined, 'give title, fields or both');
export type UpdateCardRequest = z.infer<typeof updateCardRequest>;

/** POST /api/cards/:id/move: to a stage of the card's pipeline (by key), optionally filling fields on the way. */
export const moveCardRequest = z.strictObject({
  stage: z.string().min(1).max(40),
  fields: fieldValues.optional(),
});
export type MoveCardRequest = z.infer<typeof moveCardRequest>;

export const addCardNoteRequest = z.strictObject({ text: z.string().trim().min(1).max(5000) });
export type AddCardNoteRequest = z.infer<typeof addCardNoteRequest>;

/** Cards narrowed by their conversation: its owner (`me`, `none` or a user id), a label, a priority. */
const conversationFilters = {
  assignee: z.union([z.enum(['me', 'none']), z.uuid()]).optional(),
  label: z.string().trim().toLowerCase().min(1).max(40).optional(),
  priority: z.enum(CONVERSATION_PRIORITIES).optional(),
};

/** GET /api/cards: filtered, searched (title, customer name or number, field values), keyset-paginated. */
export const listCardsQuery = z.strictObject({
  pipelineId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  /** Stage key (with pipelineId) or stage id. */
  stage: z.string().min(1).max(40).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  ...conversationFilters,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListCardsQuery = z.infer<typeof listCardsQuery>;

export const boardQuery = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  ...conversationFilters,
  /** Cards shown per stage; the rest are paged with GET /api/cards?stage=…&cursor=…. */
  perStage: z.coerce.number().int().min(1).max(100).default(20),
});
export type BoardQuery = z.infer<typeof boardQuery>;

export interface StageView {
  id: string;
  key: string;
  name: string;
  category: 'open' | 'waiting' | 'done';
  color: string | null;
  wipLimit: number | null;
  requiredFields: string[];
  archived: boolean;
  /** The attributes (name, color, wipLimit, requiredFields) an admin set; the others are the plugin's. */
  overridden: string[];
}

export interface FieldView {
  key: string;
  label: string;
  type: string;
  config: Record<string, unknown>;
  archived: boolean;
  /** `label` when an admin set it; else the plugin's. */
  overridden: string[];
}

export interface PipelineView {
  id: string;
  key: string;
  name: string;
  departmentId: string;
  pluginId: string | null;
  isDefault: boolean;
  stages: StageView[];
  fields: FieldView[];
}

export interface CardView {
  id: string;
  conversationId: string;
  departmentId: string;
  pipelineId: string;
  stage: { id: string; key: string; name: string; category: 'open' | 'waiting' | 'done' };
  title: string;
  fields: Record<string, unknown>;
  contact: { name: string | null; waId: string | null };
  /** Who spoke last in the card's conversation. */
  lastSpeaker: 'customer' | 'agent' | 'system' | null;
  /** Since when the customer has been waiting for an answer, or null. */
  waitingSince: string | null;
  window: ConversationWindowView;
  sla: ConversationSlaView;
  /** The conversation's owner (display name, or e-mail when the user has none); null while unassigned. */
  owner: { id: string; name: string } | null;
  priority: ConversationPriority;
  labels: string[];
  stageEnteredAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface BoardView {
  pipeline: PipelineView;
  columns: { stage: StageView; count: number; cards: CardView[]; nextCursor: string | null }[];
}

/** What a line of a card's timeline records. */
export type CardEventKind =
  | 'created'
  | 'stage_changed'
  | 'fields_changed'
  | 'note'
  | 'action'
  | 'routing'
  | 'assignment'
  | 'handover'
  | 'transfer'
  | 'ownership'
  /** An SLA escalation: the policy, the clock and what was done (or why it could not be). */
  | 'sla';

export interface CardEventView {
  id: string;
  at: string;
  kind: CardEventKind;
  actor: { type: 'user' | 'api_token' | 'plugin' | 'system'; id: string | null; label: string };
  fromStage: { id: string; key: string; name: string } | null;
  toStage: { id: string; key: string; name: string } | null;
  data: Record<string, unknown>;
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { BusinessHoursResolver } from '@switchboard/channels';
import { isOpenAt } from '@switchboard/contracts';
import type { ConversationRoutingFacts } from '@switchboard/conversations';
import { LoadedPlugin, sql } from '@switchboard/engine';
import { CARD_SELECT, CardRow } from '@switchboard/pipelines';
import { classifyIntent } from '../matching/intent-classifier';
import { detectLanguage } from '../matching/detect-language';
import { normalizeText } from '../matching/normalize-text';

/** How much of a message routing reads: Meta's own limit for a text body. */
export const MAX_ROUTED_TEXT = 4096;
import { phoneFacts } from '../matching/phone-facts';
import type { RoutingFacts } from '../matching/routing-facts';

/** A conversation's card, as routing acts on it. */
export interface RoutingCard {
  id: string;
  fields: Record<string, unknown>;
}

/** Builds the facts rules are tested against; the per-batch reads are set-based. */
@Injectable()
export class FactsBuilder {
  constructor(private readonly hours: BusinessHoursResolver) {}

  /** The cards of these conversations (through the pipelines library's exported card select). */
  async cards(em: EntityManager, conversationIds: readonly string[]): Promise<Map<string, RoutingCard>> {
    if (!conversationIds.length) return new Map();
    const rows = await sql<CardRow>(em, `${CARD_SELECT} where k.conversation_id = any(?::uuid[])`, [
      conversationIds,
    ]);
    return new Map(rows.map((r) => [r.conversation_id, { id: r.id, fields: r.fields ?? {} }]));
  }

  /**
   * Whether each number's department answers at `at`, by its business calendar (its own, else its hours, else its
   * plugin's, else the default): holidays and exceptions included.
   */
  async withinBusinessHours(
    numbers: { id: string; departmentId: string }[],
    at: Date,
  ): Promise<Map<string, boolean>> {
    const unique = [...new Map(numbers.map((n) => [`${n.id}:${n.departmentId}`, n])).values()];
    const resolved = await this.hours.forNumbers(unique);
    return new Map(unique.map((n) => [n.id, isOpenAt(resolved.get(n.id)!.calendar, at)]));
  }

  facts(input: {
    numberId: string;
    text: string | null;
    waIdOrPhone: string | null;
    conversation?: Pick<ConversationRoutingFacts, 'isNewContact' | 'attributes'>;
    card: RoutingCard | null;
    plugin: LoadedPlugin | null;
    withinBusinessHours: boolean;
  }): RoutingFacts {
    // Meta caps a text message at 4,096 characters; anything longer (a caption, a hostile delivery) is judged on its
    // start, so one message can never hold the worker (and an api in single-process mode) for long.
    const text = (input.text ?? '').slice(0, MAX_ROUTED_TEXT);
    const normalizedText = normalizeText(text);
    return {
      numberId: input.numberId,
      text,
      normalizedText,
      language: detectLanguage(text),
      intent: classifyIntent(input.plugin, normalizedText),
      withinBusinessHours: input.withinBusinessHours,
      ...phoneFacts(input.waIdOrPhone),
      isNewContact: input.conversation?.isNewContact ?? true,
      attributes: input.conversation?.attributes ?? {},
      cardFields: input.card?.fields ?? null,
    };
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, NotFoundException } from '@nestjs/common';
import { CapabilityFactory, sql } from '@switchboard/engine';
import {
  CARD_SELECT,
  CardAccess,
  CardActor,
  CardCommandsService,
  CardRow,
  toPluginCard,
} from '@switchboard/pipelines';
import { PluginCard, renderTemplate } from '@switchboard/plugin-sdk';
import { ReplyService } from '../sending/reply.service';

/**
 * The domain half of a hook's context: cards and messages, limited to the number the event came from. A plugin
 * acts on a card or conversation of another number as if it did not exist.
 */
@Injectable()
export class PluginCapabilities {
  constructor(
    private readonly em: EntityManager,
    private readonly cards: CardCommandsService,
    private readonly replies: ReplyService,
  ) {}

  readonly factory: CapabilityFactory = ({ plugin, target, settings }) => {
    const actor: CardActor = { type: 'plugin', id: plugin.manifest.id, label: plugin.manifest.name };
    const read = async (cardId: string): Promise<PluginCard | null> => {
      const [row] = await sql<CardRow>(this.em, `${CARD_SELECT} where k.id = ? and c.number_id = ?`, [
        cardId,
        target.numberId,
      ]);
      return row ? toPluginCard(row) : null;
    };
    const onNumber = async (cardId: string): Promise<CardAccess> => {
      if (!(await read(cardId))) throw new NotFoundException(`card ${cardId} not found on this number`);
      return () => undefined;
    };
    const sendText = async (conversationId: string, text: string) => {
      const [own] = await sql(this.em, 'select 1 from conversations where id = ? and number_id = ?', [
        conversationId,
        target.numberId,
      ]);
      if (!own) throw new NotFoundException(`conversation ${conversationId} not found on this number`);
      const sent = await this.replies.reply(conversationId, { type: 'text', text }, undefined, {
        automated: true,
      });
      return { messageId: sent.messageId };
    };
    const language = (settings as { language?: unknown } | null)?.language;
    return {
      cards: {
        get: read,
        updateFields: async (cardId, fields) => {
          await this.cards.update(cardId, { fields }, actor, await onNumber(cardId));
          return (await read(cardId))!;
        },
        move: async (cardId, stageKey) => {
          await this.cards.move(cardId, stageKey, undefined, actor, await onNumber(cardId));
          return (await read(cardId))!;
        },
        addNote: async (cardId, text) => {
          await this.cards.addNote(cardId, text, actor, await onNumber(cardId));
        },
      },
      messages: {
        sendText,
        sendTemplate: async (conversationId, key, values) => {
          const template = plugin.manifest.contributes.templates.find((t) => t.key === key);
          if (!template) throw new Error(`the plugin has no message template "${key}"`);
          const text = renderTemplate(template.text, typeof language === 'string' ? language : 'en', values);
          return sendText(conversationId, text);
        },
      },
    };
  };
}

import { Injectable, NotFoundException } from '@nestjs/common';
import { ReplyService } from '@switchboard/channels';
import { ReceivedMessagesQuery } from '@switchboard/conversations';
import { CapabilityFactory } from '@switchboard/engine';
import { CardAccess, CardActor, CardCommandsService, PluginCardQuery } from '@switchboard/pipelines';
import { PluginCard, renderTemplate } from '@switchboard/plugin-sdk';

/**
 * The domain half of a hook's context: cards and messages, limited to the number the event came from, through the
 * owning libraries' services. A plugin acts on a card or conversation of another number as if it did not exist.
 */
@Injectable()
export class PluginCapabilities {
  constructor(
    private readonly cards: CardCommandsService,
    private readonly cardQuery: PluginCardQuery,
    private readonly conversations: ReceivedMessagesQuery,
    private readonly replies: ReplyService,
  ) {}

  readonly factory: CapabilityFactory = ({ plugin, target, settings }) => {
    const actor: CardActor = { type: 'plugin', id: plugin.manifest.id, label: plugin.manifest.name };
    const read = (cardId: string): Promise<PluginCard | null> =>
      this.cardQuery.onNumber(cardId, target.numberId);
    const onNumber = async (cardId: string): Promise<CardAccess> => {
      if (!(await read(cardId))) throw new NotFoundException(`card ${cardId} not found on this number`);
      return () => undefined;
    };
    const sendText = async (conversationId: string, text: string) => {
      if (!(await this.conversations.onNumber(conversationId, target.numberId)))
        throw new NotFoundException(`conversation ${conversationId} not found on this number`);
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

import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { OutboxService, PluginInstallationsService, QUEUES, sql, StagedJob } from '@switchboard/engine';
import { EntityManager } from '@mikro-orm/postgresql';
import { CardAccess, CardActor, CardCommandsService } from './card-commands.service';
import { CardConversations } from './card-conversations';

/**
 * Card actions: buttons a plugin contributes (manifest cardActions). A request is recorded on the timeline and
 * the automation runs on the worker like stage automations, with the same containment of failures.
 */
@Injectable()
export class CardActionService {
  constructor(
    private readonly em: EntityManager,
    private readonly installations: PluginInstallationsService,
    private readonly commands: CardCommandsService,
    private readonly outbox: OutboxService,
    private readonly conversations: CardConversations,
  ) {}

  async request(
    cardId: string,
    pluginId: string,
    actionKey: string,
    actor: CardActor,
    access: CardAccess,
  ): Promise<string> {
    const action = this.installations
      .plugin(pluginId)
      ?.manifest.contributes.cardActions.find((a) => a.key === actionKey);
    if (!action) throw new NotFoundException(`plugin "${pluginId}" has no card action "${actionKey}"`);
    const active = await this.enabledOnCardNumber(cardId, pluginId);
    let job: StagedJob | undefined;
    const eventId = await this.commands.recordAction(
      cardId,
      { pluginId, action: actionKey, automation: action.automation },
      actor,
      (departmentId) => {
        access(departmentId);
        if (!active)
          throw new BadRequestException(`plugin "${pluginId}" is not enabled on this card's number`);
      },
      async (tx, id) => {
        job = await this.outbox.stage(tx, QUEUES.pluginHooks, { cardEventId: id });
      },
    );
    if (job) await this.outbox.publish(job);
    return eventId;
  }

  /** Whether the plugin is enabled on the number of the card's conversation (false for an unknown card). */
  private async enabledOnCardNumber(cardId: string, pluginId: string): Promise<boolean> {
    const [card] = await sql<{ conversation_id: string }>(
      this.em,
      'select conversation_id from cards where id = ?',
      [cardId],
    );
    const numberId = card && (await this.conversations.numberOf(this.em, card.conversation_id));
    if (!numberId) return false;
    return (await this.installations.enabledInstallations(this.em, [pluginId], [numberId])).length > 0;
  }
}

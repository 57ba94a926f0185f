import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { OutboxService, PluginInstallationsService, QUEUES, sql, StagedJob } from '@switchboard/engine';
import { EntityManager } from '@mikro-orm/postgresql';
import { CardAccess, CardActor, CardCommandsService } from './card-commands.service';

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
    const [active] = await sql(
      this.em,
      `select 1 from cards k join conversations c on c.id = k.conversation_id
         join plugin_installations i on i.number_id = c.number_id and i.plugin_id = ? and i.enabled
        where k.id = ?`,
      [pluginId, cardId],
    );
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
}

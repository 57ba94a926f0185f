import { Injectable } from '@nestjs/common';
import { ReplyService } from '@switchboard/channels';
import { Clock } from '@switchboard/engine';
import { CardCommandsService } from '@switchboard/pipelines';
import type { RoutingCard } from '../evaluation/facts-builder.service';
import type { RoutingRule } from '../rules/routing-rule';
import { ActionOutcome, errorMessage } from './action-outcome';
import { ruleActor } from './rule-actor';

const SYSTEM_ACCESS = (): void => undefined;

/**
 * A rule's stage, field and auto-reply actions. These go through the pipelines' card commands and the channel's
 * reply service, which commit in their own transactions: they run before the decision's own writes touch the
 * card or the conversation (the caller's transaction would otherwise hold the rows they lock). Each is idempotent:
 * a move to the current stage or the same field values changes nothing, and a reply carries an idempotency key.
 */
@Injectable()
export class CardAndReplyActions {
  constructor(
    private readonly cards: CardCommandsService,
    private readonly replies: ReplyService,
    private readonly clock: Clock,
  ) {}

  async apply(
    rule: RoutingRule,
    conversation: { id: string; windowExpiresAt: Date | null },
    card: RoutingCard | null,
    decisionKey: string,
  ): Promise<ActionOutcome[]> {
    const outcomes: ActionOutcome[] = [];
    const actor = ruleActor(rule);
    const { stage, setFields, autoReply } = rule.actions;
    if (stage) {
      if (!card)
        outcomes.push({ action: 'stage', outcome: 'skipped', detail: 'the conversation has no card' });
      else
        outcomes.push(
          await this.attempt('stage', stage, () =>
            this.cards.move(card.id, stage, undefined, actor, SYSTEM_ACCESS),
          ),
        );
    }
    if (setFields) {
      if (!card)
        outcomes.push({ action: 'setFields', outcome: 'skipped', detail: 'the conversation has no card' });
      else
        outcomes.push(
          await this.attempt('setFields', setFields, () =>
            this.cards.update(card.id, { fields: setFields }, actor, SYSTEM_ACCESS),
          ),
        );
    }
    if (autoReply?.template) {
      const t = autoReply.template;
      outcomes.push(
        await this.attempt('autoReply', { template: t.name, language: t.language }, () =>
          this.replies.reply(
            conversation.id,
            {
              type: 'template',
              template: {
                name: t.name,
                language: t.language,
                bodyParameters: (t.parameters ?? []).map((text) => ({ type: 'text' as const, text })),
                buttons: [],
              },
            },
            `routing:${decisionKey}:${rule.id}`,
            { automated: true },
          ),
        ),
      );
    } else if (autoReply?.text) {
      const open = conversation.windowExpiresAt && conversation.windowExpiresAt > this.clock.now();
      const text = autoReply.text;
      outcomes.push(
        open
          ? await this.attempt('autoReply', { text }, () =>
              this.replies.reply(
                conversation.id,
                { type: 'text', text },
                `routing:${decisionKey}:${rule.id}`,
                {
                  automated: true,
                },
              ),
            )
          : {
              action: 'autoReply',
              outcome: 'skipped',
              detail: 'the 24-hour window is closed: only a template can be sent',
            },
      );
    }
    return outcomes;
  }

  private async attempt(action: string, value: unknown, run: () => Promise<unknown>): Promise<ActionOutcome> {
    try {
      await run();
      return { action, outcome: 'applied', value };
    } catch (e) {
      return { action, outcome: 'refused', value, detail: errorMessage(e) };
    }
  }
}

import { isWithinBusinessHours } from '../business-hours';
import type { AutomationHandler, HookHandler } from '../define-plugin';
import type { HookContext } from '../hook-context';
import type { DepartmentSettings } from './department-settings';

/** Event fields are plain values from the runtime: anything but a non-empty string counts as missing. */
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** card.created: greets the customer of a new card by name (template `greeting`), when the setting is on. */
export function greetNewCards(template = 'greeting'): HookHandler<DepartmentSettings> {
  return (event, ctx) => {
    const conversationId = text(event.conversationId);
    if (!ctx.settings.greetNewConversations || !conversationId) return;
    return ctx.messages
      .sendTemplate(conversationId, template, { name: text(event.title) ?? '' })
      .then(() => undefined);
  };
}

/**
 * message.received: outside business hours, tells the customer the team is away, at most once per conversation
 * per `quietSeconds` however many messages arrive (the claim is atomic, so parallel hook jobs send it once).
 */
export function outOfHoursNotice(
  template = 'out_of_hours',
  quietSeconds = 12 * 60 * 60,
): HookHandler<DepartmentSettings> {
  // Synchronous until there is something to send: most messages arrive in business hours and cost nothing more.
  return (event, ctx) => {
    const conversationId = text(event.conversationId);
    if (!conversationId) return;
    const at = typeof event.receivedAt === 'string' ? new Date(event.receivedAt) : new Date();
    if (isWithinBusinessHours(ctx.settings.businessHours, Number.isNaN(at.getTime()) ? new Date() : at))
      return;
    return notify(ctx, conversationId);
  };

  async function notify(ctx: HookContext<DepartmentSettings>, conversationId: string): Promise<void> {
    const key = `ooh:${conversationId}`;
    if (!(await ctx.store.add(key, true, { ttlSeconds: quietSeconds }))) return;
    try {
      await ctx.messages.sendTemplate(conversationId, template);
    } catch (e) {
      // Not sent: release the claim so the customer's next message tries again.
      await ctx.store.delete(key);
      throw e;
    }
  }
}

/**
 * An automation (stage onEnter or card action) that sends the closing template and, when `csatOnClose` is on,
 * the satisfaction survey. Sent once per card: a card action after the stage automation sends nothing twice.
 */
export function sendClosing(
  templates = { closing: 'closing', csat: 'csat' },
): AutomationHandler<DepartmentSettings> {
  return async (card, ctx) => {
    const key = `closed:${card.id}`;
    if (!(await ctx.store.add(key, true))) return;
    try {
      await ctx.messages.sendTemplate(card.conversationId, templates.closing, { name: card.title });
    } catch (e) {
      // Not sent: release the claim so a card action (or the next entry into the stage) can try again.
      await ctx.store.delete(key);
      throw e;
    }
    if (ctx.settings.csatOnClose) await ctx.messages.sendTemplate(card.conversationId, templates.csat);
  };
}

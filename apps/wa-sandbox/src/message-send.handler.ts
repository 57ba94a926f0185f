import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphError, graphErrors, injectedSendError, webhookError } from './graph-errors';
import { readBody, sendGraphJson } from './http-io';
import { newWamid } from './ids';
import { isObject } from './json-narrow';
import type { NumberState } from './number-registry';
import { pricingFor } from './pricing';
import type { SandboxContext } from './sandbox-context';
import { validateSendRequest, type MessageSendRequest } from './send-request.validator';

const MAX_JSON_BYTES = 4 * 1024 * 1024;

/** POST /{version}/{phone_number_id}/messages: sends, replies, reactions, templates and mark-as-read. */
export async function handleMessageSend(
  ctx: SandboxContext,
  req: IncomingMessage,
  res: ServerResponse,
  number: NumberState,
): Promise<void> {
  const receivedAt = ctx.now();
  const phoneNumberId = number.config.phoneNumberId;
  const raw = await readBody(req, MAX_JSON_BYTES).catch(() => undefined);
  const parsed = raw === undefined ? undefined : parseJson(raw);
  try {
    if (parsed === undefined) throw graphErrors.invalidParameter('The request body must be valid JSON.');
    const request = validateSendRequest(parsed, {
      ...ctx,
      templates: ctx.templates.forWaba(number.config.wabaId),
    });
    if (request.kind === 'mark_read') {
      ctx.sentLog.add({
        kind: 'mark_read',
        phoneNumberId,
        request: parsed,
        receivedAt,
        httpStatus: 200,
        statuses: [],
      });
      sendGraphJson(res, 200, { success: true });
      return;
    }
    const injected = ctx.numbers.takeInjectedFailure(number);
    if (injected !== undefined) throw injectedSendError(injected);
    if (!ctx.throughput.tryTake(phoneNumberId)) throw graphErrors.throughput();
    if (ctx.pairRate && !ctx.pairRate.tryTake(`${phoneNumberId}:${request.recipient.waId}`))
      throw graphErrors.pairRate();
    accept(ctx, res, number, request, parsed, receivedAt);
  } catch (err) {
    if (err instanceof GraphError) {
      ctx.sentLog.add({
        kind: isObject(parsed) && parsed.status !== undefined ? 'mark_read' : 'message',
        phoneNumberId,
        request: parsed,
        receivedAt,
        httpStatus: err.httpStatus,
        to: isObject(parsed) && typeof parsed.to === 'string' ? parsed.to : undefined,
        type: isObject(parsed) && typeof parsed.type === 'string' ? parsed.type : undefined,
        statuses: [],
        error: { code: err.code, title: err.title, details: err.details ?? err.message, async: false },
      });
    }
    throw err;
  }
}

/**
 * 200 + wamid means accepted, not delivered. A free-form send outside the 24 h window is still accepted
 * and then fails asynchronously with 131047, exactly like Meta; so is a marketing template to a customer
 * who stopped marketing messages (131050).
 */
function accept(
  ctx: SandboxContext,
  res: ServerResponse,
  number: NumberState,
  request: MessageSendRequest,
  body: unknown,
  receivedAt: number,
): void {
  const { phoneNumberId } = number.config;
  const waId = request.recipient.waId;
  const preset = number.presetWamids.shift();
  const wamid = preset?.wamid ?? newWamid(waId, 'outbound');
  const windowOpen = ctx.window.isOpen(phoneNumberId, waId);
  const failure =
    request.asyncFailure ??
    (request.type !== 'template' && !windowOpen
      ? webhookError(
          131047,
          'Re-engagement message',
          'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
        )
      : undefined) ??
    (request.template?.category === 'MARKETING' && ctx.marketing.isStopped(number.config.wabaId, waId)
      ? webhookError(
          131050,
          'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.',
          'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.',
        )
      : undefined);

  const record = ctx.sentLog.add({
    kind: 'message',
    phoneNumberId,
    request: body,
    receivedAt,
    httpStatus: 200,
    wamid,
    to: request.to,
    waId,
    type: request.type,
    templateName: request.template?.name,
    statuses: [],
  });
  if (failure) ctx.sentLog.asyncFailure(record, failure);

  const contact: Record<string, unknown> = { input: request.to, wa_id: request.recipient.userId ? '' : waId };
  if (request.recipient.userId) contact.user_id = request.recipient.userId;
  if (number.responsesToLose > 0) {
    // Meta took the message, but the answer never reaches the caller (timeout, reset): the caller cannot know.
    number.responsesToLose -= 1;
    res.socket?.destroy();
  } else {
    sendGraphJson(res, 200, {
      messaging_product: 'whatsapp',
      contacts: [contact],
      messages: [request.template ? { id: wamid, message_status: 'accepted' } : { id: wamid }],
    });
  }

  if (preset?.statuses === false) return;
  ctx.statuses.schedule({
    number: number.config,
    record,
    wamid,
    recipientWaId: waId,
    recipient: ctx.customers.get(waId),
    pricing: pricingFor(request.template, windowOpen),
    bizOpaqueCallbackData: request.bizOpaqueCallbackData,
    voice: request.type === 'audio' && request.voice,
    failure,
  });
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

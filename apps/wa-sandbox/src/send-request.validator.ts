import type { CustomerDirectory } from './customer-directory';
import { graphErrors, webhookError, type WebhookError } from './graph-errors';
import { validateInteractive } from './interactive-send.validator';
import { charLength, isObject, type JsonObject } from './json-narrow';
import type { MediaStore } from './media-store';
import { MEDIA_RULES, mimeFitsKind, type MediaKind } from './media-rules';
import { validateTemplateSend } from './template-send.validator';
import type { StoredTemplate, TemplateLookup } from './templates';

export const OUTBOUND_TYPES = [
  'text',
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'interactive',
  'reaction',
  'template',
] as const;
export type OutboundType = (typeof OUTBOUND_TYPES)[number];

export interface MarkReadRequest {
  kind: 'mark_read';
  messageId: string;
  typingIndicator: boolean;
}

export interface MessageSendRequest {
  kind: 'message';
  /** `to` as given (echoed as contacts[].input). */
  to: string;
  recipient: { waId: string; userId?: string };
  type: OutboundType;
  template?: StoredTemplate;
  voice: boolean;
  contextWamid?: string;
  bizOpaqueCallbackData?: string;
  /** Accepted with 200 but failing afterwards (e.g. uploaded media of the wrong type → 131053). */
  asyncFailure?: WebhookError;
}

export type SendRequest = MarkReadRequest | MessageSendRequest;

export interface SendValidationDeps {
  templates: TemplateLookup;
  media: MediaStore;
  customers: CustomerDirectory;
}

const BSUID = /^[A-Z]{2}\.[A-Za-z0-9.]+$/;
const MEDIA_KINDS: readonly string[] = ['image', 'audio', 'video', 'document', 'sticker'];

/** Validates a POST /messages body the way the Cloud API does, throwing the GraphError Meta would return. */
export function validateSendRequest(body: unknown, deps: SendValidationDeps): SendRequest {
  if (!isObject(body)) throw graphErrors.invalidParameter('The request body must be a JSON object.');
  const product = body.messaging_product;
  if (product === undefined)
    throw graphErrors.invalidParameter('The parameter messaging_product is required.');
  if (product !== 'whatsapp') {
    throw graphErrors.invalidParameter(
      `Param messaging_product must be one of {WHATSAPP} - got "${String(product)}".`,
    );
  }
  if (body.status !== undefined) return validateMarkRead(body);

  if (
    body.recipient_type !== undefined &&
    body.recipient_type !== 'individual' &&
    body.recipient_type !== 'group'
  ) {
    throw graphErrors.invalidParameter('Param recipient_type must be one of {INDIVIDUAL, GROUP}.');
  }
  const to = body.to;
  if (to === undefined || to === null || to === '')
    throw graphErrors.invalidParameter('The parameter to is required.');
  if (typeof to !== 'string') throw graphErrors.invalidParameter('Param to must be a string.');
  const recipient = resolveRecipient(to, deps.customers);

  const type = body.type ?? 'text';
  if (typeof type !== 'string' || !(OUTBOUND_TYPES as readonly string[]).includes(type)) {
    throw graphErrors.invalidParameter(
      `Param type must be one of {${OUTBOUND_TYPES.map((t) => t.toUpperCase()).join(', ')}} - got "${String(type)}".`,
    );
  }
  const outboundType = type as OutboundType;
  const contextWamid = validateContext(body.context, outboundType);
  const bizOpaqueCallbackData = validateOpaque(body.biz_opaque_callback_data);
  const request: MessageSendRequest = {
    kind: 'message',
    to,
    recipient,
    type: outboundType,
    voice: false,
    contextWamid,
    bizOpaqueCallbackData,
  };

  const content = body[outboundType];
  if (!isObject(content) && !(outboundType === 'contacts' && Array.isArray(content))) {
    throw graphErrors.invalidParameter(`The parameter ${outboundType} is required.`);
  }
  if (outboundType === 'text') validateText(content as JsonObject);
  else if (MEDIA_KINDS.includes(outboundType)) {
    const media = validateMedia(outboundType as MediaKind, content as JsonObject, deps.media);
    request.voice = media.voice;
    request.asyncFailure = media.asyncFailure;
  } else if (outboundType === 'location') validateLocation(content as JsonObject);
  else if (outboundType === 'contacts') validateContacts(content);
  else if (outboundType === 'interactive') validateInteractive(content as JsonObject);
  else if (outboundType === 'reaction') validateReaction(content as JsonObject);
  else if (outboundType === 'template')
    request.template = validateTemplateSend(content as JsonObject, deps.templates);
  return request;
}

function validateMarkRead(body: JsonObject): MarkReadRequest {
  if (body.status !== 'read') {
    throw graphErrors.invalidParameter(`Param status must be one of {READ} - got "${String(body.status)}".`);
  }
  if (typeof body.message_id !== 'string' || body.message_id === '') {
    throw graphErrors.invalidParameter('The parameter message_id is required.');
  }
  const typing = body.typing_indicator;
  if (typing !== undefined && !(isObject(typing) && typing.type === 'text')) {
    throw graphErrors.invalidValue("Param typing_indicator['type'] must be one of {TEXT}.");
  }
  return { kind: 'mark_read', messageId: body.message_id, typingIndicator: typing !== undefined };
}

/** Phone numbers with or without `+`/spaces/dashes, or a business-scoped user id (BSUID). */
function resolveRecipient(to: string, customers: CustomerDirectory): { waId: string; userId?: string } {
  if (BSUID.test(to)) {
    const profile = customers.byBsuid(to);
    if (!profile)
      throw graphErrors.invalidValue(`Recipient BSUID ${to} is not a WhatsApp user of this business.`);
    return { waId: profile.waId, userId: to };
  }
  const digits = to.replace(/[\s\-()+]/g, '');
  if (!/^\d{7,15}$/.test(digits)) throw graphErrors.invalidValue(`Invalid recipient phone number: "${to}".`);
  return { waId: digits };
}

function validateContext(context: unknown, type: OutboundType): string | undefined {
  if (context === undefined) return undefined;
  if (type === 'reaction') throw graphErrors.invalidValue('Reactions cannot be sent as contextual replies.');
  if (!isObject(context) || typeof context.message_id !== 'string' || context.message_id === '') {
    throw graphErrors.invalidParameter("The parameter context['message_id'] is required.");
  }
  return context.message_id;
}

function validateOpaque(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || charLength(value) > 512) {
    throw graphErrors.invalidParameter(
      'Param biz_opaque_callback_data must be a string of at most 512 characters.',
    );
  }
  return value;
}

function validateText(text: JsonObject): void {
  if (typeof text.body !== 'string')
    throw graphErrors.invalidParameter("The parameter text['body'] is required.");
  if (text.body.trim() === '')
    throw graphErrors.invalidParameter("Param text['body'] must be at least 1 character long.");
  if (charLength(text.body) > 4096) {
    throw graphErrors.invalidParameter("Param text['body'] must be at most 4096 characters long.");
  }
  if (text.preview_url !== undefined && typeof text.preview_url !== 'boolean') {
    throw graphErrors.invalidParameter("Param text['preview_url'] must be a boolean.");
  }
}

function validateMedia(
  kind: MediaKind,
  media: JsonObject,
  store: MediaStore,
): { voice: boolean; asyncFailure?: WebhookError } {
  const { id, link, caption } = media;
  if (id === undefined && link === undefined) {
    throw graphErrors.missingParameter(`Either ${kind}['id'] or ${kind}['link'] is required.`);
  }
  if (id !== undefined && link !== undefined) {
    throw graphErrors.invalidValue(`Only one of ${kind}['id'] or ${kind}['link'] may be set.`);
  }
  if (caption !== undefined) {
    if (kind === 'audio' || kind === 'sticker') {
      throw graphErrors.invalidParameter(
        `Param ${kind}['caption'] is not a valid parameter: ${kind} messages have no caption.`,
      );
    }
    if (typeof caption !== 'string' || charLength(caption) > 1024) {
      throw graphErrors.invalidParameter(`Param ${kind}['caption'] must be at most 1024 characters long.`);
    }
  }
  if (media.voice !== undefined && (kind !== 'audio' || typeof media.voice !== 'boolean')) {
    throw graphErrors.invalidParameter(`Param ${kind}['voice'] is not a valid parameter.`);
  }
  const voice = media.voice === true;
  if (link !== undefined) {
    if (typeof link !== 'string' || !/^https?:\/\/[^\s/]+/i.test(link)) {
      throw graphErrors.invalidValue(`Param ${kind}['link'] must be a valid http or https URL.`);
    }
    return { voice };
  }
  const stored = typeof id === 'string' ? store.get(id) : undefined;
  if (!stored) {
    throw graphErrors.invalidParameter(
      `Param ${kind}['id'] is not a valid whatsapp business account media attachment ID`,
    );
  }
  if (!mimeFitsKind(stored.mimeType, kind)) {
    const allowed = MEDIA_RULES[kind].mimeTypes.join(', ');
    const label = kind.charAt(0).toUpperCase() + kind.slice(1);
    return {
      voice,
      asyncFailure: webhookError(
        131053,
        'Media upload error',
        `Unsupported ${label} mime type ${stored.mimeType}. Please use one of ${allowed}.`,
      ),
    };
  }
  return { voice };
}

function validateLocation(location: JsonObject): void {
  for (const [field, limit] of [
    ['latitude', 90],
    ['longitude', 180],
  ] as const) {
    const raw = location[field];
    if (raw === undefined)
      throw graphErrors.missingParameter(`The parameter location['${field}'] is required.`);
    const value = typeof raw === 'string' ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit) {
      throw graphErrors.invalidValue(
        `Param location['${field}'] must be a number between -${limit} and ${limit}.`,
      );
    }
  }
}

function validateContacts(contacts: unknown): void {
  if (!Array.isArray(contacts) || contacts.length === 0) {
    throw graphErrors.invalidParameter('Param contacts must be a non-empty array.');
  }
  contacts.forEach((card: unknown, i) => {
    const name = isObject(card) ? card.name : undefined;
    if (!isObject(name) || typeof name.formatted_name !== 'string' || name.formatted_name === '') {
      throw graphErrors.missingParameter(
        `The parameter contacts[${i}]['name']['formatted_name'] is required.`,
      );
    }
  });
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

function validateReaction(reaction: JsonObject): void {
  if (typeof reaction.message_id !== 'string' || reaction.message_id === '') {
    throw graphErrors.missingParameter("The parameter reaction['message_id'] is required.");
  }
  const emoji = reaction.emoji;
  if (typeof emoji !== 'string')
    throw graphErrors.missingParameter("The parameter reaction['emoji'] is required.");
  if (emoji === '') return;
  const graphemes = [...segmenter.segment(emoji)].length;
  if (graphemes !== 1 || !EMOJI.test(emoji)) {
    throw graphErrors.invalidValue(
      'Reaction emoji must be a single emoji, or an empty string to remove the reaction.',
    );
  }
}

import { contactBlock, type CustomerProfile } from './customer-directory';
import { generatedMediaBytes, inboundMime } from './generated-media';
import { newMediaId, newWamid } from './ids';
import type { InboundCommon, InboundSpec } from './inbound-spec';
import type { MediaStore } from './media-store';
import type { MediaKind } from './media-rules';
import type { SandboxNumber } from './types';
import { unixSeconds } from './webhook-envelope';

export interface BuiltInbound {
  wamid: string;
  /** The `messages[]` item, shaped as Meta documents it for the type. */
  message: Record<string, unknown>;
  /** The matching `contacts[]` item. */
  contact: Record<string, unknown>;
}

/** Builds one inbound `messages[]` item (and stores generated media) for a simulated customer. */
export class InboundMessageFactory {
  constructor(private readonly deps: { media: MediaStore; now: () => number; baseUrl: () => string }) {}

  build(number: SandboxNumber, customer: CustomerProfile, spec: InboundSpec): BuiltInbound {
    const wamid = newWamid(customer.waId, 'inbound');
    const message: Record<string, unknown> = {};
    const context = this.context(number, spec);
    if (context) message.context = context;
    message.from = customer.waId;
    if (customer.bsuid) message.from_user_id = customer.bsuid;
    message.id = wamid;
    message.timestamp = unixSeconds(this.deps.now());
    Object.assign(message, this.content(number, customer, spec));
    if (spec.referral) message.referral = spec.referral;
    return { wamid, message, contact: contactBlock(customer) };
  }

  private context(number: SandboxNumber, spec: InboundCommon): Record<string, unknown> | undefined {
    const context: Record<string, unknown> = {};
    if (spec.contextWamid) {
      context.from = number.displayPhoneNumber;
      context.id = spec.contextWamid;
    }
    if (spec.frequentlyForwarded) context.frequently_forwarded = true;
    else if (spec.forwarded) context.forwarded = true;
    return Object.keys(context).length > 0 ? context : undefined;
  }

  /** `type` plus the type-named object (or the fields that replace it). */
  private content(
    number: SandboxNumber,
    customer: CustomerProfile,
    spec: InboundSpec,
  ): Record<string, unknown> {
    switch (spec.type) {
      case 'text':
        return { type: 'text', text: { body: spec.body } };
      case 'image':
        return { type: 'image', image: this.media(number, 'image', spec, { caption: spec.caption }) };
      case 'video':
        return { type: 'video', video: this.media(number, 'video', spec, { caption: spec.caption }) };
      case 'audio':
        return { type: 'audio', audio: this.media(number, 'audio', spec, { voice: spec.voice === true }) };
      case 'document':
        return {
          type: 'document',
          document: this.media(number, 'document', spec, { caption: spec.caption, filename: spec.filename }),
        };
      case 'sticker':
        return {
          type: 'sticker',
          sticker: this.media(number, 'sticker', spec, { animated: spec.animated === true }),
        };
      case 'location': {
        const location: Record<string, unknown> = { latitude: spec.latitude, longitude: spec.longitude };
        if (spec.name !== undefined) location.name = spec.name;
        if (spec.address !== undefined) location.address = spec.address;
        if (spec.url !== undefined) location.url = spec.url;
        return { type: 'location', location };
      }
      case 'contacts':
        return { type: 'contacts', contacts: spec.cards };
      case 'button_reply':
        return {
          type: 'interactive',
          interactive: { type: 'button_reply', button_reply: { id: spec.id, title: spec.title } },
        };
      case 'list_reply': {
        const reply: Record<string, unknown> = { id: spec.id, title: spec.title };
        if (spec.description !== undefined) reply.description = spec.description;
        return { type: 'interactive', interactive: { type: 'list_reply', list_reply: reply } };
      }
      case 'nfm_reply':
        return {
          type: 'interactive',
          interactive: {
            type: 'nfm_reply',
            nfm_reply: {
              name: spec.name ?? 'flow',
              body: spec.body ?? 'Sent',
              response_json: spec.responseJson,
            },
          },
        };
      case 'button':
        return { type: 'button', button: { payload: spec.payload, text: spec.text } };
      case 'reaction':
        // A removed reaction arrives with `emoji` omitted.
        return {
          type: 'reaction',
          reaction:
            spec.emoji === ''
              ? { message_id: spec.messageId }
              : { message_id: spec.messageId, emoji: spec.emoji },
        };
      case 'order': {
        const order: Record<string, unknown> = { catalog_id: spec.catalogId ?? '194836987003835' };
        if (spec.text !== undefined) order.text = spec.text;
        order.product_items = spec.items;
        return { type: 'order', order };
      }
      case 'system':
        return {
          type: 'system',
          system: {
            body: `User ${customer.name} changed from ${customer.waId} to ${spec.newWaId}`,
            wa_id: spec.newWaId,
            type: spec.systemType,
          },
        };
      case 'unsupported':
        return {
          type: 'unsupported',
          errors: [
            {
              code: 131051,
              title: 'Message type unknown',
              message: 'Message type unknown',
              error_data: { details: 'Message type is currently not supported.' },
            },
          ],
          ...(spec.kind ? { unsupported: { type: spec.kind } } : {}),
        };
      case 'edit':
        return {
          type: 'edit',
          edit: {
            original_message_id: spec.originalWamid,
            message: { type: 'text', text: { body: spec.text } },
          },
        };
      case 'revoke':
        return { type: 'revoke', revoke: { original_message_id: spec.originalWamid } };
      case 'request_welcome':
        return { type: 'request_welcome' };
    }
  }

  private media(
    number: SandboxNumber,
    kind: MediaKind,
    spec: { bytes?: Uint8Array; mimeType?: string },
    extra: { caption?: string; filename?: string; voice?: boolean; animated?: boolean },
  ): Record<string, unknown> {
    const mimeType = spec.mimeType ?? inboundMime(kind, extra);
    const id = newMediaId();
    const bytes = spec.bytes ? Buffer.from(spec.bytes) : generatedMediaBytes(mimeType, id);
    const stored = this.deps.media.put({
      id,
      owner: { phoneNumberId: number.phoneNumberId, wabaId: number.wabaId },
      bytes,
      mimeType,
      origin: 'webhook',
      filename: extra.filename,
    });
    const media: Record<string, unknown> = {};
    if (extra.caption !== undefined) media.caption = extra.caption;
    if (extra.filename !== undefined) media.filename = extra.filename;
    media.mime_type = mimeType;
    media.sha256 = stored.sha256Base64;
    media.id = stored.id;
    media.url = this.deps.media.downloadUrl(this.deps.baseUrl(), stored, 'webhook');
    if (kind === 'audio') media.voice = extra.voice === true;
    if (kind === 'sticker') media.animated = extra.animated === true;
    return media;
  }
}

import { InboundMessageInput, MessageMedia } from '@switchboard/conversations';
import { z } from 'zod';
import { describeIssues } from './describe-issues';
import { baseMessageSchema, mediaSchema, MetaContact, MetaError } from './webhook-payload.schema';

// Built once: constructing a zod schema costs far more than using it.
const TEXT = z.looseObject({ body: z.string() });
const REVOKE = z.looseObject({ original_message_id: z.string() });
const LOCATION = z.looseObject({
  latitude: z.number(),
  longitude: z.number(),
  name: z.string().optional(),
  address: z.string().optional(),
});
const CONTACT_CARDS = z.array(
  z.looseObject({ name: z.looseObject({ formatted_name: z.string().optional() }).optional() }),
);
const BUTTON = z.looseObject({ text: z.string().optional(), payload: z.string().optional() });
const REACTION = z.looseObject({ message_id: z.string(), emoji: z.string().optional() });
const ORDER = z.looseObject({ product_items: z.array(z.unknown()).optional(), text: z.string().optional() });
const SYSTEM = z.looseObject({
  body: z.string().optional(),
  type: z.string().optional(),
  wa_id: z.string().optional(),
});
const EDIT = z.looseObject({
  original_message_id: z.string(),
  message: z.looseObject({ type: z.string().optional() }).optional(),
});
const REPLY = z.looseObject({ id: z.string(), title: z.string(), description: z.string().optional() });

export type NormalizedMessage = Omit<InboundMessageInput, 'numberId' | 'departmentId' | 'wabaId'>;

export class UnusableItemError extends Error {}

const MEDIA_TYPES = new Set(['image', 'audio', 'video', 'document', 'sticker']);

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const toMessageError = (e: MetaError) => ({
  code: typeof e.code === 'number' ? e.code : null,
  title: e.title ?? e.message ?? 'Unknown error',
  details: e.error_data?.details,
});

function typed<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new UnusableItemError(`${what}: ${describeIssues(r.error)}`);
  }
  return r.data;
}

/**
 * Meta's message object → our channel-agnostic input. Throws UnusableItemError (kept as a visible
 * failure on the event) only when the message cannot be stored at all; an unknown *type* is stored as
 * `unsupported` so nothing a customer sent is lost.
 */
export function normalizeInboundMessage(raw: unknown, contacts: MetaContact[]): NormalizedMessage {
  const m = typed(baseMessageSchema, raw, 'message');
  const waId = m.from || undefined;
  const bsuid = m.from_user_id || undefined;
  if (!waId && !bsuid) throw new UnusableItemError('message has neither `from` nor `from_user_id`');
  const profile = contacts.find((c) => (waId && c.wa_id === waId) || (bsuid && c.user_id === bsuid));
  const timestamp = new Date(Number(m.timestamp) * 1000);
  const payload = obj((m as Json)[m.type]);

  const out: NormalizedMessage = {
    contact: {
      waId: waId ?? profile?.wa_id ?? null,
      bsuid: bsuid ?? profile?.user_id ?? null,
      profileName: profile?.profile?.name ?? null,
      username: profile?.profile?.username ?? null,
    },
    wamid: m.id,
    type: m.type,
    timestamp,
    body: null,
    content: {},
    replyToWamid: m.context?.id ?? null,
    isCustomerTurn: true,
    opensWindow: true,
  };
  if (m.context && (m.context.forwarded || m.context.frequently_forwarded || m.context.referred_product)) {
    out.content.context = {
      forwarded: m.context.forwarded ?? false,
      frequentlyForwarded: m.context.frequently_forwarded ?? false,
      referredProduct: m.context.referred_product,
    };
  }
  if (m.referral) out.content.referral = m.referral;
  if (m.errors?.length) out.content.errors = m.errors.map(toMessageError);

  switch (m.type) {
    case 'text':
      out.body = typed(TEXT, payload, 'text').body;
      out.content.text = out.body;
      break;
    case 'image':
    case 'audio':
    case 'video':
    case 'document':
    case 'sticker': {
      const media = typed(mediaSchema, payload, m.type);
      const ref: MessageMedia = {
        metaId: media.id,
        mimeType: media.mime_type,
        sha256: media.sha256,
        caption: media.caption,
        filename: media.filename,
        voice: media.voice,
        animated: media.animated,
        state: 'pending',
      };
      out.media = ref;
      out.body = media.caption ?? media.filename ?? null;
      break;
    }
    case 'location': {
      const loc = typed(LOCATION, payload, 'location');
      out.content.location = loc;
      out.body = loc.name ?? loc.address ?? `📍 ${loc.latitude}, ${loc.longitude}`;
      break;
    }
    case 'contacts': {
      const cards = typed(CONTACT_CARDS, (m as Json).contacts, 'contacts');
      out.content.contacts = cards;
      out.body = cards.map((c) => c.name?.formatted_name ?? 'contact').join(', ');
      break;
    }
    case 'interactive':
      normalizeInteractive(payload, out);
      break;
    case 'button': {
      const b = typed(BUTTON, payload, 'button');
      out.content.button = { text: b.text ?? null, payload: b.payload ?? null };
      out.body = b.text ?? b.payload ?? null;
      break;
    }
    case 'reaction': {
      const r = typed(REACTION, payload, 'reaction');
      out.content.reaction = { targetWamid: r.message_id, emoji: r.emoji || null };
      out.body = r.emoji || null;
      out.isCustomerTurn = false;
      break;
    }
    case 'order': {
      const o = typed(ORDER, payload, 'order');
      out.content.order = o;
      out.body = o.text ?? `Order with ${o.product_items?.length ?? 0} item(s)`;
      break;
    }
    case 'system': {
      const s = typed(SYSTEM, payload, 'system');
      out.content.system = s;
      out.body = s.body ?? null;
      out.isCustomerTurn = false;
      out.opensWindow = false;
      if (s.type === 'user_changed_number' && s.wa_id)
        out.effect = { kind: 'identity_change', newWaId: s.wa_id };
      break;
    }
    case 'edit': {
      const e = typed(EDIT, payload, 'edit');
      const edited = obj(e.message);
      const newBody = str(obj(edited.text).body) ?? str(obj(edited[str(edited.type) ?? '']).caption) ?? null;
      out.content.edit = { originalWamid: e.original_message_id, message: edited };
      out.body = newBody;
      out.isCustomerTurn = false;
      out.effect = { kind: 'edit', originalWamid: e.original_message_id, body: newBody, content: edited };
      break;
    }
    case 'revoke': {
      const r = typed(REVOKE, payload, 'revoke');
      out.content.revoke = { originalWamid: r.original_message_id };
      out.isCustomerTurn = false;
      out.effect = { kind: 'revoke', originalWamid: r.original_message_id };
      break;
    }
    case 'request_welcome':
      break;
    case 'unsupported':
      out.content.unsupported = { kind: str(payload.type) ?? null };
      break;
    default:
      // A type this version does not know yet: keep it, visibly, rather than drop what the customer sent.
      out.type = 'unsupported';
      out.content.unsupported = {
        kind: m.type,
        note: `message type "${m.type}" is not supported by this version of Switchboard`,
      };
      out.content.raw = payload;
  }
  if (MEDIA_TYPES.has(out.type) && !out.media)
    throw new UnusableItemError(`${out.type} message without media`);
  return out;
}

function normalizeInteractive(payload: Json, out: NormalizedMessage): void {
  const kind = str(payload.type);
  if (kind === 'button_reply' || kind === 'list_reply') {
    const reply = typed(REPLY, payload[kind], kind);
    out.content.interactive = {
      kind,
      id: reply.id,
      title: reply.title,
      description: reply.description ?? null,
    };
    out.body = reply.title;
  } else if (kind === 'nfm_reply') {
    const nfm = obj(payload.nfm_reply);
    let response: unknown = null;
    let responseError: string | null = null;
    const rawJson = str(nfm.response_json);
    if (rawJson === undefined) responseError = 'response_json is missing';
    else {
      try {
        response = JSON.parse(rawJson);
      } catch (e) {
        responseError = `response_json is not valid JSON: ${(e as Error).message}`;
      }
    }
    out.content.interactive = {
      kind,
      name: str(nfm.name) ?? null,
      response,
      responseError,
      responseJson: rawJson ?? null,
    };
    out.body = str(nfm.body) ?? 'Form submitted';
  } else {
    out.content.interactive = { kind: kind ?? 'unknown', raw: payload };
    out.body = null;
  }
}

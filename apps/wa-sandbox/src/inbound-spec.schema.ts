import { z } from 'zod';
import type { InboundSpec } from './inbound-spec';

/** Zod mirror of InboundSpec for the control API (bytes travel as base64 in `bytesBase64`). */
const referral = z.object({
  source_url: z.string(),
  source_id: z.string(),
  source_type: z.enum(['ad', 'post']),
  body: z.string().optional(),
  headline: z.string().optional(),
  media_type: z.enum(['image', 'video']).optional(),
  image_url: z.string().optional(),
  video_url: z.string().optional(),
  thumbnail_url: z.string().optional(),
  ctwa_clid: z.string().optional(),
  welcome_message: z.object({ text: z.string() }).optional(),
});

const common = {
  contextWamid: z.string().min(1).optional(),
  forwarded: z.boolean().optional(),
  frequentlyForwarded: z.boolean().optional(),
  referral: referral.optional(),
};
const mimeType = z.string().min(1).optional();

const contactCard = z.object({
  name: z.object({
    formatted_name: z.string().min(1),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    middle_name: z.string().optional(),
  }),
  phones: z
    .array(z.object({ phone: z.string(), wa_id: z.string().optional(), type: z.string().optional() }))
    .optional(),
  emails: z.array(z.object({ email: z.string(), type: z.string().optional() })).optional(),
  org: z
    .object({
      company: z.string().optional(),
      department: z.string().optional(),
      title: z.string().optional(),
    })
    .optional(),
  addresses: z.array(z.record(z.string(), z.string())).optional(),
  urls: z.array(z.object({ url: z.string(), type: z.string().optional() })).optional(),
  birthday: z.string().optional(),
});

export const inboundSpecSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), body: z.string().min(1), ...common }),
  z.object({ type: z.literal('image'), caption: z.string().optional(), mimeType, ...common }),
  z.object({ type: z.literal('audio'), voice: z.boolean().optional(), mimeType, ...common }),
  z.object({ type: z.literal('video'), caption: z.string().optional(), mimeType, ...common }),
  z.object({
    type: z.literal('document'),
    filename: z.string().min(1),
    caption: z.string().optional(),
    mimeType,
    ...common,
  }),
  z.object({ type: z.literal('sticker'), animated: z.boolean().optional(), ...common }),
  z.object({
    type: z.literal('location'),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    name: z.string().optional(),
    address: z.string().optional(),
    url: z.string().optional(),
    ...common,
  }),
  z.object({ type: z.literal('contacts'), cards: z.array(contactCard).min(1), ...common }),
  z.object({ type: z.literal('button_reply'), id: z.string().min(1), title: z.string().min(1), ...common }),
  z.object({
    type: z.literal('list_reply'),
    id: z.string().min(1),
    title: z.string().min(1),
    description: z.string().optional(),
    ...common,
  }),
  z.object({
    type: z.literal('nfm_reply'),
    responseJson: z.string(),
    name: z.string().optional(),
    body: z.string().optional(),
    ...common,
  }),
  z.object({ type: z.literal('button'), payload: z.string(), text: z.string().min(1), ...common }),
  z.object({ type: z.literal('reaction'), messageId: z.string().min(1), emoji: z.string(), ...common }),
  z.object({
    type: z.literal('order'),
    items: z
      .array(
        z.object({
          product_retailer_id: z.string().min(1),
          quantity: z.number().int().positive(),
          item_price: z.number(),
          currency: z.string().length(3),
        }),
      )
      .min(1),
    catalogId: z.string().optional(),
    text: z.string().optional(),
    ...common,
  }),
  z.object({
    type: z.literal('system'),
    systemType: z.literal('user_changed_number'),
    newWaId: z.string().regex(/^\d+$/),
    ...common,
  }),
  z.object({ type: z.literal('unsupported'), kind: z.string().optional(), ...common }),
  z.object({ type: z.literal('edit'), originalWamid: z.string().min(1), text: z.string().min(1), ...common }),
  z.object({ type: z.literal('revoke'), originalWamid: z.string().min(1), ...common }),
  z.object({ type: z.literal('request_welcome'), ...common }),
]);

/** Fields next to the spec in POST /_sim/customers/{waId}/messages. */
export const customerMessageEnvelopeSchema = z.object({
  phoneNumberId: z.string().regex(/^\d+$/, 'phoneNumberId must be digits'),
  name: z.string().min(1).optional(),
  bsuid: z.string().min(1).optional(),
  bytesBase64: z.string().optional(),
});

export function toInboundSpec(parsed: z.infer<typeof inboundSpecSchema>, bytesBase64?: string): InboundSpec {
  const spec: InboundSpec = parsed;
  if (bytesBase64 === undefined) return spec;
  const bytes = Buffer.from(bytesBase64, 'base64');
  switch (spec.type) {
    case 'image':
    case 'audio':
    case 'video':
    case 'document':
    case 'sticker':
      return { ...spec, bytes };
    default:
      return spec;
  }
}

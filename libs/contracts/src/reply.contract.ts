import { z } from 'zod';

const mediaRef = z
  .object({
    /** A public https link Meta fetches, or a Meta media id from an upload. */
    link: z.url().max(2048, 'must be at most 2048 characters').optional(),
    mediaId: z.string().min(1).max(128).optional(),
    caption: z.string().max(1024).optional(),
    filename: z.string().max(240).optional(),
  })
  .strict()
  .refine((m) => Boolean(m.link) !== Boolean(m.mediaId), 'give exactly one of link or mediaId');

/** A named template's variable ({{customer_name}}); positional templates ({{1}}) take none. */
const parameterName = z.string().min(1).max(60);

const textParameter = z
  .object({
    type: z.literal('text'),
    text: z.string().min(1).max(1024),
    parameterName: parameterName.optional(),
  })
  .strict();

/** Body variables: Meta's send API takes text, currency and date_time for them. */
const bodyParameter = z.discriminatedUnion('type', [
  textParameter,
  z
    .object({
      type: z.literal('currency'),
      /** Shown where the customer's app cannot localise the amount. */
      fallbackValue: z.string().min(1).max(256),
      /** ISO 4217, e.g. BRL. */
      code: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as BRL'),
      /** The amount times 1000 (R$ 12,34 → 12340). */
      amount1000: z.number().int(),
      parameterName: parameterName.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('date_time'),
      fallbackValue: z.string().min(1).max(256),
      parameterName: parameterName.optional(),
    })
    .strict(),
]);

const mediaHeader = (type: 'image' | 'video' | 'document') =>
  z
    .object({
      type: z.literal(type),
      link: z.url().max(2048, 'must be at most 2048 characters').optional(),
      mediaId: z.string().min(1).max(128).optional(),
      ...(type === 'document' ? { filename: z.string().min(1).max(240).optional() } : {}),
    })
    .strict()
    .refine((m) => Boolean(m.link) !== Boolean(m.mediaId), 'give exactly one of link or mediaId');

/** The header variable: text for a TEXT header with a variable, the media or location for those headers. */
const headerParameter = z.union([
  textParameter,
  mediaHeader('image'),
  mediaHeader('video'),
  mediaHeader('document'),
  z
    .object({
      type: z.literal('location'),
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      name: z.string().max(1024).optional(),
      address: z.string().max(1024).optional(),
    })
    .strict(),
]);

/** Index of the button in the template's BUTTONS component, from 0. */
const buttonIndex = z.number().int().min(0).max(9);

/** A product's SKU in the WABA's catalog ("Content ID" in Commerce Manager). */
const productRetailerId = z.string().min(1).max(100);

/** One section of a multi-product template: a title and its products (Meta: at most 30 products in all). */
const mpmSection = z
  .object({
    title: z.string().min(1).max(24),
    productRetailerIds: z.array(productRetailerId).min(1).max(30),
  })
  .strict();

/**
 * A button's variable: a quick reply's payload (echoed back when tapped), a dynamic URL's suffix (also the code of
 * an authentication template's one-time-password button, as Meta's API takes it), a copy-code button's coupon,
 * or the `action` Meta's catalog, multi-product (MPM) and flow buttons take: a catalog's thumbnail product, an
 * MPM's thumbnail and product sections, a flow's token and first-screen data.
 */
const buttonParameter = z.discriminatedUnion('type', [
  z
    .object({ index: buttonIndex, type: z.literal('quick_reply'), payload: z.string().min(1).max(256) })
    .strict(),
  z.object({ index: buttonIndex, type: z.literal('url'), text: z.string().min(1).max(2000) }).strict(),
  z
    .object({ index: buttonIndex, type: z.literal('copy_code'), couponCode: z.string().min(1).max(15) })
    .strict(),
  z
    .object({
      index: buttonIndex,
      type: z.literal('catalog'),
      /** Optional at Meta: without it the catalog's first item is the thumbnail. */
      thumbnailProductRetailerId: productRetailerId.optional(),
    })
    .strict(),
  z
    .object({
      index: buttonIndex,
      type: z.literal('mpm'),
      thumbnailProductRetailerId: productRetailerId,
      sections: z
        .array(mpmSection)
        .min(1)
        .max(10)
        .refine(
          (sections) => sections.reduce((n, s) => n + s.productRetailerIds.length, 0) <= 30,
          'at most 30 products in all sections together',
        ),
    })
    .strict(),
  z
    .object({
      index: buttonIndex,
      type: z.literal('flow'),
      /** Meta sends "unused" when none is given. */
      flowToken: z.string().min(1).max(1024).optional(),
      /** Data for the flow's first screen. */
      flowActionData: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
]);
export type TemplateButtonParameter = z.infer<typeof buttonParameter>;
export type TemplateHeaderParameter = z.infer<typeof headerParameter>;
export type TemplateBodyParameter = z.infer<typeof bodyParameter>;

/** POST /api/conversations/:id/messages */
export const replyRequest = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('text'),
      text: z.string().trim().min(1, 'must not be empty').max(4096, 'must be at most 4096 characters'),
      replyToMessageId: z.uuid().optional(),
      previewUrl: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      type: z.enum(['image', 'document', 'audio', 'video', 'sticker']),
      media: mediaRef,
      replyToMessageId: z.uuid().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('template'),
      /** Checked against the stored (synced) template before anything is queued: 422 names the parameter. */
      template: z
        .object({
          name: z.string().min(1).max(512),
          language: z.string().min(2).max(15),
          header: headerParameter.optional(),
          bodyParameters: z.array(bodyParameter).max(100).default([]),
          buttons: z.array(buttonParameter).max(10).default([]),
        })
        .strict(),
    })
    .strict(),
]);
export type ReplyRequest = z.infer<typeof replyRequest>;
export type TemplateReply = Extract<ReplyRequest, { type: 'template' }>['template'];

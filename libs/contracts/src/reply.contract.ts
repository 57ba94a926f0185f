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

const templateParameter = z.union([
  z
    .object({
      type: z.literal('text'),
      text: z.string().min(1).max(1024),
      parameterName: z.string().max(60).optional(),
    })
    .strict(),
]);

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
      template: z
        .object({
          name: z.string().min(1).max(512),
          language: z.string().min(2).max(15),
          bodyParameters: z.array(templateParameter).max(100).default([]),
        })
        .strict(),
    })
    .strict(),
]);
export type ReplyRequest = z.infer<typeof replyRequest>;

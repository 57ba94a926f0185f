import { z } from 'zod';

/** One template as GET /{waba-id}/message_templates lists it; what the store needs must be there. */
export const graphTemplate = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(512),
  language: z.string().min(1).max(32),
  status: z.string().min(1).max(64),
  category: z.string().min(1).max(64),
  quality_score: z.object({ score: z.string().max(32).optional() }).optional(),
  components: z.array(z.unknown()).default([]),
  // Meta leaves it out for templates created before named parameters existed: those are positional.
  parameter_format: z.enum(['POSITIONAL', 'NAMED']).default('POSITIONAL'),
});
export type GraphTemplate = z.infer<typeof graphTemplate>;

export const graphTemplatePage = z.object({
  data: z.array(graphTemplate),
  paging: z
    .object({
      cursors: z.object({ after: z.string().max(512).optional() }).optional(),
      next: z.string().optional(),
    })
    .optional(),
});

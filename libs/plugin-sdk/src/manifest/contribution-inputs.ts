import type { z } from 'zod';
import type { pipelineContributionSchema } from './pipeline-contribution';
import type {
  cardActionSchema,
  messageTemplateSchema,
  routingRuleSchema,
  slaPolicySchema,
  triageIntentSchema,
} from './process-contributions';

/** What a plugin writes (defaults optional), for contributions kept in their own files. */
export type PipelineInput = z.input<typeof pipelineContributionSchema>;
export type MessageTemplateInput = z.input<typeof messageTemplateSchema>;
export type RoutingRuleInput = z.input<typeof routingRuleSchema>;
export type SlaPolicyInput = z.input<typeof slaPolicySchema>;
export type TriageIntentInput = z.input<typeof triageIntentSchema>;
export type CardActionInput = z.input<typeof cardActionSchema>;

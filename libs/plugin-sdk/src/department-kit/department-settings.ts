import { z } from 'zod';
import { businessHoursSchema } from '../business-hours';

/**
 * Settings most department plugins share; extend it for your own (`departmentSettingsSchema.extend({...})`).
 * Every key has a default: installations start from `parse({})`.
 */
export const departmentSettingsSchema = z.object({
  /** Language of the templates sent to customers (the runtime's sendTemplate reads this key). */
  language: z.enum(['en', 'pt-BR', 'es']).default('en'),
  /** Send the greeting template when a new conversation opens a card. */
  greetNewConversations: z.boolean().default(true),
  /** Outside these hours a customer gets the out-of-hours template. */
  businessHours: businessHoursSchema.default(() => businessHoursSchema.parse({})),
  /** Follow the closing message with the satisfaction survey. */
  csatOnClose: z.boolean().default(true),
});

export type DepartmentSettings = z.output<typeof departmentSettingsSchema>;

import { z } from 'zod';

/**
 * A request body's JSON Schema for the OpenAPI document, as the client writes it (`io: 'input'`: fields with a
 * default are optional). Transforms and refinements have no JSON Schema form and are left out, not refused.
 */
export const requestBodySchema = (schema: z.ZodType): Record<string, unknown> =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;

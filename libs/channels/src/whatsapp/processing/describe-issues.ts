import { z } from 'zod';

/** A zod error as one line naming each bad field: `text.body expected string; timestamp …`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(value)'} ${i.message}`).join('; ');
}

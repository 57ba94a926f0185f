import { z } from 'zod';

/** At most this many quick replies per department: a picker, not a knowledge base. */
export const MAX_QUICK_REPLIES_PER_DEPARTMENT = 200;

/**
 * The placeholders a quick reply's text may hold; the composer fills them in before the agent sends, so the
 * agent sees (and may edit) the final text. Anything else between double braces is refused.
 */
export const QUICK_REPLY_PLACEHOLDERS = ['contact.name', 'agent.name'] as const;
export type QuickReplyPlaceholder = (typeof QUICK_REPLY_PLACEHOLDERS)[number];

// Linear on any input: no brace inside, at most 64 characters, trimmed after the match (no overlapping `\s*`
// around a lazy run, which backtracked cubically on an unclosed `{{` and many spaces).
const PLACEHOLDER = /\{\{([^{}]{0,64})\}\}/g;

/** The placeholders in `text` that are not known (empty: every one is). */
export const unknownPlaceholders = (text: string): string[] =>
  [...text.matchAll(PLACEHOLDER)]
    .map((m) => m[1].trim())
    .filter((name) => !(QUICK_REPLY_PLACEHOLDERS as readonly string[]).includes(name));

const shortcut = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'a shortcut is 1–32 lowercase letters, digits, - or _');
const title = z.string().trim().min(1).max(80);
const text = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  // zod runs a refinement even when max failed: the scan only reads text within the limit.
  .refine((t) => t.length > 2000 || unknownPlaceholders(t).length === 0, {
    message: `unknown placeholder; only ${QUICK_REPLY_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`,
  });

export const createQuickReplyRequest = z.object({ shortcut, title, text }).strict();
export type CreateQuickReplyRequest = z.infer<typeof createQuickReplyRequest>;

export const updateQuickReplyRequest = z
  .object({ shortcut: shortcut.optional(), title: title.optional(), text: text.optional() })
  .strict()
  .refine((b) => b.shortcut !== undefined || b.title !== undefined || b.text !== undefined, {
    message: 'give at least one of shortcut, title or text',
  });
export type UpdateQuickReplyRequest = z.infer<typeof updateQuickReplyRequest>;

export interface QuickReplyView {
  id: string;
  departmentId: string;
  shortcut: string;
  title: string;
  text: string;
  updatedAt: string;
}

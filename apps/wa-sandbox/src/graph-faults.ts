import { z } from 'zod';
import { GraphError } from './graph-errors';

/**
 * One injected Graph failure: requests matching `method` (any when absent) and `path` answer Meta's error instead
 * of the real handler, after the token check (a bad token is still 401 first, as at Meta). `delayMs` holds the
 * request that long first (alone, without `error`, the real handler then answers: a slow Meta). `times`: that many
 * matching requests are hit, then the rule is spent; absent, it holds until the rules are replaced.
 */
export const graphFaultRuleSchema = z
  .strictObject({
    method: z.enum(['GET', 'POST', 'DELETE']).optional(),
    /** The Graph path after the version, e.g. `400000000000001/message_templates`; `*` stands for one segment. */
    path: z
      .string()
      .min(1)
      .max(500)
      .regex(
        /^[^/]+(\/[^/]+)*$/,
        'a path like {waba-id}/message_templates, without the version or slashes around',
      ),
    error: z
      .strictObject({
        httpStatus: z.number().int().min(400).max(599).default(400),
        code: z.number().int().min(0),
        subcode: z.number().int().min(0).optional(),
        type: z.enum(['OAuthException', 'GraphMethodException']).optional(),
        /** Graph's `error.message`, verbatim (Meta's own text, e.g. "(#80008) There have been too many calls…"). */
        message: z.string().min(1).max(2000),
        /** The `error_user_title` / `error_user_msg` that business-management errors carry. */
        userTitle: z.string().max(500).optional(),
        userMessage: z.string().max(2000).optional(),
      })
      .optional(),
    delayMs: z.number().int().min(1).max(60_000).optional(),
    times: z.number().int().min(1).optional(),
  })
  .refine((r) => r.error !== undefined || r.delayMs !== undefined, 'give error, delayMs or both');
export type GraphFaultRule = z.input<typeof graphFaultRuleSchema>;
type ParsedRule = z.output<typeof graphFaultRuleSchema>;

/** `POST /_sim/faults`: the whole rule list, replacing the previous one (`[]` clears). */
export const graphFaultsSchema = z.strictObject({ rules: z.array(graphFaultRuleSchema).max(100) });

/** The Graph fault rules in force and how many times each has fired. */
export class GraphFaults {
  private rules: { rule: ParsedRule; left: number | undefined; fired: number }[] = [];

  set(rules: GraphFaultRule[]): void {
    this.rules = graphFaultsSchema
      .parse({ rules })
      .rules.map((rule) => ({ rule, left: rule.times, fired: 0 }));
  }

  list(): { rules: (ParsedRule & { fired: number; left: number | null })[] } {
    return { rules: this.rules.map((r) => ({ ...r.rule, fired: r.fired, left: r.left ?? null })) };
  }

  /**
   * What to do with this request, spending one use of the first rule that matches: wait `delayMs`, then answer
   * `error` (or let the real handler answer); undefined when no rule matches.
   */
  take(method: string, path: string): { delayMs?: number; error?: GraphError } | undefined {
    const segments = path.split('/').filter((s) => s !== '');
    const hit = this.rules.find(
      (r) =>
        (r.left === undefined || r.left > 0) &&
        (!r.rule.method || r.rule.method === method) &&
        matches(r.rule.path.split('/'), segments),
    );
    if (!hit) return undefined;
    if (hit.left !== undefined) hit.left--;
    hit.fired++;
    const e = hit.rule.error;
    return {
      delayMs: hit.rule.delayMs,
      error: e
        ? new GraphError(e.httpStatus, e.code, e.message, undefined, {
            type: e.type,
            subcode: e.subcode,
            rawMessage: e.message,
            userTitle: e.userTitle,
            userMessage: e.userMessage,
          })
        : undefined,
    };
  }
}

const matches = (pattern: string[], segments: string[]) =>
  pattern.length === segments.length && pattern.every((p, i) => p === '*' || p === segments[i]);

import { str } from '../json-value';

/** Daily limits as Graph reports a number's messaging_limit_tier. */
const TIER_BY_LIMIT: Record<string, string> = {
  '50': 'TIER_50',
  '250': 'TIER_250',
  '1000': 'TIER_1K',
  '2000': 'TIER_2K',
  '10000': 'TIER_10K',
  '100000': 'TIER_100K',
  '-1': 'TIER_UNLIMITED',
  UNLIMITED: 'TIER_UNLIMITED',
};

/**
 * The tier a webhook names, in Graph's TIER_* spelling: Meta sends max_daily_conversations_per_business (a TIER_*
 * string, or a count such as 2000, -1 for unlimited), max_daily_conversation_per_phone, or the older current_limit.
 */
export function messagingTier(v: Record<string, unknown>): string | null {
  for (const key of [
    'max_daily_conversations_per_business',
    'max_daily_conversation_per_phone',
    'max_daily_conversations_per_phone',
    'current_limit',
  ]) {
    const raw = str(v[key]);
    if (raw === undefined) continue;
    if (/^TIER_/.test(raw)) return raw;
    if (TIER_BY_LIMIT[raw]) return TIER_BY_LIMIT[raw];
  }
  return null;
}

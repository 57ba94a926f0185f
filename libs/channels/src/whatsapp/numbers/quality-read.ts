import { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@switchboard/engine';
import type { PhoneNumberFields } from '../graph/graph-client';
import { NumberHistory } from './number-history.service';

/**
 * A quality rating read from Graph (GET /{phone-number-id}) that differs from the stored one is a point on the
 * number's quality history (from unknown too): a `quality_changed` event with the webhook's detail shape,
 * `metaEvent` null and `source` naming what read it. Call it on `tx` before the read fields are stored; the row is
 * locked here.
 */
export async function recordQualityRead(
  tx: EntityManager,
  history: NumberHistory,
  numberId: string,
  fields: PhoneNumberFields | null,
  source: 'connection_test',
): Promise<void> {
  const rating = fields?.quality_rating;
  if (!rating) return;
  const [stored] = await sql<{ quality_rating: string | null; messaging_limit_tier: string | null }>(
    tx,
    'select quality_rating, messaging_limit_tier from whatsapp_numbers where id = ? for update',
    [numberId],
  );
  // Unknown before (never read, or a quality event that named no rating) counts: it is when the rating was learnt.
  if (!stored || stored.quality_rating === rating) return;
  await history.record(tx, numberId, 'quality_changed', {
    metaEvent: null,
    source,
    qualityRating: rating,
    previousQualityRating: stored.quality_rating,
    messagingLimitTier: fields.messaging_limit_tier ?? stored.messaging_limit_tier,
    previousMessagingLimitTier: stored.messaging_limit_tier,
    occurredAt: new Date().toISOString(),
  });
}

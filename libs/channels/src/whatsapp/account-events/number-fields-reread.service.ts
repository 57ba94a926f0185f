import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import { GraphClient } from '../graph/graph-client';
import { NumberHistory } from '../numbers/number-history.service';
import { NumberRegistry } from '../numbers/number-registry.service';

/**
 * Reads a number's quality rating from Graph (GET /{phone-number-id}?fields=quality_rating,..., as the connection
 * test does) when a quality event said it moved without saying to what, and records what Meta reports as a
 * quality_changed point on the number's history (the detail shape the health view reads; metaEvent null: no event
 * named it, Graph did; source as on a connection test's point).
 */
@Injectable()
export class NumberFieldsRereadService {
  private readonly logger = new Logger(NumberFieldsRereadService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly registry: NumberRegistry,
    private readonly graph: GraphClient,
    private readonly history: NumberHistory,
  ) {}

  async reread(numberId: string): Promise<{ numberId: string; qualityRating: string | null } | null> {
    const number = await this.registry.byId(numberId);
    if (!number) return null;
    let qualityRating: string | null;
    try {
      qualityRating = (await this.graph.phoneNumber(number, number.phoneNumberId)).quality_rating ?? null;
    } catch (e) {
      // The rating stays unknown; the next quality event or connection test reads it again.
      this.logger.warn(`quality re-read of number ${numberId} failed: ${(e as Error).message}`);
      return null;
    }
    await this.em.fork().transactional(async (tx) => {
      const [row] = await sql<{ quality_rating: string | null; messaging_limit_tier: string | null }>(
        tx,
        'select quality_rating, messaging_limit_tier from whatsapp_numbers where id = ? for no key update',
        [numberId],
      );
      if (!row) return;
      await sql(tx, 'update whatsapp_numbers set quality_rating = ?, updated_at = now() where id = ?', [
        qualityRating,
        numberId,
      ]);
      await this.history.record(tx, numberId, 'quality_changed', {
        metaEvent: null,
        source: 'quality_event',
        qualityRating,
        previousQualityRating: row.quality_rating,
        messagingLimitTier: row.messaging_limit_tier,
        previousMessagingLimitTier: row.messaging_limit_tier,
        occurredAt: new Date().toISOString(),
      });
    });
    return { numberId, qualityRating };
  }
}

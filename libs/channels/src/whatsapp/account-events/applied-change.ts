import type { EntityManager } from '@mikro-orm/postgresql';
import type { StagedJob } from '@switchboard/engine';
import type { AccountEventOutcome } from '../entities/account-event.entity';
import type { AccountChange } from './account-change';

/** What applying one change did: recorded on its account-event row. */
export interface AppliedChange {
  outcome: AccountEventOutcome;
  templateId?: string | null;
  detail: Record<string, unknown>;
}

/** The processing transaction a change is applied in, and where jobs to publish after its commit go. */
export interface ApplyContext {
  em: EntityManager;
  inboundEventId: string;
  /** The change's own whatsapp_account_events row (set once it is claimed). */
  accountEventId?: string;
  receivedAt: Date;
  jobs: StagedJob[];
}

/** Meta's time for the change, or our receipt when Meta sent none. */
export const effectiveTime = (change: AccountChange, ctx: ApplyContext): Date =>
  change.occurredAt ?? ctx.receivedAt;

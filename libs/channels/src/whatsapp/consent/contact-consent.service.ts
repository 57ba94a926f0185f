import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { MarketingConsentView, PutMarketingConsentRequest } from '@switchboard/contracts';
import { ContactScope, VisibleContact } from '@switchboard/conversations';
import { AccessScope, AuditLog } from '@switchboard/identity';
import { ConsentView, MarketingConsentService } from './marketing-consent.service';

/** A contact's marketing consent through the API: read, and consent collected elsewhere recorded (audited). */
@Injectable()
export class ContactConsentService {
  constructor(
    private readonly em: EntityManager,
    private readonly contacts: ContactScope,
    private readonly consent: MarketingConsentService,
    private readonly audit: AuditLog,
    private readonly scope: AccessScope,
  ) {}

  async get(contactId: string): Promise<MarketingConsentView> {
    const contact = await this.contacts.visible(contactId, 'conversations.read');
    const waId = requireWaId(contact);
    return toView(contact, waId, await this.consent.view(contact.wabaId, waId));
  }

  async put(contactId: string, body: PutMarketingConsentRequest): Promise<MarketingConsentView> {
    const contact = await this.contacts.visible(contactId, 'conversations.reply');
    const waId = requireWaId(contact);
    await this.em.fork().transactional(async (tx) => {
      const actor = this.scope.actor();
      await this.consent.record(tx, {
        wabaId: contact.wabaId,
        waId,
        state: body.state,
        at: new Date(),
        source: 'api',
        actorId: actor.id,
        note: body.note,
      });
      await this.audit.record(
        {
          action: 'contact.marketing_consent_set',
          targetType: 'contact',
          targetId: contact.id,
          departmentId: contact.departmentId,
          details: { state: body.state, wabaId: contact.wabaId, ...(body.note ? { note: body.note } : {}) },
        },
        tx,
      );
    });
    return toView(contact, waId, await this.consent.view(contact.wabaId, waId));
  }
}

function requireWaId(contact: VisibleContact): string {
  if (!contact.waId)
    throw new UnprocessableEntityException(
      `contact ${contact.id} has no wa_id (known only by its business-scoped user id): Meta keys marketing preferences by wa_id`,
    );
  return contact.waId;
}

const toView = (contact: VisibleContact, waId: string, v: ConsentView): MarketingConsentView => ({
  contactId: contact.id,
  wabaId: contact.wabaId,
  waId,
  state: v.state,
  since: v.since?.toISOString() ?? null,
  source: v.source,
  history: v.history.map((h) => ({
    state: h.state,
    at: h.at.toISOString(),
    recordedAt: h.recordedAt.toISOString(),
    source: h.source,
    applied: h.applied,
    inboundEventId: h.inboundEventId,
    actorId: h.actorId,
    note: h.note,
  })),
});

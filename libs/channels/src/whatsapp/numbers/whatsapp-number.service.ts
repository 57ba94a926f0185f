import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, SecretBox, sql } from '@switchboard/engine';
import { WhatsappNumber } from '../entities/whatsapp-number.entity';
import { NumberHistory } from './number-history.service';
import { NumberRegistry } from './number-registry.service';
import { secretFingerprint } from './secret-fingerprint';

export interface RegisterNumberInput {
  phoneNumberId: string;
  displayPhoneNumber: string;
  wabaId: string;
  departmentId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  graphBaseUrl?: string;
  graphVersion?: string;
}

/** Registers and maintains WhatsApp numbers; secrets are sealed before they touch the database. */
@Injectable()
export class WhatsappNumberService {
  constructor(
    private readonly em: EntityManager,
    private readonly box: SecretBox,
    private readonly registry: NumberRegistry,
    private readonly history: NumberHistory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Creates the number, or updates it (credentials, department) when the phone_number_id exists. */
  async upsert(input: RegisterNumberInput): Promise<WhatsappNumber> {
    const em = this.em.fork();
    const sealed = {
      displayPhoneNumber: input.displayPhoneNumber,
      wabaId: input.wabaId,
      departmentId: input.departmentId,
      graphBaseUrl: input.graphBaseUrl ?? this.config.whatsapp.graphBaseUrl,
      graphVersion: input.graphVersion ?? this.config.whatsapp.graphVersion,
      accessTokenSealed: this.box.seal(input.accessToken),
      appSecretSealed: this.box.seal(input.appSecret),
      appSecretFingerprint: secretFingerprint(input.appSecret),
      verifyTokenSealed: this.box.seal(input.verifyToken),
      verifyTokenDigest: this.box.digest(input.verifyToken),
      health: 'active' as const,
      healthReason: null,
      updatedAt: new Date(),
    };
    let number = await em.findOne(WhatsappNumber, { phoneNumberId: input.phoneNumberId });
    if (number) em.assign(number, sealed);
    else
      number = em.create(WhatsappNumber, {
        ...sealed,
        phoneNumberId: input.phoneNumberId,
        createdAt: new Date(),
      });
    await em.flush();
    this.registry.invalidate();
    return number;
  }

  /** True when some number was registered with this verify token (Meta's GET handshake). */
  async verifyTokenKnown(token: string, em: EntityManager = this.em.fork()): Promise<boolean> {
    if (!token) return false;
    return (await em.count(WhatsappNumber, { verifyTokenDigest: this.box.digest(token) })) > 0;
  }

  /** Meta answered 190: the token is expired or revoked; sends stop until an admin sets a new token. */
  async markTokenInvalid(numberId: string, reason: string): Promise<void> {
    await this.em.fork().transactional(async (tx) => {
      // Only the change goes on the history: sends refused while the token is invalid do not repeat it.
      const changed = await sql<{ id: string }>(
        tx,
        `update whatsapp_numbers set health = 'token_invalid', health_reason = ?, updated_at = now()
          where id = ? and health <> 'token_invalid' returning id`,
        [reason, numberId],
      );
      if (changed.length) await this.history.record(tx, numberId, 'token_invalid', { reason });
    });
    this.registry.invalidate();
  }
}

import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { NumberView, RotateCredentialsRequest } from '@switchboard/contracts';
import { APP_CONFIG, AppConfig, SecretBox } from '@switchboard/engine';
import { AuditLog } from '@switchboard/identity';
import { ConnectionCheck, WhatsappNumber } from '../entities/whatsapp-number.entity';
import { ConnectionTestService, connectionTestFailed } from './connection-test.service';
import { NumberAdminService } from './number-admin.service';
import { NumberHistory } from './number-history.service';
import { NumberRegistry } from './number-registry.service';
import { assertNotArchived, numberArchived } from './not-archived';
import { secretFingerprint } from './secret-fingerprint';

/**
 * Rotating a number's access token or app secret. A new token is checked against Graph first and refused (422,
 * nothing changed) when it does not work; when it does, a number Meta had refused (190) is active again and its
 * sends resume. The previous app secret keeps verifying deliveries for `whatsapp.appSecretOverlapMinutes`, so
 * Meta's retries signed before the switch are not lost. A new token's check replaces the token check kept from the
 * last connection test (the health view reads it). An archived number is refused (409): unarchive it first.
 */
@Injectable()
export class NumberCredentialsService {
  constructor(
    private readonly em: EntityManager,
    private readonly box: SecretBox,
    private readonly admin: NumberAdminService,
    private readonly connection: ConnectionTestService,
    private readonly history: NumberHistory,
    private readonly audit: AuditLog,
    private readonly registry: NumberRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async rotate(id: string, body: RotateCredentialsRequest): Promise<NumberView> {
    const visible = await this.admin.get(id);
    assertNotArchived(visible);
    let tokenCheck: ConnectionCheck | null = null;
    if (body.accessToken !== undefined) {
      const stored = await this.em.fork().findOneOrFail(WhatsappNumber, { id });
      const { check } = await this.connection.tokenCheck({
        phoneNumberId: stored.phoneNumberId,
        accessToken: body.accessToken,
        graphBaseUrl: stored.graphBaseUrl,
        graphVersion: stored.graphVersion,
      });
      if (!check.ok) throw connectionTestFailed([check]);
      tokenCheck = {
        ...check,
        detail: `${check.detail} (checked on rotation)`,
        at: new Date().toISOString(),
      };
    }
    await this.em.fork().transactional(async (tx) => {
      const number = await tx.findOneOrFail(WhatsappNumber, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (number.archivedAt) throw numberArchived(visible);
      const now = new Date();
      if (body.accessToken !== undefined) {
        const reactivated = number.health === 'token_invalid';
        number.accessTokenSealed = this.box.seal(body.accessToken);
        number.health = 'active';
        number.healthReason = null;
        // The health view reads the token's state from the stored checks: Graph just accepted this one.
        if (tokenCheck)
          number.connectionChecks = [
            tokenCheck,
            ...(number.connectionChecks ?? []).filter((c) => c.name !== 'token'),
          ];
        await this.history.record(tx, id, 'access_token_rotated', { reactivated });
      }
      if (body.appSecret !== undefined) {
        const until = new Date(now.getTime() + this.config.whatsapp.appSecretOverlapMinutes * 60_000);
        number.previousAppSecretSealed = number.appSecretSealed;
        number.previousAppSecretFingerprint = number.appSecretFingerprint;
        number.previousAppSecretUntil = until;
        number.appSecretSealed = this.box.seal(body.appSecret);
        number.appSecretFingerprint = secretFingerprint(body.appSecret);
        await this.history.record(tx, id, 'app_secret_rotated', {
          previousSecretAcceptedUntil: until.toISOString(),
        });
      }
      number.updatedAt = now;
      await tx.flush();
      await this.audit.record(
        {
          action: 'number.credentials_rotated',
          targetType: 'whatsapp_number',
          targetId: id,
          departmentId: visible.departmentId,
          details: { accessToken: body.accessToken !== undefined, appSecret: body.appSecret !== undefined },
        },
        tx,
      );
    });
    this.registry.invalidate();
    return this.admin.get(id);
  }
}

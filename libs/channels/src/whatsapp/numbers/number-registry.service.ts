import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { SecretBox } from '@switchboard/engine';
import { WhatsappNumber } from '../entities/whatsapp-number.entity';

export interface NumberCredentials {
  id: string;
  phoneNumberId: string;
  departmentId: string;
  wabaId: string;
  graphBaseUrl: string;
  graphVersion: string;
  accessToken: string;
  appSecretFingerprint: string;
  /** The app secret before the last rotation: deliveries it signed during the overlap belong to this number too. */
  previousAppSecretFingerprint: string | null;
  previousAppSecretUntil: Date | null;
  /** Disabled or archived by an admin: its deliveries are held, its replies refused. */
  disabled: boolean;
  /** Archived by an admin (also counts as disabled): replies are refused naming it. */
  archived: boolean;
  health: WhatsappNumber['health'];
}

interface Snapshot {
  at: number;
  byPhoneNumberId: Map<string, NumberCredentials>;
  secrets: AppSecret[];
}

/** A secret webhook signatures are checked against; `previousUntil` for a rotated-out one, accepted until then. */
export interface AppSecret {
  fingerprint: string;
  secret: string;
  previousUntil?: Date;
}

/** How long opened secrets stay cached in memory; changes (new number, rotated secret) show up after this. */
const TTL_MS = 5_000;

/**
 * Numbers with their secrets opened, cached briefly so the webhook hot path does not decrypt on every
 * request. Secrets stay in process memory only; they are never logged or returned by the API.
 */
@Injectable()
export class NumberRegistry {
  private snapshot: Snapshot | null = null;
  private loading: Promise<Snapshot> | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly box: SecretBox,
  ) {}

  invalidate(): void {
    this.snapshot = null;
  }

  async byPhoneNumberId(phoneNumberId: string): Promise<NumberCredentials | undefined> {
    return (await this.current()).byPhoneNumberId.get(phoneNumberId);
  }

  async byId(id: string): Promise<NumberCredentials | undefined> {
    return [...(await this.current()).byPhoneNumberId.values()].find((n) => n.id === id);
  }

  /** Distinct app secrets in use: webhook signatures are checked against each. */
  async appSecrets(): Promise<AppSecret[]> {
    return (await this.current()).secrets;
  }

  private async current(): Promise<Snapshot> {
    if (this.snapshot && Date.now() - this.snapshot.at < TTL_MS) return this.snapshot;
    this.loading ??= this.load().finally(() => (this.loading = null));
    this.snapshot = await this.loading;
    return this.snapshot;
  }

  private async load(): Promise<Snapshot> {
    const rows = await this.em.fork().find(WhatsappNumber, {});
    const byPhoneNumberId = new Map<string, NumberCredentials>();
    const secrets = new Map<string, AppSecret>();
    for (const n of rows) {
      byPhoneNumberId.set(n.phoneNumberId, {
        id: n.id,
        phoneNumberId: n.phoneNumberId,
        departmentId: n.departmentId,
        wabaId: n.wabaId,
        graphBaseUrl: n.graphBaseUrl,
        graphVersion: n.graphVersion,
        accessToken: this.box.open(n.accessTokenSealed),
        appSecretFingerprint: n.appSecretFingerprint,
        previousAppSecretFingerprint: n.previousAppSecretFingerprint ?? null,
        previousAppSecretUntil: n.previousAppSecretUntil ?? null,
        disabled: Boolean(n.disabledAt || n.archivedAt),
        archived: Boolean(n.archivedAt),
        health: n.health,
      });
      if (!secrets.get(n.appSecretFingerprint) || secrets.get(n.appSecretFingerprint)?.previousUntil)
        secrets.set(n.appSecretFingerprint, {
          fingerprint: n.appSecretFingerprint,
          secret: this.box.open(n.appSecretSealed),
        });
    }
    // A secret still current for some number is never "previous"; otherwise the latest overlap applies.
    for (const n of rows) {
      const fingerprint = n.previousAppSecretFingerprint;
      if (!fingerprint || !n.previousAppSecretSealed || !n.previousAppSecretUntil) continue;
      const known = secrets.get(fingerprint);
      if (known && !known.previousUntil) continue;
      if (known?.previousUntil && known.previousUntil >= n.previousAppSecretUntil) continue;
      secrets.set(fingerprint, {
        fingerprint,
        secret: this.box.open(n.previousAppSecretSealed),
        previousUntil: n.previousAppSecretUntil,
      });
    }
    return { at: Date.now(), byPhoneNumberId, secrets: [...secrets.values()] };
  }
}

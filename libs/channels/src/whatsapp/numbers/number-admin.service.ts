import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { ListNumbersQuery, NumberView, RegisterNumberRequest } from '@switchboard/contracts';
import { APP_CONFIG, AppConfig, keysetPage, readCursor, SecretBox, sql } from '@switchboard/engine';
import { AccessScope, AuditLog } from '@switchboard/identity';
import type { ConnectionCheck } from '../entities/whatsapp-number.entity';
import { WhatsappNumber } from '../entities/whatsapp-number.entity';
import type { PhoneNumberFields } from '../graph/graph-client';
import { TemplateSyncService } from '../templates/template-sync.service';
import { ConnectionTestService, connectionTestFailed } from './connection-test.service';
import { NumberHistory } from './number-history.service';
import { NumberRegistry } from './number-registry.service';
import { recordQualityRead } from './quality-read';
import { secretFingerprint } from './secret-fingerprint';

/**
 * Checks, on the registering transaction, that a number may be bound to the department: visible to the actor (404
 * otherwise) and not archived (409). Given by whoever owns departments.
 */
export type OpenDepartment = (tx: EntityManager, departmentId: string) => Promise<void>;

interface Row {
  id: string;
  phone_number_id: string;
  display_phone_number: string;
  waba_id: string;
  department_id: string;
  health: string;
  health_reason: string | null;
  verified_name: string | null;
  quality_rating: string | null;
  messaging_limit_tier: string | null;
  name_status: string | null;
  throughput_level: string | null;
  connection_checked_at: Date | null;
  connection_checks: ConnectionCheck[] | null;
  previous_app_secret_until: Date | null;
  disabled_at: Date | null;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Never the sealed columns: secrets are write-only. */
const COLUMNS = `n.id, n.phone_number_id, n.display_phone_number, n.waba_id, n.department_id, n.health,
  n.health_reason, n.verified_name, n.quality_rating, n.messaging_limit_tier, n.name_status, n.throughput_level,
  n.connection_checked_at, n.connection_checks, n.previous_app_secret_until, n.disabled_at, n.archived_at, n.created_at, n.updated_at`;

const toView = (r: Row): NumberView => ({
  id: r.id,
  phoneNumberId: r.phone_number_id,
  displayPhoneNumber: r.display_phone_number,
  wabaId: r.waba_id,
  departmentId: r.department_id,
  health: r.health,
  healthReason: r.health_reason,
  verifiedName: r.verified_name,
  qualityRating: r.quality_rating,
  messagingLimitTier: r.messaging_limit_tier,
  nameStatus: r.name_status,
  throughputLevel: r.throughput_level,
  connectionTest:
    r.connection_checked_at && r.connection_checks
      ? {
          ok: r.connection_checks.every((c) => c.ok),
          at: new Date(r.connection_checked_at).toISOString(),
          checks: r.connection_checks,
        }
      : null,
  previousAppSecretAcceptedUntil: r.previous_app_secret_until
    ? new Date(r.previous_app_secret_until).toISOString()
    : null,
  disabledAt: r.disabled_at ? new Date(r.disabled_at).toISOString() : null,
  archivedAt: r.archived_at ? new Date(r.archived_at).toISOString() : null,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** Graph's fields as stored on the number; the display number as digits, like numbers registered from config. */
const reported = (f: PhoneNumberFields) => ({
  verifiedName: f.verified_name ?? null,
  qualityRating: f.quality_rating ?? null,
  messagingLimitTier: f.messaging_limit_tier ?? null,
  nameStatus: f.name_status ?? null,
  throughputLevel: f.throughput?.level ?? null,
});

/**
 * Registering, listing and testing WhatsApp numbers. Seeing a number follows its department (as departments do):
 * numbers of a members-only department the actor holds no role in answer 404, like ids that do not exist.
 */
@Injectable()
export class NumberAdminService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
    private readonly audit: AuditLog,
    private readonly box: SecretBox,
    private readonly registry: NumberRegistry,
    private readonly connection: ConnectionTestService,
    private readonly templates: TemplateSyncService,
    private readonly history: NumberHistory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(q: ListNumbersQuery): Promise<{ items: NumberView[]; nextCursor: string | null }> {
    const cursor = readCursor(q.cursor, 'cursor');
    const within = this.scope.condition('conversations.read', 'n.department_id');
    const rows = await sql<Row>(
      this.em,
      `select ${COLUMNS} from whatsapp_numbers n
        where (?::timestamptz is null or (n.created_at, n.id) > (?::timestamptz, ?::uuid)) and ${within.sql}
          and (n.archived_at is not null) = ?::boolean
        order by n.created_at, n.id limit ?`,
      [
        cursor?.at ?? null,
        cursor?.at ?? null,
        cursor?.id ?? null,
        ...within.params,
        q.archived === 'true',
        q.limit + 1,
      ],
    );
    const page = keysetPage(rows, q.limit, (r) => ({ at: new Date(r.created_at), id: r.id }));
    return { items: page.rows.map(toView), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<NumberView> {
    return toView(await this.visible(this.em, id));
  }

  /**
   * Registers a number only when every connection check passes; otherwise 422 with each check, and nothing is
   * stored. The row is written on the transaction before the handshake check, so the handshake finds the new
   * verify token; a failure rolls it back.
   */
  async register(body: RegisterNumberRequest, openDepartment: OpenDepartment): Promise<NumberView> {
    try {
      const view = await this.em.fork().transactional(async (tx) => {
        await openDepartment(tx, body.departmentId);
        // One registration at a time: the phone_number_id and verify-token checks below cannot race.
        await sql(tx, `select pg_advisory_xact_lock(hashtext('whatsapp_numbers.register'))`);
        const [taken] = await sql<{ id: string; archived_at: Date | null }>(
          tx,
          'select id, archived_at from whatsapp_numbers where phone_number_id = ?',
          [body.phoneNumberId],
        );
        if (taken?.archived_at)
          throw new ConflictException(
            `phone_number_id ${body.phoneNumberId} is already registered and archived; unarchive that number (POST /api/numbers/:id/unarchive) instead of registering it again`,
          );
        if (taken) throw duplicatePhoneNumberId(body.phoneNumberId);
        const digest = this.box.digest(body.verifyToken);
        const [reused] = await sql<{ id: string }>(
          tx,
          'select id from whatsapp_numbers where verify_token_digest = ? limit 1',
          [digest],
        );
        if (reused)
          throw new ConflictException('this verify token is already used by another number; choose another');

        const target = {
          phoneNumberId: body.phoneNumberId,
          wabaId: body.wabaId,
          accessToken: body.accessToken,
          verifyToken: body.verifyToken,
          graphBaseUrl: this.config.whatsapp.graphBaseUrl,
          graphVersion: this.config.whatsapp.graphVersion,
        };
        const { checks, fields } = await this.connection.graphChecks(target);
        const now = new Date();
        const number = tx.create(WhatsappNumber, {
          phoneNumberId: body.phoneNumberId,
          displayPhoneNumber: (fields?.display_phone_number ?? '').replace(/\D/g, ''),
          wabaId: body.wabaId,
          departmentId: body.departmentId,
          graphBaseUrl: target.graphBaseUrl,
          graphVersion: target.graphVersion,
          accessTokenSealed: this.box.seal(body.accessToken),
          appSecretSealed: this.box.seal(body.appSecret),
          appSecretFingerprint: secretFingerprint(body.appSecret),
          verifyTokenSealed: this.box.seal(body.verifyToken),
          verifyTokenDigest: digest,
          health: 'active',
          healthReason: null,
          ...(fields ? reported(fields) : {}),
          connectionCheckedAt: now,
          createdAt: now,
          updatedAt: now,
        });
        await tx.flush();
        checks.push(await this.connection.verifyTokenCheck(body.verifyToken, tx));
        if (!checks.every((c) => c.ok)) throw connectionTestFailed(checks);
        number.connectionChecks = checks;
        await tx.flush();
        await this.audit.record(
          {
            action: 'number.registered',
            targetType: 'whatsapp_number',
            targetId: number.id,
            departmentId: body.departmentId,
            details: {
              phoneNumberId: body.phoneNumberId,
              wabaId: body.wabaId,
              displayPhoneNumber: number.displayPhoneNumber,
            },
          },
          tx,
        );
        return toView(await this.visible(tx, number.id));
      });
      this.registry.invalidate();
      // The number is registered whatever Meta answers here: a failed sync is kept on the WABA's sync state.
      await this.templates.syncQuietly(view.id);
      return view;
    } catch (e) {
      // The unique index decides, should a registration bypass the lock.
      if (e instanceof UniqueConstraintViolationException) throw duplicatePhoneNumberId(body.phoneNumberId);
      throw e;
    }
  }

  /**
   * Runs the connection test on a stored number and keeps its results (200 whatever they are). A quality rating
   * that differs from the stored one is a point on the quality history.
   */
  async testConnection(id: string): Promise<NumberView> {
    const row = await this.visible(this.em, id);
    const stored = await this.em.fork().findOneOrFail(WhatsappNumber, { id: row.id });
    const target = {
      phoneNumberId: stored.phoneNumberId,
      wabaId: stored.wabaId,
      accessToken: this.box.open(stored.accessTokenSealed),
      verifyToken: this.box.open(stored.verifyTokenSealed),
      graphBaseUrl: stored.graphBaseUrl,
      graphVersion: stored.graphVersion,
    };
    const { checks, fields } = await this.connection.graphChecks(target);
    checks.push(await this.connection.verifyTokenCheck(target.verifyToken));
    return this.em.fork().transactional(async (tx) => {
      await recordQualityRead(tx, this.history, id, fields, 'connection_test');
      await sql(
        tx,
        `update whatsapp_numbers set connection_checked_at = now(), connection_checks = ?::jsonb,
                verified_name = coalesce(?, verified_name), quality_rating = coalesce(?, quality_rating),
                messaging_limit_tier = coalesce(?, messaging_limit_tier), name_status = coalesce(?, name_status),
                throughput_level = coalesce(?, throughput_level), updated_at = now()
          where id = ?`,
        [JSON.stringify(checks), ...Object.values(fields ? reported(fields) : reported({})), id],
      );
      await this.audit.record(
        {
          action: 'number.connection_tested',
          targetType: 'whatsapp_number',
          targetId: id,
          departmentId: row.department_id,
          details: { ok: checks.every((c) => c.ok), failed: checks.filter((c) => !c.ok).map((c) => c.name) },
        },
        tx,
      );
      return toView(await this.visible(tx, id));
    });
  }

  /** The number when the actor may see its department; 404 when absent or hidden. */
  private async visible(em: EntityManager, id: string): Promise<Row> {
    const [row] = await sql<Row>(em, `select ${COLUMNS} from whatsapp_numbers n where n.id = ?`, [id]);
    this.scope.assertIn('conversations.read', row?.department_id ?? null, `number ${id}`);
    return row;
  }
}

const duplicatePhoneNumberId = (id: string) =>
  new ConflictException(`phone_number_id ${id} is already registered`);

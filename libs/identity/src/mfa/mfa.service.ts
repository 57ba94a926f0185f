import { EntityManager } from '@mikro-orm/postgresql';
import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig, SecretBox, sql } from '@switchboard/engine';
import { requestContext } from '../access/request-context';
import { AuditLog } from '../audit/audit-log.service';
import { LoginThrottle } from '../auth/login-throttle.service';
import { matchTotp, newTotpSecret, otpauthUri } from './totp';

interface MfaRow {
  id: string;
  email: string;
  is_admin: boolean;
  mfa_secret: string | null;
  mfa_pending_secret: string | null;
  mfa_enabled_at: Date | null;
  mfa_last_step: string | null;
}

export interface MfaSetup {
  secret: string;
  otpauthUri: string;
}

/** A code that is not the app's current one; `code` lets a client say so in its own words. */
const mismatch = {
  statusCode: 400,
  error: 'Bad Request',
  message: 'the code does not match',
  code: 'wrong_code',
};

/** TOTP second factor: secrets sealed at rest, each code accepted once. */
@Injectable()
export class MfaService {
  constructor(
    private readonly em: EntityManager,
    private readonly secrets: SecretBox,
    private readonly audit: AuditLog,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether signing in needs a code (enabled), or first a setup (an admin, when the policy requires it). */
  async requirement(userId: string): Promise<'none' | 'code' | 'setup'> {
    const u = await this.row(userId);
    if (u.mfa_enabled_at) return 'code';
    return u.is_admin && this.config.auth.mfa.requiredForAdmins ? 'setup' : 'none';
  }

  async enabled(userId: string): Promise<boolean> {
    return (await this.row(userId)).mfa_enabled_at !== null;
  }

  /**
   * Starts (or restarts) setup: a new pending secret, shown once. The current factor stays until confirmed, and
   * replacing a factor that is on needs a current code from it, so a stolen session cannot swap in its own app.
   */
  async begin(userId: string, currentCode?: string): Promise<MfaSetup> {
    const u = await this.row(userId);
    if (u.mfa_enabled_at) {
      if (!currentCode)
        throw new BadRequestException(
          'two-factor sign-in is on: replacing it needs a current code from the app in use (code)',
        );
      await this.checkCounted(u, currentCode);
    }
    const secret = newTotpSecret();
    await sql(this.em, 'update users set mfa_pending_secret = ?, updated_at = now() where id = ?', [
      this.secrets.seal(secret),
      userId,
    ]);
    return { secret, otpauthUri: otpauthUri(secret, u.email) };
  }

  /** Confirms setup with a code from the new secret; the pending secret becomes the factor. */
  async confirm(userId: string, code: string): Promise<void> {
    await this.em.transactional(async (em) => {
      const u = await this.row(userId, em, true);
      if (!u.mfa_pending_secret)
        throw new BadRequestException('no two-factor setup in progress; start one first');
      const step = matchTotp(this.secrets.open(u.mfa_pending_secret), code.trim(), null);
      if (step === null)
        throw new BadRequestException({
          ...mismatch,
          message: 'the code does not match; check the app and the clock',
        });
      await sql(
        em,
        `update users set mfa_secret = mfa_pending_secret, mfa_pending_secret = null, mfa_enabled_at = now(),
                mfa_last_step = ?, updated_at = now() where id = ?`,
        [step, userId],
      );
      await this.audit.record({ action: 'user.mfa.enabled', targetType: 'user', targetId: userId }, em);
    });
  }

  /** Checks a sign-in code against the enabled factor and consumes it. */
  async check(userId: string, code: string): Promise<boolean> {
    return this.em.transactional(async (em) => {
      const u = await this.row(userId, em, true);
      if (!u.mfa_secret) return false;
      const last = u.mfa_last_step === null ? null : Number(u.mfa_last_step);
      const step = matchTotp(this.secrets.open(u.mfa_secret), code.trim(), last);
      if (step === null) return false;
      await sql(em, 'update users set mfa_last_step = ? where id = ?', [step, userId]);
      return true;
    });
  }

  /** Turns the factor off after a valid code; refused for admins while the policy requires it. */
  async disable(userId: string, code: string): Promise<void> {
    const u = await this.row(userId);
    if (!u.mfa_enabled_at) throw new ConflictException('two-factor sign-in is not enabled');
    if (u.is_admin && this.config.auth.mfa.requiredForAdmins)
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: 'two-factor sign-in is required for admins in this installation',
        code: 'mfa_required',
      });
    await this.checkCounted(u, code);
    await this.em.transactional(async (em) => {
      await sql(
        em,
        `update users set mfa_secret = null, mfa_pending_secret = null, mfa_enabled_at = null, mfa_last_step = null,
                updated_at = now() where id = ?`,
        [userId],
      );
      await this.audit.record({ action: 'user.mfa.disabled', targetType: 'user', targetId: userId }, em);
    });
  }

  /** A code from a signed-in user: a wrong one counts toward the sign-in lockout, so codes cannot be guessed here. */
  private async checkCounted(u: MfaRow, code: string): Promise<void> {
    const booking = await this.throttle.reserve(u.email, requestContext.ip() ?? 'unknown');
    if (!(await this.check(u.id, code))) throw new BadRequestException(mismatch);
    await this.throttle.withdraw(booking);
  }

  private async row(userId: string, em: EntityManager = this.em, lock = false): Promise<MfaRow> {
    const rows = await sql<MfaRow>(
      em,
      `select id, email, is_admin, mfa_secret, mfa_pending_secret, mfa_enabled_at, mfa_last_step from users where id = ?${lock ? ' for update' : ''}`,
      [userId],
    );
    if (!rows[0]) throw new NotFoundException(`user ${userId} not found`);
    return rows[0];
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { MfaChallengeResponse, UserView } from '@switchboard/contracts';
import { APP_CONFIG, AppConfig, uuidv7 } from '@switchboard/engine';
import { AuditLog } from '../audit/audit-log.service';
import { MfaChallengeService } from '../mfa/mfa-challenge.service';
import { MfaService } from '../mfa/mfa.service';
import { toUserView, UserRepository } from '../users/user.repository';
import { LoginThrottle } from './login-throttle.service';
import { PasswordHasher } from './password-hasher';
import { SessionRepository, SessionRow } from './session.repository';
import { TokenService } from './token.service';

export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: Date;
  user: UserView;
}

interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

const INVALID = 'email or password is incorrect';

/** Sign-in, refresh-token rotation with reuse detection, and sign-out. */
@Injectable()
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLog,
    private readonly mfa: MfaService,
    private readonly challenges: MfaChallengeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks the password (used by the passport-local strategy). Same answer and timing for unknown e-mails. The
   * attempt is counted before the check; a right password withdraws it but does not reset the count: only a
   * completed sign-in does (a right password followed by a wrong code leaves the failures standing).
   */
  async verifyCredentials(emailInput: string, password: string, client: ClientInfo): Promise<UserView> {
    const email = emailInput.trim().toLowerCase();
    const booking = await this.throttle.reserve(email, client.ip);
    const user = await this.users.byEmail(email);
    const ok = await this.hasher.verify(user?.password_hash, password);
    if (!user || !ok || user.status !== 'active') {
      await this.audit.record({
        action: 'auth.login.failed',
        targetType: user ? 'user' : undefined,
        targetId: user?.id,
        details: { reason: !user ? 'unknown_email' : !ok ? 'wrong_password' : 'disabled' },
        actor: { type: 'anonymous', label: email },
      });
      throw new UnauthorizedException(INVALID);
    }
    await this.throttle.withdraw(booking);
    return toUserView(user);
  }

  /**
   * After the password (or, later, SSO): a session, or a second-factor challenge when the user has a factor or
   * must set one up. Every way of signing in goes through here, so the factor cannot be skipped.
   */
  async completeLogin(
    user: UserView,
    client: ClientInfo,
    details: Record<string, unknown> = {},
  ): Promise<IssuedTokens | MfaChallengeResponse> {
    const need = await this.mfa.requirement(user.id);
    if (need === 'none') return this.startSession(user, client, details);
    const challenge: MfaChallengeResponse = {
      mfaRequired: true,
      mfaSetupRequired: need === 'setup',
      mfaToken: await this.challenges.issue(user.id),
    };
    return need === 'setup' ? { ...challenge, ...(await this.mfa.begin(user.id)) } : challenge;
  }

  /** What the second step needs, for a client holding only the challenge (after single sign-on). */
  async describeChallenge(mfaToken: string): Promise<MfaChallengeResponse> {
    const userId = await this.challenges.peek(mfaToken);
    if (!userId) throw new UnauthorizedException('the sign-in step has expired; sign in again');
    const need = await this.mfa.requirement(userId);
    if (need === 'none') throw new UnauthorizedException('no second factor is pending; sign in again');
    const challenge: MfaChallengeResponse = {
      mfaRequired: true,
      mfaSetupRequired: need === 'setup',
      mfaToken,
    };
    return need === 'setup' ? { ...challenge, ...(await this.mfa.begin(userId)) } : challenge;
  }

  /**
   * The second step: a TOTP code (confirming a new factor when setup was required), then a session. The challenge
   * is spent by this call whatever the outcome, and a wrong code counts toward the e-mail's lockout.
   */
  async verifySecondFactor(mfaToken: string, code: string, client: ClientInfo): Promise<IssuedTokens> {
    const userId = await this.challenges.spend(mfaToken);
    const user = userId ? await this.users.byId(userId) : null;
    if (!user || user.status !== 'active')
      throw new UnauthorizedException('the sign-in step has expired or was already used; sign in again');
    const booking = await this.throttle.reserve(user.email, client.ip);
    const need = await this.mfa.requirement(user.id);
    let ok = false;
    if (need === 'code') ok = await this.mfa.check(user.id, code);
    else if (need === 'setup')
      ok = await this.mfa.confirm(user.id, code).then(
        () => true,
        () => false,
      );
    if (!ok) {
      await this.audit.record({
        action: 'auth.mfa.failed',
        targetType: 'user',
        targetId: user.id,
        actor: { type: 'anonymous', label: user.email },
      });
      throw new UnauthorizedException('the code does not match; sign in again');
    }
    await this.throttle.withdraw(booking);
    return this.startSession(toUserView(user), client, { mfa: true });
  }

  /** A new login: a new session family. */
  async startSession(
    user: UserView,
    client: ClientInfo,
    details: Record<string, unknown> = {},
  ): Promise<IssuedTokens> {
    const issued = await this.em.transactional((em) => this.issue(em, user, uuidv7(), client));
    await this.throttle.succeeded(user.email, client.ip);
    await this.users.touchLogin(user.id);
    await this.audit.record({
      action: 'auth.login.succeeded',
      targetType: 'user',
      targetId: user.id,
      details,
      actor: { type: 'user', id: user.id, label: user.email },
    });
    return issued;
  }

  /**
   * Exchanges a refresh token for a new pair. A token that was already exchanged means someone else holds a copy:
   * the whole family is revoked and both holders must sign in again.
   */
  async refresh(refreshToken: string, client: ClientInfo): Promise<IssuedTokens> {
    if (!refreshToken.trim()) throw new UnauthorizedException('refresh token is missing');
    type Outcome = { tokens: IssuedTokens } | { error: string; reused?: SessionRow };
    const outcome = await this.em.transactional(async (em): Promise<Outcome> => {
      const tokenHash = this.tokens.hashRefresh(refreshToken);
      const seen = await this.sessions.byTokenHash(em, tokenHash);
      if (!seen) return { error: 'refresh token is not valid' };
      // The user first, then the session: a revocation of the user's sessions waits for this rotation or sees it.
      await this.sessions.lockUser(em, seen.user_id, 'share');
      const session = await this.sessions.byTokenHashForUpdate(em, tokenHash);
      if (!session) return { error: 'refresh token is not valid' };
      if (session.revoked_at) return { error: 'session was signed out' };
      if (session.rotated_at) {
        await this.sessions.revokeFamily(em, session.family_id, 'refresh_token_reused');
        return {
          error: 'refresh token was already used; every session of this login was signed out',
          reused: session,
        } as const;
      }
      if (new Date(session.expires_at).getTime() <= Date.now()) return { error: 'session expired' };
      const user = await this.users.byId(session.user_id, em);
      if (!user || user.status !== 'active') return { error: 'account is disabled' };
      await this.sessions.markRotated(em, session.id);
      return { tokens: await this.issue(em, toUserView(user), session.family_id, client) };
    });
    if ('tokens' in outcome) return outcome.tokens;
    if (outcome.reused) {
      await this.audit.record({
        action: 'auth.refresh.reused',
        targetType: 'user',
        targetId: outcome.reused.user_id,
        details: { familyId: outcome.reused.family_id },
        actor: { type: 'anonymous' },
      });
    }
    throw new UnauthorizedException(outcome.error);
  }

  /** Signs out the login the refresh token belongs to (its whole family). Unknown tokens are ignored. */
  async logout(refreshToken: string | undefined): Promise<void> {
    if (!refreshToken?.trim()) return;
    const userId = await this.em.transactional(async (em) => {
      const session = await this.sessions.byTokenHashForUpdate(em, this.tokens.hashRefresh(refreshToken));
      if (!session || session.revoked_at) return null;
      await this.sessions.revokeFamily(em, session.family_id, 'logout');
      return session.user_id;
    });
    if (userId)
      await this.audit.record({
        action: 'auth.logout',
        targetType: 'user',
        targetId: userId,
        actor: { type: 'user', id: userId },
      });
  }

  /** Revokes every session of a user (their own "sign out everywhere", or an admin's action). */
  async revokeAll(userId: string, reason: string): Promise<number> {
    const n = await this.em.transactional((em) => this.sessions.revokeUser(em, userId, reason));
    await this.audit.record({
      action: 'auth.sessions.revoked',
      targetType: 'user',
      targetId: userId,
      details: { reason, sessions: n },
    });
    return n;
  }

  private async issue(
    em: EntityManager,
    user: UserView,
    familyId: string,
    client: ClientInfo,
  ): Promise<IssuedTokens> {
    const sessionId = uuidv7();
    const refresh = this.tokens.newRefreshToken();
    const refreshExpiresAt = new Date(Date.now() + this.config.auth.refreshTokenTtlDays * 86_400_000);
    await this.sessions.insert(em, {
      id: sessionId,
      userId: user.id,
      familyId,
      tokenHash: refresh.hash,
      expiresAt: refreshExpiresAt,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    return {
      accessToken: this.tokens.signAccess({ sub: user.id, sid: sessionId }),
      expiresIn: this.tokens.accessTtlSeconds,
      refreshToken: refresh.token,
      refreshExpiresAt,
      user,
    };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, SecretBox } from '@switchboard/engine';
import jwt from 'jsonwebtoken';
import { hashOpaqueToken, newOpaqueToken } from './opaque-token';

export interface AccessClaims {
  sub: string;
  sid: string;
}

const ISSUER = 'switchboard';
const AUDIENCE = 'switchboard-api';

/** Short-lived access JWTs (HS256, key derived from the installation key) and opaque refresh tokens. */
@Injectable()
export class TokenService {
  readonly signingKey: Buffer;
  private readonly mfaKey: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    secrets: SecretBox,
  ) {
    this.signingKey = secrets.deriveKey('switchboard/access-token/v1');
    this.mfaKey = secrets.deriveKey('switchboard/mfa-challenge/v1');
  }

  get accessTtlSeconds(): number {
    return this.config.auth.accessTokenTtlSeconds;
  }

  signAccess(claims: AccessClaims): string {
    return jwt.sign({ sid: claims.sid }, this.signingKey, {
      algorithm: 'HS256',
      subject: claims.sub,
      issuer: ISSUER,
      audience: AUDIENCE,
      expiresIn: this.accessTtlSeconds,
    });
  }

  /** Options for passport-jwt: the algorithm is pinned, so `alg: none` or RS/HS confusion is refused. */
  get verifyOptions() {
    return { algorithms: ['HS256' as const], issuer: ISSUER, audience: AUDIENCE };
  }

  /** Proof that the password step passed, for the second-factor step only (its own key and audience). */
  signMfaChallenge(userId: string): string {
    return jwt.sign({}, this.mfaKey, {
      algorithm: 'HS256',
      subject: userId,
      issuer: ISSUER,
      audience: 'switchboard-mfa',
      expiresIn: 300,
    });
  }

  /** The user id of a valid challenge, or null. */
  verifyMfaChallenge(token: string): string | null {
    try {
      const claims = jwt.verify(token, this.mfaKey, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: 'switchboard-mfa',
      });
      return typeof claims === 'object' && typeof claims.sub === 'string' ? claims.sub : null;
    } catch {
      return null;
    }
  }

  newRefreshToken(): { token: string; hash: string } {
    const token = newOpaqueToken();
    return { token, hash: hashOpaqueToken(token) };
  }

  hashRefresh(token: string): string {
    return hashOpaqueToken(token);
  }
}

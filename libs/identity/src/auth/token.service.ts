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

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    secrets: SecretBox,
  ) {
    this.signingKey = secrets.deriveKey('switchboard/access-token/v1');
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

  newRefreshToken(): { token: string; hash: string } {
    const token = newOpaqueToken();
    return { token, hash: hashOpaqueToken(token) };
  }

  hashRefresh(token: string): string {
    return hashOpaqueToken(token);
  }
}

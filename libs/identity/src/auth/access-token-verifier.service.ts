import { Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { Actor } from '../access/actor';
import { ActorLoader } from '../access/actor-loader.service';
import { API_TOKEN_PREFIX, ApiTokenService } from '../api-tokens/api-token.service';
import { TokenService } from './token.service';

/** A presented credential that was accepted: its actor now, and how to read the actor again later. */
export interface VerifiedAccess {
  ok: true;
  actor: Actor;
  /** The actor as of now, or null once the session or token was revoked (or the user disabled). */
  recheck(): Promise<Actor | null>;
}

export type AccessVerification = VerifiedAccess | { ok: false; error: string };

/**
 * Checks an access credential outside an HTTP request (a websocket handshake): the same access JWT or API token
 * the REST API accepts, with the same checks (algorithm, issuer, audience, expiry, live session, active user).
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly tokens: TokenService,
    private readonly actors: ActorLoader,
    private readonly apiTokens: ApiTokenService,
  ) {}

  async verify(token: string | undefined): Promise<AccessVerification> {
    if (!token) return refused('no access token');
    if (token.startsWith(API_TOKEN_PREFIX)) {
      const actor = await this.apiTokens.authenticate(token);
      if (!actor) return refused('API token is unknown, revoked or expired, or its creator is disabled');
      return { ok: true, actor, recheck: () => this.apiTokens.liveActor(token) };
    }
    let claims: jwt.JwtPayload | string;
    try {
      claims = jwt.verify(token, this.tokens.signingKey, this.tokens.verifyOptions);
    } catch (e) {
      // jsonwebtoken's messages name the problem: "jwt expired", "invalid signature", "jwt malformed"…
      return refused(e instanceof Error ? e.message : 'access token could not be verified');
    }
    const sub = typeof claims === 'string' ? undefined : claims.sub;
    const sid: unknown = typeof claims === 'string' ? undefined : claims.sid;
    if (typeof sub !== 'string' || typeof sid !== 'string')
      return refused('access token is missing its subject or session');
    const actor = await this.actors.forSession(sub, sid);
    if (!actor) return refused('session was signed out or the account is disabled');
    // The socket lives on while its session does: expiry of the short-lived JWT is checked at the handshake only.
    return { ok: true, actor, recheck: () => this.actors.forSession(sub, sid) };
  }
}

const refused = (detail: string): AccessVerification => ({
  ok: false,
  error: `a valid access token is required: ${detail}`,
});

import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Actor } from '../access/actor';
import { ActorLoader } from '../access/actor-loader.service';
import { TokenService } from './token.service';

interface Claims {
  sub?: unknown;
  sid?: unknown;
}

/** Bearer access tokens (passport-jwt): signature, algorithm, issuer, audience and expiry, then a live session. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    tokens: TokenService,
    private readonly actors: ActorLoader,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: tokens.signingKey,
      ...tokens.verifyOptions,
    });
  }

  async validate(claims: Claims): Promise<Actor> {
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string')
      throw new UnauthorizedException('access token is missing its subject or session');
    const actor = await this.actors.forSession(claims.sub, claims.sid);
    if (!actor) throw new UnauthorizedException('session was signed out or the account is disabled');
    return actor;
  }
}

import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '@switchboard/engine';
import type { Request } from 'express';
import { API_TOKEN_PREFIX, ApiTokenService } from '../api-tokens/api-token.service';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { Actor } from './actor';
import { AUTHENTICATED } from './authenticated.decorator';
import type { Permission } from './permissions';
import { REQUIRED_PERMISSION } from './require-permission.decorator';
import { requestContext } from './request-context';

/**
 * The one gate every route passes: public routes are let through, everything else needs a live session (or a live
 * API token) and the permission the route declares. The actor is put in the request context, where AccessScope reads it for queries.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtAuthGuard,
    private readonly apiTokens: ApiTokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const required = this.reflector.getAllAndOverride<Permission | typeof AUTHENTICATED>(
      REQUIRED_PERMISSION,
      targets,
    );
    if (!required) throw new ForbiddenException('this route declares no permission');
    const actor = await this.authenticate(context);
    requestContext.setActor(actor);
    if (required === AUTHENTICATED) {
      if (actor.type !== 'user')
        throw new ForbiddenException('this route is for signed-in users, not API tokens');
      return true;
    }
    if (!actor.can(required))
      throw new ForbiddenException(
        actor.type === 'api_token'
          ? `this API token is not scoped for ${required}`
          : `your role does not include the permission ${required}`,
      );
    return true;
  }

  /** `Bearer sbt_…` is an API token; any other bearer is an access JWT (passport-jwt). */
  private async authenticate(context: ExecutionContext): Promise<Actor> {
    const req = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (bearer?.startsWith(API_TOKEN_PREFIX)) {
      const actor = await this.apiTokens.authenticate(bearer);
      if (!actor)
        throw new UnauthorizedException(
          'API token is unknown, revoked or expired, or its creator is disabled',
        );
      return actor;
    }
    await this.jwt.canActivate(context);
    if (!(req.user instanceof Actor)) throw new UnauthorizedException('no actor behind this access token');
    return req.user;
  }
}

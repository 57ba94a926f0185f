import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '@switchboard/engine';
import type { Request } from 'express';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { Actor } from './actor';
import { AUTHENTICATED } from './authenticated.decorator';
import type { Permission } from './permissions';
import { REQUIRED_PERMISSION } from './require-permission.decorator';
import { requestContext } from './request-context';

/**
 * The one gate every route passes: public routes are let through, everything else needs a live session and the
 * permission the route declares. The actor is put in the request context, where AccessScope reads it for queries.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtAuthGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const required = this.reflector.getAllAndOverride<Permission | typeof AUTHENTICATED>(
      REQUIRED_PERMISSION,
      targets,
    );
    if (!required) throw new ForbiddenException('this route declares no permission');
    await this.jwt.canActivate(context);
    const actor = context.switchToHttp().getRequest<Request & { user?: Actor }>().user;
    if (!(actor instanceof Actor)) throw new ForbiddenException('no actor');
    requestContext.setActor(actor);
    if (required !== AUTHENTICATED && !actor.can(required))
      throw new ForbiddenException(`your role does not include the permission ${required}`);
    return true;
  }
}

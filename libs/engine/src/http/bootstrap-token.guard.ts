import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Request } from 'express';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { IS_PUBLIC } from './public.decorator';

const sha = (s: string) => createHash('sha256').update(s).digest();

/**
 * Deny-by-default API guard: a route needs the bootstrap admin bearer token unless marked @Public().
 * Interim: the identity module replaces the token with users, roles and API tokens.
 */
@Injectable()
export class BootstrapTokenGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.expected = config.security.bootstrapToken ? sha(config.security.bootstrapToken) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    if (!match || !this.expected || !timingSafeEqual(sha(match[1]), this.expected)) {
      throw new UnauthorizedException('A valid bearer token is required (Authorization: Bearer <token>)');
    }
    return true;
  }
}

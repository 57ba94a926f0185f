import { BadRequestException, ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { loginRequest } from '@switchboard/contracts';
import type { Request } from 'express';

/** Validates the login body strictly (unknown fields refused) before passport-local sees it. */
@Injectable()
export class LocalLoginGuard extends AuthGuard('local') {
  override canActivate(context: ExecutionContext) {
    const req = context.switchToHttp().getRequest<Request>();
    const parsed = loginRequest.safeParse(req.body);
    if (!parsed.success)
      throw new BadRequestException(
        parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
      );
    req.body = parsed.data;
    return super.canActivate(context);
  }
}

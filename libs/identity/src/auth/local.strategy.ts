import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { UserView } from '@switchboard/contracts';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { AuthService } from './auth.service';
import { clientInfo } from './request-info';

/** E-mail + password (passport-local); the checks themselves live in AuthService. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  validate(req: Request, email: string, password: string): Promise<UserView> {
    return this.auth.verifyCredentials(email, password, clientInfo(req));
  }
}

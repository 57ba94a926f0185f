import { Injectable } from '@nestjs/common';
import { requestContext } from '../access/request-context';
import { AuditLog } from '../audit/audit-log.service';
import { LoginThrottle } from '../auth/login-throttle.service';
import { PasswordHasher } from '../auth/password-hasher';
import { fieldRefusal } from './field-refusal';

/**
 * The current password, asked again before a signed-in user changes their e-mail or password. It is checked like a
 * sign-in: booked against the e-mail's lockout and the address's limit first (429 once either is reached), so a
 * stolen session cannot guess it here any faster than at the sign-in form.
 */
@Injectable()
export class CurrentPasswordCheck {
  constructor(
    private readonly throttle: LoginThrottle,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLog,
  ) {}

  async assert(
    user: { id: string; email: string; password_hash: string | null },
    password: string,
  ): Promise<void> {
    if (!user.password_hash) throw noPassword('currentPassword');
    const booking = await this.throttle.reserve(user.email, requestContext.ip() ?? 'unknown');
    if (!(await this.hasher.verify(user.password_hash, password))) {
      await this.audit.record({
        action: 'user.password.check_failed',
        targetType: 'user',
        targetId: user.id,
      });
      throw fieldRefusal(400, 'currentPassword', 'the current password is incorrect', 'wrong_password');
    }
    await this.throttle.withdraw(booking);
  }
}

/** An account that signs in through single sign-on only has no password to check or change. */
export const noPassword = (field: string) =>
  fieldRefusal(
    409,
    field,
    'this account signs in through single sign-on and has no password; change it at your provider',
    'no_password',
  );

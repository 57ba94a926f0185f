import { EntityManager } from '@mikro-orm/postgresql';
import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, sql, uuidv7 } from '@switchboard/engine';

/**
 * Lockout per e-mail and a failure limit per client address, counted in PostgreSQL so every api replica sees the
 * same numbers. The client address is the one Express derives with `trust proxy` set to the exact hop count, so a
 * forged X-Forwarded-For cannot reset it. The answer is the same whether or not the e-mail belongs to a user.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const { lockoutThreshold, lockoutMinutes, ipFailureLimit } = this.config.auth;
    const [row] = await sql<{ by_email: number; by_ip: number }>(
      this.em,
      `select
         (select count(*)::int from login_attempts a
           where a.email = ? and not a.success and a.at > now() - make_interval(mins => ?)
             and a.at > coalesce((select max(at) from login_attempts s where s.email = ? and s.success), '-infinity')) as by_email,
         (select count(*)::int from login_attempts where ip = ? and not success and at > now() - make_interval(mins => ?)) as by_ip`,
      [email, lockoutMinutes, email, ip, lockoutMinutes],
    );
    if (row.by_email >= lockoutThreshold || row.by_ip >= ipFailureLimit) {
      throw new HttpException(
        {
          statusCode: 429,
          error: 'Too Many Requests',
          message: `too many failed sign-ins; try again in ${lockoutMinutes} minutes`,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  async record(email: string, ip: string, success: boolean): Promise<void> {
    await sql(this.em, 'insert into login_attempts (id, email, ip, success, at) values (?, ?, ?, ?, now())', [
      uuidv7(),
      email,
      ip,
      success,
    ]);
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, sql, uuidv7 } from '@switchboard/engine';

/**
 * Lockout per e-mail and a failure limit per client address, counted in PostgreSQL so every api replica sees the
 * same numbers. The client address is the one Express derives with `trust proxy` set to the exact hop count, so a
 * forged X-Forwarded-For cannot reset it. The answer is the same whether or not the e-mail belongs to a user.
 *
 * Every attempt is booked as a failure before its password or code is checked, under a lock on its e-mail and
 * address, so a burst of parallel attempts cannot all pass the check before any of them is counted. A step that
 * passes withdraws its booking; only a completed sign-in (a session issued) resets the e-mail's count.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Books one failed attempt, or answers 429 when the e-mail or the address is locked. Returns the booking. */
  reserve(email: string, ip: string): Promise<string> {
    return this.book(ip, { email, message: 'too many failed sign-ins' });
  }

  /**
   * Books one use of an invitation or reset link against the client address's failure limit (a link names no
   * e-mail), or answers 429. Guessing links and guessing passwords share the one per-address budget.
   */
  reserveForAddress(ip: string): Promise<string> {
    return this.book(ip, { email: null, message: 'too many failed attempts from this address' });
  }

  /**
   * Books a failure for the address, and for `email` when given (its lockout is checked too; without one the row is
   * booked under the placeholder `(link)`, which no lockout reads). 429 with `message` when a limit is reached.
   */
  private async book(ip: string, by: { email: string | null; message: string }): Promise<string> {
    const { lockoutThreshold, lockoutMinutes, ipFailureLimit } = this.config.auth;
    const { email } = by;
    const id = uuidv7();
    const booked = await this.em.transactional(async (em) => {
      // Transaction-scoped locks, taken in a fixed order so two attempts never wait on each other in a cycle.
      const keys = [`login:ip:${ip}`, ...(email === null ? [] : [`login:email:${email}`])].sort();
      for (const key of keys) await sql(em, 'select pg_advisory_xact_lock(hashtextextended(?, 0))', [key]);
      // A statement of its own, so its snapshot includes every booking committed while this one waited.
      const rows = await sql<{ id: string }>(
        em,
        `insert into login_attempts (id, email, ip, success, at)
         select ?, coalesce(?::text, '(link)'), ?, false, now()
          where (?::text is null or (select count(*) from login_attempts a
                  where a.email = ? and not a.success and a.at > now() - make_interval(mins => ?)
                    and a.at > coalesce((select max(at) from login_attempts s where s.email = ? and s.success), '-infinity')) < ?)
            and (select count(*) from login_attempts
                  where ip = ? and not success and at > now() - make_interval(mins => ?)) < ?
         returning id`,
        [
          id,
          email,
          ip,
          email,
          email,
          lockoutMinutes,
          email,
          lockoutThreshold,
          ip,
          lockoutMinutes,
          ipFailureLimit,
        ],
      );
      return rows.length > 0;
    });
    if (!booked)
      throw new HttpException(
        {
          statusCode: 429,
          error: 'Too Many Requests',
          message: `${by.message}; try again in ${lockoutMinutes} minutes`,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    return id;
  }

  /** The step passed (a right password, a right code): it no longer counts as a failure, nor resets the count. */
  async withdraw(bookingId: string): Promise<void> {
    await sql(this.em, 'delete from login_attempts where id = ? and not success', [bookingId]);
  }

  /** A completed sign-in: the e-mail's failures before it stop counting. */
  async succeeded(email: string, ip: string): Promise<void> {
    await sql(
      this.em,
      'insert into login_attempts (id, email, ip, success, at) values (?, ?, ?, true, now())',
      [uuidv7(), email, ip],
    );
  }
}

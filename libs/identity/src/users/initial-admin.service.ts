import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig, ConfigError } from '@switchboard/engine';
import { AuditLog } from '../audit/audit-log.service';
import { PasswordHasher, passwordProblem } from '../auth/password-hasher';
import { UserRepository } from './user.repository';

/** Creates the first admin from auth.initialAdmin while the installation has no admin; never touches one after. */
@Injectable()
export class InitialAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(InitialAdminService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { email, password } = this.config.auth.initialAdmin;
    if (!email) return;
    const problem = passwordProblem(password);
    if (problem) throw new ConfigError([{ key: 'auth.initialAdmin.password', reason: problem }]);
    const created = await this.em.transactional(async (em) => {
      // Several api replicas may boot at once: one creates the admin, the others then see it.
      await em.execute(`select pg_advisory_xact_lock(hashtext('switchboard.initial_admin'))`);
      if ((await this.users.countActiveAdmins(em)) > 0) return null;
      const normalized = email.trim().toLowerCase();
      if (await this.users.byEmail(normalized, em)) return null;
      const id = await this.users.insert(em, {
        email: normalized,
        name: 'Administrator',
        passwordHash: await this.hasher.hash(password),
        isAdmin: true,
      });
      await this.audit.record(
        {
          action: 'user.created',
          targetType: 'user',
          targetId: id,
          details: { email: normalized, isAdmin: true, via: 'initial_admin' },
          actor: { type: 'system' },
        },
        em,
      );
      return normalized;
    });
    if (created) this.logger.log(`created the initial admin ${created}`);
  }
}

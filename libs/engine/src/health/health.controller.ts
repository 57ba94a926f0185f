import { MikroORM } from '@mikro-orm/postgresql';
import { Controller, Get, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../http/public.decorator';

/** Liveness checks only the process (a database outage must not restart every pod); readiness checks PostgreSQL. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(private readonly orm: MikroORM) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready() {
    try {
      await this.orm.em.execute('select 1');
      return { status: 'ok', database: 'up' };
    } catch (e) {
      // The driver's text can name hosts, users and databases: it goes to the log, never to an unauthenticated caller.
      this.logger.error(`readiness check failed: database unavailable: ${(e as Error).message}`);
      throw new ServiceUnavailableException({
        status: 'error',
        database: 'down',
        message: 'database unavailable',
      });
    }
  }
}

import { MikroORM } from '@mikro-orm/postgresql';
import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../http/public.decorator';

/** Liveness checks only the process (a database outage must not restart every pod); readiness checks PostgreSQL. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
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
      throw new ServiceUnavailableException({ status: 'error', database: `down: ${(e as Error).message}` });
    }
  }
}

import { EntityClass } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Module } from '@nestjs/common';
import { buildOrmConfig } from './mikro-orm.config';

@Module({})
export class DatabaseModule {
  /** `url` is resolved before boot (embedded PostgreSQL may have been started for it). */
  static forRoot(url: string, poolMax: number, entities: EntityClass<unknown>[]): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        MikroOrmModule.forRoot({
          ...buildOrmConfig({ url, poolMax, entities }),
          registerRequestContext: false,
        }),
      ],
      exports: [],
    };
  }
}

import { Global, Module } from '@nestjs/common';
import { DepartmentDirectory } from '@switchboard/engine';
import { PipelinesDepartmentDirectory } from './department-directory.provider';

/** Global, so identity's providers (a library below pipelines) can inject the engine's DepartmentDirectory port. */
@Global()
@Module({
  providers: [{ provide: DepartmentDirectory, useClass: PipelinesDepartmentDirectory }],
  exports: [DepartmentDirectory],
})
export class DepartmentDirectoryModule {}

import { Global, Module } from '@nestjs/common';
import { DepartmentDirectory } from '@switchboard/engine';
import { DepartmentCalendarResolver } from './department-calendar.resolver';
import { PipelinesDepartmentDirectory } from './department-directory.provider';

/**
 * Global, so identity's providers (a library below pipelines) can inject the engine's DepartmentDirectory port, and
 * SLA, reporting and the silence alarm find departments' calendars (DepartmentCalendarResolver) the same way.
 */
@Global()
@Module({
  providers: [
    DepartmentCalendarResolver,
    { provide: DepartmentDirectory, useClass: PipelinesDepartmentDirectory },
  ],
  exports: [DepartmentDirectory, DepartmentCalendarResolver],
})
export class DepartmentDirectoryModule {}

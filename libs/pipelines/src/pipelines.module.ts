import { Module } from '@nestjs/common';
import { CardRepository } from './cards/card.repository';
import { DepartmentSetupService } from './department-setup.service';

@Module({
  providers: [CardRepository, DepartmentSetupService],
  exports: [CardRepository, DepartmentSetupService],
})
export class PipelinesModule {}

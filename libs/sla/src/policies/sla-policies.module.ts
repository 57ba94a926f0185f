import { Module } from '@nestjs/common';
import { ChannelsModule } from '@switchboard/channels';
import { DepartmentPlugins } from '@switchboard/routing';
import { PluginPolicySync } from './plugin-policy-sync.service';
import { PolicyReferences } from './policy-references.service';
import { SlaPoliciesController } from './sla-policies.controller';
import { SlaPoliciesService } from './sla-policies.service';
import { SlaPolicyBook } from './sla-policy-book.service';
import { SlaPolicyRepository } from './sla-policy.repository';

/**
 * SLA policies per department (its admins' and its plugin's), their admin API, and SlaPolicyBook, which the clocks
 * ask which policy applies. Routing's DepartmentPlugins is provided here (its module does not export it).
 */
@Module({
  imports: [ChannelsModule],
  controllers: [SlaPoliciesController],
  providers: [
    SlaPolicyRepository,
    PluginPolicySync,
    DepartmentPlugins,
    SlaPolicyBook,
    PolicyReferences,
    SlaPoliciesService,
  ],
  exports: [SlaPolicyBook],
})
export class SlaPoliciesModule {}

import { Module } from '@nestjs/common';
import { PipelinesModule } from '@switchboard/pipelines';
import { NumberActivityQuery } from './activity/number-activity.query';
import { ConversationIntakeRepository } from './intake/conversation-intake.repository';
import { ConversationIntakeService } from './intake/conversation-intake.service';
import { ConversationQueryService } from './query/conversation-query.service';
import { ContactScope } from './query/contact-scope.service';
import { ConversationsController } from './query/conversations.controller';
import { NumberConversationsService } from './query/number-conversations.service';
import { MessageStatusService } from './status/message-status.service';

@Module({
  imports: [PipelinesModule],
  controllers: [ConversationsController],
  providers: [
    ConversationIntakeRepository,
    ConversationIntakeService,
    MessageStatusService,
    ConversationQueryService,
    NumberActivityQuery,
    NumberConversationsService,
    ContactScope,
  ],
  exports: [
    ConversationIntakeService,
    MessageStatusService,
    ConversationQueryService,
    NumberActivityQuery,
    NumberConversationsService,
    ContactScope,
  ],
})
export class ConversationsModule {}

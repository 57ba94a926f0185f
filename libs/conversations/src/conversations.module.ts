import { Module } from '@nestjs/common';
import { PipelinesModule } from '@switchboard/pipelines';
import { NumberActivityQuery } from './activity/number-activity.query';
import { ConversationOwnershipService } from './ownership/conversation-ownership.service';
import { ConversationIntakeRepository } from './intake/conversation-intake.repository';
import { ConversationIntakeService } from './intake/conversation-intake.service';
import { ConversationQueryService } from './query/conversation-query.service';
import { ContactScope } from './query/contact-scope.service';
import { ConversationsController } from './query/conversations.controller';
import { NumberConversationsService } from './query/number-conversations.service';
import { MessageStatusService } from './status/message-status.service';
import { MessageMediaService } from './outbound/message-media.service';
import { OutboundMessageStates } from './outbound/outbound-message-states.service';

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
    ConversationOwnershipService,
    OutboundMessageStates,
    MessageMediaService,
  ],
  exports: [
    ConversationIntakeService,
    MessageStatusService,
    ConversationQueryService,
    NumberActivityQuery,
    NumberConversationsService,
    ContactScope,
    ConversationOwnershipService,
    OutboundMessageStates,
    MessageMediaService,
  ],
})
export class ConversationsModule {}

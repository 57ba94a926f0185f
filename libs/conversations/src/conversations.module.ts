import { Module } from '@nestjs/common';
import { PipelinesModule } from '@switchboard/pipelines';
import { CardConversationsModule } from './cards/card-conversations.module';
import { NumberActivityQuery } from './activity/number-activity.query';
import { ConversationActionsService } from './ownership/conversation-actions.service';
import { ConversationLifecycleService } from './ownership/conversation-lifecycle.service';
import { ConversationOwnershipController } from './ownership/conversation-ownership.controller';
import { ConversationOwnershipService } from './ownership/conversation-ownership.service';
import { OutboundMessageRecorder } from './outbound/outbound-message.recorder';
import { SnoozeWakeTick } from './ownership/snooze-wake.tick';
import { ConversationPolicyController } from './policy/conversation-policy.controller';
import { ConversationPolicyService } from './policy/conversation-policy.service';
import { ConversationIntakeRepository } from './intake/conversation-intake.repository';
import { ConversationIntakeService } from './intake/conversation-intake.service';
import { ConversationQueryService } from './query/conversation-query.service';
import { ContactScope } from './query/contact-scope.service';
import { ConversationsController } from './query/conversations.controller';
import { NumberConversationsService } from './query/number-conversations.service';
import { MessageStatusService } from './status/message-status.service';
import { MessageMediaService } from './outbound/message-media.service';
import { OutboundMessageStates } from './outbound/outbound-message-states.service';
import { ReplyFactsQuery } from './outbound/reply-facts.query';
import { ConversationReadsController } from './reads/conversation-reads.controller';
import { ConversationReadsQuery } from './reads/conversation-reads.query';
import { ConversationReadsService } from './reads/conversation-reads.service';
import { NumberHandoverService } from './ownership/number-handover.service';
import { QuickRepliesController } from './quick-replies/quick-replies.controller';
import { QuickRepliesService } from './quick-replies/quick-replies.service';

@Module({
  imports: [PipelinesModule, CardConversationsModule],
  controllers: [
    ConversationsController,
    ConversationOwnershipController,
    ConversationPolicyController,
    QuickRepliesController,
    ConversationReadsController,
  ],
  providers: [
    ConversationIntakeRepository,
    ConversationIntakeService,
    MessageStatusService,
    ConversationQueryService,
    NumberActivityQuery,
    NumberConversationsService,
    ContactScope,
    ConversationOwnershipService,
    ConversationLifecycleService,
    ConversationActionsService,
    ConversationPolicyService,
    SnoozeWakeTick,
    OutboundMessageRecorder,
    OutboundMessageStates,
    MessageMediaService,
    ReplyFactsQuery,
    ConversationReadsQuery,
    ConversationReadsService,
    QuickRepliesService,
    NumberHandoverService,
  ],
  exports: [
    OutboundMessageRecorder,
    ConversationIntakeService,
    MessageStatusService,
    ConversationQueryService,
    NumberActivityQuery,
    NumberConversationsService,
    ContactScope,
    ConversationOwnershipService,
    ConversationLifecycleService,
    ConversationPolicyService,
    OutboundMessageStates,
    MessageMediaService,
    ReplyFactsQuery,
    NumberHandoverService,
  ],
})
export class ConversationsModule {}

import { Contact } from './entities/contact.entity';
import { Conversation } from './entities/conversation.entity';
import { ConversationPolicy } from './entities/conversation-policy.entity';
import { MessageStatusEvent } from './entities/message-status-event.entity';
import { Message } from './entities/message.entity';
import { ConversationRead } from './reads/conversation-read.entity';

export { ConversationOwnershipService } from './ownership/conversation-ownership.service';
export { ConversationLifecycleService } from './ownership/conversation-lifecycle.service';
export type { SnoozeRequest } from './ownership/conversation-lifecycle.service';
export { NumberHandoverService } from './ownership/number-handover.service';
export type { HandoverResult, HandoverTarget } from './ownership/number-handover.service';
export { ConversationPolicyService } from './policy/conversation-policy.service';
export { OutboundMessageRecorder } from './outbound/outbound-message.recorder';
export type { OutboundReply } from './outbound/outbound-message.recorder';
export { ReplyFactsQuery } from './outbound/reply-facts.query';
export type { ReplyConversation } from './outbound/reply-facts.query';
export type {
  ConversationPriority,
  OwnershipActor,
  OwnershipState,
  SetOwnerOptions,
} from './ownership/conversation-ownership.service';
export { ContactAttributesService } from './contacts/contact-attributes.service';
export { RoutingFactsQuery } from './query/routing-facts.query';
export type { ConversationRoutingFacts, RoutingMessage } from './query/routing-facts.query';
export { NumberActivityQuery } from './activity/number-activity.query';
export type { ActivityMessage, FailedSendGroup, InboundTiming } from './activity/number-activity.query';
export { ConversationsModule } from './conversations.module';
export { ConversationIntakeService } from './intake/conversation-intake.service';
export type {
  ContactIdentity,
  InboundEffect,
  InboundMessageInput,
  InboundMessageResult,
} from './intake/inbound-message.input';
export { ConversationQueryService } from './query/conversation-query.service';
export { ContactScope } from './query/contact-scope.service';
export type { VisibleContact } from './query/contact-scope.service';
export { NumberConversationsService } from './query/number-conversations.service';
export { ReceivedMessagesQuery } from './query/received-messages.query';
export type { ConversationPlace, ReceivedMessage } from './query/received-messages.query';
export { MessageStatusService } from './status/message-status.service';
export { MessageMediaService } from './outbound/message-media.service';
export { OutboundMessageStates } from './outbound/outbound-message-states.service';
export type { AcceptedMessage, MessageToSend } from './outbound/outbound-message-states.service';
export { META_STATUSES, STATUS_RANK } from './status/status-rank';
export type { MetaStatus } from './status/status-rank';
export type { StatusUpdateInput } from './status/status-update.input';
export { Contact, Conversation, Message, MessageStatusEvent };
export type { MessageDirection, MessageError, MessageMedia, MessageStatus } from './entities/message.entity';
export type { ConversationStatus, Speaker } from './entities/conversation.entity';

export const CONVERSATION_ENTITIES = [
  Contact,
  Conversation,
  ConversationPolicy,
  ConversationRead,
  Message,
  MessageStatusEvent,
];

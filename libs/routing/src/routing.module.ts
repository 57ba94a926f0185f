import { Module } from '@nestjs/common';
import { AssignmentModule } from '@switchboard/assignment';
import { ChannelsModule } from '@switchboard/channels';
import { ContactAttributesService, ConversationsModule, RoutingFactsQuery } from '@switchboard/conversations';
import { declareSubscribers } from '@switchboard/engine';
import { PipelinesModule } from '@switchboard/pipelines';
import { CardAndReplyActions } from './actions/card-and-reply-actions.service';
import { ConversationActions } from './actions/conversation-actions.service';
import { ContactAttributesController } from './api/contact-attributes.controller';
import { RoutingRulesController } from './api/routing-rules.controller';
import { RoutingRulesService } from './api/routing-rules.service';
import { RuleReferences } from './api/rule-references.service';
import { FactsBuilder } from './evaluation/facts-builder.service';
import { RoutingDecisionsPrune } from './evaluation/routing-decisions-prune.tick';
import { RuleBook } from './evaluation/rule-book.service';
import { ROUTING_SUBSCRIBER, RoutingSubscriber } from './evaluation/routing.subscriber';
import { DepartmentPlugins } from './rules/department-plugins.service';
import { PluginRuleSync } from './rules/plugin-rule-sync.service';
import { RoutingRuleRepository } from './rules/routing-rule.repository';

/**
 * Routing rules per department and number (the department plugins' and the admins'), evaluated when a conversation
 * opens, reopens or is transferred, and on each customer message; each decision is written on the card timeline.
 */
@Module({
  imports: [ConversationsModule, PipelinesModule, ChannelsModule, AssignmentModule],
  controllers: [RoutingRulesController, ContactAttributesController],
  providers: [
    RoutingRuleRepository,
    DepartmentPlugins,
    PluginRuleSync,
    RuleBook,
    FactsBuilder,
    CardAndReplyActions,
    ConversationActions,
    RoutingSubscriber,
    RoutingDecisionsPrune,
    RuleReferences,
    RoutingRulesService,
    RoutingFactsQuery,
    // The conversations library's read/write services for routing, provided here (their module is another slice's).
    ContactAttributesService,
    declareSubscribers('routing', [ROUTING_SUBSCRIBER]),
  ],
})
export class RoutingModule {}

import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A routing decision per conversation and triggering event (its stream position), so a re-delivered event applies
 * nothing twice; rule_ids are the rules that matched. Written in SQL by the routing subscriber.
 */
@Entity({ tableName: 'routing_decisions' })
export class RoutingDecision {
  @PrimaryKey({ type: 'uuid' })
  conversationId!: string;

  @PrimaryKey({ type: 'text' })
  eventPosition!: string;

  @Property({ type: 'text' })
  trigger!: string;

  @Property({ type: 'uuid' })
  departmentId!: string;

  @Property({ type: 'uuid[]', defaultRaw: `'{}'` })
  ruleIds!: string[];

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;
}

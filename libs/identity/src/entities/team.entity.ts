import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

/** A group of people inside one department (e.g. "Tier 2", "Key accounts"), for routing and assignment. */
@Entity({ tableName: 'teams' })
@Unique({ properties: ['departmentId', 'name'] })
export class Team {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  departmentId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

@Entity({ tableName: 'team_members' })
@Unique({ properties: ['teamId', 'userId'] })
@Index({ properties: ['userId'] })
export class TeamMember {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  teamId!: string;

  @Property({ type: 'uuid' })
  userId!: string;
}

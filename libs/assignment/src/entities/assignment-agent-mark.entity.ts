import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Per agent and department: when they were last given a conversation (least-loaded ties) and whether they were on
 * shift at the last tick (a shift's start and end are seen once). Written in SQL by AgentMarksRepository.
 */
@Entity({ tableName: 'assignment_agent_marks' })
export class AssignmentAgentMark {
  @PrimaryKey({ type: 'uuid' })
  departmentId!: string;

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'timestamptz', nullable: true })
  lastAssignedAt?: Date | null;

  @Property({ type: 'boolean', nullable: true })
  onShift?: boolean | null;
}

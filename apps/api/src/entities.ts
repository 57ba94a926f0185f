import { ASSIGNMENT_ENTITIES } from '@switchboard/assignment';
import { CHANNEL_ENTITIES } from '@switchboard/channels';
import { CONVERSATION_ENTITIES } from '@switchboard/conversations';
import { IDENTITY_ENTITIES } from '@switchboard/identity';
import { PIPELINE_ENTITIES } from '@switchboard/pipelines';
import { ROUTING_ENTITIES } from '@switchboard/routing';
import { SLA_ENTITIES } from '@switchboard/sla';

/** Every entity of the core libs, for MikroORM discovery. */
export const CORE_ENTITIES = [
  ...PIPELINE_ENTITIES,
  ...CONVERSATION_ENTITIES,
  ...CHANNEL_ENTITIES,
  ...IDENTITY_ENTITIES,
  ...ASSIGNMENT_ENTITIES,
  ...ROUTING_ENTITIES,
  ...SLA_ENTITIES,
];

import { MessageStatus } from '../entities/message.entity';

/** Outbound progression. A status applies only when its rank is higher: statuses never go backwards. */
export const STATUS_RANK: Record<MessageStatus, number> = {
  received: 0,
  queued: 0,
  sending: 0,
  unconfirmed: 0,
  accepted: 1,
  sent: 2,
  delivered: 3,
  read: 4,
  played: 5,
  failed: 6,
};

export const META_STATUSES = ['sent', 'delivered', 'read', 'played', 'failed'] as const;
export type MetaStatus = (typeof META_STATUSES)[number];

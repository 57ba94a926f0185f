/** Every BullMQ queue in the system. Jobs carry ids only. */
export const QUEUES = {
  inboundEvents: 'inbound-events',
  outboundMessages: 'outbound-messages',
  mediaDownloads: 'media-downloads',
  pluginHooks: 'plugin-hooks',
  graphRereads: 'graph-rereads',
  numberHealth: 'number-health',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

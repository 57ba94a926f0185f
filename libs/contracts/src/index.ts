export * from './conversation.contract';
export * from './reply.contract';
export * from './inbound-event.contract';
export * from './identity.contract';
export * from './plugin.contract';
export * from './card.contract';
export * from './department.contract';
export * from './number.contract';

export * from './conversation.contract';
export * from './reply.contract';

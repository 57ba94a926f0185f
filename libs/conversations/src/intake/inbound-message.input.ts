import { MessageMedia } from '../entities/message.entity';

export interface ContactIdentity {
  waId?: string | null;
  bsuid?: string | null;
  profileName?: string | null;
  username?: string | null;
}

/** A side effect an inbound message has on earlier records. */
export type InboundEffect =
  | { kind: 'edit'; originalWamid: string; body: string | null; content: Record<string, unknown> }
  | { kind: 'revoke'; originalWamid: string }
  | { kind: 'identity_change'; newWaId: string };

/** A channel-agnostic inbound message, as the channel adapter hands it to the conversations domain. */
export interface InboundMessageInput {
  numberId: string;
  departmentId: string;
  /** The WhatsApp Business Account of the number: contacts are found, created and changed within it only. */
  wabaId: string;
  contact: ContactIdentity;
  wamid: string;
  type: string;
  timestamp: Date;
  body: string | null;
  content: Record<string, unknown>;
  media?: MessageMedia | null;
  replyToWamid?: string | null;
  effect?: InboundEffect;
  /** A real turn by the customer (not a reaction, edit, revoke or system notice): the customer is now waiting. */
  isCustomerTurn: boolean;
  /** Opens or refreshes Meta's 24-hour customer-service window. */
  opensWindow: boolean;
  /** The stored webhook delivery this message came in. */
  inboundEventId?: string | null;
}

export interface InboundMessageResult {
  /** false when the wamid was already stored (duplicate delivery). */
  created: boolean;
  messageId: string | null;
  conversationId: string | null;
  newConversation: boolean;
  /** Why the message's effect (edit, revoke, number change) was not applied, when it was refused. */
  effectRefused?: string | null;
}

import type {
  InboundCommon,
  InboundContactCard,
  InboundOrderItem,
  InboundReferral,
  InboundSpec,
} from './inbound-spec';
import type { DeliverOptions, InboundResult } from './webhook-delivery.types';

/** What a SimulatedCustomer needs from the sandbox: deliver one inbound message as a webhook. */
export interface InboundPort {
  sendInbound(
    phoneNumberId: string,
    waId: string,
    spec: InboundSpec,
    opts?: DeliverOptions,
  ): Promise<InboundResult>;
}

/**
 * A WhatsApp user writing to one sandbox number. Each method delivers a single-message webhook and
 * refreshes the customer's 24-hour window with that number.
 */
export class SimulatedCustomer {
  constructor(
    private readonly port: InboundPort,
    readonly waId: string,
    readonly phoneNumberId: string,
  ) {}

  /** The same customer writing to another sandbox number. */
  withNumber(phoneNumberId: string): SimulatedCustomer {
    return new SimulatedCustomer(this.port, this.waId, phoneNumberId);
  }

  send(spec: InboundSpec, opts?: DeliverOptions): Promise<InboundResult> {
    return this.port.sendInbound(this.phoneNumberId, this.waId, spec, opts);
  }

  text(
    body: string,
    opts: {
      contextWamid?: string;
      forwarded?: boolean;
      frequentlyForwarded?: boolean;
      referral?: InboundReferral;
    } = {},
  ): Promise<InboundResult> {
    return this.send({ type: 'text', body, ...opts });
  }

  image(
    opts: { caption?: string; bytes?: Uint8Array; mimeType?: string } & InboundCommon = {},
  ): Promise<InboundResult> {
    return this.send({ type: 'image', ...opts });
  }

  audio(
    opts: { voice?: boolean; bytes?: Uint8Array; mimeType?: string } & InboundCommon = {},
  ): Promise<InboundResult> {
    return this.send({ type: 'audio', ...opts });
  }

  video(
    opts: { caption?: string; bytes?: Uint8Array; mimeType?: string } & InboundCommon = {},
  ): Promise<InboundResult> {
    return this.send({ type: 'video', ...opts });
  }

  document(
    opts: { filename: string; caption?: string; mimeType?: string; bytes?: Uint8Array } & InboundCommon,
  ): Promise<InboundResult> {
    return this.send({ type: 'document', ...opts });
  }

  sticker(opts: { animated?: boolean; bytes?: Uint8Array } & InboundCommon = {}): Promise<InboundResult> {
    return this.send({ type: 'sticker', ...opts });
  }

  location(
    opts: {
      latitude: number;
      longitude: number;
      name?: string;
      address?: string;
      url?: string;
    } & InboundCommon,
  ): Promise<InboundResult> {
    return this.send({ type: 'location', ...opts });
  }

  contacts(cards: InboundContactCard[]): Promise<InboundResult> {
    return this.send({ type: 'contacts', cards });
  }

  buttonReply(reply: { id: string; title: string }, contextWamid?: string): Promise<InboundResult> {
    return this.send({ type: 'button_reply', ...reply, contextWamid });
  }

  listReply(
    reply: { id: string; title: string; description?: string },
    contextWamid?: string,
  ): Promise<InboundResult> {
    return this.send({ type: 'list_reply', ...reply, contextWamid });
  }

  /** WhatsApp Flow completion (interactive nfm_reply); `responseJson` is the JSON-encoded string. */
  flowReply(responseJson: string, contextWamid?: string): Promise<InboundResult> {
    return this.send({ type: 'nfm_reply', responseJson, contextWamid });
  }

  /** Quick-reply button of a template (type `button`). */
  templateButton(button: { payload: string; text: string }, contextWamid?: string): Promise<InboundResult> {
    return this.send({ type: 'button', ...button, contextWamid });
  }

  /** '' removes the reaction. */
  reaction(targetWamid: string, emoji: string): Promise<InboundResult> {
    return this.send({ type: 'reaction', messageId: targetWamid, emoji });
  }

  order(items: InboundOrderItem[], opts: { catalogId?: string; text?: string } = {}): Promise<InboundResult> {
    return this.send({ type: 'order', items, ...opts });
  }

  system(systemType: 'user_changed_number', newWaId: string): Promise<InboundResult> {
    return this.send({ type: 'system', systemType, newWaId });
  }

  unsupported(kind?: string): Promise<InboundResult> {
    return this.send({ type: 'unsupported', kind });
  }

  edit(originalWamid: string, newText: string): Promise<InboundResult> {
    return this.send({ type: 'edit', originalWamid, text: newText });
  }

  revoke(originalWamid: string): Promise<InboundResult> {
    return this.send({ type: 'revoke', originalWamid });
  }

  requestWelcome(): Promise<InboundResult> {
    return this.send({ type: 'request_welcome' });
  }
}

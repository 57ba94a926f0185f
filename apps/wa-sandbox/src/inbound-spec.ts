/**
 * What a simulated customer can send. Nested payload objects (contact cards, order items, referral) use
 * Meta's own snake_case shapes so they pass through unchanged; the options around them are camelCase.
 */

/** Meta's contact card as shared by a user (name, phones, emails, org, ...). */
export interface InboundContactCard {
  name: { formatted_name: string; first_name?: string; last_name?: string; middle_name?: string };
  phones?: Array<{ phone: string; wa_id?: string; type?: string }>;
  emails?: Array<{ email: string; type?: string }>;
  org?: { company?: string; department?: string; title?: string };
  addresses?: Array<Record<string, string>>;
  urls?: Array<{ url: string; type?: string }>;
  birthday?: string;
}

export interface InboundOrderItem {
  product_retailer_id: string;
  quantity: number;
  item_price: number;
  currency: string;
}

/** Click-to-WhatsApp ad referral attached to a message. */
export interface InboundReferral {
  source_url: string;
  source_id: string;
  source_type: 'ad' | 'post';
  body?: string;
  headline?: string;
  media_type?: 'image' | 'video';
  image_url?: string;
  video_url?: string;
  thumbnail_url?: string;
  ctwa_clid?: string;
  welcome_message?: { text: string };
}

/** Fields every inbound message may carry. */
export interface InboundCommon {
  /** Makes the message a reply to this wamid (context.from = the business number). */
  contextWamid?: string;
  forwarded?: boolean;
  frequentlyForwarded?: boolean;
  referral?: InboundReferral;
}

export interface InboundMediaBytes {
  /** Raw file bytes; when omitted the sandbox generates deterministic bytes. */
  bytes?: Uint8Array;
  mimeType?: string;
}

export type InboundSpec = InboundCommon &
  (
    | { type: 'text'; body: string }
    | ({ type: 'image'; caption?: string } & InboundMediaBytes)
    | ({ type: 'audio'; voice?: boolean } & InboundMediaBytes)
    | ({ type: 'video'; caption?: string } & InboundMediaBytes)
    | ({ type: 'document'; filename: string; caption?: string } & InboundMediaBytes)
    | { type: 'sticker'; animated?: boolean; bytes?: Uint8Array }
    | { type: 'location'; latitude: number; longitude: number; name?: string; address?: string; url?: string }
    | { type: 'contacts'; cards: InboundContactCard[] }
    | { type: 'button_reply'; id: string; title: string }
    | { type: 'list_reply'; id: string; title: string; description?: string }
    | { type: 'nfm_reply'; responseJson: string; name?: string; body?: string }
    | { type: 'button'; payload: string; text: string }
    | { type: 'reaction'; messageId: string; emoji: string }
    | { type: 'order'; items: InboundOrderItem[]; catalogId?: string; text?: string }
    | { type: 'system'; systemType: 'user_changed_number'; newWaId: string }
    | { type: 'unsupported'; kind?: string }
    | { type: 'edit'; originalWamid: string; text: string }
    | { type: 'revoke'; originalWamid: string }
    | { type: 'request_welcome' }
  );

export type InboundType = InboundSpec['type'];

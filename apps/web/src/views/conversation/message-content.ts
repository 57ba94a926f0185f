import type { MessageView } from '@switchboard/contracts';

// The api stores each message's content as Meta sent it (normalised per type, libs/channels
// normalize-inbound-message.ts); these read it defensively: a field of the wrong type is treated as absent.

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export function isMedia(m: MessageView): m is MessageView & { type: MediaType } {
  return (MEDIA_TYPES as readonly string[]).includes(m.type);
}

export interface MediaFacts {
  state: 'pending' | 'stored' | 'failed';
  mimeType: string | null;
  caption: string | null;
  filename: string | null;
  voice: boolean;
  error: string | null;
  /** Outbound media sent by link: shown as a link, never fetched by the browser. */
  link: string | null;
}

export function mediaOf(m: MessageView): MediaFacts {
  const media = obj(m.media);
  const state = str(media.state);
  return {
    state: state === 'stored' || state === 'failed' ? state : 'pending',
    mimeType: str(media.mimeType),
    caption: str(media.caption),
    filename: str(media.filename),
    voice: media.voice === true,
    error: str(media.error),
    link: str(media.link),
  };
}

export interface LocationFacts {
  latitude: number;
  longitude: number;
  name: string | null;
  address: string | null;
}

export function locationOf(m: MessageView): LocationFacts | null {
  const loc = obj(m.content.location);
  const latitude = num(loc.latitude);
  const longitude = num(loc.longitude);
  if (latitude === null || longitude === null) return null;
  return { latitude, longitude, name: str(loc.name), address: str(loc.address) };
}

/** A map at the point: built from the two numbers only, so nothing the customer wrote reaches the link. */
export function mapLink(l: LocationFacts): string {
  const lat = l.latitude.toFixed(6);
  const lon = l.longitude.toFixed(6);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
}

export interface ContactCard {
  name: string | null;
  phones: string[];
  emails: string[];
}

export function contactsOf(m: MessageView): ContactCard[] {
  return list(m.content.contacts).map((raw) => {
    const card = obj(raw);
    return {
      name: str(obj(card.name).formatted_name),
      phones: list(card.phones)
        .map((p) => str(obj(p).phone))
        .filter((p): p is string => p !== null),
      emails: list(card.emails)
        .map((e) => str(obj(e).email))
        .filter((e): e is string => e !== null),
    };
  });
}

export interface InteractiveFacts {
  kind: string;
  title: string | null;
  description: string | null;
  /** A flow's answers, as `field: value` lines. */
  answers: [string, string][];
}

export function interactiveOf(m: MessageView): InteractiveFacts | null {
  if (m.type === 'button') {
    const b = obj(m.content.button);
    return { kind: 'button', title: str(b.text) ?? str(b.payload), description: null, answers: [] };
  }
  if (m.type !== 'interactive') return null;
  const i = obj(m.content.interactive);
  const response = obj(i.response);
  return {
    kind: str(i.kind) ?? 'unknown',
    title: str(i.title) ?? str(i.name),
    description: str(i.description),
    answers: Object.entries(response)
      .filter(([key]) => key !== 'flow_token')
      .map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]),
  };
}

export function reactionOf(m: MessageView): { targetWamid: string | null; emoji: string | null } {
  const r = obj(m.content.reaction);
  return { targetWamid: str(r.targetWamid), emoji: str(r.emoji) };
}

/** Meta's reason a message could not be shown (an unsupported type, or errors on the message). */
export function unsupportedReason(m: MessageView): string | null {
  const errors = list(m.content.errors).map(obj);
  const first = errors[0];
  if (first) return [str(first.title), str(first.details)].filter(Boolean).join(': ') || null;
  return str(obj(m.content.unsupported).note) ?? str(obj(m.content.unsupported).kind);
}

export function orderOf(m: MessageView): { items: number; text: string | null } {
  const o = obj(m.content.order);
  return { items: list(o.product_items).length, text: str(o.text) };
}

/** Edits and revokes change the message they name; they are shown on it, not as messages of their own. */
export function isEffect(m: MessageView): boolean {
  return m.type === 'edit' || m.type === 'revoke';
}

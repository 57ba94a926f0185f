import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { newMediaId } from './ids';

/** GET /{media-id} URLs are valid for 5 minutes; re-query the id for a fresh one. */
export const MEDIA_URL_TTL_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Uploaded media lives 30 days, media received in webhooks 7 days. */
const LIFETIME_MS = { upload: 30 * DAY_MS, webhook: 7 * DAY_MS };

export interface StoredMedia {
  id: string;
  /** Business number the media belongs to (uploader, or receiver of the webhook). */
  ownerPhoneNumberId: string;
  wabaId: string;
  mimeType: string;
  bytes: Buffer;
  sha256Hex: string;
  sha256Base64: string;
  filename?: string;
  expiresAt: number;
}

export class MediaStore {
  private readonly media = new Map<string, StoredMedia>();
  private readonly urlKey = randomBytes(32);

  constructor(private readonly now: () => number) {}

  put(input: {
    owner: { phoneNumberId: string; wabaId: string };
    bytes: Buffer;
    mimeType: string;
    origin: 'upload' | 'webhook';
    filename?: string;
    id?: string;
  }): StoredMedia {
    const digest = createHash('sha256').update(input.bytes).digest();
    const stored: StoredMedia = {
      id: input.id ?? newMediaId(),
      ownerPhoneNumberId: input.owner.phoneNumberId,
      wabaId: input.owner.wabaId,
      mimeType: input.mimeType,
      bytes: input.bytes,
      sha256Hex: digest.toString('hex'),
      sha256Base64: digest.toString('base64'),
      filename: input.filename,
      expiresAt: this.now() + LIFETIME_MS[input.origin],
    };
    this.media.set(stored.id, stored);
    return stored;
  }

  get(id: string): StoredMedia | undefined {
    const stored = this.media.get(id);
    if (stored && stored.expiresAt < this.now()) {
      this.media.delete(id);
      return undefined;
    }
    return stored;
  }

  delete(id: string): boolean {
    return this.media.delete(id);
  }

  /** A lookaside-style download URL pointing back at the sandbox, valid for 5 minutes. */
  downloadUrl(baseUrl: string, media: StoredMedia, source?: 'webhook'): string {
    const ext = Math.floor((this.now() + MEDIA_URL_TTL_MS) / 1000);
    const params = new URLSearchParams({ mid: media.id });
    if (source) params.set('source', source);
    params.set('ext', String(ext));
    params.set('hash', this.hash(media.id, ext));
    return `${baseUrl}/whatsapp_business/attachments/?${params.toString()}`;
  }

  /** The media behind a download URL, or undefined when the URL is forged, expired or the media is gone. */
  resolveDownload(query: URLSearchParams): StoredMedia | undefined {
    const mid = query.get('mid') ?? '';
    const ext = Number(query.get('ext'));
    const hash = Buffer.from(query.get('hash') ?? '');
    const expected = Buffer.from(this.hash(mid, ext));
    if (!Number.isInteger(ext) || hash.length !== expected.length || !timingSafeEqual(hash, expected))
      return undefined;
    if (this.now() > ext * 1000) return undefined;
    return this.get(mid);
  }

  private hash(mid: string, ext: number): string {
    return `AR${createHmac('sha256', this.urlKey).update(`${mid}:${ext}`).digest('base64url').slice(0, 40)}`;
  }
}

/** Meta's accepted MIME types and size limits per media kind (Cloud API media reference). */
export type MediaKind = 'audio' | 'document' | 'image' | 'sticker' | 'video';

const MB = 1024 * 1024;

export const MEDIA_RULES: Record<MediaKind, { mimeTypes: string[]; maxBytes: number; label: string }> = {
  audio: {
    mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
    maxBytes: 16 * MB,
    label: '16MB',
  },
  document: {
    mimeTypes: [
      'text/plain',
      'application/pdf',
      'application/msword',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.ms-excel',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.ms-powerpoint',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
    maxBytes: 100 * MB,
    label: '100MB',
  },
  image: { mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 5 * MB, label: '5MB' },
  // Upload cannot tell static from animated; 500KB is the animated limit (static is 100KB).
  sticker: { mimeTypes: ['image/webp'], maxBytes: 500 * 1024, label: '500KB' },
  video: { mimeTypes: ['video/mp4', 'video/3gpp'], maxBytes: 16 * MB, label: '16MB' },
};

export const MAX_UPLOAD_BYTES = 100 * MB;

/** 'audio/ogg; codecs=opus' → 'audio/ogg'. */
export function baseMime(mimeType: string): string {
  return mimeType.split(';')[0].trim().toLowerCase();
}

export function mediaKindForMime(mimeType: string): MediaKind | undefined {
  const base = baseMime(mimeType);
  const kinds = Object.keys(MEDIA_RULES) as MediaKind[];
  return kinds.find((kind) => MEDIA_RULES[kind].mimeTypes.includes(base));
}

export function allSupportedMimeTypes(): string[] {
  return Object.values(MEDIA_RULES).flatMap((r) => r.mimeTypes);
}

/** Whether media of this MIME type may be sent as a message of `kind` (stickers are WebP only). */
export function mimeFitsKind(mimeType: string, kind: MediaKind): boolean {
  return MEDIA_RULES[kind].mimeTypes.includes(baseMime(mimeType));
}

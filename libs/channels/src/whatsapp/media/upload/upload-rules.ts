/**
 * Meta's accepted MIME types and size limits per media kind (Cloud API media reference). Checked before anything
 * is sent to Meta, so a refused file costs no Graph call and the agent learns why in our words.
 */
export type UploadKind = 'audio' | 'document' | 'image' | 'sticker' | 'video';

const MB = 1024 * 1024;

export const UPLOAD_RULES: Record<
  UploadKind,
  { mimeTypes: readonly string[]; maxBytes: number; label: string }
> = {
  audio: {
    mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
    maxBytes: 16 * MB,
    label: '16 MB',
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
    label: '100 MB',
  },
  image: { mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 5 * MB, label: '5 MB' },
  // An upload cannot tell a static sticker from an animated one: 500 KB is the animated limit (static is 100 KB).
  sticker: { mimeTypes: ['image/webp'], maxBytes: 500 * 1024, label: '500 KB' },
  video: { mimeTypes: ['video/mp4', 'video/3gpp'], maxBytes: 16 * MB, label: '16 MB' },
};

/** The largest file Meta takes of any kind: the request is cut off past it whatever its declared type. */
export const MAX_UPLOAD_BYTES = 100 * MB;

/** 'audio/ogg; codecs=opus' → 'audio/ogg'. */
export function baseMime(mimeType: string): string {
  return mimeType.split(';')[0].trim().toLowerCase();
}

/** The kind a MIME type is sent as; each accepted type belongs to exactly one kind. */
export function uploadKindOf(mimeType: string): UploadKind | undefined {
  const base = baseMime(mimeType);
  return (Object.keys(UPLOAD_RULES) as UploadKind[]).find((k) => UPLOAD_RULES[k].mimeTypes.includes(base));
}

export function acceptedMimeTypes(): string[] {
  return Object.values(UPLOAD_RULES).flatMap((r) => [...r.mimeTypes]);
}

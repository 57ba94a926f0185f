import type { MediaKind } from './media-rules';

/**
 * Deterministic placeholder files for simulated customers: the right magic bytes for the MIME type plus a
 * label naming the media id, so two media never share a sha256 and tests can predict the content.
 */
export function generatedMediaBytes(mimeType: string, mediaId: string): Buffer {
  const label = Buffer.from(` switchboard-wa-sandbox media ${mediaId} (${mimeType}) `, 'ascii');
  const [head, tail] = MAGIC[mimeType.split(';')[0].trim()] ?? [Buffer.alloc(0), Buffer.alloc(0)];
  return Buffer.concat([head, label, tail]);
}

const MAGIC: Record<string, [Buffer, Buffer]> = {
  'image/jpeg': [
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]),
    Buffer.from([0xff, 0xd9]),
  ],
  'image/png': [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IEND', 'ascii')],
  'image/webp': [Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'), Buffer.alloc(0)],
  'audio/ogg': [Buffer.from('OggS\x00\x02', 'latin1'), Buffer.from('OpusHead', 'ascii')],
  'audio/mpeg': [Buffer.from('ID3\x04\x00\x00', 'latin1'), Buffer.alloc(0)],
  'video/mp4': [Buffer.from('\x00\x00\x00\x18ftypmp42', 'latin1'), Buffer.alloc(0)],
  'application/pdf': [Buffer.from('%PDF-1.4\n', 'ascii'), Buffer.from('\n%%EOF\n', 'ascii')],
};

export const DEFAULT_INBOUND_MIME: Record<MediaKind, string> = {
  image: 'image/jpeg',
  audio: 'audio/mpeg',
  video: 'video/mp4',
  document: 'application/pdf',
  sticker: 'image/webp',
};

const VOICE_MIME = 'audio/ogg; codecs=opus';

const DOCUMENT_MIME_BY_EXT: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};

/** The MIME type WhatsApp would report for an inbound file when the spec does not name one. */
export function inboundMime(kind: MediaKind, opts: { voice?: boolean; filename?: string }): string {
  if (kind === 'audio' && opts.voice) return VOICE_MIME;
  if (kind === 'document' && opts.filename) {
    const ext = opts.filename.split('.').pop()?.toLowerCase() ?? '';
    return DOCUMENT_MIME_BY_EXT[ext] ?? 'application/octet-stream';
  }
  return DEFAULT_INBOUND_MIME[kind];
}

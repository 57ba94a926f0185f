import type { components } from '../../api/schema';
import { ApiError, refreshSession } from '../../api/client';
import { bodyOf, http } from '../../api/http';

/** What the api answers for an uploaded file: the Meta media id and the message type to send it as. */
export type UploadedMedia = components['schemas']['UploadedMediaDto'];

/** The MIME types WhatsApp takes (the file picker offers these; the api checks them and the size limits). */
export const ATTACHMENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'video/mp4',
  'video/3gpp',
  'audio/aac',
  'audio/amr',
  'audio/mpeg',
  'audio/mp4',
  'audio/ogg',
  'text/plain',
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
].join(',');

// A large document on a slow line takes longer than the client's usual 10 s.
const UPLOAD_TIMEOUT_MS = 120_000;

async function slowFetch(request: Request): Promise<Response> {
  try {
    return await fetch(new Request(request, { signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS) }));
  } catch {
    throw new ApiError('unreachable', 'The Switchboard API cannot be reached. Is it running?');
  }
}

function post(conversationId: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return http.POST('/api/conversations/{id}/media', {
    params: { path: { id: conversationId } },
    // The document types the part as a binary string; the browser's FormData carries the file itself.
    body: { file: file.name },
    bodySerializer: () => form,
    fetch: slowFetch,
  });
}

/** Uploads a file for the conversation (to Meta, through the api); the api says why it refuses one. */
export async function uploadAttachment(conversationId: string, file: File): Promise<UploadedMedia> {
  let outcome = await post(conversationId, file);
  if (outcome.response.status === 401 && (await refreshSession())) outcome = await post(conversationId, file);
  return bodyOf(outcome);
}

/** 1536 → "1.5 KB", in the reader's number format. */
export function formatSize(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

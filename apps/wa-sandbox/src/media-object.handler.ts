import type { ServerResponse } from 'node:http';
import { requireWabaAccess } from './graph-auth';
import { graphErrors } from './graph-errors';
import { sendGraphJson } from './http-io';
import type { StoredMedia } from './media-store';
import type { NumberState } from './number-registry';
import type { SandboxContext } from './sandbox-context';

/**
 * GET /{version}/{media_id}[?phone_number_id=] → a fresh 5-minute download URL, HEX sha256 and integer
 * file_size; DELETE → { success: true }. With phone_number_id the media must belong to that number.
 */
export function handleMediaObject(
  ctx: SandboxContext,
  res: ServerResponse,
  method: 'GET' | 'DELETE',
  media: StoredMedia,
  principals: NumberState[],
  url: URL,
): void {
  const notFound = graphErrors.unknownObject(method, media.id);
  requireWabaAccess(principals, media.wabaId, notFound);
  const scopedTo = url.searchParams.get('phone_number_id');
  if (scopedTo !== null && scopedTo !== media.ownerPhoneNumberId) throw notFound;

  if (method === 'DELETE') {
    ctx.media.delete(media.id);
    sendGraphJson(res, 200, { success: true });
    return;
  }
  sendGraphJson(res, 200, {
    messaging_product: 'whatsapp',
    url: ctx.media.downloadUrl(ctx.baseUrl(), media),
    mime_type: media.mimeType,
    sha256: media.sha256Hex,
    file_size: media.bytes.length,
    id: media.id,
  });
}

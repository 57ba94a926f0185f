import type { IncomingMessage, ServerResponse } from 'node:http';
import { graphErrors } from './graph-errors';
import { BodyTooLargeError, readBody, sendGraphJson } from './http-io';
import {
  allSupportedMimeTypes,
  baseMime,
  MAX_UPLOAD_BYTES,
  MEDIA_RULES,
  mediaKindForMime,
} from './media-rules';
import { MultipartError, parseMultipart, type MultipartPart } from './multipart';
import type { NumberState } from './number-registry';
import type { SandboxContext } from './sandbox-context';

/** POST /{version}/{phone_number_id}/media (multipart: messaging_product, type, file) → { id }. */
export async function handleMediaUpload(
  ctx: SandboxContext,
  req: IncomingMessage,
  res: ServerResponse,
  number: NumberState,
): Promise<void> {
  const parts = await readParts(req);
  const field = (name: string) =>
    parts.find((p) => p.name === name && p.filename === undefined)?.data.toString('utf8');
  if (field('messaging_product') !== 'whatsapp') {
    throw graphErrors.invalidParameter('The parameter messaging_product is required and must be "whatsapp".');
  }
  const file = parts.find((p) => p.name === 'file');
  if (!file) throw graphErrors.invalidParameter('The parameter file is required.');
  if (file.data.length === 0) throw graphErrors.invalidParameter('The uploaded file is empty.');

  // The file part's own Content-Type wins; the `type` field covers clients that send octet-stream.
  const partType =
    file.contentType && baseMime(file.contentType) !== 'application/octet-stream'
      ? file.contentType
      : undefined;
  const mimeType = partType ?? field('type') ?? 'application/octet-stream';
  const kind = mediaKindForMime(mimeType);
  if (!kind) {
    throw graphErrors.mediaUpload(
      `Param file must be a file with one of the following types: ${allSupportedMimeTypes().join(', ')}. ` +
        `Received file of type '${baseMime(mimeType)}'.`,
    );
  }
  const rule = MEDIA_RULES[kind];
  if (file.data.length > rule.maxBytes) {
    throw graphErrors.mediaUpload(
      `File of type ${baseMime(mimeType)} is ${file.data.length} bytes; the maximum size for ${kind} is ` +
        `${rule.label} (${rule.maxBytes} bytes).`,
    );
  }
  const stored = ctx.media.put({
    owner: { phoneNumberId: number.config.phoneNumberId, wabaId: number.config.wabaId },
    bytes: Buffer.from(file.data),
    mimeType,
    origin: 'upload',
    filename: file.filename,
  });
  sendGraphJson(res, 200, { id: stored.id });
}

async function readParts(req: IncomingMessage): Promise<MultipartPart[]> {
  let body: Buffer;
  try {
    body = await readBody(req, MAX_UPLOAD_BYTES + 1024 * 1024);
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      throw graphErrors.mediaUpload('File exceeds the maximum supported media size of 100MB.');
    }
    throw err;
  }
  try {
    return parseMultipart(body, req.headers['content-type']);
  } catch (err) {
    if (err instanceof MultipartError) throw graphErrors.invalidParameter(err.message);
    throw err;
  }
}

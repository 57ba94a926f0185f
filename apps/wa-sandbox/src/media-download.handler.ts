import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './graph-auth';
import { GraphError } from './graph-errors';
import type { SandboxContext } from './sandbox-context';

/**
 * GET /whatsapp_business/attachments/?mid=…&ext=…&hash=… — the lookaside download. Needs the Bearer token
 * (401 without); an expired or forged URL answers 404, so the caller must re-query the media id.
 */
export function handleMediaDownload(
  ctx: SandboxContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): void {
  const principals = authenticate(ctx, req, url);
  const media = ctx.media.resolveDownload(url.searchParams);
  if (!media || !principals.some((p) => p.config.wabaId === media.wabaId)) {
    throw new GraphError(404, 100, 'Not found', undefined, {
      rawMessage: 'URL signature expired or media not found',
    });
  }
  const headers: Record<string, string | number> = {
    'content-type': media.mimeType,
    'content-length': media.bytes.length,
  };
  if (media.filename)
    headers['content-disposition'] = `attachment; filename="${media.filename.replace(/"/g, '')}"`;
  res.writeHead(200, headers);
  res.end(media.bytes);
}

import { EntityManager } from '@mikro-orm/postgresql';
import { UnprocessableEntityException } from '@nestjs/common';
import { ReplyRequest } from '@switchboard/contracts';
import type { MessageMedia } from '@switchboard/conversations';
import { findUpload } from '../media/upload/media-uploads.repository';

/**
 * What a media reply records for the history: an upload made for this conversation brings its stored copy (served
 * like inbound media) and, for a document sent without a name, its file name; a link is shown as a link. The
 * upload's id is answered so the reply marks it sent (sent uploads are never pruned).
 */
export async function sentMedia(
  em: EntityManager,
  conversationId: string,
  req: ReplyRequest,
): Promise<{ req: ReplyRequest; media: MessageMedia | null; uploadId: string | null }> {
  if (req.type === 'text' || req.type === 'template') return { req, media: null, uploadId: null };
  const { mediaId, link, caption, filename } = req.media;
  const keptCaption = req.type === 'audio' || req.type === 'sticker' ? undefined : caption;
  if (link) return { req, media: { link, caption: keptCaption, filename }, uploadId: null };
  const upload = mediaId ? await findUpload(em, conversationId, mediaId) : null;
  if (!upload) return { req, media: null, uploadId: null };
  if (upload.kind !== req.type)
    throw new UnprocessableEntityException(
      `media.mediaId: that file was uploaded as ${upload.kind === 'image' || upload.kind === 'audio' ? 'an' : 'a'} ${upload.kind} (${upload.mimeType}); send it with type "${upload.kind}"`,
    );
  const name = req.type === 'document' ? (filename ?? upload.fileName ?? undefined) : filename;
  return {
    req: name && !filename ? { ...req, media: { ...req.media, filename: name } } : req,
    media: {
      metaId: upload.metaMediaId,
      mimeType: upload.mimeType,
      caption: keptCaption,
      filename: upload.fileName ?? name,
      state: 'stored',
      storageKey: upload.storageKey,
      size: upload.size,
    },
    uploadId: upload.id,
  };
}

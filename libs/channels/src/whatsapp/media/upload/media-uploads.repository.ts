import { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@switchboard/engine';
import type { UploadKind } from './upload-rules';

/** A file an agent uploaded to Meta for a conversation, and where our copy of it is. */
export interface MediaUpload {
  id: string;
  conversationId: string;
  numberId: string;
  metaMediaId: string;
  kind: UploadKind;
  mimeType: string;
  fileName: string | null;
  size: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string | null;
}

/** When it was uploaded: the engine clock's now, so retention is measured on the clock that prunes. */
export type NewMediaUpload = MediaUpload & { createdAt: Date };

interface Row {
  id: string;
  conversation_id: string;
  number_id: string;
  meta_media_id: string;
  kind: UploadKind;
  mime_type: string;
  file_name: string | null;
  size: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
}

// The media_uploads table (channels): plain functions on the caller's EntityManager (or transaction).

export async function addUpload(em: EntityManager, u: NewMediaUpload): Promise<void> {
  await sql(
    em,
    `insert into media_uploads (id, conversation_id, number_id, meta_media_id, kind, mime_type, file_name, size, sha256, storage_key, uploaded_by, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (number_id, meta_media_id) do nothing`,
    [
      u.id,
      u.conversationId,
      u.numberId,
      u.metaMediaId,
      u.kind,
      u.mimeType,
      u.fileName,
      u.size,
      u.sha256,
      u.storageKey,
      u.uploadedBy,
      u.createdAt,
    ],
  );
}

/**
 * Marks the upload sent, in the transaction that records its message; the row stays locked until that commits, so
 * the prune skips it. False when it is gone (pruned after the reply looked it up): the message keeps no copy then.
 */
export async function markUploadSent(em: EntityManager, id: string, at: Date): Promise<boolean> {
  const rows = await sql(
    em,
    `update media_uploads set sent_at = coalesce(sent_at, ?::timestamptz) where id = ? returning 1`,
    [at, id],
  );
  return rows.length > 0;
}

/**
 * Deletes up to `limit` uploads never sent and made before `before`, oldest first, answering their storage keys.
 * Rows another transaction holds (a reply marking one sent, another worker's prune) are skipped, not waited for.
 */
export async function deleteUnsentUploads(em: EntityManager, before: Date, limit: number): Promise<string[]> {
  const rows = await sql<{ storage_key: string }>(
    em,
    `delete from media_uploads where id = any(array(
       select id from media_uploads where sent_at is null and created_at < ?::timestamptz
        order by created_at limit ? for update skip locked))
     returning storage_key`,
    [before, limit],
  );
  return rows.map((r) => r.storage_key);
}

/** The upload behind a Meta media id, when it was made for this conversation. */
export async function findUpload(
  em: EntityManager,
  conversationId: string,
  metaMediaId: string,
): Promise<MediaUpload | null> {
  const rows = await sql<Row>(
    em,
    `select * from media_uploads where conversation_id = ? and meta_media_id = ? limit 1`,
    [conversationId, metaMediaId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    conversationId: r.conversation_id,
    numberId: r.number_id,
    metaMediaId: r.meta_media_id,
    kind: r.kind,
    mimeType: r.mime_type,
    fileName: r.file_name,
    size: r.size,
    sha256: r.sha256,
    storageKey: r.storage_key,
    uploadedBy: r.uploaded_by,
  };
}

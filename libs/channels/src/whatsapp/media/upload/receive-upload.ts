import {
  BadRequestException,
  HttpException,
  PayloadTooLargeException,
  UnprocessableEntityException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import busboy from 'busboy';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import {
  acceptedMimeTypes,
  baseMime,
  MAX_UPLOAD_BYTES,
  UPLOAD_RULES,
  UploadKind,
  uploadKindOf,
} from './upload-rules';

/** A file received whole, within its kind's limits, on disk at `path`. */
export interface ReceivedUpload {
  path: string;
  fileName: string | null;
  mimeType: string;
  kind: UploadKind;
  size: number;
  /** Hex, as Meta reports uploaded media. */
  sha256: string;
}

const MB = 1024 * 1024;

/**
 * Reads a multipart/form-data request with one part named `file` into `path`, streaming: the MIME type is checked
 * from the part's header before any byte is written, and writing stops at the kind's size limit (and `maxBytes`),
 * so memory stays bounded whatever the client sends. The rest of a refused body is read and dropped, so the client
 * still gets the answer. Throws the HTTP error to answer; the caller removes `path` on any failure.
 */
export function receiveUpload(req: IncomingMessage, path: string, maxBytes: number): Promise<ReceivedUpload> {
  if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? ''))
    return Promise.reject(
      new UnsupportedMediaTypeException('the body must be multipart/form-data with one part named "file"'),
    );
  return new Promise<ReceivedUpload>((resolve, reject) => {
    let refusal: HttpException | null = null;
    let written: Promise<ReceivedUpload> | null = null;
    const refuse = (e: HttpException) => (refusal ??= e);

    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // Browsers send file names as UTF-8 bytes.
        defParamCharset: 'utf8',
        limits: { files: 1, fields: 10, parts: 11, fieldSize: 1024, fileSize: MAX_UPLOAD_BYTES + 1 },
      });
    } catch (e) {
      reject(new BadRequestException(`malformed multipart body: ${(e as Error).message}`));
      return;
    }
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || written) {
        refuse(new BadRequestException(`${name}: send exactly one file, in a part named "file"`));
        stream.resume();
        return;
      }
      const mimeType = baseMime(info.mimeType || 'application/octet-stream');
      const kind = uploadKindOf(mimeType);
      if (!kind) {
        refuse(
          new UnsupportedMediaTypeException(
            `file: WhatsApp does not take files of type ${mimeType}; accepted: ${acceptedMimeTypes().join(', ')}`,
          ),
        );
        stream.resume();
        return;
      }
      const rule = UPLOAD_RULES[kind];
      const limit = Math.min(rule.maxBytes, maxBytes);
      const tooLarge = () =>
        new PayloadTooLargeException(
          limit < rule.maxBytes
            ? `file: over this installation's media limit of ${limit} bytes (media.maxBytes)`
            : `file: a ${kind} (${mimeType}) may be at most ${rule.label} (${rule.maxBytes} bytes) on WhatsApp`,
        );
      written = writeLimited(stream, path, limit, tooLarge).then(({ size, sha256 }) => ({
        path,
        fileName: info.filename?.trim() ? info.filename.trim().slice(0, 240) : null,
        mimeType,
        kind,
        size,
        sha256,
      }));
      // Settled here so an early rejection is never "unhandled" before the parser closes.
      written.catch((e: unknown) => refuse(asHttp(e)));
    });
    parser.on('error', (e: Error) => {
      req.unpipe(parser);
      req.resume();
      reject(refusal ?? new BadRequestException(`malformed multipart body: ${e.message}`));
    });
    parser.on('close', () => {
      if (!written) {
        reject(refusal ?? new BadRequestException('file: a multipart part named "file" is required'));
        return;
      }
      written.then(
        (file) => {
          if (refusal) reject(refusal);
          else if (file.size === 0) reject(new UnprocessableEntityException('file: the file is empty'));
          else resolve(file);
        },
        (e: unknown) => reject(refusal ?? asHttp(e)),
      );
    });
    req.on('aborted', () => {
      // Stops the parser, which errors the file part's stream: writeLimited then closes its file.
      parser.destroy(new Error('the upload was interrupted'));
      reject(new BadRequestException('the upload was interrupted'));
    });
    req.pipe(parser);
  });
}

/** Copies `source` into `path`; past `limit` bytes stops writing and keeps reading to the end, then rejects. */
function writeLimited(
  source: Readable,
  path: string,
  limit: number,
  tooLarge: () => HttpException,
): Promise<{ size: number; sha256: string }> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(path, { highWaterMark: MB });
    const hash = createHash('sha256');
    let size = 0;
    let over = false;
    let failed: Error | null = null;
    out.on('error', (e) => {
      failed = e;
      source.resume();
    });
    source.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (over || failed) return;
      if (size > limit) {
        over = true;
        out.destroy();
        return;
      }
      hash.update(chunk);
      if (!out.write(chunk)) {
        source.pause();
        out.once('drain', () => source.resume());
      }
    });
    source.on('end', () => {
      if (over) return reject(tooLarge());
      if (failed) return reject(failed);
      out.end(() => (failed ? reject(failed) : resolve({ size, sha256: hash.digest('hex') })));
    });
    source.on('error', (e) => {
      // The file is left to the caller's discard: its handle must not stay open (or write again) after it.
      out.destroy();
      reject(e);
    });
  });
}

function asHttp(e: unknown): HttpException {
  return e instanceof HttpException
    ? e
    : new BadRequestException(`the upload failed: ${(e as Error).message}`);
}

import { IncomingMessage } from 'node:http';

export type RawBody = { kind: 'ok'; bytes: Buffer } | { kind: 'too_large' } | { kind: 'aborted' };

/**
 * Reads a request body as the exact bytes sent (the signature covers them), refusing more than `max` bytes:
 * up front from Content-Length, or as soon as the stream passes the limit.
 */
export function readRawBody(req: IncomingMessage, max: number): Promise<RawBody> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) {
    req.resume();
    return Promise.resolve({ kind: 'too_large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: RawBody) => {
      if (done) return;
      done = true;
      resolve(r);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > max) {
        chunks.length = 0;
        finish({ kind: 'too_large' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () =>
      finish({ kind: 'ok', bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size) }),
    );
    req.on('aborted', () => finish({ kind: 'aborted' }));
    req.on('error', () => finish({ kind: 'aborted' }));
  });
}

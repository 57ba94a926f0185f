import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphError } from './graph-errors';
import { newFbTraceId } from './ids';
import { metaJsonStringify } from './meta-json';

export const GRAPH_VERSION = 'v24.0';

export class BodyTooLargeError extends Error {}

/** Reads the request body; past `maxBytes` it keeps draining (so we can still answer) and then rejects. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () =>
      size > maxBytes
        ? reject(new BodyTooLargeError(`body exceeds ${maxBytes} bytes`))
        : resolve(Buffer.concat(chunks)),
    );
    req.on('error', reject);
  });
}

/** Graph answers are PHP-encoded JSON (escaped `/` and non-ASCII) with Facebook's tracing headers. */
export function sendGraphJson(res: ServerResponse, status: number, value: unknown): void {
  const body = metaJsonStringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(body),
    'facebook-api-version': GRAPH_VERSION,
    'x-fb-trace-id': newFbTraceId().slice(0, 11),
    'x-fb-request-id': newFbTraceId(),
  });
  res.end(body);
}

export function sendGraphError(res: ServerResponse, error: GraphError): void {
  if (error.httpStatus === 401) {
    res.setHeader(
      'www-authenticate',
      `OAuth "Facebook Platform" "invalid_token" "${error.message.replace(/"/g, "'")}"`,
    );
  }
  sendGraphJson(res, error.httpStatus, error.toBody());
}

/** Plain JSON for the sandbox's own control API. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

export function internalGraphError(): GraphError {
  return new GraphError(500, 1, 'An unknown error occurred', undefined, {
    rawMessage: 'An unknown error occurred',
  });
}

/** Minimal multipart/form-data parser for the media upload endpoint (the only multipart route). */
export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export class MultipartError extends Error {}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

export function boundaryOf(contentType: string | undefined): string {
  const match = /^multipart\/form-data\s*;.*?\bboundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw new MultipartError('Content-Type must be multipart/form-data with a boundary');
  return boundary;
}

export function parseMultipart(body: Buffer, contentType: string | undefined): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
  const nextDelimiter = Buffer.concat([CRLF, delimiter]);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new MultipartError('multipart body has no boundary delimiter');
  const parts: MultipartPart[] = [];
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return parts;
    if (!body.subarray(pos, pos + 2).equals(CRLF))
      throw new MultipartError('malformed multipart delimiter line');
    const start = pos + 2;
    const end = body.indexOf(nextDelimiter, start);
    if (end < 0) throw new MultipartError('multipart body is truncated (no closing boundary)');
    parts.push(parsePart(body.subarray(start, end)));
    pos = end + CRLF.length;
  }
}

function parsePart(raw: Buffer): MultipartPart {
  const headerEnd = raw.indexOf(HEADER_END);
  if (headerEnd < 0) throw new MultipartError('multipart part has no header block');
  const headers = new Map<string, string>();
  for (const line of raw.subarray(0, headerEnd).toString('utf8').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get('content-disposition') ?? '';
  const name = /(?:^|;)\s*name="([^"]*)"/i.exec(disposition)?.[1];
  if (name === undefined) throw new MultipartError('multipart part without a name');
  const filename = /(?:^|;)\s*filename="([^"]*)"/i.exec(disposition)?.[1];
  return {
    name,
    filename,
    contentType: headers.get('content-type'),
    data: raw.subarray(headerEnd + HEADER_END.length),
  };
}

import type { IncomingMessage } from 'node:http';

/**
 * The HTTP API sends no CORS headers (same origin only); sockets follow: a browser's handshake is accepted from
 * the api's own origin or the configured public URL. Clients that send no Origin (servers, CLIs) still need a token.
 */
export function socketOriginCheck(
  publicUrl: string,
): (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => void {
  return (req, callback) => {
    const origin = req.headers.origin;
    if (!origin || origin === publicUrl) return callback(null, true);
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host !== null && host === req.headers.host) return callback(null, true);
    callback(`origin ${origin} is not allowed: sockets are accepted from the app's own origin only`, false);
  };
}

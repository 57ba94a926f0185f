import helmet from 'helmet';
import { IncomingMessage, ServerResponse } from 'node:http';
import { TLSSocket } from 'node:tls';

/** Express's compiled `trust proxy` setting: is the peer at this hop a proxy we trust? */
export type TrustProxy = (address: string | undefined, hop: number) => boolean;

/**
 * The SPA's policy, also sent with every other response (JSON, files, 404s, webhooks): no inline script or style,
 * nothing loaded from another origin, and no page of ours in a frame.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

const HSTS = 'max-age=31536000; includeSubDomains';

// A Host header fit to be written into the policy (a name or IP literal and a port): anything else gets no source.
const PLAIN_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The websocket (Socket.IO) path on our own origin, written out: `'self'` covers ws/wss only in browsers that
 * implement CSP level 3, so the socket path is listed explicitly for the others.
 */
function socketSource(req: IncomingMessage, trust: TrustProxy, path: string): string {
  const host = req.headers.host;
  if (!host || !PLAIN_HOST.test(host)) return "'self'";
  return `${cameOverHttps(req, trust) ? 'wss' : 'ws'}://${host}${path}/`;
}

/**
 * True when the client reached us over HTTPS: our own TLS socket, or X-Forwarded-Proto from a proxy that the
 * `trust proxy` setting trusts. The same rule as Express's `req.secure`, which the raw webhook path does not have.
 */
export function cameOverHttps(req: IncomingMessage, trust: TrustProxy): boolean {
  const direct = (req.socket as TLSSocket).encrypted === true;
  if (!trust(req.socket.remoteAddress, 0)) return direct;
  const header = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0].trim();
  return first ? first === 'https' : direct;
}

/**
 * Sets the security headers on a response, for the framework and for the raw webhook path alike. HSTS only on HTTPS:
 * over plain HTTP it is ignored by browsers and would only pin a development host. `trust` is read on each request
 * because the app sets `trust proxy` after the listener is mounted.
 */
export function securityHeaders(
  trust: () => TrustProxy,
  socketPath: string,
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const connectSrc = [
    ...CONTENT_SECURITY_POLICY['connect-src'],
    (req: IncomingMessage) => socketSource(req, trust(), socketPath),
  ];
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...CONTENT_SECURITY_POLICY, 'connect-src': connectSrc },
    },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
  return (req, res, next) =>
    headers(req, res, () => {
      if (cameOverHttps(req, trust())) res.setHeader('Strict-Transport-Security', HSTS);
      next();
    });
}

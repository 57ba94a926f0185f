import type { Request } from 'express';
import type { AppConfig } from '@switchboard/engine';

/** The caller as sessions and rate limits see it (the address honours server.trustProxyHops). */
export function clientInfo(req: Request): { ip: string; userAgent: string | null } {
  return { ip: req.ip ?? 'unknown', userAgent: req.get('user-agent') ?? null };
}

/** Whether auth cookies get `Secure` (auth.cookieSecure: auto follows the request's scheme). */
export function secureCookies(req: Request, config: AppConfig): boolean {
  const mode = config.auth.cookieSecure;
  return mode === 'always' || (mode === 'auto' && req.secure);
}

import type { CookieOptions, Request, Response } from 'express';
import type { AppConfig } from '@switchboard/engine';
import { secureCookies } from './request-info';

export const REFRESH_COOKIE = 'sb_refresh';
/** The cookie is only ever sent to the auth endpoints, never with API calls or page loads. */
const PATH = '/api/auth';

function options(req: Request, config: AppConfig, expires?: Date): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: secureCookies(req, config),
    path: PATH,
    ...(expires ? { expires } : {}),
  };
}

export function setRefreshCookie(
  req: Request,
  res: Response,
  config: AppConfig,
  token: string,
  expires: Date,
): void {
  res.cookie(REFRESH_COOKIE, token, options(req, config, expires));
}

export function clearRefreshCookie(req: Request, res: Response, config: AppConfig): void {
  res.clearCookie(REFRESH_COOKIE, options(req, config));
}

export function readRefreshCookie(req: Request): string | undefined {
  const cookies = (req as Request & { cookies?: Record<string, unknown> }).cookies;
  const v = cookies?.[REFRESH_COOKIE];
  return typeof v === 'string' ? v : undefined;
}

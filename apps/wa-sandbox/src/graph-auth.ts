import type { IncomingMessage } from 'node:http';
import { graphErrors, GraphError } from './graph-errors';
import type { NumberState } from './number-registry';
import type { SandboxContext } from './sandbox-context';

/** Bearer header, or `access_token` in the query string (Graph accepts both). */
function presentedToken(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? url.searchParams.get('access_token') ?? undefined;
}

/**
 * The numbers whose access token was presented. Unknown or missing token → 401/190; a token that was
 * invalidated with setTokenValid(false) → 401/190 subcode 463 (expired session), on every call.
 */
export function authenticate(ctx: SandboxContext, req: IncomingMessage, url: URL): NumberState[] {
  const token = presentedToken(req, url);
  const principals = token ? ctx.numbers.byToken(token) : [];
  if (principals.length === 0) throw graphErrors.invalidToken();
  const expired = principals.find((p) => p.tokenExpiredAt !== undefined);
  if (expired?.tokenExpiredAt !== undefined)
    throw graphErrors.expiredToken(expired.tokenExpiredAt, ctx.now());
  return principals;
}

/**
 * A token reaches every object of its WABA (like a system-user token). Objects outside it look exactly like
 * objects that do not exist (100/33), as on the Graph API.
 */
export function requireWabaAccess(
  principals: NumberState[],
  wabaId: string,
  notFound: GraphError,
  target?: NumberState,
  now?: number,
): void {
  if (!principals.some((p) => p.config.wabaId === wabaId)) throw notFound;
  if (target?.tokenExpiredAt !== undefined)
    throw graphErrors.expiredToken(target.tokenExpiredAt, now ?? Date.now());
}

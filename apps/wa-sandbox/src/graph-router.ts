import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, requireWabaAccess } from './graph-auth';
import { graphErrors } from './graph-errors';
import { handleMediaObject } from './media-object.handler';
import { handleMediaUpload } from './media-upload.handler';
import { handleMessageSend } from './message-send.handler';
import { handleMessageTemplates } from './message-templates.handler';
import { handlePhoneNumber, handleWabaPhoneNumbers } from './phone-numbers.handler';
import type { SandboxContext } from './sandbox-context';
import { handleSubscribedApps } from './subscribed-apps';
import { handleTemplateCreate } from './template-create.handler';

export const GRAPH_PATH = /^\/(v\d+\.\d+)(?:\/(.*))?$/;

/**
 * Routes `/{version}/...`. The token is checked first (401 before anything else, like Graph); objects
 * that do not exist or are outside the token's WABA answer 100/33, and so does any unknown edge. A Graph fault
 * rule (`POST /_sim/faults`) matching the request answers its error instead, once the token is accepted.
 */
export async function routeGraph(
  ctx: SandboxContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  rest: string,
): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const segments = rest.split('/').filter((s) => s !== '');
  const [objectId = '', edge, ...extra] = segments;
  const notFound = graphErrors.unknownObject(method, objectId);
  const principals = authenticate(ctx, req, url);
  const fault = ctx.graphFaults.take(method, rest);
  if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (fault?.error) throw fault.error;
  if (extra.length > 0) throw notFound;

  const number = ctx.numbers.get(objectId);
  if (number && edge !== undefined) {
    requireWabaAccess(principals, number.config.wabaId, notFound, number, ctx.now());
    if (method === 'POST' && edge === 'messages') return handleMessageSend(ctx, req, res, number);
    if (method === 'POST' && edge === 'media') return handleMediaUpload(ctx, req, res, number);
    throw notFound;
  }
  if (number && method === 'GET') {
    requireWabaAccess(principals, number.config.wabaId, notFound, number, ctx.now());
    return handlePhoneNumber(res, number, url);
  }
  if (ctx.numbers.isWaba(objectId) && edge !== undefined) {
    requireWabaAccess(principals, objectId, notFound);
    if (edge === 'subscribed_apps' && ['GET', 'POST', 'DELETE'].includes(method)) {
      return handleSubscribedApps(ctx.subscriptions, res, method, objectId);
    }
    if (edge === 'message_templates' && method === 'GET')
      return handleMessageTemplates(ctx, res, url, objectId);
    if (edge === 'message_templates' && method === 'POST')
      return handleTemplateCreate(ctx, req, res, objectId);
    if (edge === 'phone_numbers' && method === 'GET')
      return handleWabaPhoneNumbers(res, ctx.numbers.ofWaba(objectId), url);
    throw notFound;
  }
  const media = edge === undefined ? ctx.media.get(objectId) : undefined;
  if (media && (method === 'GET' || method === 'DELETE')) {
    return handleMediaObject(ctx, res, method, media, principals, url);
  }
  throw notFound;
}

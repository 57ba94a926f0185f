import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ControlApi } from './control-api';
import { CustomerDirectory } from './customer-directory';
import { CustomerWindow } from './customer-window';
import { GraphError, graphErrors } from './graph-errors';
import { GraphFaults } from './graph-faults';
import { GRAPH_PATH, routeGraph } from './graph-router';
import { internalGraphError, sendGraphError, sendJson } from './http-io';
import { handleMediaDownload } from './media-download.handler';
import { MarketingPreferences } from './marketing-preferences';
import { MediaStore } from './media-store';
import { NumberRegistry } from './number-registry';
import { PairRateLimiter, ThroughputLimiter } from './rate-limiter';
import { Sandbox } from './sandbox';
import {
  DEFAULT_RETRY,
  DEFAULT_STATUS_DELAYS,
  DEFAULT_THROUGHPUT,
  DEFAULT_WEBHOOK_TIMEOUT_MS,
  type SandboxContext,
} from './sandbox-context';
import { SentLog } from './sent-log';
import { StatusEmitter } from './status-emitter';
import { AppSubscriptions, DEFAULT_APP } from './subscribed-apps';
import { trimTrailingSlashes } from './trim-trailing-slashes';
import { defaultTemplates, TemplateCatalog } from './templates';
import type { SandboxHandle, SandboxOptions } from './types';
import { WebhookDeliverer } from './webhook-deliverer';
import type { WebhookFaults } from './webhook-delivery.types';

/** Starts the sandbox: Graph API + lookaside downloads + /_sim control API on one node:http server. */
export async function startSandbox(opts: SandboxOptions): Promise<SandboxHandle> {
  const now = opts.now ?? Date.now;
  const numbers = new NumberRegistry(opts.numbers);
  const webhookTimeoutMs = opts.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  let faults: WebhookFaults = {};
  let baseUrl = '';

  const deliverer = new WebhookDeliverer({
    retry: opts.webhookRetry ?? DEFAULT_RETRY,
    timeoutMs: webhookTimeoutMs,
    faults: () => faults,
  });
  const statuses = new StatusEmitter({
    delays: opts.statusDelaysMs ?? DEFAULT_STATUS_DELAYS,
    now,
    faults: () => faults,
    deliver: (number, payload) =>
      deliverer.deliver({ url: number.webhookUrl, appSecret: number.appSecret }, payload),
  });
  const ctx: SandboxContext = {
    now,
    baseUrl: () => baseUrl,
    numbers,
    media: new MediaStore(now),
    templates: new TemplateCatalog(opts.templates ?? defaultTemplates(), numbers.wabaIds(), now),
    marketing: new MarketingPreferences(),
    graphFaults: new GraphFaults(),
    subscriptions: new AppSubscriptions(opts.app ?? DEFAULT_APP, opts.subscribedWabas ?? numbers.wabaIds()),
    window: new CustomerWindow(now),
    customers: new CustomerDirectory(),
    sentLog: new SentLog(),
    statuses,
    throughput: new ThroughputLimiter(opts.throughputPerSecond ?? DEFAULT_THROUGHPUT),
    pairRate: opts.pairRate ? new PairRateLimiter(opts.pairRate.burst, opts.pairRate.windowMs) : undefined,
  };

  const server = createServer();
  const sandbox = new Sandbox(ctx, deliverer, {
    setFaults: (next) => {
      faults = next;
    },
    webhookTimeoutMs,
    closeServer: () => closeServer(server),
  });
  const control = new ControlApi(sandbox, numbers, ctx.graphFaults);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => void dispatch(ctx, control, req, res));

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${urlHost(host)}:${port}`;
  return sandbox;
}

async function dispatch(
  ctx: SandboxContext,
  control: ControlApi,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  try {
    if (url.pathname.startsWith('/_sim/')) return await control.handle(req, res, url);
    if (trimTrailingSlashes(url.pathname) === '/whatsapp_business/attachments') {
      return handleMediaDownload(ctx, req, res, url);
    }
    const graph = GRAPH_PATH.exec(url.pathname);
    if (graph) return await routeGraph(ctx, req, res, url, graph[2] ?? '');
    throw graphErrors.unknownObject(req.method ?? 'GET', url.pathname.split('/').filter(Boolean)[0] ?? '');
  } catch (err) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (url.pathname.startsWith('/_sim/')) {
      sendJson(res, 500, { error: 'internal', message: err instanceof Error ? err.message : String(err) });
      return;
    }
    sendGraphError(res, err instanceof GraphError ? err : internalGraphError());
  }
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

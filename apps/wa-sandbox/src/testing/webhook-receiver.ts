import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST the receiver got, with the raw bytes kept for signature checks. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  body: unknown;
  receivedAt: number;
}

export type Responder = (hook: ReceivedWebhook, index: number) => { status: number; body?: string } | number;

/**
 * A tiny Switchboard stand-in for tests: records every webhook POST, answers with a programmable status,
 * and answers Meta's GET handshake when the verify token matches.
 */
export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  setResponder(responder: Responder): void;
  waitFor(
    predicate: (received: ReceivedWebhook[]) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedWebhook[]>;
  waitForCount(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(opts: { verifyToken?: string } = {}): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let responder: Responder = () => 200;
  let waiters: Array<() => void> = [];

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://receiver.invalid');
    if (req.method === 'GET') {
      const ok =
        url.searchParams.get('hub.mode') === 'subscribe' &&
        url.searchParams.get('hub.verify_token') === opts.verifyToken;
      res.writeHead(ok ? 200 : 403, { 'content-type': 'text/plain' });
      res.end(ok ? (url.searchParams.get('hub.challenge') ?? '') : 'forbidden');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = undefined;
      }
      const hook: ReceivedWebhook = { headers: req.headers, raw, body, receivedAt: Date.now() };
      received.push(hook);
      const answer = responder(hook, received.length - 1);
      const { status, body: text } =
        typeof answer === 'number' ? { status: answer, body: undefined } : answer;
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 204 ? undefined : (text ?? 'EVENT_RECEIVED'));
      const pending = waiters;
      waiters = [];
      for (const wake of pending) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const waitFor = (
    predicate: (r: ReceivedWebhook[]) => boolean,
    timeoutMs = 5000,
  ): Promise<ReceivedWebhook[]> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `webhook receiver: condition not met after ${timeoutMs} ms (${received.length} received)`,
            ),
          ),
        timeoutMs,
      );
      const check = () => {
        if (predicate(received)) {
          clearTimeout(timer);
          resolve(received);
        } else waiters.push(check);
      };
      check();
    });

  return {
    url: `http://127.0.0.1:${port}/webhooks/whatsapp`,
    received,
    setResponder: (next) => {
      responder = next;
    },
    waitFor,
    waitForCount: (count, timeoutMs) => waitFor((r) => r.length >= count, timeoutMs),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Recomputes X-Hub-Signature-256 over the raw bytes, as a correct receiver must. */
export function hasValidSignature(hook: ReceivedWebhook, appSecret: string): boolean {
  const header = hook.headers['x-hub-signature-256'];
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = Buffer.from(createHmac('sha256', appSecret).update(hook.raw).digest('hex'));
  const given = Buffer.from(header.slice('sha256='.length));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

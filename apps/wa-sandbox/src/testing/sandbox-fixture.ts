import { startSandbox } from '../sandbox-server';
import type { SandboxHandle, SandboxNumber, SandboxOptions } from '../types';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

export const TEST_NUMBER: Omit<SandboxNumber, 'webhookUrl'> = {
  phoneNumberId: '100000000000001',
  displayPhoneNumber: '15550000001',
  wabaId: '200000000000001',
  accessToken: 'EAAG-test-token-1',
  appSecret: 'app-secret-1',
  verifyToken: 'verify-me',
};

export interface SandboxFixture {
  sandbox: SandboxHandle;
  receiver: WebhookReceiver;
  number: SandboxNumber;
  /** Calls the sandbox's Graph API at /v24.0 with the number's token unless told otherwise. */
  graph(
    path: string,
    init?: {
      method?: string;
      body?: unknown;
      token?: string | null;
      raw?: string | FormData;
      headers?: Record<string, string>;
    },
  ): Promise<{ status: number; json: unknown; text: string; headers: Headers }>;
  /** POSTs a JSON body to the sandbox's control API (`/_sim/...`). */
  control(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** A sandbox with one number whose webhooks go to a fresh recording receiver; fast delays for tests. */
export async function startFixture(overrides: Partial<SandboxOptions> = {}): Promise<SandboxFixture> {
  const receiver = await startWebhookReceiver({ verifyToken: TEST_NUMBER.verifyToken });
  const number: SandboxNumber = { ...TEST_NUMBER, webhookUrl: receiver.url };
  const sandbox = await startSandbox({
    numbers: [number],
    statusDelaysMs: { sent: 5, delivered: 15, read: 25 },
    webhookRetry: { initialDelayMs: 20, maxDelayMs: 100, maxAgeMs: 60_000 },
    ...overrides,
  });
  const graph: SandboxFixture['graph'] = async (path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    const token = init.token === undefined ? number.accessToken : init.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let body: string | FormData | undefined = init.raw;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${sandbox.url}${path}`, {
      method: init.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text, headers: res.headers };
  };
  const control: SandboxFixture['control'] = async (path, body) => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  return {
    sandbox,
    receiver,
    number,
    graph,
    control,
    close: async () => {
      await sandbox.close();
      await receiver.close();
    },
  };
}

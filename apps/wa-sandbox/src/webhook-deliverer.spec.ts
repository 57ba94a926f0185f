import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startFixture, type SandboxFixture } from './testing/sandbox-fixture';
import { hasValidSignature } from './testing/webhook-receiver';

type Json = Record<string, unknown>;

let fx: SandboxFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

const until = async (check: () => boolean, timeoutMs = 3000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

const valueOf = (body: unknown): Json => {
  const entry = ((body as Json).entry as Json[])[0];
  return ((entry.changes as Json[])[0] as Json).value as Json;
};

describe('webhook delivery', () => {
  it('sendBatch puts 1000 messages in ONE signed POST (one entry, one change, messages[] + contacts[])', async () => {
    fx = await startFixture();
    const specs = Array.from({ length: 1000 }, (_, i) => ({
      type: 'text' as const,
      body: `mensagem nº ${i}`,
    }));
    const { wamids, results } = await fx.sandbox.sendBatch(fx.number.phoneNumberId, specs, {
      from: ['5511900000001', '5511900000002'],
    });
    expect(results).toEqual([{ status: 200, attempts: 1, body: 'EVENT_RECEIVED' }]);
    expect(fx.receiver.received).toHaveLength(1);
    const hook = fx.receiver.received[0];
    expect(hasValidSignature(hook, fx.number.appSecret)).toBe(true);
    const body = hook.body as Json;
    expect(body.entry as Json[]).toHaveLength(1);
    expect(((body.entry as Json[])[0].changes as Json[]).length).toBe(1);
    const value = valueOf(body);
    const messages = value.messages as Json[];
    expect(messages).toHaveLength(1000);
    expect(messages.map((m) => m.id)).toEqual(wamids);
    expect(new Set(wamids).size).toBe(1000);
    expect((value.contacts as Json[]).map((c) => c.wa_id)).toEqual(['5511900000001', '5511900000002']);
    expect(messages[1]).toMatchObject({ from: '5511900000002', text: { body: 'mensagem n\u00ba 1' } });
  });

  it('sendBatch splits by perPost and never exceeds 1000 updates per POST', async () => {
    fx = await startFixture();
    const specs = Array.from({ length: 25 }, (_, i) => ({ type: 'text' as const, body: `m${i}` }));
    const { results } = await fx.sandbox.sendBatch(fx.number.phoneNumberId, specs, { perPost: 10 });
    expect(results).toHaveLength(3);
    const sizes = fx.receiver.received
      .map((h) => (valueOf(h.body).messages as Json[]).length)
      .sort((a, b) => a - b);
    expect(sizes).toEqual([5, 10, 10]);
  });

  it('retries with backoff until 200 (500, 500, then 200) and pendingDeliveries drains', async () => {
    fx = await startFixture();
    fx.receiver.setResponder((_hook, index) => (index < 2 ? 500 : 200));
    const { wamid, result } = await fx.sandbox.customer('5511987654321').text('retry me');
    expect(result).toMatchObject({ status: 500, attempts: 1 });
    expect(fx.sandbox.pendingDeliveries()).toBe(1);
    await fx.receiver.waitForCount(3);
    await until(() => fx?.sandbox.pendingDeliveries() === 0);
    const bodies = fx.receiver.received.map((h) => h.raw.toString());
    expect(new Set(bodies).size).toBe(1); // the same bytes every time
    expect(bodies[0]).toContain(wamid);
    const gaps = fx.receiver.received
      .slice(1)
      .map((h, i) => h.receivedAt - fx!.receiver.received[i].receivedAt);
    expect(gaps[0]).toBeGreaterThanOrEqual(15); // initialDelayMs 20
    expect(gaps[1]).toBeGreaterThanOrEqual(35); // exponential: 20 ms, then 40 ms
  });

  it('only 200 is success: 204 and 201 are retried', async () => {
    fx = await startFixture();
    fx.receiver.setResponder((_hook, index) => [204, 201][index] ?? 200);
    const { result } = await fx.sandbox.customer('5511987654321').text('x');
    expect(result.status).toBe(204);
    await fx.receiver.waitForCount(3);
    await until(() => fx?.sandbox.pendingDeliveries() === 0);
    expect(fx.receiver.received).toHaveLength(3);
  });

  it('retry:false makes a single attempt; deliveries older than maxAgeMs are dropped', async () => {
    fx = await startFixture({ webhookRetry: { initialDelayMs: 20, maxDelayMs: 40, maxAgeMs: 150 } });
    fx.receiver.setResponder(() => 503);
    const once = await fx.sandbox.deliver(fx.number.phoneNumberId, { hello: 'world' }, { retry: false });
    expect(once).toEqual({ status: 503, attempts: 1, body: 'EVENT_RECEIVED' });
    expect(fx.sandbox.pendingDeliveries()).toBe(0);
    await fx.sandbox.deliver(fx.number.phoneNumberId, { hello: 'again' });
    await until(() => fx?.sandbox.pendingDeliveries() === 0, 2000);
    const attempts = fx.receiver.received.length - 1;
    expect(attempts).toBeGreaterThan(2);
    expect(attempts).toBeLessThan(10);
  });

  it('times out slow receivers (status 0) and retries them', async () => {
    const hanging = createServer(() => undefined);
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
    fx = await startFixture({ webhookTimeoutMs: 50 });
    fx.sandbox.setWebhookUrl(
      fx.number.phoneNumberId,
      `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/`,
    );
    const result = await fx.sandbox.deliver(fx.number.phoneNumberId, { a: 1 });
    expect(result.status).toBe(0);
    expect(fx.sandbox.pendingDeliveries()).toBe(1);
    await fx.close();
    fx = undefined;
    hanging.closeAllConnections();
    await new Promise((r) => hanging.close(r));
  });

  it('signature switches: bad signature, missing header, pretty-printed body signed as sent', async () => {
    fx = await startFixture();
    const id = fx.number.phoneNumberId;
    await fx.sandbox.deliver(id, { a: 'é' }, { signature: 'bad', retry: false });
    await fx.sandbox.deliver(id, { a: 'é' }, { signature: 'missing', retry: false });
    await fx.sandbox.deliver(id, { a: 'é/x' }, { prettyPrint: true, retry: false });
    const [bad, missing, pretty] = fx.receiver.received;
    expect(bad.headers['x-hub-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(hasValidSignature(bad, fx.number.appSecret)).toBe(false);
    expect(missing.headers['x-hub-signature-256']).toBeUndefined();
    expect(pretty.raw.toString()).toBe('{\n    "a": "\\u00e9\\/x"\n}');
    expect(hasValidSignature(pretty, fx.number.appSecret)).toBe(true);
  });

  it('duplicateEvery posts every n-th body twice', async () => {
    fx = await startFixture();
    fx.sandbox.setWebhookFaults({ duplicateEvery: 2 });
    const c = fx.sandbox.customer('5511987654321');
    const first = await c.text('one');
    const second = await c.text('two');
    await fx.receiver.waitForCount(3);
    const count = (wamid: string) => fx!.receiver.received.filter((h) => h.raw.includes(wamid)).length;
    expect(count(first.wamid)).toBe(1);
    expect(count(second.wamid)).toBe(2);
  });

  it('dropResponses makes Meta redeliver a body the receiver already acknowledged', async () => {
    fx = await startFixture();
    fx.sandbox.setWebhookFaults({ dropResponses: true });
    const { wamid } = await fx.sandbox.customer('5511987654321').text('twice');
    await fx.receiver.waitForCount(2);
    await until(() => fx?.sandbox.pendingDeliveries() === 0);
    expect(fx.receiver.received.filter((h) => h.raw.includes(wamid))).toHaveLength(2);
  });

  it("verifyWebhook performs Meta's GET handshake and requires an exact echo", async () => {
    fx = await startFixture();
    const ok = await fx.sandbox.verifyWebhook(fx.number.phoneNumberId);
    expect(ok).toMatchObject({ ok: true, status: 200 });
    expect(ok.challenge).toMatch(/^\d+$/);
    expect(ok.body).toBe(ok.challenge);
    const wrong = await fx.sandbox.verifyWebhook(fx.number.phoneNumberId, { verifyToken: 'nope' });
    expect(wrong).toMatchObject({ ok: false, status: 403 });
  });
});

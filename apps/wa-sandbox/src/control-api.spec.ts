import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type SandboxFixture } from './testing/sandbox-fixture';
import { hasValidSignature } from './testing/webhook-receiver';

type Json = Record<string, unknown>;

let fx: SandboxFixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(() => fx.close());

async function sim(path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${fx.sandbox.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Json };
}

describe('/_sim control API', () => {
  it('POST /_sim/customers/{waId}/messages delivers a signed webhook and returns the wamid', async () => {
    const res = await sim('/_sim/customers/5511987654321/messages', {
      phoneNumberId: fx.number.phoneNumberId,
      name: 'Ana',
      type: 'text',
      body: 'Olá',
    });
    expect(res.status).toBe(200);
    expect(res.json.wamid).toMatch(/^wamid\./);
    expect(res.json.delivery).toMatchObject({ status: 200, attempts: 1 });
    const hook = fx.receiver.received.find((h) => h.raw.includes(res.json.wamid as string));
    expect(hook && hasValidSignature(hook, fx.number.appSecret)).toBe(true);
    expect(hook?.raw.toString()).toContain('"name":"Ana"');
  });

  it('accepts any InboundSpec, including media bytes as base64', async () => {
    const res = await sim('/_sim/customers/5511987654321/messages', {
      phoneNumberId: fx.number.phoneNumberId,
      type: 'image',
      caption: 'foto',
      bytesBase64: Buffer.from('jpeg!').toString('base64'),
    });
    expect(res.status).toBe(200);
    const hook = fx.receiver.received.find((h) => h.raw.includes(res.json.wamid as string));
    expect(hook?.raw.toString()).toContain('"caption":"foto"');
  });

  it('bad input → 400 naming the field; unknown number → 404', async () => {
    const missingBody = await sim('/_sim/customers/5511987654321/messages', {
      phoneNumberId: fx.number.phoneNumberId,
      type: 'text',
    });
    expect(missingBody.status).toBe(400);
    expect(missingBody.json.issues).toEqual([expect.objectContaining({ field: 'body' })]);
    const badType = await sim('/_sim/customers/5511987654321/messages', {
      phoneNumberId: fx.number.phoneNumberId,
      type: 'fax',
    });
    expect(badType.status).toBe(400);
    expect(badType.json.issues).toEqual([expect.objectContaining({ field: 'type' })]);
    const noNumber = await sim('/_sim/customers/5511987654321/messages', { type: 'text', body: 'x' });
    expect(noNumber.json.issues).toEqual([expect.objectContaining({ field: 'phoneNumberId' })]);
    const badWaId = await sim('/_sim/customers/abc/messages', {
      phoneNumberId: fx.number.phoneNumberId,
      type: 'text',
      body: 'x',
    });
    expect(badWaId.status).toBe(400);
    const unknown = await sim('/_sim/customers/5511987654321/messages', {
      phoneNumberId: '42',
      type: 'text',
      body: 'x',
    });
    expect(unknown.status).toBe(404);
    const badCode = await sim(`/_sim/numbers/${fx.number.phoneNumberId}/fail-next`, { count: 1, code: 123 });
    expect(badCode.status).toBe(400);
    expect(badCode.json.issues).toEqual([expect.objectContaining({ field: 'code' })]);
  });

  it('token, fail-next, next-wamid, verify, faults and sent wrap the handle', async () => {
    const id = fx.number.phoneNumberId;
    expect((await sim(`/_sim/numbers/${id}/token`, { valid: false })).status).toBe(200);
    const expired = await fx.graph(`/v24.0/${id}`);
    expect((expired.json as { error: Json }).error.error_subcode).toBe(463);
    await sim(`/_sim/numbers/${id}/token`, { valid: true });

    await sim(`/_sim/numbers/${id}/fail-next`, { count: 1, code: 130429 });
    const body = { messaging_product: 'whatsapp', to: '5511987654321', type: 'text', text: { body: 'oi' } };
    expect((await fx.graph(`/v24.0/${id}/messages`, { body })).status).toBe(400);
    expect((await fx.graph(`/v24.0/${id}/messages`, { body })).status).toBe(200);

    expect(
      (await sim(`/_sim/numbers/${id}/next-wamid`, { wamid: 'wamid.NEXT', statuses: false })).status,
    ).toBe(200);
    const preset = await fx.graph(`/v24.0/${id}/messages`, { body });
    expect((preset.json as { messages: Json[] }).messages[0].id).toBe('wamid.NEXT');
    expect((await sim(`/_sim/numbers/${id}/next-wamid`, { statuses: false })).json.issues).toEqual([
      expect.objectContaining({ field: 'wamid' }),
    ]);

    const verify = await sim('/_sim/webhook/verify', { phoneNumberId: id });
    expect(verify.json).toMatchObject({ ok: true, status: 200 });
    expect((await sim('/_sim/webhook/faults', { skipDelivered: true })).status).toBe(200);
    await sim('/_sim/webhook/faults', {});

    const sent = await fetch(`${fx.sandbox.url}/_sim/sent?phoneNumberId=${id}`).then(
      (r) => r.json() as Promise<Json[]>,
    );
    expect(sent.map((r) => r.httpStatus)).toEqual([400, 200, 200]);
    expect(sent[0].error).toMatchObject({ code: 130429, async: false });
    expect((await sim('/_sim/health')).json).toMatchObject({ ok: true });
  });
});

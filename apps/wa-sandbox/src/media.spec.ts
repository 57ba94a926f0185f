import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type SandboxFixture } from './testing/sandbox-fixture';
import type { ReceivedWebhook } from './testing/webhook-receiver';

type Json = Record<string, unknown>;
const MEDIA = '/v24.0/100000000000001/media';
const MESSAGES = '/v24.0/100000000000001/messages';

let fx: SandboxFixture;
let clock = Date.UTC(2026, 2, 1, 9);
beforeAll(async () => {
  fx = await startFixture({ now: () => clock });
});
afterAll(() => fx.close());

function form(
  bytes: Buffer,
  mime: string,
  opts: { product?: string | null; filename?: string } = {},
): FormData {
  const data = new FormData();
  if (opts.product !== null) data.set('messaging_product', opts.product ?? 'whatsapp');
  data.set('type', mime);
  data.set('file', new Blob([new Uint8Array(bytes)], { type: mime }), opts.filename ?? 'file.bin');
  return data;
}

async function upload(bytes: Buffer, mime: string, opts?: { product?: string | null; filename?: string }) {
  return fx.graph(MEDIA, { method: 'POST', raw: form(bytes, mime, opts) });
}

async function download(url: string, token: string | null = fx.number.accessToken) {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

const errorOf = (json: unknown) => (json as { error: Json }).error;
const statusesOf = (hooks: ReceivedWebhook[], wamid: string): Json[] =>
  hooks.flatMap((h) => {
    const value = ((((h.body as Json).entry as Json[])[0].changes as Json[])[0] as Json).value as Json;
    return ((value.statuses as Json[] | undefined) ?? []).filter((s) => s.id === wamid);
  });

describe('media', () => {
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('pretend jpeg café')]);

  it('upload → GET url (hex sha256, integer file_size) → download with token; 401 without; 404 after 5 min', async () => {
    const up = await upload(jpeg, 'image/jpeg', { filename: 'foto.jpg' });
    expect(up.status).toBe(200);
    const { id } = up.json as { id: string };
    expect(id).toMatch(/^\d+$/);

    const meta = await fx.graph(`/v24.0/${id}?phone_number_id=100000000000001`);
    expect(meta.status).toBe(200);
    const info = meta.json as Json;
    expect(info).toEqual({
      messaging_product: 'whatsapp',
      url: expect.stringMatching(
        /^http:\/\/127\.0\.0\.1:\d+\/whatsapp_business\/attachments\/\?mid=\d+&ext=\d+&hash=/,
      ),
      mime_type: 'image/jpeg',
      sha256: createHash('sha256').update(jpeg).digest('hex'),
      file_size: jpeg.length,
      id,
    });
    expect(meta.text).toContain(`"file_size":${jpeg.length},`);
    expect(meta.text).toContain('"url":"http:\\/\\/127.0.0.1');

    const ok = await download(info.url as string);
    expect(ok).toMatchObject({ status: 200, type: 'image/jpeg' });
    expect(ok.bytes.equals(jpeg)).toBe(true);
    expect((await download(info.url as string, null)).status).toBe(401);
    expect((await download(info.url as string, 'wrong-token')).status).toBe(401);
    expect((await download(`${String(info.url)}x`)).status).toBe(404);

    clock += 5 * 60_000 + 1000;
    expect((await download(info.url as string)).status).toBe(404);
    const fresh = (await fx.graph(`/v24.0/${id}`)).json as Json;
    expect((await download(fresh.url as string)).status).toBe(200);
  });

  it('unknown media id → 400 code 100 subcode 33; other number scope → same; DELETE removes media', async () => {
    const unknown = await fx.graph('/v24.0/1234567890123456');
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown.json)).toMatchObject({
      code: 100,
      error_subcode: 33,
      type: 'GraphMethodException',
    });
    const { id } = (await upload(jpeg, 'image/png')).json as { id: string };
    expect(errorOf((await fx.graph(`/v24.0/${id}?phone_number_id=999`)).json).error_subcode).toBe(33);
    const deleted = await fx.graph(`/v24.0/${id}`, { method: 'DELETE' });
    expect(deleted.json).toEqual({ success: true });
    expect((await fx.graph(`/v24.0/${id}`)).status).toBe(400);
  });

  it('enforces the per-type size limit and MIME list with 131053, and requires messaging_product', async () => {
    const big = await upload(Buffer.alloc(5 * 1024 * 1024 + 1, 1), 'image/jpeg');
    expect(big.status).toBe(400);
    expect(errorOf(big.json)).toMatchObject({ code: 131053, message: '(#131053) Media upload error' });
    expect((errorOf(big.json).error_data as Json).details).toContain('5MB');
    const sticker = await upload(Buffer.alloc(600 * 1024, 1), 'image/webp');
    expect((errorOf(sticker.json).error_data as Json).details).toContain('500KB');
    const html = await upload(Buffer.from('<html>'), 'text/html');
    expect(errorOf(html.json).code).toBe(131053);
    expect((errorOf(html.json).error_data as Json).details).toContain("'text/html'");
    const noProduct = await upload(jpeg, 'image/jpeg', { product: null });
    expect(errorOf(noProduct.json).code).toBe(100);
    const notMultipart = await fx.graph(MEDIA, { body: { messaging_product: 'whatsapp' } });
    expect(errorOf(notMultipart.json).code).toBe(100);
  });

  it('inbound media from a customer downloads through the webhook url and GET /{media-id}', async () => {
    const bytes = Buffer.from('%PDF-1.4 comprovante');
    const { wamid } = await fx.sandbox
      .customer('5511987654321')
      .document({ filename: 'comprovante.pdf', bytes });
    const hook = fx.receiver.received.find((h) => h.raw.includes(wamid)) as ReceivedWebhook;
    const message = ((((hook.body as Json).entry as Json[])[0].changes as Json[])[0] as Json).value as Json;
    const document = ((message.messages as Json[])[0] as Json).document as Json;
    const viaWebhook = await download(document.url as string);
    expect(viaWebhook.bytes.equals(bytes)).toBe(true);
    const viaGraph = (await fx.graph(`/v24.0/${String(document.id)}`)).json as Json;
    expect(viaGraph.sha256).toBe(Buffer.from(document.sha256 as string, 'base64').toString('hex'));
  });

  it('sending uploaded media by id: voice notes get played after read; wrong MIME fails async with 131053', async () => {
    await fx.sandbox.customer('5511987654321').text('pode mandar o áudio');
    const ogg = (await upload(Buffer.from('OggS voice'), 'audio/ogg; codecs=opus')).json as { id: string };
    const voice = await fx.graph(MESSAGES, {
      body: {
        messaging_product: 'whatsapp',
        to: '5511987654321',
        type: 'audio',
        audio: { id: ogg.id, voice: true },
      },
    });
    expect(voice.status).toBe(200);
    const voiceId = (((voice.json as Json).messages as Json[])[0] as Json).id as string;
    await fx.receiver.waitFor((r) => statusesOf(r, voiceId).length === 4);
    expect(statusesOf(fx.receiver.received, voiceId).map((s) => s.status)).toEqual([
      'sent',
      'delivered',
      'read',
      'played',
    ]);

    const pdf = (await upload(Buffer.from('%PDF-1.4'), 'application/pdf')).json as { id: string };
    const wrong = await fx.graph(MESSAGES, {
      body: { messaging_product: 'whatsapp', to: '5511987654321', type: 'image', image: { id: pdf.id } },
    });
    expect(wrong.status).toBe(200);
    const wrongId = (((wrong.json as Json).messages as Json[])[0] as Json).id as string;
    await fx.receiver.waitFor((r) => statusesOf(r, wrongId).length === 1);
    expect(statusesOf(fx.receiver.received, wrongId)[0]).toMatchObject({
      status: 'failed',
      errors: [{ code: 131053, title: 'Media upload error' }],
    });
  });
});

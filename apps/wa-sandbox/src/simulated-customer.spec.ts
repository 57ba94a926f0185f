import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundResult } from './types';
import { startFixture, type SandboxFixture } from './testing/sandbox-fixture';
import type { ReceivedWebhook } from './testing/webhook-receiver';

type Json = Record<string, unknown>;

let fx: SandboxFixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(() => fx.close());

/** Sends via the customer, then returns the webhook carrying that wamid after checking envelope + HMAC. */
async function deliveredMessage(
  send: Promise<InboundResult>,
): Promise<{ message: Json; value: Json; hook: ReceivedWebhook }> {
  const { wamid, result } = await send;
  expect(result).toMatchObject({ status: 200, attempts: 1 });
  const hooks = await fx.receiver.waitFor((r) => r.some((h) => h.raw.includes(wamid)));
  const hook = hooks.find((h) => h.raw.includes(wamid)) as ReceivedWebhook;

  // Signature recomputed over the raw bytes received, exactly as Switchboard must do it.
  const expected = createHmac('sha256', fx.number.appSecret).update(hook.raw).digest('hex');
  expect(hook.headers['x-hub-signature-256']).toBe(`sha256=${expected}`);
  expect(hook.headers['content-type']).toBe('application/json');
  expect(hook.headers['user-agent']).toBe('facebookexternalua');
  // Meta's byte format: pure ASCII, compact, escaped slashes.
  const raw = hook.raw.toString('utf8');
  expect(raw).toMatch(/^[\x20-\x7e]+$/);
  expect(raw).not.toMatch(/[^\\]\//);
  expect(raw).not.toContain('\n');

  const body = hook.body as Json;
  expect(body.object).toBe('whatsapp_business_account');
  const [entry] = body.entry as Json[];
  expect(entry.id).toBe(fx.number.wabaId);
  const [change] = entry.changes as Json[];
  expect(change.field).toBe('messages');
  const value = change.value as Json;
  expect(value.messaging_product).toBe('whatsapp');
  expect(value.metadata).toEqual({
    display_phone_number: '15550000001',
    phone_number_id: fx.number.phoneNumberId,
  });
  const messages = value.messages as Json[];
  expect(messages).toHaveLength(1);
  const message = messages[0];
  expect(message.id).toBe(wamid);
  expect(wamid).toMatch(/^wamid\.[A-Za-z0-9+/]+=*$/);
  expect(wamid.length).toBeLessThanOrEqual(128);
  expect(message.timestamp).toMatch(/^\d{10}$/);
  return { message, value, hook };
}

describe('SimulatedCustomer', () => {
  it('text: contacts block with profile name + wa_id, from, body (non-ASCII escaped on the wire)', async () => {
    const ana = fx.sandbox.customer('5511987654321', { name: 'Ana Souza' });
    const { message, value, hook } = await deliveredMessage(ana.text('Olá! Vocês abrem no sábado? 😮'));
    expect(value.contacts).toEqual([{ profile: { name: 'Ana Souza' }, wa_id: '5511987654321' }]);
    expect(message).toMatchObject({
      from: '5511987654321',
      type: 'text',
      text: { body: 'Olá! Vocês abrem no sábado? 😮' },
    });
    expect(message.context).toBeUndefined();
    expect(hook.raw.toString()).toContain(
      '"body":"Ol\\u00e1! Voc\\u00eas abrem no s\\u00e1bado? \\ud83d\\ude2e"',
    );
  });

  it('text with reply context, forwarded flag and CTWA referral', async () => {
    const c = fx.sandbox.customer('5511911110001');
    const reply = await deliveredMessage(c.text('isso', { contextWamid: 'wamid.ORIGINAL' }));
    expect(reply.message.context).toEqual({ from: '15550000001', id: 'wamid.ORIGINAL' });
    const fwd = await deliveredMessage(c.text('encaminhado', { forwarded: true }));
    expect(fwd.message.context).toEqual({ forwarded: true });
    const referral = {
      source_url: 'https://fb.me/x',
      source_id: '1202',
      source_type: 'ad' as const,
      ctwa_clid: 'ARAk',
    };
    const ad = await deliveredMessage(c.text('vim do anúncio', { referral }));
    expect(ad.message.referral).toEqual(referral);
  });

  it('BSUID customers carry user_id in contacts and from_user_id on the message', async () => {
    const c = fx.sandbox.customer('5511922220002', { name: 'Bia', bsuid: 'BR.8412093375510264' });
    const { message, value } = await deliveredMessage(c.text('oi'));
    expect(value.contacts).toEqual([
      { profile: { name: 'Bia' }, wa_id: '5511922220002', user_id: 'BR.8412093375510264' },
    ]);
    expect(message.from_user_id).toBe('BR.8412093375510264');
  });

  it('image: media stored; webhook has id, mime_type, BASE64 sha256 of the bytes, caption, url', async () => {
    const bytes = Buffer.from('\xff\xd8\xff fake jpeg bytes', 'latin1');
    const c = fx.sandbox.customer('5511933330003');
    const { message } = await deliveredMessage(c.image({ caption: 'Foto do produto', bytes }));
    const image = message.image as Json;
    expect(message.type).toBe('image');
    expect(image).toMatchObject({ caption: 'Foto do produto', mime_type: 'image/jpeg' });
    expect(image.sha256).toBe(createHash('sha256').update(bytes).digest('base64'));
    expect(image.id).toMatch(/^\d{16}$/);
    expect(image.url).toMatch(/\/whatsapp_business\/attachments\/\?mid=\d+&source=webhook&ext=\d+&hash=/);
    // The media id is retrievable from the Graph API with the number's token.
    const media = await fx.graph(`/v24.0/${String(image.id)}`);
    expect(media.status).toBe(200);
    expect(media.json).toMatchObject({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      file_size: bytes.length,
    });
  });

  it('audio (voice), video, document, sticker carry their type-specific fields', async () => {
    const c = fx.sandbox.customer('5511944440004');
    const voice = (await deliveredMessage(c.audio({ voice: true }))).message;
    expect(voice.audio).toMatchObject({ mime_type: 'audio/ogg; codecs=opus', voice: true });
    const video = (await deliveredMessage(c.video({ caption: 'Olha o defeito' }))).message;
    expect(video.video).toMatchObject({ mime_type: 'video/mp4', caption: 'Olha o defeito' });
    const doc = (
      await deliveredMessage(c.document({ filename: 'comprovante-pix.pdf', caption: 'Comprovante' }))
    ).message;
    expect(doc.document).toMatchObject({
      filename: 'comprovante-pix.pdf',
      caption: 'Comprovante',
      mime_type: 'application/pdf',
    });
    const sticker = (await deliveredMessage(c.sticker({ animated: true }))).message;
    expect(sticker.sticker).toMatchObject({ mime_type: 'image/webp', animated: true });
    for (const m of [voice.audio, video.video, doc.document, sticker.sticker] as Json[]) {
      expect(m.sha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      expect(m.id).toMatch(/^\d+$/);
    }
  });

  it('location (numbers stay JSON numbers) and shared contacts', async () => {
    const c = fx.sandbox.customer('5511955550005');
    const loc = (
      await deliveredMessage(
        c.location({
          latitude: -23.561414,
          longitude: -46.655881,
          name: 'MASP',
          address: 'Av. Paulista, 1578',
          url: 'https://masp.org.br',
        }),
      )
    ).message;
    expect(loc.location).toEqual({
      latitude: -23.561414,
      longitude: -46.655881,
      name: 'MASP',
      address: 'Av. Paulista, 1578',
      url: 'https://masp.org.br',
    });
    const card = {
      name: { formatted_name: 'Carlos Lima' },
      phones: [{ phone: '+55 21 99876-5432', wa_id: '5521998765432', type: 'CELL' }],
    };
    const shared = (await deliveredMessage(c.contacts([card]))).message;
    expect(shared).toMatchObject({ type: 'contacts', contacts: [card] });
  });

  it('interactive button_reply, list_reply, nfm_reply and template quick-reply `button`', async () => {
    const c = fx.sandbox.customer('5511966660006');
    const btn = (
      await deliveredMessage(c.buttonReply({ id: 'confirm-8841', title: 'Confirmar' }, 'wamid.BIZ1'))
    ).message;
    expect(btn).toMatchObject({
      context: { from: '15550000001', id: 'wamid.BIZ1' },
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: 'confirm-8841', title: 'Confirmar' } },
    });
    const list = (
      await deliveredMessage(c.listReply({ id: 'ship_express', title: 'Expresso', description: 'Amanhã' }))
    ).message;
    expect(list.interactive).toEqual({
      type: 'list_reply',
      list_reply: { id: 'ship_express', title: 'Expresso', description: 'Amanhã' },
    });
    const responseJson = JSON.stringify({ flow_token: 'ftok-8f2a', rating: '5' });
    const flow = (await deliveredMessage(c.flowReply(responseJson))).message;
    expect(flow.interactive).toEqual({
      type: 'nfm_reply',
      nfm_reply: { name: 'flow', body: 'Sent', response_json: responseJson },
    });
    const tpl = (
      await deliveredMessage(c.templateButton({ payload: 'STOP_PROMOS', text: 'Parar promoções' }, 'wamid.T'))
    ).message;
    expect(tpl).toMatchObject({
      type: 'button',
      button: { payload: 'STOP_PROMOS', text: 'Parar promoções' },
      context: { id: 'wamid.T' },
    });
  });

  it('reaction (and removal with emoji omitted), order, system, unsupported', async () => {
    const c = fx.sandbox.customer('5511977770007', { name: 'Ana Souza' });
    const react = (await deliveredMessage(c.reaction('wamid.BIZ2', '👍'))).message;
    expect(react.reaction).toEqual({ message_id: 'wamid.BIZ2', emoji: '👍' });
    const unreact = (await deliveredMessage(c.reaction('wamid.BIZ2', ''))).message;
    expect(unreact.reaction).toEqual({ message_id: 'wamid.BIZ2' });
    const items = [{ product_retailer_id: 'SKU-CAFE-500G', quantity: 2, item_price: 39.9, currency: 'BRL' }];
    const order = (await deliveredMessage(c.order(items, { text: 'Pode mandar hoje?' }))).message;
    expect(order.order).toMatchObject({ text: 'Pode mandar hoje?', product_items: items });
    const system = (await deliveredMessage(c.system('user_changed_number', '5511912345678'))).message;
    expect(system.system).toEqual({
      body: 'User Ana Souza changed from 5511977770007 to 5511912345678',
      wa_id: '5511912345678',
      type: 'user_changed_number',
    });
    const unsupported = (await deliveredMessage(c.unsupported('poll'))).message;
    expect(unsupported).toMatchObject({ type: 'unsupported', unsupported: { type: 'poll' } });
    expect((unsupported.errors as Json[])[0]).toMatchObject({ code: 131051, title: 'Message type unknown' });
  });

  it('edit, revoke, request_welcome and the generic send()', async () => {
    const c = fx.sandbox.customer('5511988880008');
    const edit = (await deliveredMessage(c.edit('wamid.OLD', 'texto corrigido'))).message;
    expect(edit).toMatchObject({
      type: 'edit',
      edit: {
        original_message_id: 'wamid.OLD',
        message: { type: 'text', text: { body: 'texto corrigido' } },
      },
    });
    const revoke = (await deliveredMessage(c.revoke('wamid.OLD'))).message;
    expect(revoke).toMatchObject({ type: 'revoke', revoke: { original_message_id: 'wamid.OLD' } });
    const welcome = (await deliveredMessage(c.requestWelcome())).message;
    expect(welcome.type).toBe('request_welcome');
    expect(Object.keys(welcome).sort()).toEqual(['from', 'id', 'timestamp', 'type']);
    const generic = (await deliveredMessage(c.send({ type: 'text', body: 'generic' }))).message;
    expect(generic.text).toEqual({ body: 'generic' });
  });

  it('every wamid is unique', async () => {
    const c = fx.sandbox.customer('5511999990009');
    const wamids = await Promise.all(
      Array.from({ length: 50 }, (_, i) => c.text(`m${i}`).then((r) => r.wamid)),
    );
    expect(new Set(wamids).size).toBe(50);
  });

  it('writing to a number the sandbox does not host is rejected', async () => {
    const c = fx.sandbox.customer('5511900000010');
    expect(() => c.withNumber('999')).not.toThrow();
    await expect(c.withNumber('999').text('x')).rejects.toThrow(/unknown phoneNumberId/);
  });
});

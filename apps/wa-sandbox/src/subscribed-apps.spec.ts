import { afterEach, describe, expect, it } from 'vitest';
import { startFixture, TEST_NUMBER, type SandboxFixture } from './testing/sandbox-fixture';

type Json = Record<string, unknown>;
const errorOf = (json: unknown) => (json as { error: Json }).error;
const EDGE = `/v24.0/${TEST_NUMBER.wabaId}/subscribed_apps`;
const APP = { id: '7234002551525653', name: 'Acme Helpdesk', link: 'https://acme.example/' };

let fx: SandboxFixture;
afterEach(() => fx.close());

describe('/{waba-id}/subscribed_apps', () => {
  it('starts subscribed by default and lists the app in Meta’s shape', async () => {
    fx = await startFixture({ app: APP });
    const res = await fx.graph(EDGE);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      data: [{ whatsapp_business_api_data: { link: APP.link, name: APP.name, id: APP.id } }],
    });
  });

  it('unsubscribed WABA: empty data; POST subscribes ({success:true}); DELETE unsubscribes', async () => {
    fx = await startFixture({ app: APP, subscribedWabas: [] });
    expect((await fx.graph(EDGE)).json).toEqual({ data: [] });
    const post = await fx.graph(EDGE, { method: 'POST' });
    expect(post.status).toBe(200);
    expect(post.json).toEqual({ success: true });
    expect(((await fx.graph(EDGE)).json as { data: Json[] }).data).toHaveLength(1);
    const del = await fx.graph(EDGE, { method: 'DELETE' });
    expect(del.json).toEqual({ success: true });
    expect((await fx.graph(EDGE)).json).toEqual({ data: [] });
  });

  it('the control API sets the subscription; unknown WABA → 404', async () => {
    fx = await startFixture({ app: APP });
    const set = async (waba: string, subscribed: boolean) =>
      fetch(`${fx.sandbox.url}/_sim/wabas/${waba}/subscribed-apps`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ subscribed }),
      });
    expect((await set(TEST_NUMBER.wabaId, false)).status).toBe(200);
    expect((await fx.graph(EDGE)).json).toEqual({ data: [] });
    expect((await set('999', true)).status).toBe(404);
  });

  it('wrong token → 190; a WABA the token cannot see → 100/33, and nothing is subscribed', async () => {
    fx = await startFixture({ subscribedWabas: [] });
    const wrong = await fx.graph(EDGE, { method: 'POST', token: 'EAAG-wrong' });
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong.json)).toMatchObject({ code: 190, type: 'OAuthException' });
    const foreign = await fx.graph('/v24.0/200000000000777/subscribed_apps', { method: 'POST' });
    expect(errorOf(foreign.json)).toMatchObject({ code: 100, error_subcode: 33 });
    expect((await fx.graph(EDGE)).json).toEqual({ data: [] });
  });
});

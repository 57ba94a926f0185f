import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, TEST_NUMBER, type SandboxFixture } from './testing/sandbox-fixture';

type Json = Record<string, unknown>;
const errorOf = (json: unknown) => (json as { error: Json }).error;
const TEMPLATES = `/v24.0/${TEST_NUMBER.wabaId}/message_templates`;
const PHONE = `/v24.0/${TEST_NUMBER.phoneNumberId}`;
const SUBSCRIBED = `/v24.0/${TEST_NUMBER.wabaId}/subscribed_apps`;
/** Meta's WABA rate-limit error, as Graph returns it (code 80007, HTTP 400). */
const RATE_LIMITED = {
  code: 80007,
  type: 'OAuthException' as const,
  message:
    '(#80007) There have been too many calls to this WhatsApp Business account. Wait a bit and try again.',
};

let fx: SandboxFixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(() => fx.close());

describe('Graph fault rules (POST /_sim/faults)', () => {
  it("the template list fails with Meta's error while the connection-test calls still answer", async () => {
    const set = await fx.control('/_sim/faults', {
      rules: [{ method: 'GET', path: `${TEST_NUMBER.wabaId}/message_templates`, error: RATE_LIMITED }],
    });
    expect(set.status).toBe(200);

    const listed = await fx.graph(`${TEMPLATES}?limit=2`);
    expect(listed.status).toBe(400);
    expect(errorOf(listed.json)).toEqual({
      message: RATE_LIMITED.message,
      type: 'OAuthException',
      code: 80007,
      fbtrace_id: expect.any(String),
    });
    expect((await fx.graph(PHONE)).status).toBe(200);
    expect((await fx.graph(SUBSCRIBED)).status).toBe(200);
    // Only GET matched: creating a template still reaches the real handler (which validates it).
    expect((await fx.graph(TEMPLATES, { body: {} })).status).not.toBe(200);
    expect(errorOf((await fx.graph(TEMPLATES, { body: {} })).json).code).not.toBe(80007);

    const rules = (await (await fetch(`${fx.sandbox.url}/_sim/faults`)).json()) as { rules: Json[] };
    expect(rules.rules).toEqual([expect.objectContaining({ fired: 1, left: null })]);

    await fx.control('/_sim/faults', { rules: [] });
    const after = await fx.graph(TEMPLATES);
    expect(after.status).toBe(200);
  });

  it('the token is checked first; `times` spends the rule; `*` matches one segment; subcode and user texts', async () => {
    fx.sandbox.setGraphFaults([
      {
        path: '*',
        times: 1,
        error: {
          httpStatus: 503,
          code: 2,
          subcode: 99,
          message: 'Service temporarily unavailable',
          userTitle: 'Try later',
          userMessage: 'Meta is busy',
        },
      },
    ]);
    expect((await fx.graph(PHONE, { token: 'wrong' })).status).toBe(401);
    // Two segments: not matched by a one-segment pattern.
    expect((await fx.graph(TEMPLATES)).status).toBe(200);
    const failed = await fx.graph(PHONE);
    expect(failed.status).toBe(503);
    expect(errorOf(failed.json)).toMatchObject({
      code: 2,
      error_subcode: 99,
      message: 'Service temporarily unavailable',
      error_user_title: 'Try later',
      error_user_msg: 'Meta is busy',
    });
    expect((await fx.graph(PHONE)).status).toBe(200);
    fx.sandbox.setGraphFaults([]);
  });

  it('a delay alone holds the request, then the real handler answers (a slow Meta)', async () => {
    fx.sandbox.setGraphFaults([
      { method: 'GET', path: `${TEST_NUMBER.wabaId}/message_templates`, delayMs: 300, times: 1 },
    ]);
    const started = Date.now();
    const slow = await fx.graph(`${TEMPLATES}?limit=2`);
    expect(slow.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect((await fx.graph(`${TEMPLATES}?limit=2`)).status).toBe(200);
    fx.sandbox.setGraphFaults([]);
    const neither = await fx.control('/_sim/faults', { rules: [{ path: 'x' }] });
    expect(neither.status).toBe(400);
    expect(JSON.stringify(neither.json)).toMatch(/give error, delayMs or both/);
  });

  it('bad rules are 400 naming the field, and change nothing', async () => {
    const bad = await fx.control('/_sim/faults', {
      rules: [{ path: '/v24.0/x/message_templates', error: { code: 1, message: 'x' } }],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.issues).toEqual([expect.objectContaining({ field: 'rules.0.path' })]);
    const noCode = await fx.control('/_sim/faults', { rules: [{ path: 'x', error: { message: 'x' } }] });
    expect(noCode.json.issues).toEqual([expect.objectContaining({ field: 'rules.0.error.code' })]);
    expect((await fx.graph(TEMPLATES)).status).toBe(200);
  });
});

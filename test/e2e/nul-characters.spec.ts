import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const NUL = String.fromCharCode(0);

/**
 * PostgreSQL cannot store U+0000 in text or jsonb: a NUL in any route's body, query or path parameter is refused
 * with a 400 naming where it is, before it can fail as a 500 at the first write; nothing is changed.
 */
describe('a NUL character in any input', () => {
  let env: TestEnvironment;
  let pipelineId: string;
  let conversationId: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    const pipelines = (
      await env.api().get(`/api/pipelines?departmentId=${env.numbers.sales.departmentId}`).expect(200)
    ).body as { id: string; isDefault: boolean }[];
    pipelineId = pipelines.find((p) => p.isDefault)!.id;
    await env.sandbox.customer('5511933330001', { name: 'Nilo Nulo' }).text('Olá');
    const [row] = await waitFor(
      () =>
        env.query<{ id: string }>(
          `select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1`,
          ['5511933330001'],
        ),
      { what: 'the conversation' },
    );
    conversationId = row.id;
  });
  afterAll(async () => {
    await env?.close();
  });

  const refused = (r: { status: number; body: { message?: unknown } }, field: string) => {
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.message).toBe(`${field}: must not contain a NUL character (U+0000)`);
  };

  it('in a body string, nested, or a key: 400 naming it, nothing stored', async () => {
    const stages = `/api/pipelines/${pipelineId}/stages`;
    const before = (await env.api().get(`/api/pipelines/${pipelineId}`).expect(200)).body as {
      stages: { key: string; name: string }[];
    };
    const key = before.stages[0].key;
    refused(
      await env
        .api()
        .patch(`${stages}/${key}`)
        .send({ name: `Novo${NUL}` }),
      'name',
    );
    refused(
      await env
        .as('salesAgent')
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ type: 'text', text: `a${NUL}b` }),
      'text',
    );
    const [card] = await waitFor(
      () => env.query<{ id: string }>('select id from cards where conversation_id = $1', [conversationId]),
      { what: 'the card' },
    );
    refused(
      await env
        .as('salesAgent')
        .patch(`/api/cards/${card.id}`)
        .send({ fields: { tags: ['ok', `x${NUL}`] } }),
      'fields.tags.1',
    );
    refused(
      await env
        .api()
        .patch(`${stages}/${key}`)
        .send({ [`na${NUL}me`]: 'x' }),
      'na\\u0000me',
    );
    const after = (await env.api().get(`/api/pipelines/${pipelineId}`).expect(200)).body as typeof before;
    expect(after.stages[0].name).toBe(before.stages[0].name);
  });

  it('in a query string or a path parameter: 400 naming it', async () => {
    refused(
      await env
        .as('salesAgent')
        .get('/api/conversations')
        .query({ q: `Nilo${NUL}` }),
      'q',
    );
    refused(
      await env.api().patch(`/api/pipelines/${pipelineId}/stages/open%00`).send({ name: 'x' }),
      'stageKey',
    );
  });

  it('deep inside a body nested 200,000 levels: found in linear time, the path named', async () => {
    const depth = 200_000;
    // Sent as raw JSON: 200,000 nested arrays around one string, about 400 kB.
    const body = `{"name":${'['.repeat(depth)}"x\\u0000"${']'.repeat(depth)}}`;
    const started = performance.now();
    const r = await env
      .api()
      .patch(`/api/pipelines/${pipelineId}/stages/open`)
      .set('Content-Type', 'application/json')
      .send(body);
    const ms = performance.now() - started;
    expect(r.status).toBe(400);
    // The path is named by its start and end, so the answer stays small.
    expect(String(r.body.message)).toMatch(
      /^name(\.0)+\.?…\.?(0\.)+0: must not contain a NUL character \(U\+0000\)$/,
    );
    expect(r.text.length).toBeLessThan(1_000);
    // A walk that copied each parent's path would do about 2 × 10^10 steps here.
    expect(ms, `answered after ${Math.round(ms)} ms`).toBeLessThan(2_000);
  });
});

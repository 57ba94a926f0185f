import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The web app types what it reads from the api's OpenAPI document (apps/web/src/api/schema.d.ts): a route without a
// documented response schema would leave it guessing again. The routes are the calls in apps/web/src/api/client.ts,
// apps/web/src/realtime/resync.ts and the screens' own modules (views/*/…-api.ts), listed here by hand with the
// status each answers.
const WEB_CALLS: [method: 'get' | 'post' | 'put' | 'patch', path: string, status: 200 | 201 | 204][] = [
  ['post', '/api/auth/login', 200],
  ['get', '/api/auth/providers', 200],
  ['post', '/api/auth/mfa/challenge', 200],
  ['post', '/api/auth/mfa/verify', 200],
  ['post', '/api/auth/refresh', 200],
  ['post', '/api/auth/accept', 204],
  ['post', '/api/auth/logout', 204],
  ['get', '/api/conversations', 200],
  ['get', '/api/conversations/{id}/messages', 200],
  ['get', '/api/numbers', 200],
  ['get', '/api/me/availability', 200],
  ['put', '/api/me/availability', 200],
  ['get', '/api/realtime/events', 200],
  ['get', '/api/pipelines', 200],
  ['get', '/api/pipelines/{id}/board', 200],
  ['get', '/api/cards', 200],
  ['post', '/api/cards/{id}/move', 200],
  ['post', '/api/conversations/{id}/media', 201],
  ['get', '/api/departments/{id}/quick-replies', 200],
  ['post', '/api/departments/{id}/quick-replies', 201],
  ['get', '/api/me/transfer-targets', 200],
  ['post', '/api/conversations/{id}/transfer-to-number', 200],
  ['get', '/api/auth/me', 200],
  ['patch', '/api/me', 200],
  ['post', '/api/me/password', 200],
  ['post', '/api/me/sign-out-others', 200],
  ['post', '/api/auth/mfa/setup', 200],
  ['post', '/api/auth/mfa/confirm', 204],
  ['post', '/api/auth/mfa/disable', 204],
];

interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  oneOf?: Schema[];
  allOf?: Schema[];
}
interface Operation {
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas?: Record<string, Schema> };
}

describe('the OpenAPI document describes what the web app reads', () => {
  let env: TestEnvironment;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    env = await createTestEnvironment();
    doc = (await env.anonymous().get('/api/docs/openapi.json').expect(200)).body as OpenApiDocument;
  });
  afterAll(async () => {
    await env?.close();
  });

  const deref = (schema: Schema): Schema => {
    if (!schema.$ref) return schema;
    const found = doc.components.schemas?.[schema.$ref.replace('#/components/schemas/', '')];
    if (!found) throw new Error(`${schema.$ref} is not in the document`);
    return found;
  };

  /** Where `value` strays from `schema` (a missing or undocumented field, a wrong type), or null when it fits. */
  const misfit = (value: unknown, raw: Schema, at: string): string | null => {
    const schema = deref(raw);
    if (value === null) return schema.nullable ? null : `${at} is null`;
    if (schema.allOf) return schema.allOf.map((s) => misfit(value, s, at)).find((m) => m) ?? null;
    if (schema.oneOf)
      return schema.oneOf.some((s) => misfit(value, s, at) === null) ? null : `${at} fits no oneOf`;
    if (schema.enum && !schema.enum.includes(value)) return `${at} = ${String(value)} is not in the enum`;
    if (schema.type === 'array') {
      if (!Array.isArray(value)) return `${at} is not an array`;
      return value.map((v, i) => misfit(v, schema.items ?? {}, `${at}[${i}]`)).find((m) => m) ?? null;
    }
    if (schema.type === 'object' || schema.properties) {
      if (typeof value !== 'object' || Array.isArray(value)) return `${at} is not an object`;
      if (!schema.properties) return null;
      const record = value as Record<string, unknown>;
      for (const key of schema.required ?? []) if (!(key in record)) return `${at}.${key} is missing`;
      for (const [key, v] of Object.entries(record)) {
        const property = schema.properties[key];
        if (!property) return `${at}.${key} is not documented`;
        const m = misfit(v, property, `${at}.${key}`);
        if (m) return m;
      }
      return null;
    }
    const type = schema.type === 'integer' ? 'number' : schema.type;
    return type && typeof value !== type ? `${at} is a ${typeof value}, documented ${schema.type}` : null;
  };

  const responseSchema = (method: string, path: string, status: number): Schema | undefined =>
    doc.paths[path]?.[method]?.responses[String(status)]?.content?.['application/json']?.schema;

  it('every route the web app calls documents its success answer, with a schema when it has a body', () => {
    const gaps: string[] = [];
    for (const [method, path, status] of WEB_CALLS) {
      const operation = doc.paths[path]?.[method];
      if (!operation) {
        gaps.push(`${method} ${path}: not in the document`);
        continue;
      }
      const answer = operation.responses[String(status)];
      if (!answer) gaps.push(`${method} ${path}: no ${status} response`);
      else if (status === 204 && answer.content) gaps.push(`${method} ${path}: 204 documents a body`);
      else if (status === 200 || status === 201) {
        const schema = responseSchema(method, path, status);
        const described = schema && [schema, ...(deref(schema).oneOf ?? [])].map(deref);
        if (!described?.every((s) => s.properties || s.items || s.oneOf))
          gaps.push(`${method} ${path}: no response schema`);
      }
    }
    expect(gaps).toEqual([]);
  });

  it('documents the filters and the cursor the web app sends, and the body of the second-factor challenge', () => {
    const query = (method: string, path: string) =>
      (doc.paths[path]?.[method]?.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => `${p.name}${p.required ? '!' : ''}`)
        .sort();
    expect(query('get', '/api/conversations')).toEqual([
      'assignee',
      'cursor',
      'departmentId',
      'label',
      'limit',
      'numberId',
      'priority',
      'q',
      'sla',
      'sort',
      'stage',
      'status',
    ]);
    expect(query('get', '/api/realtime/events')).toEqual(['after!', 'limit']);
    const body =
      doc.paths['/api/auth/mfa/challenge']?.post?.requestBody?.content?.['application/json']?.schema;
    expect(body && deref(body)).toMatchObject({
      properties: { mfaToken: { type: 'string' } },
      required: ['mfaToken'],
    });
  });

  it('the documented schemas fit what the routes answer', async () => {
    const { wamid } = await env.sandbox
      .customer('5511977770101', { name: 'Bia Lima' })
      .text('Qual o prazo de entrega?');
    await waitFor(() => env.query('select 1 from messages where wamid = $1', [wamid]));
    const agent = env.users.salesAgent;
    const fits = (method: string, path: string, body: unknown) =>
      misfit(body, responseSchema(method, path, 200) ?? { type: 'never' }, `${method} ${path}`);

    const login = await env
      .anonymous()
      .post('/api/auth/login')
      .send({ email: agent.email, password: agent.password })
      .expect(200);
    const list = await env.as('salesAgent').get('/api/conversations').query({ limit: 5 }).expect(200);
    const conversation = (list.body as { items: { id: string }[] }).items[0];
    const messages = await env
      .as('salesAgent')
      .get(`/api/conversations/${conversation.id}/messages`)
      .expect(200);
    const set = await env.as('salesAgent').put('/api/me/availability').send({ status: 'away' }).expect(200);
    const mine = await env.as('salesAgent').get('/api/me/availability').expect(200);
    const me = await env.as('salesAgent').get('/api/auth/me').expect(200);
    const pipelines = await env.as('salesAgent').get('/api/pipelines').expect(200);
    const pipeline = (pipelines.body as { id: string; stages: { key: string }[] }[])[0];
    const board = await env.as('salesAgent').get(`/api/pipelines/${pipeline.id}/board`).expect(200);
    const cards = await env.as('salesAgent').get('/api/cards').query({ pipelineId: pipeline.id }).expect(200);
    const card = (cards.body as { items: { id: string }[] }).items[0];
    const moved = await env
      .as('salesAgent')
      .post(`/api/cards/${card.id}/move`)
      .send({ stage: pipeline.stages[1].key })
      .expect(200);

    expect(list.body).toMatchObject({
      items: [expect.objectContaining({ contact: expect.objectContaining({ name: 'Bia Lima' }) })],
    });
    expect((messages.body as { items: unknown[] }).items).toHaveLength(1);
    expect((mine.body as { history: unknown[] }).history).toHaveLength(1);
    expect([
      fits('post', '/api/auth/login', login.body),
      fits('get', '/api/conversations', list.body),
      fits('get', '/api/conversations/{id}/messages', messages.body),
      fits('put', '/api/me/availability', set.body),
      fits('get', '/api/me/availability', mine.body),
      fits('get', '/api/pipelines', pipelines.body),
      fits('get', '/api/pipelines/{id}/board', board.body),
      fits('get', '/api/cards', cards.body),
      fits('post', '/api/cards/{id}/move', moved.body),
      fits('get', '/api/auth/me', me.body),
    ]).toEqual([null, null, null, null, null, null, null, null, null, null]);
  });
});

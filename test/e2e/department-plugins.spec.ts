import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PLUGINS = { sales: 'dept-sales', support: 'dept-support', hr: 'dept-hr' } as const;
type Dept = keyof typeof PLUGINS;
const ALWAYS_OPEN = { days: [0, 1, 2, 3, 4, 5, 6], open: '00:00', close: '24:00' };

/** The three department plugins, bound to their numbers as the demo binds them, doing their process. */
describe('department plugins: sales, support and HR', () => {
  let env: TestEnvironment;
  let seq = 0;

  const textsTo = (dept: Dept, waId: string) =>
    env.sandbox
      .sent(env.numbers[dept].phoneNumberId)
      .filter((s) => s.waId === waId || s.to === waId)
      .map((s) => (s.request as { text?: { body?: string } }).text?.body ?? '');

  /** A customer writes to a department's number; resolves to the card (queried as the admin or `token`). */
  async function write(dept: Dept, text: string, name = 'Carla') {
    const waId = `55119666${String(++seq).padStart(5, '0')}`;
    await env.sandbox.customer(waId, { phoneNumberId: env.numbers[dept].phoneNumberId, name }).text(text);
    const card = await waitFor(
      async () =>
        (
          await env.query<{ id: string; pipeline_key: string; stage_key: string }>(
            `select k.id, p.key as pipeline_key, s.key as stage_key from cards k
               join pipelines p on p.id = k.pipeline_id join pipeline_stages s on s.id = k.stage_id
               join conversations c on c.id = k.conversation_id join contacts ct on ct.id = c.contact_id
              where ct.wa_id = $1`,
            [waId],
          )
        )[0],
      { what: `${dept} card` },
    );
    return { waId, ...card };
  }

  beforeAll(async () => {
    env = await createTestEnvironment({
      config: { plugins: { enabled: Object.values(PLUGINS).map((id) => `./plugins/${id}`) } },
    });
    for (const dept of Object.keys(PLUGINS) as Dept[])
      await env
        .api()
        .put(`/api/numbers/${env.numbers[dept].id}/plugins/${PLUGINS[dept]}`)
        .send({
          enabled: true,
          settings: { language: dept === 'sales' ? 'pt-BR' : 'en', businessHours: ALWAYS_OPEN },
        })
        .expect(200);
  });
  afterAll(async () => {
    await env?.close();
  });

  it("each number's customers land as cards in its department's own pipeline, and are greeted", async () => {
    const sales = await write('sales', 'Quanto custa o plano anual?', 'Rita');
    const support = await write('support', 'My order has not arrived');
    expect([sales.pipeline_key, sales.stage_key]).toEqual(['sales', 'lead']);
    expect([support.pipeline_key, support.stage_key]).toEqual(['support', 'new']);
    await waitFor(() => textsTo('sales', sales.waId).some((t) => t.includes('Rita')), {
      what: 'sales greeting',
    });
    const greeting = textsTo('sales', sales.waId).find((t) => t.includes('Rita'))!;
    expect(greeting).toMatch(/Olá|Oi/);
    await waitFor(() => textsTo('support', support.waId).length > 0, { what: 'support greeting' });
    expect(await env.api().get('/api/plugin-hook-failures').expect(200)).toHaveProperty('body', []);
  });

  it('sales: a proposal needs the deal value and products; winning sends the closing message and the survey', async () => {
    const lead = await write('sales', 'Quero uma proposta', 'Bruno');
    await waitFor(() => textsTo('sales', lead.waId).length === 1, { what: 'the greeting' });
    await env.as('salesAgent').post(`/api/cards/${lead.id}/move`).send({ stage: 'qualified' }).expect(200);
    const refused = await env
      .as('salesAgent')
      .post(`/api/cards/${lead.id}/move`)
      .send({ stage: 'proposal' })
      .expect(422);
    expect(refused.body.missingFields).toEqual(expect.arrayContaining(['deal_value', 'product_interest']));
    const pipeline = (
      await env.api().get(`/api/pipelines?departmentId=${env.numbers.sales.departmentId}`).expect(200)
    ).body.find((p: { isDefault: boolean }) => p.isDefault) as {
      fields: { key: string; config: { options?: { value: string }[] } }[];
    };
    const product = pipeline.fields.find((f) => f.key === 'product_interest')!.config.options![0].value;
    await env
      .as('salesAgent')
      .post(`/api/cards/${lead.id}/move`)
      .send({ stage: 'proposal', fields: { deal_value: 4800, product_interest: [product] } })
      .expect(200);
    const before = textsTo('sales', lead.waId).length;
    await env.as('salesAgent').post(`/api/cards/${lead.id}/move`).send({ stage: 'won' }).expect(200);
    await waitFor(() => textsTo('sales', lead.waId).length >= before + 2, { what: 'closing and survey' });
    const [closing, survey] = textsTo('sales', lead.waId).slice(before);
    expect(closing).toContain('Bruno');
    expect(survey).toMatch(/1.*5/);
    // The card action sends nothing twice.
    await env.as('salesAgent').post(`/api/cards/${lead.id}/actions/dept-sales/send_closing`).expect(202);
    await waitFor(
      async () =>
        (await env.query(`select 1 from outbox where data->>'cardEventId' is not null and done_at is null`))
          .length === 0,
    );
    expect(textsTo('sales', lead.waId)).toHaveLength(before + 2);
  });

  /** The ticket's fields once routing has decided on its opening message (a decision is made with or without a match). */
  async function routedFields(cardId: string) {
    await waitFor(
      async () =>
        (
          await env.query(
            `select 1 from routing_decisions d join cards k on k.conversation_id = d.conversation_id where k.id = $1`,
            [cardId],
          )
        ).length > 0,
      { what: 'routing decision' },
    );
    return (await env.api().get(`/api/cards/${cardId}`).expect(200)).body.fields as Record<string, unknown>;
  }

  it('support: work starts only with a category and a priority', async () => {
    // A message no support routing rule matches, so nothing is filled in before triage.
    const ticket = await write('support', 'Hello, a question about your opening hours');
    expect(await routedFields(ticket.id)).toEqual({});
    await env.as('supportAgent').post(`/api/cards/${ticket.id}/move`).send({ stage: 'triage' }).expect(200);
    const r = await env
      .as('supportAgent')
      .post(`/api/cards/${ticket.id}/move`)
      .send({ stage: 'in_progress' })
      .expect(422);
    expect(r.body.missingFields).toEqual(['category', 'priority']);
    await env
      .as('supportAgent')
      .post(`/api/cards/${ticket.id}/move`)
      .send({ stage: 'in_progress', fields: { category: 'technical', priority: 'high' } })
      .expect(200);
  });

  it("support: the plugin's routing rules fill in the category from the customer's words", async () => {
    const ticket = await write('support', 'Please send me the invoice for March');
    expect(await routedFields(ticket.id)).toEqual({ category: 'billing' });
    await env.as('supportAgent').post(`/api/cards/${ticket.id}/move`).send({ stage: 'triage' }).expect(200);
    const r = await env
      .as('supportAgent')
      .post(`/api/cards/${ticket.id}/move`)
      .send({ stage: 'in_progress' })
      .expect(422);
    expect(r.body.missingFields).toEqual(['priority']);
  });

  it('HR is visible to HR members only: not to admins without a membership, not to all-department tokens', async () => {
    const request_ = await write('hr', 'I need my payslip for October', 'Dora');
    expect([request_.pipeline_key, request_.stage_key]).toEqual(['hr', 'received']);
    const hrDept = env.numbers.hr.departmentId;
    // The admin: no HR card in lists, 404 on the card, no HR pipeline.
    await env.api().get(`/api/cards/${request_.id}`).expect(404);
    expect((await env.api().get(`/api/cards?departmentId=${hrDept}`).expect(200)).body.items).toEqual([]);
    expect((await env.api().get(`/api/pipelines?departmentId=${hrDept}`).expect(200)).body).toEqual([]);
    const conversations = (await env.api().get('/api/conversations?limit=200').expect(200)).body.items as {
      department: { key: string };
    }[];
    expect(conversations.some((c) => c.department.key === 'hr')).toBe(false);
    // A token for all departments does not reach HR either, and the admin cannot mint one scoped to HR.
    const mint = (body: object) =>
      env
        .api()
        .post('/api/api-tokens')
        .send({ name: 'hr probe', permissions: ['conversations.read'], ...body });
    const all = (await mint({ allDepartments: true }).expect(201)).body.token as string;
    await request(env.url).get(`/api/cards/${request_.id}`).set('Authorization', `Bearer ${all}`).expect(404);
    await mint({ departmentIds: [hrDept] }).expect(400);
    // An HR member sees it; an admin who joins HR does too.
    const member = await env
      .api()
      .post('/api/users')
      .send({
        email: 'hr.agent@test.switchboard',
        name: 'HR Agent',
        password: 'a-long-password-1',
        memberships: [{ departmentId: hrDept, role: 'agent' }],
      })
      .expect(201);
    const login = await env
      .anonymous()
      .post('/api/auth/login')
      .send({ email: 'hr.agent@test.switchboard', password: 'a-long-password-1' })
      .expect(200);
    const card = await request(env.url)
      .get(`/api/cards/${request_.id}`)
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    expect(card.body.title).toBe('Dora');
    await env
      .api()
      .patch(`/api/users/${env.users.admin.id}`)
      .send({ memberships: [{ departmentId: hrDept, role: 'viewer' }] })
      .expect(200);
    await env.api().get(`/api/cards/${request_.id}`).expect(200);
    // A member may mint a token scoped to HR, and it reaches HR.
    const scoped = (await mint({ departmentIds: [hrDept] }).expect(201)).body.token as string;
    await request(env.url)
      .get(`/api/cards/${request_.id}`)
      .set('Authorization', `Bearer ${scoped}`)
      .expect(200);
    expect(member.body.id).toBeTruthy();
  });
});

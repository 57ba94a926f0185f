import { RoutingDecisionsPrune } from '@switchboard/routing';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgents } from './support/assignment-fixtures';

const ALWAYS_OPEN = { days: [0, 1, 2, 3, 4, 5, 6], open: '00:00', close: '24:00' };

interface RoutingLine {
  actor_type: string;
  data: {
    ruleId: string;
    ruleName: string;
    source: string;
    event: string;
    actions: { action: string; outcome: string; detail?: string; value?: unknown }[];
  };
}

/** Routing rules through the public surface: signed webhooks from the sandbox, the rules API, the card timeline. */
describe('routing rules', () => {
  let env: TestEnvironment;
  let seq = 0;
  let sales: string;
  let support: string;

  const newWaId = (prefix = '5511977') => `${prefix}${String(++seq).padStart(5, '0')}`;

  /** A customer writes to a department's number; resolves once routing decided on the conversation. */
  async function write(dept: 'sales' | 'support', text: string, waId = newWaId()) {
    await env.sandbox
      .customer(waId, { phoneNumberId: env.numbers[dept].phoneNumberId, name: 'Cliente' })
      .text(text);
    const [conversation] = await waitFor(
      () =>
        env.query<{ id: string }>(
          `select c.id from conversations c join contacts ct on ct.id = c.contact_id
            where ct.wa_id = $1 and c.status = 'open'`,
          [waId],
        ),
      { what: `conversation of ${waId}` },
    );
    await routedEvents(conversation.id, 1);
    return { waId, conversationId: conversation.id };
  }

  const routedEvents = (conversationId: string, atLeast: number) =>
    waitFor(
      async () => {
        const rows = await env.query<{ payload: { ruleIds: string[]; departmentId: string } }>(
          `select payload from domain_events where name = 'conversation.routed' and payload->>'conversationId' = $1
            order by xid, seq`,
          [conversationId],
        );
        return rows.length >= atLeast ? rows.map((r) => r.payload) : undefined;
      },
      { what: `conversation.routed for ${conversationId}` },
    );

  const lines = (conversationId: string) =>
    env.query<RoutingLine>(
      `select e.actor_type, e.data from card_events e join cards k on k.id = e.card_id
        where k.conversation_id = $1 and e.kind = 'routing' order by e.at, e.id`,
      [conversationId],
    );

  const state = async (conversationId: string) =>
    (
      await env.query<{
        priority: string;
        labels: string[];
        team_id: string | null;
        required_skills: string[];
        owner_user_id: string | null;
        department_id: string;
        language: string | null;
        stage_key: string;
        fields: Record<string, unknown>;
      }>(
        `select c.priority, c.labels, c.team_id, c.required_skills, c.owner_user_id, c.department_id, c.language,
                s.key as stage_key, k.fields
           from conversations c join cards k on k.conversation_id = c.id join pipeline_stages s on s.id = k.stage_id
          where c.id = $1`,
        [conversationId],
      )
    )[0];

  const addRule = async (departmentId: string, body: Record<string, unknown>) =>
    (await env.api().post(`/api/departments/${departmentId}/routing-rules`).send(body).expect(201)).body as {
      id: string;
    };

  beforeAll(async () => {
    env = await createTestEnvironment({ config: { plugins: { enabled: ['./plugins/dept-sales'] } } });
    sales = env.numbers.sales.departmentId;
    support = env.numbers.support.departmentId;
    await env
      .api()
      .put(`/api/numbers/${env.numbers.sales.id}/plugins/dept-sales`)
      .send({ enabled: true, settings: { language: 'pt-BR', businessHours: ALWAYS_OPEN } })
      .expect(200);
  });
  afterAll(async () => {
    await env?.close();
  });

  it("a department plugin's rules are the department's rules: listed, and applied (buy → qualified, high priority)", async () => {
    const rules = (await env.api().get(`/api/departments/${sales}/routing-rules`).expect(200)).body as {
      source: string;
      pluginRuleKey: string;
      pluginId: string;
    }[];
    expect(rules.filter((r) => r.source === 'plugin').map((r) => r.pluginRuleKey)).toEqual(
      expect.arrayContaining(['ready_to_buy', 'demo', 'partnership', 'source_ads']),
    );
    const { conversationId } = await write('sales', 'Olá, quero comprar o plano anual para minha empresa');
    const s = await state(conversationId);
    expect(s.stage_key).toBe('qualified');
    expect(s.priority).toBe('high');
    expect(s.language).toBe('pt');
    const [line] = await lines(conversationId);
    expect(line.actor_type).toBe('plugin');
    expect(line.data.source).toBe('plugin');
    expect(line.data.ruleName).toBe('Ready to buy: qualified, high priority');
    expect(line.data.actions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'stage', outcome: 'applied', value: 'qualified' }),
        expect.objectContaining({ action: 'priority', outcome: 'applied', value: 'high' }),
      ]),
    );
  });

  it("a plugin's team by name: unknown → recorded as skipped; once the team exists, the conversation joins it", async () => {
    const first = await write('sales', 'We want to become a reseller of your product');
    const skipped = (await lines(first.conversationId)).find((l) => l.data.ruleName === 'Partnerships team')!;
    expect(skipped.data.actions).toEqual([
      expect.objectContaining({ action: 'team', outcome: 'skipped', value: 'Partnerships' }),
    ]);
    const team = (
      await env.api().post('/api/teams').send({ departmentId: sales, name: 'Partnerships' }).expect(201)
    ).body as { id: string };
    const second = await write('sales', 'Queremos ser revendedor de vocês');
    expect((await state(second.conversationId)).team_id).toBe(team.id);
  });

  it('rules run in order; stop ends the run; disabled rules and reordering are honoured', async () => {
    const a = await addRule(support, {
      name: 'VIP label',
      conditions: { text: { keywords: ['platinum'] } },
      actions: { labels: { add: ['vip'] } },
    });
    const b = await addRule(support, {
      name: 'Stop here',
      conditions: { text: { keywords: ['platinum'] } },
      actions: { priority: 'urgent' },
      stop: true,
    });
    await addRule(support, {
      name: 'Never reached',
      conditions: { text: { keywords: ['platinum'] } },
      actions: { labels: { add: ['late'] } },
    });
    const one = await write('support', 'I am a Platinum customer and need help');
    expect((await lines(one.conversationId)).map((l) => l.data.ruleName)).toEqual(['VIP label', 'Stop here']);
    const s = await state(one.conversationId);
    expect(s.labels).toEqual(['vip']);
    expect(s.priority).toBe('urgent');
    expect((await routedEvents(one.conversationId, 1))[0].ruleIds).toEqual([a.id, b.id]);

    // Stop first, then the label rule: only the stop rule runs.
    const all = (await env.api().get(`/api/departments/${support}/routing-rules`).expect(200)).body as {
      id: string;
    }[];
    const ids = all.map((r) => r.id);
    const reordered = [b.id, ...ids.filter((id) => id !== b.id)];
    await env
      .api()
      .put(`/api/departments/${support}/routing-rules/order`)
      .send({ ids: reordered })
      .expect(200);
    const two = await write('support', 'platinum support please');
    expect((await lines(two.conversationId)).map((l) => l.data.ruleName)).toEqual(['Stop here']);

    // Disabled: skipped.
    await env.api().put(`/api/routing-rules/${b.id}`).send({ enabled: false }).expect(200);
    const three = await write('support', 'platinum again');
    expect((await lines(three.conversationId)).map((l) => l.data.ruleName)).toEqual([
      'VIP label',
      'Never reached',
    ]);
    for (const r of (await env.api().get(`/api/departments/${support}/routing-rules`).expect(200)).body as {
      id: string;
    }[])
      await env.api().delete(`/api/routing-rules/${r.id}`).expect(204);
  });

  it('conditions: pattern, language, contact country and area code, new contact, custom attributes, numbers', async () => {
    await addRule(support, {
      name: 'Order number',
      conditions: { text: { pattern: '\\border\\s+#?\\d{5}\\b' } },
      actions: { labels: { add: ['has-order'] } },
    });
    await addRule(support, {
      name: 'Spanish',
      conditions: { language: ['es'], text: { keywords: ['pedido'] } },
      actions: { labels: { add: ['es'] } },
    });
    await addRule(support, {
      name: 'São Paulo',
      conditions: { contact: { country: ['BR'], phonePrefix: ['+5511'] }, text: { keywords: ['territory'] } },
      actions: { labels: { add: ['sp'] } },
    });
    await addRule(support, {
      name: 'Returning',
      conditions: { contact: { isNew: false }, text: { keywords: ['territory'] } },
      actions: { labels: { add: ['returning'] } },
    });
    await addRule(support, {
      name: 'Gold plan',
      trigger: 'every_message',
      conditions: { contact: { attributes: { plan: 'gold' } } },
      actions: { labels: { add: ['gold'] } },
    });
    await addRule(support, {
      name: 'Other number only',
      conditions: { numberIds: [env.numbers.support.id], text: { keywords: ['numbered'] } },
      actions: { labels: { add: ['numbered'] } },
    });

    const order = await write('support', 'Where is my order #12345 please');
    expect((await state(order.conversationId)).labels).toEqual(['has-order']);
    const noOrder = await write('support', 'Where is my order 1234');
    expect((await state(noOrder.conversationId)).labels).toEqual([]);

    const spanish = await write('support', '¿Dónde está mi pedido? Lo compré hace dos semanas');
    expect((await state(spanish.conversationId)).labels).toEqual(['es']);
    const english = await write('support', 'pedido is the word my colleague used for this order');
    expect((await state(english.conversationId)).labels).not.toContain('es');

    const sp = await write('support', 'territory question', '5511955500001');
    expect((await state(sp.conversationId)).labels).toEqual(['sp']);
    const rio = await write('support', 'territory question', '5521955500001');
    expect((await state(rio.conversationId)).labels).toEqual([]);

    // The same contact after its first conversation is closed: returning.
    await env.api().post(`/api/conversations/${sp.conversationId}/close`).send({}).expect(200);
    const back = await write('support', 'territory again', '5511955500001');
    expect(back.conversationId).not.toBe(sp.conversationId);
    expect((await state(back.conversationId)).labels).toEqual(expect.arrayContaining(['sp', 'returning']));

    // Custom attributes, set through the API, are tested on the next message.
    const [{ contact_id: contactId }] = await env.query<{ contact_id: string }>(
      'select contact_id from conversations where id = $1',
      [rio.conversationId],
    );
    await env
      .api()
      .put(`/api/contacts/${contactId}/attributes`)
      .send({ attributes: { plan: 'gold' } })
      .expect(200);
    expect(
      (await env.api().get(`/api/contacts/${contactId}/attributes`).expect(200)).body.attributes,
    ).toEqual({
      plan: 'gold',
    });
    await env.sandbox
      .customer('5521955500001', { phoneNumberId: env.numbers.support.phoneNumberId })
      .text('one more thing');
    await waitFor(async () => (await state(rio.conversationId)).labels.includes('gold'), {
      what: 'gold label',
    });

    const numbered = await write('support', 'numbered request');
    expect((await state(numbered.conversationId)).labels).toEqual(['numbered']);
  });

  it('conditions: business hours (department default) and the triage intent, in a dry run', async () => {
    await addRule(support, {
      name: 'After hours',
      conditions: { time: { within: 'outside_business_hours' }, text: { keywords: ['night'] } },
      actions: { labels: { add: ['after-hours'] } },
    });
    const dry = (at: string) =>
      env
        .api()
        .post(`/api/departments/${support}/routing-rules/test`)
        .send({ text: 'night shift question', at, numberId: env.numbers.support.id })
        .expect(200);
    // Default hours: Monday–Friday 09:00–18:00 UTC. 2030-01-02 is a Wednesday, 2030-01-05 a Saturday.
    expect((await dry('2030-01-02T12:00:00Z')).body.matched).toEqual([]);
    expect((await dry('2030-01-05T12:00:00Z')).body.matched.map((m: { name: string }) => m.name)).toEqual([
      'After hours',
    ]);
    const intent = await env
      .api()
      .post(`/api/departments/${sales}/routing-rules/test`)
      .send({ text: 'Hi! Can I schedule a demo? We are a team of ten', numberId: env.numbers.sales.id })
      .expect(200);
    expect(intent.body.intent).toBe('demo_request');
    expect(intent.body.matched.map((m: { name: string }) => m.name)).toEqual(
      expect.arrayContaining(['Demo request: qualified', 'Demo intent: qualified']),
    );
  });

  it('actions: stage, skills, assignment (a refusal is recorded, not thrown), auto-reply text; setFields and a card condition', async () => {
    await addRule(support, {
      name: 'Assign refund',
      conditions: { text: { keywords: ['refund'] } },
      actions: {
        stage: 'in_progress',
        requireSkills: ['billing'],
        assign: { userId: env.users.supportAgent.id },
        autoReply: { text: 'We got your refund request' },
      },
    });
    const refund = await write('support', 'I want a refund');
    const s = await state(refund.conversationId);
    expect(s.stage_key).toBe('in_progress');
    expect(s.required_skills).toEqual(['billing']);
    expect(s.owner_user_id).toBe(env.users.supportAgent.id);
    await waitFor(
      () =>
        env.sandbox
          .sent(env.numbers.support.phoneNumberId)
          .some(
            (m) => (m.request as { text?: { body?: string } }).text?.body === 'We got your refund request',
          ),
      { what: 'the auto-reply' },
    );
    // The agent is now at capacity: a rule's assignment is refused and recorded, the decision still applies.
    await env
      .api()
      .patch(`/api/departments/${support}/agents/${env.users.supportAgent.id}`)
      .send({ capacity: 1 })
      .expect(200);
    await addRule(support, {
      name: 'Assign to the full agent',
      conditions: { text: { keywords: ['fullagent'] } },
      actions: { assign: { userId: env.users.supportAgent.id } },
    });
    const refused = await write('support', 'fullagent please');
    const [line] = await lines(refused.conversationId);
    expect(line.data.actions).toEqual([expect.objectContaining({ action: 'assign', outcome: 'refused' })]);
    expect(line.data.actions[0].detail).toBe(
      `user ${env.users.supportAgent.id} already has 1 open conversations in this department (capacity 1)`,
    );
    expect((await state(refused.conversationId)).owner_user_id).toBeNull();
    await env
      .api()
      .patch(`/api/departments/${support}/agents/${env.users.supportAgent.id}`)
      .send({ capacity: 50 })
      .expect(200);

    // Field values from one rule; a later message's rule tests them on the card.
    await addRule(sales, {
      name: 'Web lead',
      conditions: { text: { keywords: ['webformx'] } },
      actions: { setFields: { source: 'website' } },
    });
    await addRule(sales, {
      name: 'Website card',
      trigger: 'every_message',
      conditions: { card: { field: 'source', equals: 'website' }, text: { keywords: ['followup'] } },
      actions: { labels: { add: ['web-lead'] } },
    });
    const lead = await write('sales', 'webformx sent');
    expect((await state(lead.conversationId)).fields).toMatchObject({ source: 'website' });
    await env.sandbox
      .customer(lead.waId, { phoneNumberId: env.numbers.sales.phoneNumberId })
      .text('followup');
    await waitFor(async () => (await state(lead.conversationId)).labels.includes('web-lead'), {
      what: 'the card condition',
    });
  });

  it('a rule never takes a conversation from its owner: an every_message assignment is skipped and noted', async () => {
    const [target] = await createAgents(env, support, ['RuleTarget']);
    await addRule(support, {
      name: 'Give to the target',
      trigger: 'every_message',
      conditions: { text: { keywords: ['handmeover'] } },
      actions: { assign: { userId: target.id } },
    });
    const { waId, conversationId } = await write('support', 'hello there');
    await env.as('supportAgent').post(`/api/conversations/${conversationId}/claim`).expect(200);
    await env.sandbox
      .customer(waId, { phoneNumberId: env.numbers.support.phoneNumberId })
      .text('please handmeover');
    const line = await waitFor(
      async () => (await lines(conversationId)).find((l) => l.data.ruleName === 'Give to the target'),
      { what: 'the every_message decision' },
    );
    expect(line.data.actions).toEqual([
      {
        action: 'assign',
        outcome: 'skipped',
        value: target.id,
        detail: `conversation ${conversationId} is already owned by user ${env.users.supportAgent.id}`,
      },
    ]);
    expect((await state(conversationId)).owner_user_id).toBe(env.users.supportAgent.id);
  });

  it("transfer: card and conversation move; the receiving department's rules run, without transferring again", async () => {
    await addRule(sales, {
      name: 'To support',
      conditions: { text: { keywords: ['broken'] } },
      actions: { transfer: { departmentId: support } },
    });
    await addRule(support, {
      name: 'Arrived from sales',
      conditions: { text: { keywords: ['broken'] } },
      actions: { labels: { add: ['from-sales'] }, transfer: { departmentId: sales } },
    });
    const { conversationId } = await write('sales', 'my device is broken');
    const routed = await routedEvents(conversationId, 2);
    expect(routed).toHaveLength(2);
    const s = await state(conversationId);
    expect(s.department_id).toBe(support);
    expect(s.labels).toEqual(['from-sales']);
    const all = await lines(conversationId);
    const back = all.find((l) => l.data.ruleName === 'Arrived from sales')!;
    expect(back.data.event).toBe('transferred');
    expect(back.data.actions).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'transfer', outcome: 'skipped' })]),
    );
  });

  it('conversation.routed exactly once per opened conversation, also when nothing matched', async () => {
    await addRule(support, {
      name: 'Marker',
      trigger: 'every_message',
      conditions: { text: { keywords: ['marker'] } },
      actions: { labels: { add: ['marker'] } },
    });
    const { waId, conversationId } = await write(
      'support',
      'Guten Tag, ich hätte gerne Informationen über Ihre Preise',
    );
    expect((await routedEvents(conversationId, 1))[0].ruleIds).toEqual([]);
    // Nothing matched, yet the decision still sets the customer's language and queues the conversation, in the
    // transaction that published conversation.routed.
    const [decided] = await env.query<{ language: string | null; queued: boolean }>(
      'select language, queued_at is not null as queued from conversations where id = $1',
      [conversationId],
    );
    expect(decided).toEqual({ language: 'de', queued: true });
    await env.sandbox.customer(waId, { phoneNumberId: env.numbers.support.phoneNumberId }).text('marker');
    await waitFor(async () => (await state(conversationId)).labels.includes('marker'), {
      what: 'the marker',
    });
    expect(
      await env.query(
        `select 1 from domain_events where name = 'conversation.routed' and payload->>'conversationId' = $1`,
        [conversationId],
      ),
    ).toHaveLength(1);
  });

  it('refuses bad rules with 422 naming the problem, storing nothing', async () => {
    const count = async () =>
      (await env.api().get(`/api/departments/${support}/routing-rules`).expect(200)).body.length;
    const before = await count();
    const post = (body: Record<string, unknown>) =>
      env.api().post(`/api/departments/${support}/routing-rules`).send(body).expect(422);
    expect(
      (await post({ name: 'x', conditions: { text: { pattern: '(a' } }, actions: { priority: 'high' } })).body
        .message,
    ).toMatch(/conditions\.text\.pattern: invalid pattern/);
    expect(
      (await post({ name: 'x', conditions: { text: { pattern: '(a)\\1' } }, actions: { priority: 'high' } }))
        .body.message,
    ).toMatch(/conditions\.text\.pattern/);
    expect(
      (await post({ name: 'x', conditions: { colour: 'red' }, actions: { priority: 'high' } })).body.message,
    ).toMatch(/conditions: unknown field\(s\): colour/);
    expect((await post({ name: 'x', actions: { priority: 'high', paint: true } })).body.message).toMatch(
      /actions: unknown field\(s\): paint/,
    );
    expect(
      (await post({ name: 'x', actions: { team: { teamId: '00000000-0000-4000-8000-000000000000' } } })).body
        .message,
    ).toMatch(/actions\.team\.teamId: no team 00000000-0000-4000-8000-000000000000/);
    expect((await post({ name: 'x', actions: { stage: 'nowhere' } })).body.message).toMatch(
      /actions\.stage: "nowhere"/,
    );
    expect(
      (
        await post({
          name: 'x',
          conditions: { card: { field: 'nofield', exists: true } },
          actions: { priority: 'low' },
        })
      ).body.message,
    ).toMatch(/conditions\.card\.field: "nofield"/);
    expect(
      (await post({ name: 'x', actions: { assign: { userId: '00000000-0000-4000-8000-000000000001' } } }))
        .body.message,
    ).toMatch(/actions\.assign\.userId: no user/);
    // An agent of another department (sales) cannot be given support's conversations by a rule.
    expect(
      (await post({ name: 'x', actions: { assign: { userId: env.users.salesAgent.id } } })).body.message,
    ).toBe(
      `actions.assign.userId: user ${env.users.salesAgent.id} holds no agent/supervisor role in this department`,
    );
    expect(
      (await post({ name: 'x', actions: { autoReply: { template: { name: 'nope', language: 'en' } } } })).body
        .message,
    ).toMatch(/actions\.autoReply\.template: no template "nope"/);
    expect(await count()).toBe(before);
    // A plugin's rule: enabled only.
    const pluginRule = (
      (await env.api().get(`/api/departments/${sales}/routing-rules`).expect(200)).body as {
        id: string;
        source: string;
      }[]
    ).find((r) => r.source === 'plugin')!;
    await env.api().put(`/api/routing-rules/${pluginRule.id}`).send({ name: 'mine now' }).expect(422);
    await env.api().delete(`/api/routing-rules/${pluginRule.id}`).expect(409);
  });

  it('a re-delivered event applies nothing twice: no second timeline line, no second conversation.routed', async () => {
    await addRule(support, {
      name: 'Redelivery',
      conditions: { text: { keywords: ['redeliver'] } },
      actions: { labels: { add: ['redelivered'] } },
    });
    const first = await write('support', 'please redeliver this');
    expect(await lines(first.conversationId)).toHaveLength(1);
    // Every retained event is delivered to routing again, as after a crash before its cursor moved.
    await env.query(`update domain_event_cursors set xid = 0, seq = 0 where subscriber = 'routing.rules'`);
    const marker = await write('support', 'redeliver once more');
    expect(await lines(marker.conversationId)).toHaveLength(1);
    expect(await lines(first.conversationId)).toHaveLength(1);
    expect(await routedEvents(first.conversationId, 1)).toHaveLength(1);
  });

  it('decisions older than the event retention (168 h) are pruned; newer ones stay', async () => {
    const { conversationId } = await write('support', 'a decision to keep');
    await env.query(
      `insert into routing_decisions (conversation_id, event_position, trigger, department_id, rule_ids, created_at)
       values ($1, 'old-1', 'conversation_opened', $2, '{}', now() - interval '169 hours'),
              ($1, 'recent-1', 'conversation_opened', $2, '{}', now() - interval '167 hours')`,
      [conversationId, support],
    );
    expect(await env.app.get(RoutingDecisionsPrune).prune()).toBeGreaterThanOrEqual(1);
    const left = await env.query<{ event_position: string }>(
      'select event_position from routing_decisions where conversation_id = $1 order by event_position',
      [conversationId],
    );
    expect(left.map((r) => r.event_position)).not.toContain('old-1');
    expect(left.map((r) => r.event_position)).toContain('recent-1');
    expect(left).toHaveLength(2); // the real decision and the recent one
  });

  it('an adversarial pattern on a long text stays fast (linear-time engine)', async () => {
    await addRule(support, {
      name: 'Evil pattern',
      conditions: { text: { pattern: '^(a+)+$' } },
      actions: { labels: { add: ['evil'] } },
    });
    const text = `${'a'.repeat(4000)}!`;
    const started = Date.now();
    const dry = await env
      .api()
      .post(`/api/departments/${support}/routing-rules/test`)
      .send({ text, numberId: env.numbers.support.id })
      .expect(200);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(dry.body.matched.map((m: { name: string }) => m.name)).not.toContain('Evil pattern');
    const { conversationId } = await write('support', text);
    expect((await state(conversationId)).labels).not.toContain('evil');
  });
});

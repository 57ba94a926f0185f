import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const FIXTURE = './dist/test/fixtures/plugins/pipeline';

interface Card {
  id: string;
  title: string;
  stage: { key: string };
  fields: Record<string, unknown>;
}

describe('pipelines and cards', () => {
  let env: TestEnvironment;
  let pipelineId: string;
  let seq = 0;

  /** A new customer writes to the sales number; resolves to their card. */
  async function newCard(name = `Customer ${++seq}`): Promise<Card> {
    const waId = `55119777${String(++seq).padStart(5, '0')}`;
    await env.sandbox
      .customer(waId, { phoneNumberId: env.numbers.sales.phoneNumberId, name })
      .text('quero comprar');
    const row = await waitFor(
      async () =>
        (
          await env.query<{ id: string }>(
            `select k.id from cards k join conversations c on c.id = k.conversation_id join contacts ct on ct.id = c.contact_id
              where ct.wa_id = $1`,
            [waId],
          )
        )[0],
      { what: `card of ${waId}` },
    );
    return (await env.api().get(`/api/cards/${row.id}`).expect(200)).body as Card;
  }

  const timeline = async (id: string) =>
    (await env.api().get(`/api/cards/${id}/timeline`).expect(200)).body as {
      kind: string;
      actor: { type: string; label: string };
      fromStage: { key: string } | null;
      toStage: { key: string } | null;
      data: Record<string, unknown>;
    }[];

  beforeAll(async () => {
    env = await createTestEnvironment({
      config: { plugins: { enabled: [FIXTURE, './dist/test/fixtures/plugins/valid'] } },
    });
    await env
      .api()
      .put(`/api/numbers/${env.numbers.sales.id}/plugins/fixture-pipeline`)
      .send({ enabled: true })
      .expect(200);
    const pipelines = (
      await env.api().get(`/api/pipelines?departmentId=${env.numbers.sales.departmentId}`).expect(200)
    ).body as { id: string; key: string; isDefault: boolean; pluginId: string }[];
    pipelineId = pipelines.find((p) => p.isDefault)!.id;
  });
  afterAll(async () => {
    await env?.close();
  });

  it("activating a department plugin gives the department the plugin's pipeline, stages and fields", async () => {
    const p = (await env.api().get(`/api/pipelines/${pipelineId}`).expect(200)).body;
    expect(p).toMatchObject({ key: 'deals', pluginId: 'fixture-pipeline', isDefault: true });
    expect(p.stages.map((s: { key: string }) => s.key)).toEqual(['open', 'review', 'won', 'lost']);
    expect(p.stages[1]).toMatchObject({ wipLimit: 2, requiredFields: ['amount', 'kind'], category: 'open' });
    expect(p.fields.map((f: { type: string }) => f.type)).toEqual([
      'money',
      'select',
      'multiselect',
      'date',
      'number',
      'phone',
      'email',
      'reference',
      'text',
    ]);
  });

  it('a new conversation opens a card in the first stage, and its timeline starts', async () => {
    const card = await newCard('Ana Souza');
    expect(card.stage.key).toBe('open');
    expect(card.title).toBe('Ana Souza');
    const events = await timeline(card.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'created', toStage: { key: 'open' }, actor: { type: 'system' } });
  });

  it('field values are checked by type, with every wrong field named, and nothing is saved', async () => {
    const card = await newCard();
    const r = await env
      .as('salesAgent')
      .patch(`/api/cards/${card.id}`)
      .send({
        fields: {
          amount: 10.005,
          kind: 'other',
          tags: ['vip', 'vip'],
          due: '2026-02-30',
          seats: '3',
          phone: 'call me',
          email: 'nope',
          order: { label: 'no id' },
          summary: 'a summary longer than twenty characters',
          colour: 'blue',
        },
      })
      .expect(400);
    for (const field of [
      'amount',
      'kind',
      'tags',
      'due',
      'seats',
      'phone',
      'email',
      'order',
      'summary',
      'colour',
    ])
      expect(r.body.message).toContain(`fields.${field}:`);
    expect((await env.api().get(`/api/cards/${card.id}`).expect(200)).body.fields).toEqual({});

    const ok = await env
      .as('salesAgent')
      .patch(`/api/cards/${card.id}`)
      .send({
        fields: {
          amount: 1500.5,
          kind: 'renewal',
          tags: ['vip'],
          due: '2026-12-31',
          seats: 12,
          phone: '+55 (11) 98888-7777',
          email: ' Buyer@Example.COM ',
          order: { id: 'SO-1001', label: 'Order 1001' },
          summary: 'renewal, 12 seats',
        },
      })
      .expect(200);
    expect(ok.body.fields).toEqual({
      amount: { amount: 1500.5, currency: 'BRL' },
      kind: 'renewal',
      tags: ['vip'],
      due: '2026-12-31',
      seats: 12,
      phone: '+5511988887777',
      email: 'buyer@example.com',
      order: { system: 'erp', entity: 'order', id: 'SO-1001', label: 'Order 1001' },
      summary: 'renewal, 12 seats',
    });
    const cleared = await env
      .as('salesAgent')
      .patch(`/api/cards/${card.id}`)
      .send({ fields: { tags: null } })
      .expect(200);
    expect(cleared.body.fields.tags).toBeUndefined();
    const edits = (await timeline(card.id)).filter((e) => e.kind === 'fields_changed');
    expect(edits).toHaveLength(2);
    expect(edits[1].data.changes).toEqual({ tags: { from: ['vip'], to: null } });
    expect(edits[0].actor).toMatchObject({ type: 'user', label: env.users.salesAgent.email });
  });

  it('a stage with required fields refuses a card without them (422, fields named) and keeps it where it was', async () => {
    const card = await newCard();
    const r = await env
      .as('salesAgent')
      .post(`/api/cards/${card.id}/move`)
      .send({ stage: 'review' })
      .expect(422);
    expect(r.body).toMatchObject({ code: 'required_fields', missingFields: ['amount', 'kind'] });
    expect(r.body.message).toBe('stage "Review" needs these fields filled in first: Amount, Kind');
    const partly = await env
      .as('salesAgent')
      .post(`/api/cards/${card.id}/move`)
      .send({ stage: 'review', fields: { amount: 99 } })
      .expect(422);
    expect(partly.body.missingFields).toEqual(['kind']);
    expect((await env.api().get(`/api/cards/${card.id}`).expect(200)).body).toMatchObject({
      stage: { key: 'open' },
      fields: {},
    });
    expect((await timeline(card.id)).map((e) => e.kind)).toEqual(['created']);
  });

  it('a move records who moved the card, when, from where and to where', async () => {
    const card = await newCard();
    const before = Date.now();
    const moved = await env
      .as('salesSupervisor')
      .post(`/api/cards/${card.id}/move`)
      .send({ stage: 'review', fields: { amount: 250, kind: 'new' } })
      .expect(200);
    expect(moved.body.stage.key).toBe('review');
    const events = await timeline(card.id);
    expect(events.map((e) => e.kind)).toEqual(['created', 'fields_changed', 'stage_changed']);
    const move = events[2] as (typeof events)[number] & { at: string };
    expect(move).toMatchObject({
      fromStage: { key: 'open' },
      toStage: { key: 'review' },
      actor: { type: 'user', label: env.users.salesSupervisor.email },
    });
    expect(new Date(move.at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    // Moving back out of the limited stage frees its slot for the WIP test below.
    await env.as('salesSupervisor').post(`/api/cards/${card.id}/move`).send({ stage: 'open' }).expect(200);
  });

  it('a stage at its WIP limit refuses one more card (409), also when two moves race for the last slot', async () => {
    const fill = { amount: 10, kind: 'new' };
    const [a, b, c] = [await newCard(), await newCard(), await newCard()];
    await env
      .as('salesAgent')
      .post(`/api/cards/${a.id}/move`)
      .send({ stage: 'review', fields: fill })
      .expect(200);
    const race = await Promise.all(
      [b, c].map((card) =>
        env.as('salesAgent').post(`/api/cards/${card.id}/move`).send({ stage: 'review', fields: fill }),
      ),
    );
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = race.find((r) => r.status === 409)!;
    expect(refused.body).toMatchObject({ code: 'wip_limit' });
    expect(refused.body.message).toBe('stage "Review" is at its WIP limit of 2 cards: move one out first');
    const [{ n }] = await env.query<{ n: number }>(
      `select count(*)::int as n from cards k join pipeline_stages s on s.id = k.stage_id where s.key = 'review' and k.pipeline_id = $1`,
      [pipelineId],
    );
    expect(n).toBe(2);
  });

  it('an unknown stage is a 400 that lists the stages', async () => {
    const card = await newCard();
    const r = await env
      .as('salesAgent')
      .post(`/api/cards/${card.id}/move`)
      .send({ stage: 'archive' })
      .expect(400);
    expect(r.body.message).toBe(
      'stage: "archive" is not a stage of pipeline "Deals" (open, review, won, lost)',
    );
  });

  it("entering a stage runs the plugin's automation for it", async () => {
    const card = await newCard();
    await env
      .as('salesAgent')
      .post(`/api/cards/${card.id}/move`)
      .send({ stage: 'won', fields: { amount: 700 } })
      .expect(200);
    const note = await waitFor(async () => (await timeline(card.id)).find((e) => e.kind === 'note'), {
      what: 'automation note',
    });
    expect(note).toMatchObject({
      actor: { type: 'plugin', label: 'Pipeline fixture' },
      data: { text: 'won with {"amount":700,"currency":"BRL"}' },
    });
  });

  it('roles apply: a viewer cannot change cards, another department cannot see them', async () => {
    const card = await newCard();
    await env.as('viewer').post(`/api/cards/${card.id}/move`).send({ stage: 'lost' }).expect(403);
    await env.as('viewer').patch(`/api/cards/${card.id}`).send({ title: 'x' }).expect(403);
    await env.as('supportAgent').get(`/api/cards/${card.id}`).expect(404);
    await env.as('supportAgent').post(`/api/cards/${card.id}/notes`).send({ text: 'x' }).expect(404);
    await env.as('supportAgent').get(`/api/pipelines/${pipelineId}/board`).expect(404);
    expect(
      (await env.as('supportAgent').get(`/api/cards?pipelineId=${pipelineId}`).expect(200)).body.items,
    ).toEqual([]);
    expect((await env.api().get(`/api/cards/${card.id}`).expect(200)).body.stage.key).toBe('open');
  });

  it('the board counts every stage and pages each; list and search find cards by name, number and field value', async () => {
    const marked = await newCard('Zeca Pagodinho');
    await env
      .as('salesAgent')
      .patch(`/api/cards/${marked.id}`)
      .send({ fields: { summary: 'needle-in-hay' } })
      .expect(200);
    const board = (
      await env.as('salesAgent').get(`/api/pipelines/${pipelineId}/board?perStage=2`).expect(200)
    ).body as {
      columns: { stage: { key: string }; count: number; cards: Card[]; nextCursor: string | null }[];
    };
    expect(board.columns.map((c) => c.stage.key)).toEqual(['open', 'review', 'won', 'lost']);
    const [{ n: total }] = await env.query<{ n: number }>(
      'select count(*)::int as n from cards where pipeline_id = $1',
      [pipelineId],
    );
    expect(board.columns.reduce((sum, c) => sum + c.count, 0)).toBe(total);
    const open = board.columns[0];
    expect(open.cards).toHaveLength(2);
    expect(open.count).toBeGreaterThan(2);
    // The rest of a column: the list with the column's cursor, until it runs out.
    const seen = new Set(open.cards.map((c) => c.id));
    let cursor = open.nextCursor;
    while (cursor) {
      const page = (
        await env
          .as('salesAgent')
          .get(`/api/cards?pipelineId=${pipelineId}&stage=open&limit=2&cursor=${encodeURIComponent(cursor)}`)
          .expect(200)
      ).body as { items: Card[]; nextCursor: string | null };
      page.items.forEach((c) => seen.add(c.id));
      cursor = page.nextCursor;
    }
    expect(seen.size).toBe(open.count);

    const search = async (q: string) =>
      (
        (
          await env
            .as('salesAgent')
            .get(`/api/cards?q=${encodeURIComponent(q)}`)
            .expect(200)
        ).body.items as Card[]
      ).map((c) => c.id);
    expect(await search('zeca')).toEqual([marked.id]);
    expect(await search('needle-in')).toEqual([marked.id]);
    const [{ wa_id }] = await env.query<{ wa_id: string }>(
      'select ct.wa_id from cards k join conversations c on c.id = k.conversation_id join contacts ct on ct.id = c.contact_id where k.id = $1',
      [marked.id],
    );
    expect(await search(wa_id)).toEqual([marked.id]);
    expect(await search('100%_no_match')).toEqual([]);
    const filtered = (await env.as('salesAgent').get(`/api/pipelines/${pipelineId}/board?q=zeca`).expect(200))
      .body;
    expect(filtered.columns.map((c: { count: number }) => c.count)).toEqual([1, 0, 0, 0]);
    await env.as('salesAgent').get('/api/cards?cursor=not-a-cursor').expect(400);
  });

  it('a department runs one department plugin: a second one on its numbers is refused (409)', async () => {
    const r = await env
      .api()
      .put(`/api/numbers/${env.numbers.sales.id}/plugins/fixture-valid`)
      .send({ enabled: true })
      .expect(409);
    expect(r.body.message).toContain('"fixture-pipeline"');
    expect(
      (await env.query('select 1 from plugin_installations where plugin_id = $1', ['fixture-valid'])).length,
    ).toBe(0);
  });
});

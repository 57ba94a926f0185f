import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const FIXTURE = './dist/test/fixtures/plugins/pipeline';

interface Stage {
  key: string;
  name: string;
  color: string | null;
  wipLimit: number | null;
  requiredFields: string[];
  overridden: string[];
}
interface Pipeline {
  id: string;
  isDefault: boolean;
  stages: Stage[];
  fields: { key: string; label: string; overridden: string[] }[];
}

describe('admins adjust a plugin pipeline’s stages and fields', () => {
  let env: TestEnvironment;
  let pipelineId: string;
  let seq = 0;

  const stagePath = (key: string) => `/api/pipelines/${pipelineId}/stages/${key}`;
  const pipeline = async () =>
    (await env.api().get(`/api/pipelines/${pipelineId}`).expect(200)).body as Pipeline;
  const stage = async (key: string) => (await pipeline()).stages.find((s) => s.key === key)!;
  /** The department plugin is enabled again: its manifest is synced into the department's pipelines. */
  const resync = () =>
    env
      .api()
      .put(`/api/numbers/${env.numbers.sales.id}/plugins/fixture-pipeline`)
      .send({ enabled: true })
      .expect(200);

  async function newCard(): Promise<string> {
    const waId = `55119666${String(++seq).padStart(5, '0')}`;
    await env.sandbox
      .customer(waId, { phoneNumberId: env.numbers.sales.phoneNumberId, name: `Buyer ${seq}` })
      .text('oi');
    const row = await waitFor(
      async () =>
        (
          await env.query<{ id: string }>(
            `select k.id from cards k join conversations c on c.id = k.conversation_id
               join contacts ct on ct.id = c.contact_id where ct.wa_id = $1`,
            [waId],
          )
        )[0],
      { what: `card of ${waId}` },
    );
    return row.id;
  }

  beforeAll(async () => {
    env = await createTestEnvironment({ config: { plugins: { enabled: [FIXTURE] } } });
    await resync();
    const list = (
      await env.api().get(`/api/pipelines?departmentId=${env.numbers.sales.departmentId}`).expect(200)
    ).body as Pipeline[];
    pipelineId = list.find((p) => p.isDefault)!.id;
  });
  afterAll(async () => {
    await env?.close();
  });

  it('refuses bad values with a 400 naming the field, an unknown stage or field with a 404', async () => {
    const named = async (body: Record<string, unknown>, field: string) => {
      const r = await env.api().patch(stagePath('review')).send(body).expect(400);
      expect(r.body.problems.map((p: { field: string }) => p.field)).toEqual([field]);
    };
    await named({ wipLimit: 0 }, 'wipLimit');
    await named({ wipLimit: -1 }, 'wipLimit');
    await named({ wipLimit: 1.5 }, 'wipLimit');
    await named({ wipLimit: 'x' }, 'wipLimit');
    await named({ name: '' }, 'name');
    await named({ name: 'n'.repeat(101) }, 'name');
    await named({ color: 'red' }, 'color');
    await named({ requiredFields: ['amount', 'nope'] }, 'requiredFields.1');
    await named({ wipLimit: 3, reset: ['wipLimit'] }, 'wipLimit');
    await named({ reset: ['category'] }, 'reset.0');
    await named({ onEnter: [] }, '(body)');
    await named({}, '(body)');
    const r = await env
      .api()
      .patch(stagePath('review'))
      .send({ requiredFields: ['nope'] })
      .expect(400);
    expect(r.body.message).toBe('requiredFields.0: "nope" is not a current field of this pipeline');
    await env.api().patch(stagePath('nowhere')).send({ wipLimit: 1 }).expect(404);
    await env.api().patch(`/api/pipelines/${pipelineId}/fields/nowhere`).send({ label: 'X' }).expect(404);
    await env.api().patch(`/api/pipelines/${pipelineId}/fields/amount`).send({ label: ' ' }).expect(400);
    expect(await stage('review')).toMatchObject({ name: 'Review', wipLimit: 2, overridden: [] });
  });

  it('only admins adjust: supervisors, agents and viewers get 403', async () => {
    for (const actor of ['salesSupervisor', 'salesAgent', 'viewer', 'supportAgent'] as const)
      await env.as(actor).patch(stagePath('review')).send({ wipLimit: 1 }).expect(403);
    expect((await stage('review')).wipLimit).toBe(2);
  });

  it('the board and move rules follow the adjusted stage, and the change is audited', async () => {
    const r = await env
      .api()
      .patch(stagePath('review'))
      .send({ name: 'Checking', wipLimit: 1, requiredFields: ['amount'] })
      .expect(200);
    const adjusted = (r.body as Pipeline).stages.find((s) => s.key === 'review')!;
    expect(adjusted).toMatchObject({ name: 'Checking', wipLimit: 1, requiredFields: ['amount'] });
    expect([...adjusted.overridden].sort()).toEqual(['name', 'requiredFields', 'wipLimit']);

    const [audit] = await env.query<{ actor_id: string; department_id: string; details: unknown }>(
      `select actor_id, department_id, details from audit_events where action = 'pipeline.stage_adjusted'`,
    );
    expect(audit).toEqual({
      actor_id: env.users.admin.id,
      department_id: env.numbers.sales.departmentId,
      details: {
        pipeline: 'deals',
        stage: 'review',
        set: ['name', 'wipLimit', 'requiredFields'],
        reset: [],
        changed: {
          name: { from: 'Review', to: 'Checking' },
          wipLimit: { from: 2, to: 1 },
          requiredFields: { from: ['amount', 'kind'], to: ['amount'] },
        },
      },
    });

    const [a, b] = [await newCard(), await newCard()];
    const agent = env.as('salesAgent');
    const missing = await agent.post(`/api/cards/${a}/move`).send({ stage: 'review' }).expect(422);
    expect(missing.body.missingFields).toEqual(['amount']);
    await agent
      .post(`/api/cards/${a}/move`)
      .send({ stage: 'review', fields: { amount: 10 } })
      .expect(200);
    const full = await agent
      .post(`/api/cards/${b}/move`)
      .send({ stage: 'review', fields: { amount: 10 } })
      .expect(409);
    expect(full.body.message).toBe('stage "Checking" is at its WIP limit of 1 cards: move one out first');
    const board = (await agent.get(`/api/pipelines/${pipelineId}/board`).expect(200)).body as {
      columns: { stage: Stage; count: number }[];
    };
    expect(board.columns[1]).toMatchObject({ stage: { name: 'Checking', wipLimit: 1 }, count: 1 });
    await agent.post(`/api/cards/${a}/move`).send({ stage: 'open' }).expect(200);
  });

  it("an adjustment survives the plugin's re-sync; a reset brings back the plugin's value", async () => {
    await env.api().patch(stagePath('open')).send({ color: '#1f883d', wipLimit: null }).expect(200);
    await env
      .api()
      .patch(`/api/pipelines/${pipelineId}/fields/amount`)
      .send({ label: 'Deal value' })
      .expect(200);
    await resync();
    const synced = await pipeline();
    expect(synced.stages.find((s) => s.key === 'review')).toMatchObject({ name: 'Checking', wipLimit: 1 });
    expect(synced.stages.find((s) => s.key === 'open')).toMatchObject({ color: '#1f883d', wipLimit: null });
    expect(synced.fields.find((f) => f.key === 'amount')).toMatchObject({
      label: 'Deal value',
      overridden: ['label'],
    });

    const reset = await env
      .api()
      .patch(stagePath('review'))
      .send({ reset: ['name', 'wipLimit'] })
      .expect(200);
    expect((reset.body as Pipeline).stages.find((s) => s.key === 'review')).toMatchObject({
      name: 'Review',
      wipLimit: 2,
      requiredFields: ['amount'],
      overridden: ['requiredFields'],
    });
    await env
      .api()
      .patch(stagePath('open'))
      .send({ reset: ['color'] })
      .expect(200);
    await env
      .api()
      .patch(`/api/pipelines/${pipelineId}/fields/amount`)
      .send({ reset: ['label'] })
      .expect(200);
    await resync();
    const after = await pipeline();
    expect(after.stages.find((s) => s.key === 'open')).toMatchObject({
      color: '#0969da',
      wipLimit: null,
      overridden: ['wipLimit'],
    });
    expect(after.stages.find((s) => s.key === 'review')).toMatchObject({
      wipLimit: 2,
      requiredFields: ['amount'],
    });
    expect(after.fields.find((f) => f.key === 'amount')).toMatchObject({ label: 'Amount', overridden: [] });
    const [fieldAudit] = await env.query<{ details: { changed: unknown } }>(
      `select details from audit_events where action = 'pipeline.field_adjusted' order by at desc limit 1`,
    );
    expect(fieldAudit.details.changed).toEqual({ label: { from: 'Deal value', to: 'Amount' } });
  });

  it('a required field its plugin later drops no longer bars the stage, nor is asked for', async () => {
    await env
      .api()
      .patch(stagePath('lost'))
      .send({ requiredFields: ['seats'] })
      .expect(200);
    const card = await newCard();
    const agent = env.as('salesAgent');
    expect(
      (await agent.post(`/api/cards/${card}/move`).send({ stage: 'lost' }).expect(422)).body.missingFields,
    ).toEqual(['seats']);
    // A plugin upgrade without "seats": the sync archives the field (as here) and keeps the admin's stage value.
    await env.query(
      `update pipeline_fields set archived_at = now() where pipeline_id = $1 and key = 'seats'`,
      [pipelineId],
    );
    expect((await stage('lost')).requiredFields).toEqual([]);
    await agent.post(`/api/cards/${card}/move`).send({ stage: 'lost' }).expect(200);
  });
});

import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from './helpers';

interface HookCall {
  pluginId: string;
  numberId: string;
  event: { body?: string };
  settings: { label?: string };
}
const calls = (): HookCall[] =>
  (globalThis as { __switchboardHookCalls?: HookCall[] }).__switchboardHookCalls ?? [];
const fixture = (name: string) => `./dist/test/fixtures/plugins/${name}`;

describe('plugins activated per WhatsApp number, with contained hooks', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment({
      config: { plugins: { enabled: [fixture('recorder'), fixture('thrower'), fixture('hanger')] } },
    });
  });
  afterAll(async () => {
    await env?.close();
  });

  const install = (numberKey: 'sales' | 'support' | 'hr', pluginId: string, body: object) =>
    env.api().put(`/api/numbers/${env.numbers[numberKey].id}/plugins/${pluginId}`).send(body);
  const send = async (numberKey: 'sales' | 'support' | 'hr', text: string) => {
    const { wamid } = await env.sandbox
      .customer(`55119${Math.floor(Math.random() * 1e8)}`, {
        phoneNumberId: env.numbers[numberKey].phoneNumberId,
      })
      .text(text);
    await waitFor(async () => (await count(env, 'messages', 'wamid = $1', [wamid])) === 1, {
      what: `message "${text}"`,
    });
  };
  const recorded = (text: string) => calls().filter((c) => c.event.body === text);

  it('a throwing and a hanging hook are recorded, and neither stops intake nor the other plugins', async () => {
    for (const id of ['fixture-recorder', 'fixture-thrower', 'fixture-hanger'])
      await install('sales', id, { enabled: true }).expect(200);
    await send('sales', 'primeira mensagem');
    await waitFor(() => recorded('primeira mensagem').length === 1, { what: 'the recorder ran' });
    const failures = await waitFor(
      async () => {
        const r = (await env.api().get('/api/plugin-hook-failures').expect(200)).body as {
          pluginId: string;
          kind: string;
          message: string;
        }[];
        return r.length >= 2 ? r : null;
      },
      { what: 'two failures recorded' },
    );
    expect(failures.map((f) => `${f.pluginId}:${f.kind}`).sort()).toEqual([
      'fixture-hanger:timeout',
      'fixture-thrower:error',
    ]);
    expect(failures.find((f) => f.pluginId === 'fixture-thrower')!.message).toBe('the ERP is on fire');
    expect(recorded('primeira mensagem')[0]).toMatchObject({
      numberId: env.numbers.sales.id,
      settings: { label: 'default' },
    });
  });

  it("one number's events never reach another number's plugins", async () => {
    await send('support', 'mensagem do suporte');
    await send('sales', 'depois do suporte');
    await waitFor(() => recorded('depois do suporte').length === 1);
    expect(recorded('mensagem do suporte')).toEqual([]);
  });

  it('enabling, disabling and settings changes apply without a restart', async () => {
    await install('sales', 'fixture-recorder', { settings: { label: 'vendas' } }).expect(200);
    await send('sales', 'com rótulo');
    await waitFor(() => recorded('com rótulo').length === 1);
    expect(recorded('com rótulo')[0].settings).toEqual({ label: 'vendas' });

    await install('sales', 'fixture-recorder', { enabled: false }).expect(200);
    await send('sales', 'desligado');
    await send('sales', 'ainda desligado');
    // The thrower is still installed: its failure for the last message proves the hook job for it has run.
    await waitFor(
      async () => (await count(env, 'plugin_hook_failures', `plugin_id = 'fixture-thrower'`)) >= 5,
    );
    expect(recorded('desligado')).toEqual([]);
    expect(recorded('ainda desligado')).toEqual([]);

    await install('support', 'fixture-recorder', { enabled: true }).expect(200);
    await send('support', 'suporte ligado');
    await waitFor(() => recorded('suporte ligado').length === 1);
  });

  it('refuses bad settings, unknown plugins and unknown numbers with clear 4xx', async () => {
    const bad = await install('sales', 'fixture-recorder', { settings: { label: '' } }).expect(400);
    expect(bad.body.message).toMatch(/^settings\.label: /);
    await install('sales', 'fixture-recorder', {}).expect(400);
    await install('sales', 'fixture-recorder', { enabled: true, owner: 'me' }).expect(400);
    expect((await install('sales', 'nope', { enabled: true }).expect(404)).body.message).toMatch(
      /no plugin "nope"/,
    );
    await env
      .api()
      .put('/api/numbers/01a20000-0000-7000-8000-000000000000/plugins/fixture-recorder')
      .send({ enabled: true })
      .expect(404);
    await env
      .as('salesSupervisor')
      .put(`/api/numbers/${env.numbers.sales.id}/plugins/fixture-recorder`)
      .send({ enabled: true })
      .expect(403);
    const listed = (await env.api().get('/api/plugin-installations').expect(200)).body as {
      pluginId: string;
      numberId: string;
      settings: unknown;
    }[];
    expect(
      listed.find((i) => i.pluginId === 'fixture-recorder' && i.numberId === env.numbers.sales.id)?.settings,
    ).toEqual({ label: 'vendas' });
  });
});

import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from './helpers';

interface HookCall {
  pluginId: string;
  numberId: string;
  event: { body?: string; [key: string]: unknown };
  settings: { label?: string };
  at: number;
}
const calls = (): HookCall[] =>
  (globalThis as { __switchboardHookCalls?: HookCall[] }).__switchboardHookCalls ?? [];
const fixture = (name: string) => `./dist/test/fixtures/plugins/${name}`;

describe('plugins activated per WhatsApp number, with contained hooks', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment({
      config: {
        plugins: {
          enabled: [fixture('recorder'), fixture('thrower'), fixture('hanger'), fixture('gate')],
          hookMaxDeferMs: 3000,
        },
      },
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

  it('a burst to two numbers reaches each message once, in order, with its sender and card', async () => {
    for (const numberKey of ['support', 'hr'] as const)
      await install(numberKey, 'fixture-recorder', { enabled: true }).expect(200);
    const burst = async (numberKey: 'support' | 'hr', from: string[]) => {
      const specs = Array.from({ length: 450 }, (_, i) => ({
        type: 'text' as const,
        body: `rajada ${numberKey} ${i}`,
      }));
      const { results } = await env.sandbox.sendBatch(env.numbers[numberKey].phoneNumberId, specs, {
        from,
        perPost: 150,
      });
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    };
    const senders = (prefix: string) =>
      Array.from({ length: 7 }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
    // Both numbers at once: hook jobs then carry hundreds of messages of two numbers (more than one dispatch
    // turn each), and the messages of a conversation arrive interleaved with the others.
    await Promise.all([burst('support', senders('551197001')), burst('hr', senders('551197002'))]);
    const burstCalls = (numberKey: 'support' | 'hr') =>
      calls().filter(
        (c) => c.pluginId === 'fixture-recorder' && c.event.body?.startsWith(`rajada ${numberKey} `),
      );
    await waitFor(() => burstCalls('support').length >= 450 && burstCalls('hr').length >= 450, {
      what: 'every message of the burst reached the recorder',
    });

    const cards = await env.query<{ wa_id: string; card_id: string }>(
      `select ct.wa_id, k.id as card_id from cards k join conversations c on c.id = k.conversation_id
         join contacts ct on ct.id = c.contact_id where ct.wa_id like '55119700%'`,
    );
    const cardOf = new Map(cards.map((c) => [c.wa_id, c.card_id]));
    for (const numberKey of ['support', 'hr'] as const) {
      const seen = burstCalls(numberKey);
      expect(seen).toHaveLength(450);
      expect(new Set(seen.map((c) => c.numberId))).toEqual(new Set([env.numbers[numberKey].id]));
      // sendBatch builds message i from sender i % 7, 150 per POST; the POSTs travel concurrently, so only the
      // order inside each delivery is fixed.
      const index = (c: HookCall) => Number(String(c.event.body).split(' ')[2]);
      expect(seen.map(index).sort((a, b) => a - b)).toEqual(Array.from({ length: 450 }, (_, i) => i));
      for (let post = 0; post < 3; post++) {
        const inPost = seen.map(index).filter((i) => Math.floor(i / 150) === post);
        expect(inPost).toEqual([...inPost].sort((a, b) => a - b));
      }
      const prefix = numberKey === 'support' ? '551197001' : '551197002';
      for (const c of seen) {
        const from = `${prefix}${String(index(c) % 7).padStart(4, '0')}`;
        expect(c.event).toMatchObject({ from, cardId: cardOf.get(from), type: 'text' });
        expect(Date.parse(String(c.event.receivedAt))).not.toBeNaN();
      }
    }
    for (const numberKey of ['support', 'hr'] as const)
      await install(numberKey, 'fixture-recorder', { enabled: false }).expect(200);
  });

  // A re-delivered domain event running its hooks once: test/e2e/plugin-host.spec.ts (the outbox relay no longer
  // carries hooks).

  it('during an intake backlog hooks wait for intake, at most plugins.hookMaxDeferMs', async () => {
    await install('hr', 'fixture-recorder', { enabled: true }).expect(200);
    // A backlog intake cannot drain now: deliveries that failed once, which only the relay retries, and not before
    // their (future) claim goes stale.
    await env.query(
      `insert into inbound_events (id, received_at, claimed_at, raw_body, secret_fingerprint, status, attempts, last_error)
       select gen_random_uuid(), now(), now() + interval '1 hour', '{}', 'test', 'pending', 1, 'simulated backlog'
         from generate_series(1, 150)`,
    );
    const sentAt = Date.now();
    await send('hr', 'durante o pico');
    // The hook's own run is the marker: the time it ran shows it waited, no sleep needed to show it had not run.
    const [held] = await waitFor(() => recorded('durante o pico'), {
      what: 'the hook after the longest wait',
    });
    expect(held.at - sentAt).toBeGreaterThanOrEqual(2900);

    await env.query(`delete from inbound_events where last_error = 'simulated backlog'`);
    const quietAt = Date.now();
    await send('hr', 'depois do pico');
    await waitFor(() => recorded('depois do pico').length === 1, { what: 'the hook without a backlog' });
    expect(Date.now() - quietAt).toBeLessThan(2500);
    await install('hr', 'fixture-recorder', { enabled: false }).expect(200);
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

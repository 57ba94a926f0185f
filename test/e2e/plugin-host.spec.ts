import { DomainEventDelivery } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface FlakyCall {
  hook: string;
  event: { body?: string; cardId?: string; [key: string]: unknown };
  ok: boolean;
}
interface HookCall {
  pluginId: string;
  event: { body?: string };
}
const flaky = (): FlakyCall[] =>
  (globalThis as { __switchboardFlakyCalls?: FlakyCall[] }).__switchboardFlakyCalls ?? [];
const recorder = (): HookCall[] =>
  (globalThis as { __switchboardHookCalls?: HookCall[] }).__switchboardHookCalls ?? [];
const fixture = (name: string) => `./dist/test/fixtures/plugins/${name}`;

/** Plugin hooks run from domain events: every hook type, failures retried for their plugin, re-deliveries once. */
describe('plugin host: hooks on domain events', () => {
  let env: TestEnvironment;
  let seq = 0;
  beforeAll(async () => {
    env = await createTestEnvironment({
      config: {
        plugins: {
          enabled: [fixture('flaky'), fixture('recorder')],
          hookRetryBaseMs: 300,
          hookAttempts: 3,
        },
      },
    });
    for (const id of ['fixture-flaky', 'fixture-recorder'])
      await env
        .api()
        .put(`/api/numbers/${env.numbers.sales.id}/plugins/${id}`)
        .send({ enabled: true })
        .expect(200);
  });
  afterAll(async () => {
    await env?.close();
  });

  /** A new customer writes to the sales number; resolves to their card once stored. */
  const write = async (text: string) => {
    const waId = `5511955${String(++seq).padStart(6, '0')}`;
    await env.sandbox.customer(waId, { phoneNumberId: env.numbers.sales.phoneNumberId }).text(text);
    const [card] = await waitFor(
      () =>
        env.query<{ id: string }>(
          `select k.id from cards k join conversations c on c.id = k.conversation_id
             join contacts ct on ct.id = c.contact_id where ct.wa_id = $1`,
          [waId],
        ),
      { what: `the card of "${text}"` },
    );
    return card.id;
  };
  const calls = (hook: string, body: string) =>
    flaky().filter((c) => c.hook === hook && c.event.body === body);

  it('card.created, message.received and card.stage_changed reach the plugin from the public surface', async () => {
    const cardId = await write('olá, quero saber mais');
    await waitFor(() => calls('message.received', 'olá, quero saber mais').length === 1, {
      what: 'message.received',
    });
    expect(calls('message.received', 'olá, quero saber mais')[0].event).toMatchObject({
      cardId,
      type: 'text',
    });
    expect(flaky().filter((c) => c.hook === 'card.created' && c.event.cardId === cardId)).toHaveLength(1);

    await env.as('salesAgent').post(`/api/cards/${cardId}/move`).send({ stage: 'in_progress' }).expect(200);
    const [moved] = await waitFor(
      () => flaky().filter((c) => c.hook === 'card.stage_changed' && c.event.cardId === cardId),
      { what: 'card.stage_changed' },
    );
    expect(moved.event).toMatchObject({
      from: { key: 'new', name: 'New' },
      to: { key: 'in_progress', name: 'In progress' },
      by: { type: 'user' },
    });
  });

  it('a failing hook is recorded and retried for that plugin alone, until it works', async () => {
    await write('falha na primeira vez');
    const [ok] = await waitFor(() => calls('message.received', 'falha na primeira vez').filter((c) => c.ok), {
      what: 'the retry that worked',
    });
    expect(ok).toBeDefined();
    expect(calls('message.received', 'falha na primeira vez').map((c) => c.ok)).toEqual([false, true]);
    const failures = (await env.api().get('/api/plugin-hook-failures').expect(200)).body as {
      pluginId: string;
      kind: string;
      message: string;
    }[];
    expect(failures.filter((f) => f.message === 'first try at "falha na primeira vez" fails')).toEqual([
      expect.objectContaining({ pluginId: 'fixture-flaky', kind: 'error' }),
    ]);
    // The other plugin ran once: the retry called the failing plugin only.
    expect(recorder().filter((c) => c.event.body === 'falha na primeira vez')).toHaveLength(1);
    const runs = await env.query<{ status: string; attempts: number }>(
      `select status, attempts from plugin_hook_runs where plugin_id = 'fixture-flaky' and hook = 'message.received'
          and subject_id = (select id::text from messages where body = 'falha na primeira vez')`,
    );
    expect(runs).toEqual([{ status: 'done', attempts: 2 }]);
  });

  it('a domain event delivered again does not run its hooks again', async () => {
    await write('só uma vez');
    await waitFor(() => recorder().filter((c) => c.event.body === 'só uma vez').length === 1, {
      what: 'the first delivery',
    });
    // What a crash between the hooks and the cursor's commit leaves: the cursor back before the events.
    const [event] = await env.query<{ xid: string; seq: string }>(
      `select e.xid::text as xid, e.seq::text as seq from domain_events e
         join messages m on m.id::text = e.payload->>'messageId' where m.body = 'só uma vez'`,
    );
    await env.query(
      `update domain_event_cursors set xid = $1::bigint, seq = $2::bigint - 1 where subscriber = 'plugin-host.hooks'`,
      [event.xid, event.seq],
    );
    env.app.get(DomainEventDelivery).wakeAll();
    // The marker: a later message's hooks ran, so the replayed batch (before it in the stream) has run too.
    await write('depois da repetição');
    await waitFor(() => recorder().filter((c) => c.event.body === 'depois da repetição').length === 1, {
      what: 'the marker',
    });
    expect(recorder().filter((c) => c.event.body === 'só uma vez')).toHaveLength(1);
    expect(calls('message.received', 'só uma vez')).toHaveLength(1);
  });
});

import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const FIXTURE = './dist/test/fixtures/plugins/context';
const SECRET = 'fixture-api-key-7f3a9c';

/** The hook context contract, through the public surface: customer messages in, effects observed outside. */
describe('plugin hook context', () => {
  let env: TestEnvironment;
  const customer = () =>
    env.sandbox.customer('5511955550001', { phoneNumberId: env.numbers.sales.phoneNumberId, name: 'Bia' });

  /** What the fixture remembered for `key` in its store on the sales number. */
  const stored = (key: string) =>
    waitFor(
      async () =>
        (
          await env.query<{ value: unknown }>(
            'select value from plugin_store where plugin_id = $1 and number_id = $2 and key = $3',
            ['fixture-context', env.numbers.sales.id, key],
          )
        )[0]?.value,
      { what: `store key ${key}` },
    );
  const command = async (text: string) => {
    await env.query('delete from plugin_store where key = $1', [`last:${text.split(':')[0]}`]);
    await customer().text(text);
    return stored(`last:${text.split(':')[0]}`);
  };
  const cardId = async () =>
    (
      await waitFor(
        async () =>
          (
            await env.query<{ id: string }>(
              `select k.id from cards k join conversations c on c.id = k.conversation_id join contacts ct on ct.id = c.contact_id
                where ct.wa_id = '5511955550001'`,
            )
          )[0],
        { what: 'the customer card' },
      )
    ).id;

  beforeAll(async () => {
    env = await createTestEnvironment({
      config: { plugins: { enabled: [FIXTURE, './dist/test/fixtures/plugins/pipeline'] } },
    });
    await env
      .api()
      .put(`/api/numbers/${env.numbers.sales.id}/plugins/fixture-pipeline`)
      .send({ enabled: true })
      .expect(200);
  });
  afterAll(async () => {
    await env?.close();
  });

  it('a required credential must be set to enable the plugin; it is stored sealed and never shown', async () => {
    const url = `/api/numbers/${env.numbers.sales.id}/plugins/fixture-context`;
    const refused = await env.api().put(url).send({ enabled: true }).expect(400);
    expect(refused.body.message).toBe(
      'credentials.apiKey: required to enable the plugin (API key of the fixture system)',
    );
    const unknown = await env
      .api()
      .put(url)
      .send({ credentials: { other: 'x' } })
      .expect(400);
    expect(unknown.body.message).toContain('credentials.other: the plugin declares no such credential');
    const ok = await env
      .api()
      .put(url)
      .send({ enabled: true, credentials: { apiKey: SECRET } })
      .expect(200);
    expect(ok.body.credentials).toEqual(['apiKey']);
    expect(ok.text).not.toContain(SECRET);
    const list = await env.api().get('/api/plugin-installations').expect(200);
    expect(list.text).not.toContain(SECRET);
    const rows = await env.query('select * from plugin_installations');
    expect(JSON.stringify(rows)).not.toContain(SECRET);
    const audit = await env.query('select * from audit_events');
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });

  it('card.created reaches the plugin with the new card', async () => {
    await customer().text('hello');
    expect(await stored(`created:${await cardId()}`)).toBe('Bia');
  });

  it('store: values persist per installation', async () => {
    expect(await command('store')).toBe('1');
    expect(await command('store')).toBe('2');
  });

  it('cards: fields, notes and moves go through the same rules and timeline as people', async () => {
    expect(await command('fields')).toBe(JSON.stringify({ summary: 'set by plugin' }));
    expect(await command('note')).toBe('ok');
    // Stage rules bind plugins too: the refusal is recorded as the hook's failure.
    await customer().text('move:review');
    const failure = await waitFor(
      async () =>
        (
          (await env.api().get('/api/plugin-hook-failures').expect(200)).body as {
            message: string;
            hook: string;
          }[]
        ).find((f) => f.hook === 'message.received'),
      { what: 'the refused move recorded' },
    );
    expect(failure.message).toContain('stage "Review" needs these fields filled in first: Amount, Kind');
    expect(await command('move:lost')).toBe('lost');
    const id = await cardId();
    expect(await stored(`moved:${id}`)).toBe('open>lost');
    const timeline = (await env.api().get(`/api/cards/${id}/timeline`).expect(200)).body as {
      kind: string;
      actor: { type: string; id: string };
      data: Record<string, unknown>;
    }[];
    const byPlugin = timeline.filter((e) => e.actor.type === 'plugin');
    expect(byPlugin.map((e) => e.kind)).toEqual(['fields_changed', 'note', 'stage_changed']);
    expect(byPlugin[1]).toMatchObject({
      actor: { id: 'fixture-context' },
      data: { text: 'a note from the plugin' },
    });
  });

  it('messages: text and templates reach WhatsApp, and an automated message does not count as our answer', async () => {
    await command('reply');
    await command('template');
    const texts = () =>
      env.sandbox
        .sent(env.numbers.sales.phoneNumberId)
        .map((s) => (s.request as { text?: { body?: string } }).text?.body);
    await waitFor(() => texts().includes('echo from plugin') && texts().includes('Hello Ana!'), {
      what: 'plugin messages sent',
    });
    const [conversation] = await env.query<{ waiting_since: Date | null; last_speaker: string }>(
      `select c.waiting_since, c.last_speaker from conversations c join contacts ct on ct.id = c.contact_id where ct.wa_id = '5511955550001'`,
    );
    expect(conversation.waiting_since).not.toBeNull();
    expect(conversation.last_speaker).toBe('customer');
  });

  it('jobs: a job the plugin enqueues runs later with the same context', async () => {
    expect(await command('job')).toBe('queued');
    expect(await stored('last:job-ran')).toBe('yes');
    // The job queued the message; the worker sends it to WhatsApp moments later.
    await waitFor(
      () =>
        env.sandbox
          .sent(env.numbers.sales.phoneNumberId)
          .some((s) => (s.request as { text?: { body?: string } }).text?.body === 'sent from a job'),
      { what: 'the message sent from the job reaching WhatsApp' },
    );
  });

  it('http goes through the egress guard; credentials are readable by the plugin only', async () => {
    expect(await command('http:http://169.254.169.254/latest/meta-data')).toMatch(
      /^refused: egress to 169\.254\.169\.254 refused/,
    );
    expect(await command(`http:${env.sandbox.url}/v24.0/`)).toMatch(/^status \d{3}$/);
    expect(await command('secret')).toBe(`length ${SECRET.length}`);
  });

  it("another number's cards do not exist for the plugin", async () => {
    await env.sandbox
      .customer('5511955559999', { phoneNumberId: env.numbers.support.phoneNumberId })
      .text('oi');
    const other = await waitFor(
      async () =>
        (
          await env.query<{ id: string }>('select id from cards where department_id = $1', [
            env.numbers.support.departmentId,
          ])
        )[0],
      { what: 'support card' },
    );
    expect(await command(`foreign:${other.id}`)).toBe('null');
  });
});

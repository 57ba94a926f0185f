import {
  createTestEnvironment,
  SeededNumber,
  TestEnvironment,
  TestEnvironmentOptions,
} from './test-environment';
import { waitFor } from './wait-for';

type Department = keyof TestEnvironment['numbers'];

export interface PluginTestOptions extends TestEnvironmentOptions {
  /** The plugin under test, as in plugins.enabled (e.g. `./plugins/dept-legal`), plus any it works with. */
  plugins: string[];
  /** Installations made before the test starts: which plugin, on which sandbox number, with what. */
  install: {
    plugin: string;
    on?: Department;
    settings?: Record<string, unknown>;
    credentials?: Record<string, string>;
  }[];
}

export interface CustomerTurn {
  waId: string;
  conversationId: string;
  cardId: string;
}

export interface PluginTestEnvironment extends TestEnvironment {
  /** The number of the first installation: where `customerSays` writes. */
  number: SeededNumber;
  /** A customer writes to the plugin's number; resolves once the message is stored with its card. */
  customerSays(text: string, from?: { waId?: string; name?: string }): Promise<CustomerTurn>;
  /** Resolves when every plugin hook job staged so far has run (hooks, automations). */
  hooksSettled(): Promise<void>;
  /** The hook calls that threw or timed out, newest first. */
  hookFailures(): Promise<{ pluginId: string; hook: string; kind: string; message: string }[]>;
  /** The texts Switchboard sent to a customer through the sandbox, oldest first. */
  textsTo(waId: string): string[];
}

let customers = 0;

/**
 * The core booted with your plugin on real PostgreSQL, real queues and sandbox WhatsApp numbers, installed the way
 * an admin would install it (PUT /api/numbers/:id/plugins/:pluginId). For plugin authors' tests.
 */
export async function createPluginTestEnvironment(
  options: PluginTestOptions,
): Promise<PluginTestEnvironment> {
  const { plugins, install, ...rest } = options;
  const env = await createTestEnvironment({
    ...rest,
    config: { ...(rest.config ?? {}), plugins: { enabled: plugins } },
  });
  try {
    for (const i of install)
      await env
        .api()
        .put(`/api/numbers/${env.numbers[i.on ?? 'sales'].id}/plugins/${i.plugin}`)
        .send({ enabled: true, settings: i.settings, credentials: i.credentials })
        .expect(200);
  } catch (e) {
    await env.close();
    throw e;
  }
  const number = env.numbers[install[0]?.on ?? 'sales'];
  return {
    ...env,
    number,
    customerSays: async (text, from = {}) => {
      const waId = from.waId ?? `5511970${String(++customers).padStart(6, '0')}`;
      const { wamid } = await env.sandbox
        .customer(waId, { phoneNumberId: number.phoneNumberId, name: from.name ?? 'Test Customer' })
        .text(text);
      const [row] = await waitFor(
        () =>
          env.query<{ conversation_id: string; card_id: string }>(
            `select m.conversation_id, k.id as card_id from messages m join cards k on k.conversation_id = m.conversation_id
              where m.wamid = $1`,
            [wamid],
          ),
        { what: `message ${wamid} stored with its card` },
      );
      return { waId, conversationId: row.conversation_id, cardId: row.card_id };
    },
    hooksSettled: async () => {
      await waitFor(
        async () =>
          (
            await env.query<{ n: number }>(
              // Card actions waiting in the outbox, and domain events the hook subscriber has not passed yet.
              `select ((select count(*) from outbox where queue = 'plugin-hooks' and done_at is null)
                      + (select count(*) from domain_events e join domain_event_cursors c on c.subscriber = 'plugin-host.hooks'
                          where (e.xid, e.seq) > (c.xid, c.seq)))::int as n`,
            )
          )[0].n === 0,
        { what: 'plugin hook jobs run' },
      );
    },
    hookFailures: async () => (await env.api().get('/api/plugin-hook-failures').expect(200)).body,
    textsTo: (waId) =>
      env.sandbox
        .sent(number.phoneNumberId)
        .filter((s) => s.waId === waId)
        .map((s) => (s.request as { text?: { body?: string } }).text?.body ?? ''),
  };
}

import 'reflect-metadata';
import { ConfigError, loadConfig, prepareRuntime } from '@switchboard/engine';
import { UserAdminService } from '@switchboard/identity';
import { startSandbox } from '@switchboard/wa-sandbox';
import { createApp } from './create-app';
import { DemoAdminApi } from './demo/demo-admin-api';
import { runDemoCustomers } from './demo/demo-customers';
import { DEMO_PASSWORD, seedDemoAdmin, seedDemoUsers } from './demo/demo-users';
import { CORE_ENTITIES } from './entities';

/** Each department runs its plugin (plugins.enabled in config/demo.yaml) on its own sandbox number. */
const DEPARTMENTS = [
  {
    key: 'sales',
    name: 'Sales',
    plugin: 'dept-sales',
    phoneNumberId: '110000000000001',
    display: '15550100001',
  },
  {
    key: 'support',
    name: 'Support',
    plugin: 'dept-support',
    phoneNumberId: '110000000000002',
    display: '15550100002',
  },
  {
    key: 'hr',
    name: 'HR',
    plugin: 'dept-hr',
    phoneNumberId: '110000000000003',
    display: '15550100003',
    // dept-hr makes HR members-only: the admin joins it first, so every start can set it up again.
    membersOnly: true,
  },
] as const;

const WABA_ID = '210000000000001';

const out = (line = '') => process.stdout.write(`${line}\n`);

/**
 * `npm run demo`: embedded PostgreSQL, api + worker in one process, a local WhatsApp sandbox with one
 * number per department, and simulated customers writing in. Departments, numbers and plugins are set up through
 * the admin HTTP API, as an admin connecting a real number would (README, "Connect a real number").
 */
async function demo() {
  process.env.NODE_ENV ??= 'demo';
  const port = loadConfig().server.port;
  const sandbox = await startSandbox({
    port: Number(process.env.SANDBOX_PORT ?? port + 1),
    numbers: DEPARTMENTS.map((d) => ({
      phoneNumberId: d.phoneNumberId,
      displayPhoneNumber: d.display,
      wabaId: WABA_ID,
      accessToken: `demo-access-token-${d.key}`,
      appSecret: 'demo-app-secret',
      verifyToken: `demo-verify-${d.key}`,
      webhookUrl: `http://127.0.0.1:${port}/webhooks/whatsapp`,
    })),
  });
  // Graph is the sandbox here: numbers registered through the API are tested against it and send to it.
  const config = loadConfig({
    overrides: { whatsapp: { graphBaseUrl: sandbox.url, graphVersion: sandbox.graphVersion } },
  });
  const runtime = await prepareRuntime(config, { entities: CORE_ENTITIES, migrate: true });
  const app = await createApp(runtime, { worker: true });
  await app.listen(config.server.port, config.server.host);
  const base = `http://localhost:${config.server.port}`;

  const users = app.get(UserAdminService);
  const admin = await seedDemoAdmin(users);
  const api = await DemoAdminApi.signIn(base, admin.email, admin.password);
  const ids: Record<string, string | null> = {};
  for (const d of DEPARTMENTS) {
    const dept = await api.department(d.key, d.name);
    ids[d.key] = dept?.id ?? null;
    if (dept && 'membersOnly' in d) await api.join(dept.id);
    // Hidden from the admin only on data from a demo that did not make it a member: then HR is left as it is.
    const number = dept
      ? await api.number({
          phoneNumberId: d.phoneNumberId,
          wabaId: WABA_ID,
          departmentId: dept.id,
          accessToken: `demo-access-token-${d.key}`,
          appSecret: 'demo-app-secret',
          verifyToken: `demo-verify-${d.key}`,
        })
      : null;
    // The demo customers write in Portuguese; the department answers in kind, around the clock.
    if (number)
      await api.activatePlugin(number.id, d.plugin, {
        enabled: true,
        settings: {
          language: 'pt-BR',
          businessHours: { days: [0, 1, 2, 3, 4, 5, 6], open: '00:00', close: '24:00' },
        },
      });
    const handshake = await sandbox.verifyWebhook(d.phoneNumberId);
    if (!handshake.ok) throw new Error(`webhook handshake failed for ${d.key}: HTTP ${handshake.status}`);
  }
  const stop = runDemoCustomers(
    sandbox,
    {
      sales: DEPARTMENTS[0].phoneNumberId,
      support: DEPARTMENTS[1].phoneNumberId,
      hr: DEPARTMENTS[2].phoneNumberId,
    },
    Number(process.env.DEMO_MESSAGE_EVERY_MS ?? 20_000),
    (e) => out(`simulated customer error: ${e.message}`),
  );

  const logins = await seedDemoUsers(users, ids);
  out();
  out('Switchboard demo is running.');
  out(`  URL:        ${base}`);
  out(`  API docs:   ${base}/api/docs`);
  out(`  Logins:     password "${DEMO_PASSWORD}" for every demo user:`);
  for (const l of logins) out(`              ${l.email.padEnd(32)} ${l.role}`);
  out(
    `  Sandbox:    ${sandbox.url} (WhatsApp Cloud API stand-in; numbers: ${DEPARTMENTS.map((d) => `${d.key} +${d.display}`).join(', ')})`,
  );
  out(
    `  Plugins:    ${DEPARTMENTS.map((d) => `${d.plugin} on +${d.display}`).join(', ')} (HR is visible to HR members only; the admin is one)`,
  );
  out(
    `  Customers:  simulated customers write in now and every ${Math.round(Number(process.env.DEMO_MESSAGE_EVERY_MS ?? 20_000) / 1000)} s.`,
  );
  out(
    `              Send your own: node dist/apps/wa-sandbox/src/cli.js send --sandbox ${sandbox.url} --number ${DEPARTMENTS[0].phoneNumberId} --from 5511999990000 --text "Olá"`,
  );
  out('  Stop:       Ctrl+C');
  out();

  const shutdown = async () => {
    stop();
    await sandbox.close();
    await app.close();
    await runtime.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

demo().catch((e: unknown) => {
  process.stderr.write(`${e instanceof ConfigError ? e.message : (e as Error).stack}\n`);
  process.exit(1);
});

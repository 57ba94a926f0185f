import 'reflect-metadata';
import { ConfigError, loadConfig, prepareRuntime } from '@switchboard/engine';
import { createApp } from './create-app';
import { CORE_ENTITIES } from './entities';

/** `api` role: HTTP, webhooks and (with SWITCHBOARD_ROLE=all) the queue consumers in the same process. */
async function main() {
  const config = loadConfig();
  const runtime = await prepareRuntime(config, { entities: CORE_ENTITIES, migrate: true });
  const app = await createApp(runtime, { worker: process.env.SWITCHBOARD_ROLE === 'all' });
  await app.listen(config.server.port, config.server.host);
  process.once('SIGTERM', () => void app.close().then(() => runtime.shutdown()));
  process.once('SIGINT', () => void app.close().then(() => runtime.shutdown()));
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof ConfigError ? e.message : (e as Error).stack}\n`);
  process.exit(1);
});

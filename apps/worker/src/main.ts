import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { setPriority } from 'node:os';
import { CHANNEL_ENTITIES } from '@switchboard/channels';
import { CONVERSATION_ENTITIES } from '@switchboard/conversations';
import {
  ConfigError,
  createPinoLogger,
  loadConfig,
  PinoNestLogger,
  prepareRuntime,
} from '@switchboard/engine';
import { PIPELINE_ENTITIES } from '@switchboard/pipelines';
import { WorkerModule } from './worker.module';

async function main() {
  const config = loadConfig();
  // Before any work starts: threads created later inherit the lowered priority (see worker.cpuNice).
  if (config.worker.cpuNice > 0) setPriority(config.worker.cpuNice);
  const runtime = await prepareRuntime(config, {
    entities: [...PIPELINE_ENTITIES, ...CONVERSATION_ENTITIES, ...CHANNEL_ENTITIES],
    migrate: true,
  });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(runtime), {
    logger: new PinoNestLogger(createPinoLogger(config.log.level)),
  });
  app.enableShutdownHooks();
  process.once('SIGTERM', () => void app.close().then(() => runtime.shutdown()));
  process.once('SIGINT', () => void app.close().then(() => runtime.shutdown()));
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof ConfigError ? e.message : (e as Error).stack}\n`);
  process.exit(1);
});

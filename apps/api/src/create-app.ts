import { INestApplication } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createPinoLogger, PinoNestLogger, RefuseNulPipe, Runtime } from '@switchboard/engine';
import { requestContext } from '@switchboard/identity';
import cookieParser from 'cookie-parser';
import { json, NextFunction, Request, Response } from 'express';
import { AppModule, AppRoles } from './app.module';
import { BodyParserErrorFilter } from './body-parser-error.filter';
import { mountWebhookReceiver } from './mount-webhook-receiver';
import { RealtimeIoAdapter } from './realtime/realtime-io.adapter';
import { serveWebApp } from './serve-web-app';

/** Builds the HTTP application (not listening yet). Used by main, the demo and the test environment. */
export async function createApp(runtime: Runtime, roles: AppRoles): Promise<INestApplication> {
  const logger = createPinoLogger(runtime.config.log.level);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(runtime, roles), {
    bodyParser: false,
    abortOnError: false,
    logger: new PinoNestLogger(logger),
  });
  mountWebhookReceiver(app);
  app.set('trust proxy', runtime.config.server.trustProxyHops);
  // Every request gets its own context; the access guard puts the actor in it for AccessScope to read.
  app.use((req: Request, _res: Response, next: NextFunction) => requestContext.run(req.ip ?? null, next));
  app.use(json({ limit: '1mb' }));
  app.use(cookieParser());
  app.disable('x-powered-by');
  serveWebApp(app, runtime.config.server.webDist);
  app.enableShutdownHooks();
  app.useWebSocketAdapter(new RealtimeIoAdapter(app, runtime));

  const doc = new DocumentBuilder()
    .setTitle('Switchboard API')
    .setDescription(
      'WhatsApp operations: conversations, messages, replies. Authenticate with a bearer token.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, SwaggerModule.createDocument(app, doc), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });

  app.useGlobalFilters(new BodyParserErrorFilter(app.get(HttpAdapterHost).httpAdapter));
  app.useGlobalPipes(new RefuseNulPipe());
  await app.init();
  return app;
}

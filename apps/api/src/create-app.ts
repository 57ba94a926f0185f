import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createPinoLogger, PinoNestLogger, Runtime } from '@switchboard/engine';
import { json, NextFunction, raw, Request, Response } from 'express';
import { AppModule, AppRoles } from './app.module';

interface HttpError {
  status?: number;
  statusCode?: number;
  type?: string;
  message?: string;
}

/** Body-parser failures (malformed JSON, oversize) as JSON errors that name the problem. */
function parserErrorHandler(maxWebhookBytes: number) {
  return (err: HttpError, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = err.status ?? err.statusCode ?? 500;
    let message = err.message ?? 'Internal error';
    if (err.type === 'entity.too.large') {
      message = req.path.startsWith('/webhooks/')
        ? `webhook body exceeds ${maxWebhookBytes} bytes (Meta sends at most 3 MB)`
        : 'request body exceeds 1 MB';
    } else if (err.type === 'entity.parse.failed') {
      message = `malformed JSON body: ${err.message}`;
    }
    res.status(status).json({ statusCode: status, error: status === 413 ? 'Payload Too Large' : 'Bad Request', message });
  };
}

/** Builds the HTTP application (not listening yet). Used by main, the demo and the test environment. */
export async function createApp(runtime: Runtime, roles: AppRoles): Promise<INestApplication> {
  const logger = createPinoLogger(runtime.config.log.level);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(runtime, roles), {
    bodyParser: false,
    abortOnError: false,
    logger: new PinoNestLogger(logger),
  });
  const max = runtime.config.whatsapp.maxWebhookBytes;
  // The webhook keeps its raw bytes: the signature covers them exactly as sent.
  app.use('/webhooks/whatsapp', raw({ type: () => true, limit: max }));
  app.use(json({ limit: '1mb' }));
  app.set('trust proxy', runtime.config.server.trustProxyHops);
  app.disable('x-powered-by');
  app.enableShutdownHooks();

  const doc = new DocumentBuilder()
    .setTitle('Switchboard API')
    .setDescription('WhatsApp operations: conversations, messages, replies. Authenticate with a bearer token.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs/openapi.json' });

  await app.init();
  app.use(parserErrorHandler(max));
  return app;
}

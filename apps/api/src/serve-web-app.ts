import { NestExpressApplication } from '@nestjs/platform-express';
import { NextFunction, Request, Response, static as serveStatic } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const NOT_THE_APP = /^\/(api|webhooks|health)(\/|$)/;

/**
 * Serves the built SPA from `dir` (if it was built): its files as static assets, and index.html for any other
 * browser navigation (deep links such as /inbox), never for API, webhook or health paths.
 */
export function serveWebApp(app: NestExpressApplication, dir: string): boolean {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  if (!existsSync(index)) return false;
  const assets = serveStatic(root, {
    index: false,
    maxAge: '1h',
    setHeaders: (res) => res.setHeader('X-Content-Type-Options', 'nosniff'),
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    // API, webhook and health requests never reach the filesystem: the webhook is the hot path.
    if (req.method !== 'GET' || NOT_THE_APP.test(req.path)) return next();
    assets(req, res, () => {
      if (!req.accepts('html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  });
  return true;
}

import type { ServerResponse } from 'node:http';
import { sendGraphJson } from './http-io';
import { cursor, cursorIndex } from './phone-numbers.handler';
import type { SandboxContext } from './sandbox-context';
import { templateToGraph } from './templates';

/** GET /{version}/{waba_id}/message_templates with name/status/language filters and cursor paging. */
export function handleMessageTemplates(ctx: SandboxContext, res: ServerResponse, url: URL): void {
  const q = url.searchParams;
  const matching = ctx.templates
    .all()
    .filter((t) => !q.get('name') || t.name === q.get('name'))
    .filter((t) => !q.get('status') || t.status === q.get('status')?.toUpperCase())
    .filter((t) => !q.get('language') || t.language === q.get('language'));
  const limit = Math.max(1, Math.min(Number(q.get('limit')) || 25, 1000));
  const afterIndex = cursorIndex(q.get('after'));
  const start = afterIndex === undefined ? 0 : afterIndex + 1;
  const page = matching.slice(start, start + limit);
  const body: Record<string, unknown> = { data: page.map(templateToGraph) };
  if (page.length > 0) {
    const paging: Record<string, unknown> = {
      cursors: { before: cursor(start), after: cursor(start + page.length - 1) },
    };
    if (start + page.length < matching.length) {
      const next = new URL(url.toString());
      next.searchParams.set('after', cursor(start + page.length - 1));
      paging.next = `${ctx.baseUrl()}${next.pathname}${next.search}`;
    }
    body.paging = paging;
  } else {
    body.paging = { cursors: { before: cursor(0), after: cursor(0) } };
  }
  sendGraphJson(res, 200, body);
}

import type { ServerResponse } from 'node:http';
import { sendGraphJson } from './http-io';
import { cursor, cursorIndex } from './phone-numbers.handler';
import type { SandboxContext } from './sandbox-context';
import { templateToGraph } from './templates';

/**
 * GET /{version}/{waba_id}/message_templates with name/status/language/category filters and Graph's cursor
 * paging: `limit`, `after`/`before`, `paging.cursors`, and `next`/`previous` links only when there is more.
 */
export function handleMessageTemplates(
  ctx: SandboxContext,
  res: ServerResponse,
  url: URL,
  wabaId: string,
): void {
  const q = url.searchParams;
  const matching = ctx.templates
    .forWaba(wabaId)
    .all()
    .filter((t) => !q.get('name') || t.name === q.get('name'))
    .filter((t) => !q.get('status') || t.status === q.get('status')?.toUpperCase())
    .filter((t) => !q.get('category') || t.category === q.get('category')?.toUpperCase())
    .filter((t) => !q.get('language') || t.language === q.get('language'));
  const limit = Math.max(1, Math.min(Number(q.get('limit')) || 25, 1000));
  const afterIndex = cursorIndex(q.get('after'));
  const beforeIndex = cursorIndex(q.get('before'));
  let start = afterIndex === undefined ? 0 : afterIndex + 1;
  if (afterIndex === undefined && beforeIndex !== undefined) start = Math.max(0, beforeIndex - limit);
  const end = afterIndex === undefined && beforeIndex !== undefined ? beforeIndex : start + limit;
  const page = matching.slice(start, Math.min(end, start + limit));
  const body: Record<string, unknown> = { data: page.map(templateToGraph) };
  if (page.length > 0) {
    const paging: Record<string, unknown> = {
      cursors: { before: cursor(start), after: cursor(start + page.length - 1) },
    };
    if (start + page.length < matching.length) {
      paging.next = link(ctx, url, 'after', cursor(start + page.length - 1));
    }
    if (start > 0) paging.previous = link(ctx, url, 'before', cursor(start));
    body.paging = paging;
  } else {
    body.paging = { cursors: { before: cursor(0), after: cursor(0) } };
  }
  sendGraphJson(res, 200, body);
}

function link(ctx: SandboxContext, url: URL, key: 'after' | 'before', value: string): string {
  const next = new URL(url.toString());
  next.searchParams.delete('after');
  next.searchParams.delete('before');
  next.searchParams.set(key, value);
  return `${ctx.baseUrl()}${next.pathname}${next.search}`;
}

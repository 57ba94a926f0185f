import { refreshSession } from '../../api/client';
import { bodyOf, http, type Outcome, succeeded } from '../../api/http';
import type { components, paths } from '../../api/schema';

// The quick reply routes, for the composer's picker (reads) and the admin section (edits).

export type QuickReply = components['schemas']['QuickReplyDto'];
export type NewQuickReply = NonNullable<
  paths['/api/departments/{id}/quick-replies']['post']['requestBody']
>['content']['application/json'];
export type QuickReplyChange = NonNullable<
  paths['/api/quick-replies/{id}']['patch']['requestBody']
>['content']['application/json'];

/** Runs a call; when the token is refused, renews it once from the refresh cookie and runs it again. */
async function authorized<O extends Outcome>(call: () => Promise<O>): Promise<O> {
  const first = await call();
  if (first.response.status !== 401 || !(await refreshSession())) return first;
  return call();
}

const byId = (id: string) => ({ params: { path: { id } } });

export const quickRepliesApi = {
  /** Sorted by shortcut. */
  list: async (departmentId: string): Promise<QuickReply[]> =>
    bodyOf(await authorized(() => http.GET('/api/departments/{id}/quick-replies', byId(departmentId)))),
  /** 400 names the field, 409 a taken shortcut. */
  create: async (departmentId: string, body: NewQuickReply): Promise<QuickReply> =>
    bodyOf(
      await authorized(() =>
        http.POST('/api/departments/{id}/quick-replies', { ...byId(departmentId), body }),
      ),
    ),
  update: async (id: string, body: QuickReplyChange): Promise<QuickReply> =>
    bodyOf(await authorized(() => http.PATCH('/api/quick-replies/{id}', { ...byId(id), body }))),
  remove: async (id: string): Promise<void> =>
    succeeded(await authorized(() => http.DELETE('/api/quick-replies/{id}', byId(id)))),
};

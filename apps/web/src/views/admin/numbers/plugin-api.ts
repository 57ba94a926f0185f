import { refreshSession } from '../../../api/client';
import { bodyOf, http, type Outcome } from '../../../api/http';
import type { components, paths } from '../../../api/schema';
import { submitted } from '../forms/refusal';

// A number's plugins: read with their settings forms, changed through the installation route. Credentials go one
// way: a value is sent and sealed, and only whether it is set ever comes back.

type Schemas = components['schemas'];
export type NumberPlugins = Schemas['NumberPluginsDto'];
export type NumberPlugin = NumberPlugins['plugins'][number];
export type PluginField = NumberPlugin['fields'][number];
export type PluginInstallation = Schemas['PluginInstallationDto'];
export type PluginChange =
  paths['/api/numbers/{numberId}/plugins/{pluginId}']['put']['requestBody']['content']['application/json'];

async function authorized<O extends Outcome>(call: () => Promise<O>): Promise<O> {
  const first = await call();
  if (first.response.status !== 401 || !(await refreshSession())) return first;
  return call();
}

export const pluginApi = {
  ofNumber: async (numberId: string): Promise<NumberPlugins> =>
    bodyOf(
      await authorized(() => http.GET('/api/numbers/{numberId}/plugins', { params: { path: { numberId } } })),
    ),
  /** A refused change is a Refusal naming each field (`settings.language`, `credentials.crm.apiKey`). */
  change: (numberId: string, pluginId: string, body: PluginChange): Promise<PluginInstallation> =>
    submitted(() =>
      http.PUT('/api/numbers/{numberId}/plugins/{pluginId}', {
        params: { path: { numberId, pluginId } },
        body,
      }),
    ),
};

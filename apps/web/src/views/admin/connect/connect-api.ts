import { http } from '../../../api/http';
import type { components, paths } from '../../../api/schema';
import { submitted } from '../forms/refusal';

export type RegisterNumberBody = paths['/api/numbers']['post']['requestBody']['content']['application/json'];
export type ConnectedNumber = components['schemas']['NumberDto'];

/** Registers a number: the api tests the connection with Meta first and seals the secrets; none comes back. */
export const registerNumber = (body: RegisterNumberBody): Promise<ConnectedNumber> =>
  submitted(() => http.POST('/api/numbers', { body }));

import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, errorDetail } from './errors';
import type { paths } from './schema';
import { readToken } from './token';

const TIMEOUT_MS = 10_000;

// The one place that adds the bearer token: every call made through `http` carries the current access token.
const bearer: Middleware = {
  onRequest({ request }) {
    const token = readToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
};

/** The typed client for the api on the same origin, generated from its OpenAPI document (schema.d.ts). */
export const http = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
  fetch: async (request) => {
    try {
      return await fetch(new Request(request, { signal: AbortSignal.timeout(TIMEOUT_MS) }));
    } catch {
      throw new ApiError('unreachable', 'The Switchboard API cannot be reached. Is it running?');
    }
  },
});
http.use(bearer);

/** What an openapi-fetch call resolves to, whatever its path. */
export interface Outcome {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The documented body of a successful answer (openapi-fetch types `data` from the route's 2xx response schema). */
export type BodyOf<O extends Outcome> = Exclude<O['data'], undefined>;

/** The body of a successful answer, typed from the api's OpenAPI document, or an ApiError saying why not. */
export function bodyOf<O extends Outcome>(outcome: O): BodyOf<O> {
  const { response } = outcome;
  if (response.ok) return outcome.data as BodyOf<O>;
  if (response.status === 401)
    throw new ApiError('unauthorized', 'Your session has ended (401). Please sign in again.', 401);
  if (response.status === 502 || response.status === 503 || response.status === 504)
    throw new ApiError(
      'unreachable',
      `The Switchboard API cannot be reached (${response.status}). Is it running?`,
      response.status,
    );
  throw new ApiError('http', errorDetail(outcome.error, response.statusText), response.status);
}

/** For an answer without a body (204): nothing, or an ApiError saying why not. */
export function succeeded(outcome: Outcome): void {
  bodyOf(outcome);
}

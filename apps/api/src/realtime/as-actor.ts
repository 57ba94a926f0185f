import { Actor, requestContext } from '@switchboard/identity';

/**
 * Runs `fn` with `actor` in the request context, as the HTTP access guard does, so the services it calls scope by
 * department through the central AccessScope exactly as they do for the REST API.
 */
export function asActor<T>(actor: Actor, ip: string | null, fn: () => Promise<T>): Promise<T> {
  return requestContext.run(ip, () => {
    requestContext.setActor(actor);
    return fn();
  });
}

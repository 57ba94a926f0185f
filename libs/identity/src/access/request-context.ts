import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from './actor';

interface RequestStore {
  actor: Actor | null;
  ip: string | null;
}

const storage = new AsyncLocalStorage<RequestStore>();

/** Per-request holder, opened by middleware for every HTTP request and filled in by the access guard. */
export const requestContext = {
  run<T>(ip: string | null, fn: () => T): T {
    return storage.run({ actor: null, ip }, fn);
  },
  setActor(actor: Actor): void {
    const store = storage.getStore();
    if (!store) throw new Error('no request context: the request-context middleware must run first');
    store.actor = actor;
  },
  actor(): Actor | null {
    return storage.getStore()?.actor ?? null;
  },
  ip(): string | null {
    return storage.getStore()?.ip ?? null;
  },
};

import type { ServerResponse } from 'node:http';
import { sendGraphJson } from './http-io';

/** The Meta app the sandbox's tokens belong to (what `subscribed_apps` lists). */
export interface SandboxApp {
  id: string;
  name: string;
  link: string;
}

export const DEFAULT_APP: SandboxApp = {
  id: '1000000000000042',
  name: 'Switchboard',
  link: 'https://switchboard.example/',
};

/** Which WABAs have the app subscribed to their webhooks (`POST|DELETE /{waba}/subscribed_apps`). */
export class AppSubscriptions {
  private readonly subscribed: Set<string>;

  constructor(
    readonly app: SandboxApp,
    initiallySubscribed: Iterable<string>,
  ) {
    this.subscribed = new Set(initiallySubscribed);
  }

  isSubscribed(wabaId: string): boolean {
    return this.subscribed.has(wabaId);
  }

  set(wabaId: string, subscribed: boolean): void {
    if (subscribed) this.subscribed.add(wabaId);
    else this.subscribed.delete(wabaId);
  }
}

/** GET → `{data:[{whatsapp_business_api_data:{link,name,id}}]}` (empty data when not subscribed); POST/DELETE → `{success:true}`. */
export function handleSubscribedApps(
  subscriptions: AppSubscriptions,
  res: ServerResponse,
  method: string,
  wabaId: string,
): void {
  if (method === 'GET') {
    const { id, name, link } = subscriptions.app;
    const data = subscriptions.isSubscribed(wabaId)
      ? [{ whatsapp_business_api_data: { link, name, id } }]
      : [];
    sendGraphJson(res, 200, { data });
    return;
  }
  subscriptions.set(wabaId, method === 'POST');
  sendGraphJson(res, 200, { success: true });
}

import { Inject, Injectable } from '@nestjs/common';
import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { isIP, LookupFunction } from 'node:net';
import { Agent, Dispatcher, request, fetch as undiciFetch } from 'undici';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { isPrivateAddress } from './private-address';

export class EgressDeniedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EgressDeniedError';
  }
}

export type EgressRequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> & {
  method?: Dispatcher.HttpMethod;
};

/**
 * The only way product code reaches the network. The host must be allow-listed; the address is
 * checked at connect time on the resolved IP (so DNS rebinding cannot slip a private address past),
 * redirects are not followed, and loopback/private ranges need an explicit allowPrivateHosts entry.
 */
@Injectable()
export class EgressGuard {
  private readonly agent: Agent;
  private readonly allowHosts: Set<string>;
  private readonly privateHosts: Set<string>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // Configured single sign-on issuers are reachable too: an admin named them, like the allow-list itself.
    const issuers = config.auth.oidc.providers.map((p) => new URL(p.issuer).hostname);
    this.allowHosts = new Set([...config.egress.allowHosts, ...issuers].map((h) => h.toLowerCase()));
    this.privateHosts = new Set(config.egress.allowPrivateHosts.map((h) => h.toLowerCase()));
    const guardedLookup: LookupFunction = (hostname, options, callback) => {
      dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
        if (err) return callback(err, '', 4);
        const allowPrivate = this.privateHosts.has(hostname.toLowerCase());
        const ok = addresses.filter((a) => allowPrivate || !isPrivateAddress(a.address));
        if (!ok.length) {
          return callback(
            new EgressDeniedError(`egress to ${hostname} refused: it resolves to a private address`),
            '',
            4,
          );
        }
        if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, ok);
        callback(null, ok[0].address, ok[0].family);
      });
    };
    this.agent = new Agent({
      connect: { lookup: guardedLookup, timeout: config.egress.timeoutMs },
      headersTimeout: config.egress.timeoutMs,
      bodyTimeout: config.egress.timeoutMs,
    });
  }

  /** Throws EgressDeniedError before any connection when the URL is not allowed. */
  check(url: URL): void {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new EgressDeniedError(`egress to ${url.protocol} URLs is not allowed`);
    }
    const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
    if (this.privateHosts.has(host)) return;
    if (!this.allowHosts.has(host))
      throw new EgressDeniedError(`egress to ${host} refused: host is not in egress.allowHosts`);
    if (isIP(host) && isPrivateAddress(host))
      throw new EgressDeniedError(`egress to ${host} refused: private address`);
  }

  /** WHATWG fetch through the guard, for libraries that take a custom fetch (openid-client). No redirects. */
  readonly fetch = async (url: string | URL, init: RequestInit = {}): Promise<Response> => {
    const target = typeof url === 'string' ? new URL(url) : url;
    this.check(target);
    const response = await undiciFetch(target, {
      ...(init as Parameters<typeof undiciFetch>[1]),
      redirect: 'manual',
      dispatcher: this.agent,
    });
    return response as unknown as Response;
  };

  async request(url: string | URL, options: EgressRequestOptions = {}): Promise<Dispatcher.ResponseData> {
    const target = typeof url === 'string' ? new URL(url) : url;
    this.check(target);
    // undici.request never follows redirects, so a 302 to a private address cannot happen here.
    return request(target, { ...options, dispatcher: this.agent });
  }
}

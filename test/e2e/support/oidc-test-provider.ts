import Provider from 'oidc-provider';
import { createServer, Server } from 'node:http';

export interface TestAccount {
  email: string;
  email_verified: boolean;
  name: string;
  groups: string[];
}

/** The client the api signs in as at the local provider. */
const LOCAL_CLIENT_ID = 'switchboard';

/** One provider of the api's config, served by the local provider; further options as the config takes them. */
export interface LocalProviderConfig {
  id: string;
  name: string;
  issuer: string;
  clientSecret: string;
  [option: string]: unknown;
}

/**
 * The api's `auth` config for providers served by the local provider: each signs in as LOCAL_CLIENT_ID over plain
 * http (the local provider has no TLS), and callbacks go to the api's own origin (no public URL).
 */
export function localOidcAuth(providers: LocalProviderConfig[]) {
  return {
    oidc: {
      publicUrl: '',
      providers: providers.map((p) => ({ clientId: LOCAL_CLIENT_ID, allowInsecureHttp: true, ...p })),
    },
  };
}

/**
 * A real OpenID Connect provider (the `oidc-provider` package, as used by many production IdPs), run locally for
 * the tests, with its development login and consent pages driven by a small cookie-keeping client below.
 */
export async function startOidcProvider(opts: {
  port: number;
  clientSecret: string;
  redirectUris: string[];
  accounts: Map<string, TestAccount>;
}): Promise<{ issuer: string; close(): Promise<void> }> {
  const issuer = `http://localhost:${opts.port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: LOCAL_CLIENT_ID,
        client_secret: opts.clientSecret,
        redirect_uris: opts.redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    async findAccount(_ctx, id) {
      const account = opts.accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    conformIdTokenClaims: false,
    cookies: { keys: ['oidc-test-provider-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  });
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(opts.port, '127.0.0.1', resolve));
  return { issuer, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface Cookie {
  value: string;
  path: string;
}

/** A browser reduced to what the flow needs: cookies per host (not port, like browsers) and manual redirects. */
export class MiniBrowser {
  private readonly jar = new Map<string, Map<string, Cookie>>();

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name)?.value;
  }

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<{ status: number; location: string | null; body: string; url: string }> {
    const target = new URL(url);
    const cookies = [...(this.jar.get(target.hostname) ?? new Map<string, Cookie>())]
      .filter(([, c]) => target.pathname.startsWith(c.path))
      .map(([n, c]) => `${n}=${c.value}`)
      .join('; ');
    const res = await fetch(target, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        ...(cookies ? { cookie: cookies } : {}),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const path = attrs.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const expired = attrs.some((a) => /^expires=thu, 01 jan 1970/i.test(a)) || value === '';
      const hostJar = this.jar.get(target.hostname) ?? new Map<string, Cookie>();
      if (expired) hostJar.delete(name);
      else hostJar.set(name, { value, path });
      this.jar.set(target.hostname, hostJar);
    }
    const location = res.headers.get('location');
    return {
      status: res.status,
      location: location ? new URL(location, target).href : null,
      body: await res.text(),
      url: target.href,
    };
  }

  /**
   * Follows redirects from `url`, signing in as `accountId` and consenting at the provider when asked, until a
   * response that is not a redirect to the provider: the answer of our callback.
   */
  async signIn(url: string, accountId: string, providerHost: string) {
    let res = await this.request(url);
    for (let hops = 0; hops < 20; hops++) {
      const interaction = /\/interaction\/([\w-]+)$/.exec(new URL(res.url).pathname);
      if (interaction && res.status === 200) {
        const prompt = res.body.includes('name="login"') ? 'login' : 'consent';
        res = await this.request(res.url, {
          method: 'POST',
          form: prompt === 'login' ? { prompt, login: accountId, password: 'any' } : { prompt },
        });
        continue;
      }
      if (!res.location || (res.status !== 302 && res.status !== 303)) return res;
      if (new URL(res.location).hostname !== providerHost && !res.location.includes('/api/auth/oidc/'))
        return res;
      res = await this.request(res.location);
    }
    throw new Error('too many redirects');
  }
}

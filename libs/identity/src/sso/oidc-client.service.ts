import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { APP_CONFIG, AppConfig, EgressGuard } from '@switchboard/engine';
import * as client from 'openid-client';

export type OidcProviderConfig = AppConfig['auth']['oidc']['providers'][number];

export interface AuthorizationStart {
  url: string;
  verifier: string;
  state: string;
  nonce: string;
}

/** openid-client over the egress guard: discovery (cached), the authorization URL, and the code exchange. */
@Injectable()
export class OidcClientService {
  private readonly discovered = new Map<string, Promise<client.Configuration>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly egress: EgressGuard,
  ) {}

  providers(): OidcProviderConfig[] {
    return this.config.auth.oidc.providers;
  }

  provider(id: string): OidcProviderConfig {
    const p = this.providers().find((x) => x.id === id);
    if (!p) throw new NotFoundException(`no single sign-on provider "${id}" is configured`);
    return p;
  }

  redirectUri(p: OidcProviderConfig, fallbackOrigin: string): string {
    return `${this.config.auth.oidc.publicUrl || fallbackOrigin}/api/auth/oidc/${p.id}/callback`;
  }

  async start(p: OidcProviderConfig, redirectUri: string): Promise<AuthorizationStart> {
    const configuration = await this.configuration(p);
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: p.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, verifier, state, nonce };
  }

  /** Exchanges the code (PKCE, state, nonce checked by openid-client) and returns the identity's claims. */
  async finish(
    p: OidcProviderConfig,
    callbackUrl: URL,
    expected: { verifier: string; state: string; nonce: string },
  ): Promise<Record<string, unknown>> {
    const configuration = await this.configuration(p);
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: expected.verifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const claims = { ...(tokens.claims() ?? {}) } as Record<string, unknown>;
    if (claims[p.groupsClaim] === undefined || claims.email === undefined) {
      // Some providers put groups or e-mail only in the userinfo response.
      const info = await client.fetchUserInfo(configuration, tokens.access_token, String(claims.sub));
      return { ...info, ...claims };
    }
    return claims;
  }

  private configuration(p: OidcProviderConfig): Promise<client.Configuration> {
    let pending = this.discovered.get(p.id);
    if (!pending) {
      pending = client
        .discovery(new URL(p.issuer), p.clientId, p.clientSecret, undefined, {
          [client.customFetch]: this.egress.fetch as client.CustomFetch,
          ...(p.allowInsecureHttp ? { execute: [client.allowInsecureRequests] } : {}),
        })
        .catch((e: unknown) => {
          this.discovered.delete(p.id);
          throw e;
        });
      this.discovered.set(p.id, pending);
    }
    return pending;
  }
}

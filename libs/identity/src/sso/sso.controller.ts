import { BadRequestException, Controller, Get, HttpException, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Public, SecretBox } from '@switchboard/engine';
import type { Request, Response } from 'express';
import { SsoProviderDto } from '../auth/auth-responses.dto';
import { AuthService } from '../auth/auth.service';
import { setRefreshCookie } from '../auth/refresh-cookie';
import { clientInfo, secureCookies } from '../auth/request-info';
import { OidcClientService } from './oidc-client.service';
import { SsoLoginService } from './sso-login.service';

const STATE_COOKIE = 'sb_oidc';
const STATE_TTL_MS = 10 * 60_000;

interface PendingLogin {
  provider: string;
  verifier: string;
  state: string;
  nonce: string;
  expires: number;
}

/**
 * OpenID Connect sign-in: authorization code with PKCE, state and nonce. The pending login travels in a sealed,
 * httpOnly cookie (SameSite=Lax: the provider's redirect back is a top-level cross-site navigation).
 */
@ApiTags('auth')
@Controller('api/auth')
export class SsoController {
  constructor(
    private readonly oidc: OidcClientService,
    private readonly sso: SsoLoginService,
    private readonly auth: AuthService,
    private readonly secrets: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('providers')
  @Public()
  @ApiOperation({ summary: 'Single sign-on providers for the sign-in page' })
  @ApiOkResponse({ type: [SsoProviderDto] })
  providers(): SsoProviderDto[] {
    return this.oidc
      .providers()
      .map((p) => ({ id: p.id, name: p.name, startPath: `/api/auth/oidc/${p.id}/start` }));
  }

  @Get('oidc/:provider/start')
  @Public()
  @ApiOperation({ summary: 'Redirects to the provider to sign in' })
  async start(@Param('provider') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const p = this.oidc.provider(id);
    const started = await this.oidc.start(p, this.oidc.redirectUri(p, this.origin(req)));
    const pending: PendingLogin = {
      provider: p.id,
      verifier: started.verifier,
      state: started.state,
      nonce: started.nonce,
      expires: Date.now() + STATE_TTL_MS,
    };
    res.cookie(STATE_COOKIE, this.secrets.seal(JSON.stringify(pending)), {
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies(req, this.config),
      path: '/api/auth/oidc',
      maxAge: STATE_TTL_MS,
    });
    res.redirect(303, started.url);
  }

  @Get('oidc/:provider/callback')
  @Public()
  @ApiExcludeEndpoint()
  async callback(@Param('provider') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const p = this.oidc.provider(id);
    const pending = this.readPending(req, p.id);
    res.clearCookie(STATE_COOKIE, { path: '/api/auth/oidc' });
    const callbackUrl = new URL(req.originalUrl, this.oidc.redirectUri(p, this.origin(req)));
    let claims: Record<string, unknown>;
    try {
      claims = await this.oidc.finish(p, callbackUrl, pending);
    } catch (e) {
      if (e instanceof HttpException) throw e;
      throw new BadRequestException(`sign-in with ${p.name} failed: ${(e as Error).message}`);
    }
    const user = await this.sso.resolve(p, claims);
    const outcome = await this.auth.completeLogin(user, clientInfo(req), { via: `sso:${p.id}` });
    if ('mfaRequired' in outcome) {
      // The code is asked by the web app; the challenge rides in the fragment, which never reaches a server.
      res.redirect(303, `/login#mfa=${encodeURIComponent(outcome.mfaToken)}`);
      return;
    }
    setRefreshCookie(req, res, this.config, outcome.refreshToken, outcome.refreshExpiresAt);
    res.redirect(303, '/');
  }

  private readPending(req: Request, provider: string): PendingLogin {
    const sealed = (req as Request & { cookies?: Record<string, string> }).cookies?.[STATE_COOKIE];
    if (!sealed)
      throw new BadRequestException('no sign-in in progress in this browser (or it expired); start again');
    let pending: PendingLogin;
    try {
      pending = JSON.parse(this.secrets.open(sealed)) as PendingLogin;
    } catch {
      throw new BadRequestException('the sign-in state cookie is not valid; start again');
    }
    if (pending.provider !== provider)
      throw new BadRequestException('the sign-in was started with another provider');
    if (pending.expires < Date.now()) throw new BadRequestException('the sign-in took too long; start again');
    return pending;
  }

  private origin(req: Request): string {
    return `${req.protocol}://${req.get('host')}`;
  }
}

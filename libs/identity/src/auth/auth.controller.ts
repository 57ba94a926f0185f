import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  AcceptLinkRequest,
  acceptLinkRequest,
  LoginResponse,
  loginRequest,
  mfaChallengeRequest,
  MfaChallengeRequest,
  MfaChallengeResponse,
  mfaCodeRequest,
  MfaCodeRequest,
  mfaSetupRequest,
  MfaSetupRequest,
  mfaVerifyRequest,
  MfaVerifyRequest,
  ProfileView,
  UserView,
} from '@switchboard/contracts';
import { APP_CONFIG, AppConfig, Public, requestBodySchema, ZodValidationPipe } from '@switchboard/engine';
import type { Request, Response } from 'express';
import { AccessScope } from '../access/access-scope.service';
import { Authenticated } from '../access/authenticated.decorator';
import { MfaService, MfaSetup } from '../mfa/mfa.service';
import { ProfileDto } from '../profile/profile-responses.dto';
import { ProfileService } from '../profile/profile.service';
import { UserTokenService } from '../users/user-token.service';
import { LoginResponseDto, MfaChallengeResponseDto, MfaSetupDto } from './auth-responses.dto';
import { AuthService, IssuedTokens } from './auth.service';
import { LocalLoginGuard } from './local-login.guard';
import { clientInfo } from './request-info';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './refresh-cookie';

@ApiTags('auth')
@ApiExtraModels(LoginResponseDto, MfaChallengeResponseDto)
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly profile: ProfileService,
    private readonly scope: AccessScope,
    private readonly links: UserTokenService,
    private readonly mfa: MfaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(LocalLoginGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with e-mail and password: an access token, and the refresh token as an httpOnly cookie',
  })
  @ApiBody({ schema: requestBodySchema(loginRequest) })
  @ApiOkResponse({
    description: 'A session, or (mfaRequired) the challenge for the second step',
    schema: {
      oneOf: [{ $ref: getSchemaPath(LoginResponseDto) }, { $ref: getSchemaPath(MfaChallengeResponseDto) }],
    },
  })
  async login(
    @Req() req: Request & { user: UserView },
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse | MfaChallengeResponse> {
    const outcome = await this.auth.completeLogin(req.user, clientInfo(req));
    if ('mfaRequired' in outcome) {
      res.setHeader('Cache-Control', 'no-store');
      return outcome;
    }
    return this.respond(req, res, outcome);
  }

  @Post('mfa/verify')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Second sign-in step: the challenge from /login and a TOTP code; then a session' })
  @ApiBody({ schema: requestBodySchema(mfaVerifyRequest) })
  @ApiOkResponse({ type: LoginResponseDto })
  async verifyMfa(
    @Body(new ZodValidationPipe(mfaVerifyRequest)) body: MfaVerifyRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse> {
    return this.respond(
      req,
      res,
      await this.auth.verifySecondFactor(body.mfaToken, body.code, clientInfo(req)),
    );
  }

  @Post('mfa/challenge')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'What a pending second step needs (after single sign-on): a code, or a setup first',
  })
  @ApiBody({ schema: requestBodySchema(mfaChallengeRequest) })
  @ApiOkResponse({ type: MfaChallengeResponseDto })
  challenge(
    @Body(new ZodValidationPipe(mfaChallengeRequest)) body: MfaChallengeRequest,
  ): Promise<MfaChallengeResponse> {
    return this.auth.describeChallenge(body.mfaToken);
  }

  @Post('mfa/setup')
  @Authenticated()
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Start setting up a TOTP app: a new secret (shown once), active after /mfa/confirm; replacing one needs its code',
  })
  @ApiBody({ schema: requestBodySchema(mfaSetupRequest) })
  @ApiOkResponse({ type: MfaSetupDto })
  setupMfa(@Body(new ZodValidationPipe(mfaSetupRequest)) body: MfaSetupRequest): Promise<MfaSetup> {
    return this.mfa.begin(this.scope.actor().id, body?.code);
  }

  @Post('mfa/confirm')
  @Authenticated()
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Confirm the TOTP app with a code; sign-ins need a code from then on' })
  @ApiBody({ schema: requestBodySchema(mfaCodeRequest) })
  @ApiNoContentResponse({ description: 'Two-step sign-in is on' })
  @ApiResponse({
    status: 400,
    description: 'No setup in progress, or the code does not match (code wrong_code)',
  })
  async confirmMfa(@Body(new ZodValidationPipe(mfaCodeRequest)) body: MfaCodeRequest): Promise<void> {
    await this.mfa.confirm(this.scope.actor().id, body.code);
  }

  @Post('mfa/disable')
  @Authenticated()
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Turn the second factor off (needs a current code; refused for admins under the policy)',
  })
  @ApiBody({ schema: requestBodySchema(mfaCodeRequest) })
  @ApiNoContentResponse({ description: 'Two-step sign-in is off' })
  @ApiResponse({ status: 400, description: 'The code does not match (code wrong_code)' })
  @ApiResponse({
    status: 409,
    description: 'Not on, or required for admins in this installation (code mfa_required)',
  })
  async disableMfa(@Body(new ZodValidationPipe(mfaCodeRequest)) body: MfaCodeRequest): Promise<void> {
    await this.mfa.disable(this.scope.actor().id, body.code);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange the refresh cookie for a new access token (the cookie rotates)' })
  @ApiOkResponse({ type: LoginResponseDto })
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    try {
      return this.respond(req, res, await this.auth.refresh(readRefreshCookie(req) ?? '', clientInfo(req)));
    } catch (e) {
      clearRefreshCookie(req, res, this.config);
      throw e;
    }
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out this login (the refresh cookie identifies it)' })
  @ApiNoContentResponse({ description: 'Signed out; the refresh cookie is cleared' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(readRefreshCookie(req));
    clearRefreshCookie(req, res, this.config);
  }

  @Post('accept')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Choose a password with an invitation or password-reset link (single use)' })
  @ApiBody({ schema: requestBodySchema(acceptLinkRequest) })
  @ApiNoContentResponse({ description: 'The password is set; sign in with it' })
  async accept(
    @Req() req: Request,
    @Body(new ZodValidationPipe(acceptLinkRequest)) body: AcceptLinkRequest,
  ): Promise<void> {
    await this.links.accept(body.token, body.password, clientInfo(req).ip);
  }

  @Post('logout-all')
  @Authenticated()
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign out every session of the current user' })
  async logoutAll(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ revoked: number }> {
    const revoked = await this.auth.revokeAll(this.scope.actor().id, 'logout_all');
    clearRefreshCookie(req, res, this.config);
    return { revoked };
  }

  @Get('me')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'The signed-in user with their department roles, and whether two-step sign-in and a password are set',
  })
  @ApiOkResponse({ type: ProfileDto })
  me(): Promise<ProfileView> {
    return this.profile.get(this.scope.actor().id);
  }

  private respond(req: Request, res: Response, t: IssuedTokens): LoginResponse {
    setRefreshCookie(req, res, this.config, t.refreshToken, t.refreshExpiresAt);
    res.setHeader('Cache-Control', 'no-store');
    return { accessToken: t.accessToken, tokenType: 'Bearer', expiresIn: t.expiresIn, user: t.user };
  }
}

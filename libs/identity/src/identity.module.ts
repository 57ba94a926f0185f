import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AccessScope } from './access/access-scope.service';
import { AgentAvailabilityService } from './agents/agent-availability.service';
import { AgentDirectoryService } from './agents/agent-directory.service';
import { AgentSettingsService } from './agents/agent-settings.service';
import { AgentsController } from './agents/agents.controller';
import { MyAvailabilityController } from './agents/my-availability.controller';
import { ApiTokenRepository } from './api-tokens/api-token.repository';
import { ApiTokenService } from './api-tokens/api-token.service';
import { ApiTokensController } from './api-tokens/api-tokens.controller';
import { AccessGuard } from './access/access.guard';
import { ActorLoader } from './access/actor-loader.service';
import { RoutePermissions } from './access/route-permissions';
import { AuditLog } from './audit/audit-log.service';
import { AuditQueryService } from './audit/audit-query.service';
import { AuditController } from './audit/audit.controller';
import { AccessTokenVerifier } from './auth/access-token-verifier.service';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { JwtStrategy } from './auth/jwt.strategy';
import { LocalStrategy } from './auth/local.strategy';
import { LoginThrottle } from './auth/login-throttle.service';
import { PasswordHasher } from './auth/password-hasher';
import { SessionRepository } from './auth/session.repository';
import { TokenService } from './auth/token.service';
import { InitialAdminService } from './users/initial-admin.service';
import { UserAdminService } from './users/user-admin.service';
import { MfaChallengeService } from './mfa/mfa-challenge.service';
import { MfaService } from './mfa/mfa.service';
import { CurrentPasswordCheck } from './profile/current-password.service';
import { ProfileController } from './profile/profile.controller';
import { ProfileService } from './profile/profile.service';
import { TeamService } from './teams/team.service';
import { TeamsController } from './teams/teams.controller';
import { OidcClientService } from './sso/oidc-client.service';
import { SsoLoginService } from './sso/sso-login.service';
import { SsoController } from './sso/sso.controller';
import { UserRepository } from './users/user.repository';
import { UserTokenService } from './users/user-token.service';
import { UsersController } from './users/users.controller';

/** What every process needs (api and worker): department scoping and the audit log. No HTTP. */
@Global()
@Module({
  providers: [AccessScope, AuditLog],
  exports: [AccessScope, AuditLog],
})
export class IdentityCoreModule {}

/**
 * Identity and access for the api: sign-in (passport-local), access tokens (passport-jwt), refresh rotation,
 * the global AccessGuard, users and the audit log's API.
 */
@Module({
  imports: [IdentityCoreModule, PassportModule, DiscoveryModule],
  controllers: [
    AuthController,
    SsoController,
    UsersController,
    AuditController,
    ApiTokensController,
    TeamsController,
    AgentsController,
    MyAvailabilityController,
    ProfileController,
  ],
  providers: [
    { provide: PasswordHasher, useValue: new PasswordHasher() },
    TokenService,
    SessionRepository,
    UserRepository,
    LoginThrottle,
    AuthService,
    LocalStrategy,
    JwtStrategy,
    JwtAuthGuard,
    ActorLoader,
    AccessTokenVerifier,
    AuditQueryService,
    ApiTokenRepository,
    ApiTokenService,
    UserAdminService,
    UserTokenService,
    MfaService,
    MfaChallengeService,
    ProfileService,
    CurrentPasswordCheck,
    TeamService,
    OidcClientService,
    SsoLoginService,
    InitialAdminService,
    AgentAvailabilityService,
    AgentDirectoryService,
    AgentSettingsService,
    RoutePermissions,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [
    RoutePermissions,
    UserAdminService,
    AuthService,
    AccessTokenVerifier,
    AgentAvailabilityService,
    AgentDirectoryService,
  ],
})
export class IdentityModule {}

import { AgentAvailabilityChange, AgentDepartmentSettings, AgentPresence } from './entities/agent.entity';
import { ApiToken } from './entities/api-token.entity';
import { AuditEvent } from './entities/audit-event.entity';
import { DepartmentMembership } from './entities/department-membership.entity';
import { LoginAttempt } from './entities/login-attempt.entity';
import { MfaChallenge } from './entities/mfa-challenge.entity';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';
import { UserToken } from './entities/user-token.entity';
import { UserIdentity } from './entities/user-identity.entity';
import { Team, TeamMember } from './entities/team.entity';

export { AgentAvailabilityService } from './agents/agent-availability.service';
export type { AvailabilityChange, SystemReason } from './agents/agent-availability.service';
export { AgentDirectoryService } from './agents/agent-directory.service';
export type { AgentCandidate } from './agents/agent-directory.service';
export { AccessScope } from './access/access-scope.service';
export type { ScopeCondition } from './access/access-scope.service';
export { Actor } from './access/actor';
export { Authenticated } from './access/authenticated.decorator';
export { DEPARTMENT_PERMISSIONS, DEPARTMENT_ROLES, ROLE_PERMISSIONS } from './access/permissions';
export type {
  DepartmentPermission,
  DepartmentRole,
  Permission,
  ScopedPermission,
} from './access/permissions';
export { RequirePermission } from './access/require-permission.decorator';
export { requestContext } from './access/request-context';
export { RoutePermissions } from './access/route-permissions';
export type { RouteRule } from './access/route-permissions';
export { AuditLog } from './audit/audit-log.service';
export { AccessTokenVerifier } from './auth/access-token-verifier.service';
export type { AccessVerification, VerifiedAccess } from './auth/access-token-verifier.service';
export { REVOCATION_CHANNEL } from './auth/revocation-notice';
export type { RevocationNotice } from './auth/revocation-notice';
export { REFRESH_COOKIE } from './auth/refresh-cookie';
export { IdentityCoreModule, IdentityModule } from './identity.module';
export { currentStep, totpAt } from './mfa/totp';
export { DisplayNamesQuery } from './names/display-names.query';
export { teamInDepartment } from './teams/team-lookup';
export type { TeamRef } from './teams/team-lookup';
export { UserAdminService } from './users/user-admin.service';
export { departmentRoleOf } from './users/department-role.query';
export {
  AgentAvailabilityChange,
  AgentDepartmentSettings,
  AgentPresence,
  ApiToken,
  AuditEvent,
  DepartmentMembership,
  LoginAttempt,
  MfaChallenge,
  Session,
  Team,
  TeamMember,
  User,
  UserIdentity,
  UserToken,
};

export const IDENTITY_ENTITIES = [
  User,
  DepartmentMembership,
  Session,
  LoginAttempt,
  MfaChallenge,
  AuditEvent,
  ApiToken,
  UserToken,
  UserIdentity,
  Team,
  TeamMember,
  AgentPresence,
  AgentAvailabilityChange,
  AgentDepartmentSettings,
];

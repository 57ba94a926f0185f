import { refreshSession } from '../../api/client';
import { bodyOf, http, type Outcome, succeeded } from '../../api/http';
import type { components, paths } from '../../api/schema';

// The admin screens' calls, typed from the api's OpenAPI document. Secrets go one way: a rotated access token is
// sent and never read back; an API token's secret is in the create answer only.

type Schemas = components['schemas'];
type JsonBody<P extends keyof paths, M extends 'post' | 'patch'> = paths[P][M] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type AdminUser = Schemas['UserDto'];
export type CreatedUser = Schemas['CreatedUserDto'];
export type IssuedLink = Schemas['IssuedLinkDto'];
export type Team = Schemas['TeamDto'];
export type Department = Schemas['DepartmentDto'];
export type WhatsappNumber = Schemas['NumberDto'];
export type NumberHealth = Schemas['NumberHealthDto'];
export type Template = Schemas['TemplateDto'];
export type TemplateList = Schemas['TemplateListDto'];
export type TemplateSync = Schemas['TemplateSyncDto'];
export type InboundEvent = Schemas['InboundEventDto'];
export type InboundStatus = InboundEvent['status'];
export type AuditEvent = Schemas['AuditEventDto'];
export type ApiToken = Schemas['ApiTokenDto'];
export type CreatedApiToken = Schemas['CreatedApiTokenDto'];
export type Membership = NonNullable<JsonBody<'/api/users', 'post'>['memberships']>[number];
export type DepartmentRole = Membership['role'];
export type CreateUserBody = JsonBody<'/api/users', 'post'>;
export type UpdateUserBody = JsonBody<'/api/users/{id}', 'patch'>;
export type CreateApiTokenBody = JsonBody<'/api/api-tokens', 'post'>;
export type ApiTokenPermission = CreateApiTokenBody['permissions'][number];
export type DepartmentCalendar = Schemas['DepartmentCalendarDto'];
export type RoutingRule = Schemas['RoutingRuleDto'];
export type SlaPolicy = Schemas['SlaPolicyDto'];
export type CreateDepartmentBody = JsonBody<'/api/departments', 'post'>;
export type UpdateDepartmentBody = JsonBody<'/api/departments/{id}', 'patch'>;
export type CreateSlaPolicyBody = JsonBody<'/api/departments/{id}/sla-policies', 'post'>;
export type BusinessCalendar = DepartmentCalendar['calendar'];
export type ImportHolidaysBody =
  paths['/api/departments/{id}/calendar/holidays/import']['post']['requestBody']['content']['application/json'];

/** Runs a call; when the token is refused, renews it once from the refresh cookie and runs it again. */
async function authorized<O extends Outcome>(call: () => Promise<O>): Promise<O> {
  const first = await call();
  if (first.response.status !== 401 || !(await refreshSession())) return first;
  return call();
}

const byId = (id: string) => ({ params: { path: { id } } });

export const adminApi = {
  departments: async (): Promise<Department[]> =>
    bodyOf(await authorized(() => http.GET('/api/departments', { params: { query: { limit: 200 } } }))).items,

  createDepartment: async (body: CreateDepartmentBody): Promise<Department> =>
    bodyOf(await authorized(() => http.POST('/api/departments', { body }))),
  updateDepartment: async (id: string, body: UpdateDepartmentBody): Promise<Department> =>
    bodyOf(await authorized(() => http.PATCH('/api/departments/{id}', { ...byId(id), body }))),
  archiveDepartment: async (id: string): Promise<Department> =>
    bodyOf(await authorized(() => http.POST('/api/departments/{id}/archive', byId(id)))),

  users: async (): Promise<AdminUser[]> => bodyOf(await authorized(() => http.GET('/api/users'))),
  createUser: async (body: CreateUserBody): Promise<CreatedUser> =>
    bodyOf(await authorized(() => http.POST('/api/users', { body }))),
  updateUser: async (id: string, body: UpdateUserBody): Promise<AdminUser> =>
    bodyOf(await authorized(() => http.PATCH('/api/users/{id}', { ...byId(id), body }))),
  issueLink: async (id: string, kind: 'invitation' | 'password-reset'): Promise<IssuedLink> =>
    bodyOf(
      await authorized(() =>
        kind === 'invitation'
          ? http.POST('/api/users/{id}/invitation', byId(id))
          : http.POST('/api/users/{id}/password-reset', byId(id)),
      ),
    ),
  revokeSessions: async (id: string): Promise<number> =>
    bodyOf(await authorized(() => http.POST('/api/users/{id}/revoke-sessions', byId(id)))).revoked,

  teams: async (): Promise<Team[]> => bodyOf(await authorized(() => http.GET('/api/teams'))),
  createTeam: async (departmentId: string, name: string): Promise<Team> =>
    bodyOf(await authorized(() => http.POST('/api/teams', { body: { departmentId, name } }))),
  setTeamMembers: async (id: string, userIds: string[]): Promise<Team> =>
    bodyOf(await authorized(() => http.PUT('/api/teams/{id}/members', { ...byId(id), body: { userIds } }))),
  deleteTeam: async (id: string): Promise<void> =>
    succeeded(await authorized(() => http.DELETE('/api/teams/{id}', byId(id)))),

  numbers: async (): Promise<WhatsappNumber[]> =>
    bodyOf(await authorized(() => http.GET('/api/numbers'))).items,
  health: async (id: string): Promise<NumberHealth> =>
    bodyOf(await authorized(() => http.GET('/api/numbers/{id}/health', byId(id)))),
  testConnection: async (id: string): Promise<WhatsappNumber> =>
    bodyOf(await authorized(() => http.POST('/api/numbers/{id}/connection-test', byId(id)))),
  rotateAccessToken: async (id: string, accessToken: string): Promise<WhatsappNumber> =>
    bodyOf(
      await authorized(() =>
        http.PATCH('/api/numbers/{id}/credentials', { ...byId(id), body: { accessToken } }),
      ),
    ),

  templates: async (numberId: string): Promise<TemplateList> =>
    bodyOf(await authorized(() => http.GET('/api/numbers/{id}/templates', byId(numberId)))),
  syncTemplates: async (numberId: string): Promise<TemplateSync> =>
    bodyOf(await authorized(() => http.POST('/api/numbers/{id}/templates/sync', byId(numberId)))),

  inboundEvents: async (status: InboundStatus | undefined, before?: string) =>
    bodyOf(
      await authorized(() =>
        http.GET('/api/inbound-events', { params: { query: { status, before, limit: 50 } } }),
      ),
    ),
  replay: async (id: string): Promise<InboundEvent> =>
    bodyOf(await authorized(() => http.POST('/api/inbound-events/{id}/replay', byId(id)))),

  audit: async (action: string | undefined, cursor?: string) =>
    bodyOf(
      await authorized(() =>
        http.GET('/api/audit-events', { params: { query: { action, cursor, limit: 50 } } }),
      ),
    ),

  apiTokens: async (): Promise<ApiToken[]> => bodyOf(await authorized(() => http.GET('/api/api-tokens'))),
  createApiToken: async (body: CreateApiTokenBody): Promise<CreatedApiToken> =>
    bodyOf(await authorized(() => http.POST('/api/api-tokens', { body }))),
  revokeApiToken: async (id: string): Promise<void> =>
    succeeded(await authorized(() => http.DELETE('/api/api-tokens/{id}', byId(id)))),

  calendar: async (departmentId: string): Promise<DepartmentCalendar> =>
    bodyOf(await authorized(() => http.GET('/api/departments/{id}/calendar', byId(departmentId)))),
  setCalendar: async (departmentId: string, body: BusinessCalendar): Promise<DepartmentCalendar> =>
    bodyOf(
      await authorized(() => http.PUT('/api/departments/{id}/calendar', { ...byId(departmentId), body })),
    ),
  importHolidays: async (departmentId: string, body: ImportHolidaysBody) =>
    bodyOf(
      await authorized(() =>
        http.POST('/api/departments/{id}/calendar/holidays/import', { ...byId(departmentId), body }),
      ),
    ),

  routingRules: async (departmentId: string): Promise<RoutingRule[]> =>
    bodyOf(await authorized(() => http.GET('/api/departments/{id}/routing-rules', byId(departmentId)))),
  setRoutingRuleEnabled: async (id: string, enabled: boolean): Promise<RoutingRule> =>
    bodyOf(await authorized(() => http.PUT('/api/routing-rules/{id}', { ...byId(id), body: { enabled } }))),
  orderRoutingRules: async (departmentId: string, ids: string[]): Promise<RoutingRule[]> =>
    bodyOf(
      await authorized(() =>
        http.PUT('/api/departments/{id}/routing-rules/order', { ...byId(departmentId), body: { ids } }),
      ),
    ),
  deleteRoutingRule: async (id: string): Promise<void> =>
    succeeded(await authorized(() => http.DELETE('/api/routing-rules/{id}', byId(id)))),

  slaPolicies: async (departmentId: string): Promise<SlaPolicy[]> =>
    bodyOf(await authorized(() => http.GET('/api/departments/{id}/sla-policies', byId(departmentId)))),
  createSlaPolicy: async (departmentId: string, body: CreateSlaPolicyBody): Promise<SlaPolicy> =>
    bodyOf(
      await authorized(() =>
        http.POST('/api/departments/{id}/sla-policies', { ...byId(departmentId), body }),
      ),
    ),
  setSlaPolicyEnabled: async (id: string, enabled: boolean): Promise<SlaPolicy> =>
    bodyOf(await authorized(() => http.PUT('/api/sla-policies/{id}', { ...byId(id), body: { enabled } }))),
  orderSlaPolicies: async (departmentId: string, ids: string[]): Promise<SlaPolicy[]> =>
    bodyOf(
      await authorized(() =>
        http.PUT('/api/departments/{id}/sla-policies/order', { ...byId(departmentId), body: { ids } }),
      ),
    ),
  deleteSlaPolicy: async (id: string): Promise<void> =>
    succeeded(await authorized(() => http.DELETE('/api/sla-policies/{id}', byId(id)))),
};

import { ParseUUIDPipe } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { SilenceAlarmService } from '@switchboard/channels';
import { Clock, ZodValidationPipe } from '@switchboard/engine';
import { currentStep, totpAt } from '@switchboard/identity';
import { createTestEnvironment, freePort, TestEnvironment, waitFor } from '@switchboard/testing';
import { SandboxHandle, startSandbox } from '@switchboard/wa-sandbox';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z, ZodType } from 'zod';
import { count } from './helpers';

/**
 * The authorization walk: every route the app serves × every actor, with department A's ids in every field that
 * takes an id. What each actor must get is written out below, by hand, for every route: nothing is read from the
 * product's own permission metadata. From the app only the list of routes (Express) and each route's input schema
 * (the zod schemas its pipes validate with) are read, to find which path, query and body fields take ids.
 */

// ─── The expectation, written by hand ──────────────────────────────────────────────────────────────────────────

type Permission =
  | 'conversations.read'
  | 'conversations.reply'
  | 'cards.write'
  | 'media.read'
  | 'teams.read'
  | 'teams.manage'
  | 'agents.manage'
  | 'conversations.assign'
  | 'conversations.take_over'
  | 'routing.manage'
  | 'users.manage'
  | 'audit.read'
  | 'inbound_events.read'
  | 'inbound_events.replay'
  | 'api_tokens.manage'
  | 'plugins.manage'
  | 'departments.manage'
  | 'numbers.manage';

type Access =
  | { kind: 'public' }
  /** Any signed-in user, whatever their roles; never an API token. */
  | { kind: 'signed-in' }
  /** Admins and tokens for all departments holding the permission. `department`: its ids name a department (or
   * a thing of one), so a members-only department's ids are refused to non-members. `rows`: the answer lists rows
   * that may concern departments; those of a members-only department are left out for non-members. */
  | { kind: 'installation'; permission: Permission; department?: true; rows?: true }
  /** The actor must hold the permission in the department the ids belong to. */
  | { kind: 'department'; permission: Permission }
  /** Anyone holding the permission somewhere; the answer holds only their departments' data. */
  | { kind: 'list'; permission: Permission };

const PUBLIC: Access = { kind: 'public' };
const SIGNED_IN: Access = { kind: 'signed-in' };
const installation = (permission: Permission, department?: true, rows?: true): Access => ({
  kind: 'installation',
  permission,
  department,
  rows,
});
const department = (permission: Permission): Access => ({ kind: 'department', permission });
const list = (permission: Permission): Access => ({ kind: 'list', permission });

/** Every route of the app and who may use it. A route missing here, or listed but not served, fails the suite. */
const ROUTES: Record<string, Access> = {
  'GET /health/live': PUBLIC,
  'GET /health/ready': PUBLIC,
  'GET /webhooks/whatsapp': PUBLIC,
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/mfa/verify': PUBLIC,
  'POST /api/auth/mfa/challenge': PUBLIC,
  'POST /api/auth/refresh': PUBLIC,
  'POST /api/auth/logout': PUBLIC,
  'POST /api/auth/accept': PUBLIC,
  'GET /api/auth/providers': PUBLIC,
  'GET /api/auth/oidc/:provider/start': PUBLIC,
  'GET /api/auth/oidc/:provider/callback': PUBLIC,
  // In this order: a factor is set up, confirmed, then turned off.
  'POST /api/auth/mfa/setup': SIGNED_IN,
  'POST /api/auth/mfa/confirm': SIGNED_IN,
  'POST /api/auth/mfa/disable': SIGNED_IN,
  'GET /api/auth/me': SIGNED_IN,
  'POST /api/auth/logout-all': SIGNED_IN,
  // One's own profile: a new name; a password "change" to the same password, refused as such (see valueFor).
  'PATCH /api/me': SIGNED_IN,
  'POST /api/me/password': SIGNED_IN,
  'POST /api/me/sign-out-others': SIGNED_IN,
  'GET /api/plugins': installation('plugins.manage'),
  'GET /api/plugin-installations': installation('plugins.manage'),
  'GET /api/plugin-hook-failures': installation('plugins.manage'),
  'GET /api/numbers/:numberId/plugins': installation('plugins.manage', true),
  'PUT /api/numbers/:numberId/plugins/:pluginId': installation('plugins.manage', true),
  'GET /api/departments': installation('departments.manage', undefined, true),
  'GET /api/departments/:id': installation('departments.manage', true),
  'POST /api/departments': installation('departments.manage'),
  'PATCH /api/departments/:id': installation('departments.manage', true),
  // On a department without numbers (one with numbers is refused with 409 whoever asks).
  'POST /api/departments/:id/archive': installation('departments.manage', true),
  'GET /api/departments/:id/calendar': installation('departments.manage', true),
  'PUT /api/departments/:id/calendar': installation('departments.manage', true),
  'POST /api/departments/:id/calendar/holidays/import': installation('departments.manage', true),
  'GET /api/numbers': installation('numbers.manage', undefined, true),
  'GET /api/numbers/:id': installation('numbers.manage', true),
  // With a sandbox number not registered yet (FREE_NUMBER), so the admin's registration passes its connection test.
  'POST /api/numbers': installation('numbers.manage', true),
  'POST /api/numbers/:id/connection-test': installation('numbers.manage', true),
  // With the number's own (working) token, so the admin's rotation passes its token check.
  'PATCH /api/numbers/:id/credentials': installation('numbers.manage', true),
  'GET /api/numbers/:id/events': installation('numbers.manage', true),
  // Into the department it is already in (a no-op): a real move is covered by numbers.spec.ts.
  'POST /api/numbers/:id/move': installation('numbers.manage', true),
  // Disabled, then enabled again right after (each actor's probes follow this order), so later routes still send.
  'POST /api/numbers/:id/disable': installation('numbers.manage', true),
  'POST /api/numbers/:id/enable': installation('numbers.manage', true),
  // Archived, then unarchived right after, like disable/enable.
  'POST /api/numbers/:id/archive': installation('numbers.manage', true),
  'POST /api/numbers/:id/unarchive': installation('numbers.manage', true),
  // The number registered by POST /api/numbers above (no conversations); refusals probe the walk's number.
  'DELETE /api/numbers/:id': installation('numbers.manage', true),
  'POST /api/numbers/:id/templates/sync': installation('numbers.manage', true),
  // Sent to the number's sandbox WABA for review: a new name each time (see valueFor), so Meta accepts each.
  'POST /api/numbers/:id/templates': installation('numbers.manage', true),
  'GET /api/numbers/:id/templates': department('conversations.read'),
  'GET /api/numbers/:id/health': installation('numbers.manage', true),
  'PATCH /api/numbers/:id/health-settings': installation('numbers.manage', true),
  'GET /api/numbers/:id/alerts': installation('numbers.manage', true),
  'GET /api/alerts': list('conversations.read'),
  // The number's open silence alert (raised in setup); acknowledging again is a no-op.
  'POST /api/alerts/:id/acknowledge': department('conversations.reply'),
  'GET /api/numbers/:id/account-events': installation('numbers.manage', true),
  'GET /api/users': installation('users.manage'),
  'GET /api/users/:id': installation('users.manage'),
  'POST /api/users': installation('users.manage'),
  'PATCH /api/users/:id': installation('users.manage'),
  'POST /api/users/:id/invitation': installation('users.manage'),
  'POST /api/users/:id/password-reset': installation('users.manage'),
  'POST /api/users/:id/revoke-sessions': installation('users.manage'),
  'GET /api/audit-events': installation('audit.read', undefined, true),
  'GET /api/api-tokens': installation('api_tokens.manage', undefined, true),
  'POST /api/api-tokens': installation('api_tokens.manage', true),
  'DELETE /api/api-tokens/:id': installation('api_tokens.manage', true),
  'GET /api/teams': list('teams.read'),
  'POST /api/teams': department('teams.manage'),
  'PUT /api/teams/:id/members': department('teams.manage'),
  'DELETE /api/teams/:id': department('teams.manage'),
  'GET /api/departments/:id/agents': department('agents.manage'),
  'PATCH /api/departments/:id/agents/:userId': department('agents.manage'),
  'GET /api/departments/:id/agents/:userId/availability': department('agents.manage'),
  'PUT /api/departments/:id/agents/:userId/availability': department('agents.manage'),
  'GET /api/me/availability': SIGNED_IN,
  'PUT /api/me/availability': SIGNED_IN,
  // After the last domain event at setup (a kept cursor): each caller gets its own departments' events only.
  'GET /api/realtime/events': SIGNED_IN,
  'GET /api/pipelines': list('conversations.read'),
  'GET /api/pipelines/:id': department('conversations.read'),
  'GET /api/pipelines/:id/board': department('conversations.read'),
  'PATCH /api/pipelines/:id/stages/:stageKey': installation('departments.manage', true),
  'PATCH /api/pipelines/:id/fields/:fieldKey': installation('departments.manage', true),
  'GET /api/cards': list('conversations.read'),
  'GET /api/cards/:id': department('conversations.read'),
  'PATCH /api/cards/:id': department('cards.write'),
  'POST /api/cards/:id/move': department('cards.write'),
  'POST /api/cards/:id/notes': department('cards.write'),
  'GET /api/cards/:id/timeline': department('conversations.read'),
  'POST /api/cards/:id/actions/:pluginId/:action': department('cards.write'),
  'GET /api/conversations': list('conversations.read'),
  'GET /api/conversations/:id': department('conversations.read'),
  'GET /api/conversations/:id/messages': department('conversations.read'),
  'GET /api/conversations/:id/sla': department('conversations.read'),
  'GET /api/departments/:id/queues': department('conversations.read'),
  'PUT /api/departments/:id/queues/default': department('conversations.assign'),
  'PUT /api/departments/:id/queues/teams/:teamId': department('conversations.assign'),
  'GET /api/departments/:id/queue': department('conversations.read'),
  'POST /api/conversations/:id/claim': department('conversations.reply'),
  'PUT /api/conversations/:id/assignee': department('conversations.assign'),
  'GET /api/contacts/:id/marketing-consent': department('conversations.read'),
  'PUT /api/contacts/:id/marketing-consent': department('conversations.reply'),
  'GET /api/contacts/:id/attributes': department('conversations.read'),
  'PUT /api/contacts/:id/attributes': department('conversations.reply'),
  'GET /api/departments/:id/routing-rules': department('conversations.read'),
  'POST /api/departments/:id/routing-rules': department('routing.manage'),
  'PUT /api/departments/:id/routing-rules/order': department('routing.manage'),
  'POST /api/departments/:id/routing-rules/test': department('routing.manage'),
  'PUT /api/routing-rules/:id': department('routing.manage'),
  'DELETE /api/routing-rules/:id': department('routing.manage'),
  // SLA policies: managed by whoever manages the department's routing.
  'GET /api/departments/:id/sla-policies': department('routing.manage'),
  'POST /api/departments/:id/sla-policies': department('routing.manage'),
  'PUT /api/departments/:id/sla-policies/order': department('routing.manage'),
  'GET /api/sla-policies/:id': department('routing.manage'),
  'PUT /api/sla-policies/:id': department('routing.manage'),
  'DELETE /api/sla-policies/:id': department('routing.manage'),
  'GET /api/departments/:id/quick-replies': department('conversations.read'),
  'POST /api/departments/:id/quick-replies': department('routing.manage'),
  'PATCH /api/quick-replies/:id': department('routing.manage'),
  'DELETE /api/quick-replies/:id': department('routing.manage'),
  'GET /api/me/transfer-targets': list('conversations.reply'),
  // To the conversation's own number: refused as such (a real transfer closes it; see number-transfer.spec.ts).
  'POST /api/conversations/:id/transfer-to-number': department('conversations.reply'),
  'POST /api/conversations/:id/messages': department('conversations.reply'),
  'POST /api/conversations/:id/media': department('conversations.reply'),
  'POST /api/conversations/:id/read': department('conversations.read'),
  // Closed, then reopened right after (each actor's probes follow this order), so later routes still reply.
  'POST /api/conversations/:id/close': department('conversations.reply'),
  'POST /api/conversations/:id/reopen': department('conversations.reply'),
  'POST /api/conversations/:id/snooze': department('conversations.reply'),
  'DELETE /api/conversations/:id/snooze': department('conversations.reply'),
  'PUT /api/conversations/:id/priority': department('conversations.reply'),
  'POST /api/conversations/:id/labels': department('conversations.reply'),
  'POST /api/conversations/:id/take-over': department('conversations.take_over'),
  // To its own department: refused as such (same_department) once the permission passed.
  'POST /api/conversations/:id/transfer': department('conversations.reply'),
  'GET /api/departments/:id/conversation-policy': department('agents.manage'),
  'PUT /api/departments/:id/conversation-policy': department('agents.manage'),
  'GET /api/messages/:id/media': department('media.read'),
  // Reports: each caller's departments only (a department id of another reads as nothing).
  'GET /api/reports/overview': list('conversations.read'),
  'GET /api/reports/backlog': list('conversations.read'),
  'GET /api/reports/response-times': list('conversations.read'),
  'GET /api/reports/sla': list('conversations.read'),
  'GET /api/reports/volume': list('conversations.read'),
  'GET /api/inbound-events': list('inbound_events.read'),
  'GET /api/inbound-events/:id': department('inbound_events.read'),
  'POST /api/inbound-events/:id/replay': department('inbound_events.replay'),
};

type Dept = 'sales' | 'support' | 'hr';
type Role = 'supervisor' | 'agent' | 'viewer';
/** What each role holds in its department, written out independently of the product's table. */
const ROLE: Record<Role, Permission[]> = {
  supervisor: [
    'conversations.read',
    'conversations.reply',
    'cards.write',
    'media.read',
    'teams.read',
    'teams.manage',
    'agents.manage',
    'conversations.assign',
    'conversations.take_over',
    'routing.manage',
  ],
  agent: ['conversations.read', 'conversations.reply', 'cards.write', 'media.read', 'teams.read'],
  viewer: ['conversations.read', 'media.read', 'teams.read'],
};
/** Every permission an API token may be given; the walk's tokens hold all of them. */
const TOKEN_PERMISSIONS: Permission[] = [
  'conversations.read',
  'conversations.reply',
  'conversations.assign',
  'routing.manage',
  'media.read',
  'teams.read',
  'teams.manage',
  'users.manage',
  'audit.read',
  'inbound_events.read',
  'inbound_events.replay',
];
/** Powers over things no department owns. */
const INSTALLATION_WIDE: Permission[] = ['users.manage', 'audit.read', 'api_tokens.manage', 'plugins.manage'];
/** Departments only their members see, admins included (HR runs the dept-hr plugin). */
const MEMBERS_ONLY: Dept[] = ['hr'];

type ActorSpec =
  | { kind: 'anonymous' }
  | { kind: 'user'; admin?: true; roles: Partial<Record<Dept, Role>> }
  | { kind: 'token'; departments: Dept[] | 'all' };
const ACTORS = {
  anonymous: { kind: 'anonymous' },
  admin: { kind: 'user', admin: true, roles: {} },
  salesSupervisor: { kind: 'user', roles: { sales: 'supervisor' } },
  salesAgent: { kind: 'user', roles: { sales: 'agent' } },
  salesViewer: { kind: 'user', roles: { sales: 'viewer' } },
  supportSupervisor: { kind: 'user', roles: { support: 'supervisor' } },
  supportAgent: { kind: 'user', roles: { support: 'agent' } },
  supportViewer: { kind: 'user', roles: { support: 'viewer' } },
  tokenSales: { kind: 'token', departments: ['sales'] },
  tokenSupport: { kind: 'token', departments: ['support'] },
  tokenAll: { kind: 'token', departments: 'all' },
} satisfies Record<string, ActorSpec>;
type ActorName = keyof typeof ACTORS;
const spec = (a: ActorName): ActorSpec => ACTORS[a];

/**
 * Allowed requests that pass the access decision and are then refused for what the actor is, not for what it may
 * do: a claim makes the caller the owner, so an admin without an agent role there, or an API token, gets 422; the
 * walk's own PATCH of the department member's agent settings leaves their capacity at 0, so assigning them is 409.
 */
const BUSINESS_REFUSALS: Record<string, { status: number; codes: string[] }> = {
  'POST /api/conversations/:id/claim': { status: 422, codes: ['not_in_department', 'not_an_agent'] },
  'PUT /api/conversations/:id/assignee': { status: 409, codes: ['over_capacity'] },
  'POST /api/conversations/:id/transfer': { status: 409, codes: ['same_department'] },
  'POST /api/conversations/:id/transfer-to-number': { status: 409, codes: ['same_number'] },
  'POST /api/me/password': { status: 400, codes: ['password_unchanged'] },
};
const businessRefusal = (route: string, res: { status: number; body?: { code?: string } }) =>
  BUSINESS_REFUSALS[route]?.status === res.status &&
  BUSINESS_REFUSALS[route].codes.includes(String(res.body?.code));

function holdsIn(actor: ActorName, p: Permission, dept: Dept): boolean {
  const a = spec(actor);
  if (a.kind === 'anonymous') return false;
  if (a.kind === 'token')
    return (
      TOKEN_PERMISSIONS.includes(p) &&
      (a.departments === 'all' ? !MEMBERS_ONLY.includes(dept) : a.departments.includes(dept))
    );
  const role = a.roles[dept];
  if (role) return ROLE[role].includes(p);
  return Boolean(a.admin) && !MEMBERS_ONLY.includes(dept);
}
function holdsSomewhere(actor: ActorName, p: Permission): boolean {
  const a = spec(actor);
  if (a.kind === 'anonymous') return false;
  if (a.kind === 'token') return TOKEN_PERMISSIONS.includes(p);
  return Boolean(a.admin) || Object.values(a.roles).some((r) => ROLE[r].includes(p));
}
function holdsInstallationWide(actor: ActorName, p: Permission): boolean {
  const a = spec(actor);
  if (a.kind === 'token') return a.departments === 'all' && TOKEN_PERMISSIONS.includes(p);
  return a.kind === 'user' && Boolean(a.admin);
}

function expected(access: Access, actor: ActorName, dept: Dept): 'public' | 'allowed' | 'refused' {
  if (access.kind === 'public') return 'public';
  const a = spec(actor);
  if (a.kind === 'anonymous') return 'refused';
  switch (access.kind) {
    case 'signed-in':
      return a.kind === 'user' ? 'allowed' : 'refused';
    case 'installation':
      if (!holdsInstallationWide(actor, access.permission)) return 'refused';
      if (access.department && MEMBERS_ONLY.includes(dept) && !(a.kind === 'user' && a.roles[dept]))
        return 'refused';
      return 'allowed';
    case 'department':
      return holdsIn(actor, access.permission, dept) ? 'allowed' : 'refused';
    case 'list':
      return holdsSomewhere(actor, access.permission) ? 'allowed' : 'refused';
  }
}

// ─── Where ids go: derived from each route's input schema ──────────────────────────────────────────────────────

interface JsonSchema {
  type?: string | string[];
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  minimum?: number;
}

interface RouteInput {
  method: string;
  path: string;
  /** Path parameters, and whether each takes an id (a UUID-checked parameter, or one named …Id). */
  params: { name: string; id: boolean }[];
  query?: JsonSchema;
  body?: JsonSchema;
}

const joinPath = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/');
const toJson = (schema: ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as unknown as JsonSchema;

/** Each handler's inputs, from the pipes its parameters are validated with (Nest's route-argument metadata). */
function routeInputs(env: TestEnvironment): Map<string, RouteInput> {
  const out = new Map<string, RouteInput>();
  const PARAM = 5; // RouteParamtypes: BODY 3, QUERY 4, PARAM 5
  for (const wrapper of env.app.get(DiscoveryService).getControllers()) {
    const type = wrapper.metatype as (new (...a: never[]) => unknown) | null;
    if (!type || !wrapper.instance) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
    const proto = type.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const handler = proto[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (sub === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const path = joinPath(base, sub);
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, name) ?? {}) as Record<
        string,
        { data?: string; pipes?: unknown[] }
      >;
      const input: RouteInput = { method, path, params: [] };
      for (const [key, arg] of Object.entries(args)) {
        const kind = Number(key.split(':')[0]);
        const zod = arg.pipes?.find((p): p is ZodValidationPipe<unknown> => p instanceof ZodValidationPipe);
        const zodSchema = (zod as unknown as { schema?: unknown } | undefined)?.schema;
        if (zod && !(zodSchema instanceof ZodType))
          throw new Error(`${method} ${path}: cannot read the schema its validation pipe checks`);
        const schema = zodSchema instanceof ZodType ? toJson(zodSchema) : undefined;
        if (kind === 3) input.body = schema;
        if (kind === 4) input.query = schema;
        if (kind === PARAM && arg.data) {
          const uuid = (arg.pipes ?? []).some((p) => p === ParseUUIDPipe || p instanceof ParseUUIDPipe);
          input.params.push({ name: arg.data, id: uuid || /Id$/.test(arg.data) });
        }
      }
      // Parameters in the path that no handler argument reads still get a value.
      for (const m of path.matchAll(/:(\w+)/g))
        if (!input.params.some((p) => p.name === m[1]))
          input.params.push({ name: m[1], id: /Id$/.test(m[1]) });
      out.set(`${method} ${path}`, input);
    }
  }
  return out;
}

const isIdField = (s: JsonSchema, name: string) =>
  (s.type === 'string' && s.format === 'uuid') || (s.type === 'string' && /Ids?$/.test(name));
function takesId(s: JsonSchema, name: string): boolean {
  if (isIdField(s, name)) return true;
  if (s.items && takesId(s.items, name)) return true;
  if (s.properties && Object.entries(s.properties).some(([k, v]) => takesId(v, k))) return true;
  return [...(s.anyOf ?? []), ...(s.oneOf ?? [])].some((b) => takesId(b, name));
}

interface Fixtures {
  department: string;
  /** A department without numbers, which archiving takes (sales: an open one; hr: a members-only one). */
  bareDepartment: string;
  number: string;
  /** A number without conversations, which deleting takes: the walk's own number until POST /api/numbers ran. */
  bareNumber: string;
  conversation: string;
  /** The customer of that conversation. */
  contact: string;
  message: string;
  card: string;
  pipeline: string;
  event: string;
  user: string;
  apiToken: string;
  team: string;
  plugin: string;
  /** Meta's ids of a number not registered yet, and its WABA. */
  phoneNumber: string;
  waba: string;
  /** An open silence alert of the department's number. */
  alert: string;
  /** An admin's routing rule of the department (deleting takes it; the sales one is replaced). */
  routingRule: string;
  /** An admin's SLA policy of the department (deleting takes it; the sales one is replaced). */
  slaPolicy: string;
  /** A quick reply of the department (deleting takes it; the sales one is replaced). */
  quickReply: string;
}
/** Which fixture a field named `<x>Id` / `<x>Ids` takes. A new id field must be added here, or the walk fails. */
const ID_FIELDS: Record<string, keyof Fixtures> = {
  department: 'department',
  number: 'number',
  conversation: 'conversation',
  message: 'message',
  replyToMessage: 'message',
  card: 'card',
  pipeline: 'pipeline',
  user: 'user',
  actor: 'user',
  team: 'team',
  plugin: 'plugin',
  event: 'event',
  phoneNumber: 'phoneNumber',
  waba: 'waba',
};
/** Which fixture an `:id` path parameter takes, from the collection it follows. */
const COLLECTIONS: Record<string, keyof Fixtures> = {
  conversations: 'conversation',
  contacts: 'contact',
  messages: 'message',
  cards: 'card',
  pipelines: 'pipeline',
  'inbound-events': 'event',
  users: 'user',
  'api-tokens': 'apiToken',
  teams: 'team',
  departments: 'department',
  numbers: 'number',
  alerts: 'alert',
  'routing-rules': 'routingRule',
  'sla-policies': 'slaPolicy',
  'quick-replies': 'quickReply',
};

/** A number Meta has and Switchboard does not: POST /api/numbers registers it. */
const FREE_NUMBER = {
  phoneNumberId: '300000000000009',
  displayPhoneNumber: '15557770009',
  wabaId: '400000000000009',
  accessToken: 'walk-free-number-token',
  appSecret: 'walk-free-number-secret',
  verifyToken: 'walk-free-number-verify',
};

// ─── The walk ──────────────────────────────────────────────────────────────────────────────────────────────────

describe('authorization: every route × every actor, with department A ids everywhere', () => {
  let env: TestEnvironment;
  let inputs: Map<string, RouteInput>;
  const fixtures = {} as Record<'sales' | 'hr', Fixtures>;
  /** A socket event cursor for the resync route: the newest domain event once the fixtures exist. */
  let walkCursor = '';
  /** Strings of the walk's department that an actor without conversations.read there must never receive. */
  const secrets = {} as Record<'sales' | 'hr', string[]>;
  /** Ids of the walk's department's rows (its token, its number) that lists of such rows must not show to it. */
  const rowIds = {} as Record<'sales' | 'hr', string[]>;
  const bearer = {} as Record<Exclude<ActorName, 'anonymous'>, string>;
  const mfaSecrets = new Map<ActorName, string>();
  let digestSql = '';
  let meta: SandboxHandle;
  let seq = 0;

  /** A customer writes a document to the department's number; its conversation, message, card and event. */
  async function customerWrites(dept: 'sales' | 'hr', waId: string, text: string) {
    await env.sandbox.customer(waId, { phoneNumberId: env.numbers[dept].phoneNumberId }).text(text);
    const bytes = Buffer.from(`%PDF-1.4 ${text}`);
    const { wamid } = await env.sandbox
      .customer(waId, { phoneNumberId: env.numbers[dept].phoneNumberId })
      .document({ filename: `${dept}.pdf`, mimeType: 'application/pdf', bytes });
    return waitFor(
      async () =>
        (
          await env.query<{
            id: string;
            conversation_id: string;
            contact_id: string;
            inbound_event_id: string;
            card: string;
            pipeline: string;
          }>(
            `select m.id, m.conversation_id, c.contact_id, m.inbound_event_id, k.id as card, k.pipeline_id as pipeline
               from messages m join cards k on k.conversation_id = m.conversation_id
               join conversations c on c.id = m.conversation_id
              where m.wamid = $1 and m.media->>'state' = 'stored'`,
            [wamid],
          )
        )[0],
      { what: `${dept} document stored` },
    );
  }

  const admin = () => env.api();
  async function mintToken(departmentIds: string[] | 'all', permissions = TOKEN_PERMISSIONS) {
    const scope = departmentIds === 'all' ? { allDepartments: true } : { departmentIds };
    let r = await admin()
      .post('/api/api-tokens')
      .send({ name: `walk ${++seq}`, permissions, ...scope });
    // Where a scoped token may not even be given installation-wide permissions, it gets the rest: either way it
    // must not use them, which is what the walk checks.
    if (r.status === 400 && departmentIds !== 'all')
      r = await admin()
        .post('/api/api-tokens')
        .send({
          name: `walk ${++seq}`,
          permissions: permissions.filter((p) => !INSTALLATION_WIDE.includes(p)),
          ...scope,
        });
    expect(r.status, r.text).toBe(201);
    return { id: r.body.id as string, token: r.body.token as string };
  }
  async function bareDepartment(membersOnly = false) {
    return (
      await admin()
        .post('/api/departments')
        .send({ key: `walk-bare-${++seq}`, name: `walk bare ${seq}`, membersOnly })
        .expect(201)
    ).body.id as string;
  }
  /** Stored directly: an admin without a membership may not see a members-only department's rules. */
  async function newRoutingRule(departmentId: string) {
    const [rule] = await env.query<{ id: string }>(
      `insert into routing_rules (id, department_id, position, name, source, trigger, conditions, actions)
       values (gen_random_uuid(), $1, 0, $2, 'admin', 'conversation_opened', '{}', '{"priority": "high"}')
       returning id`,
      [departmentId, `walk rule ${++seq}`],
    );
    return rule.id;
  }
  /** Stored directly, like the rules. */
  async function newSlaPolicy(departmentId: string) {
    const [policy] = await env.query<{ id: string }>(
      `insert into sla_policies (id, department_id, key, name, source, position, match, targets)
       values (gen_random_uuid(), $1, $2, $2, 'admin', 0, '{"numberIds": [], "priorities": [], "requestTypes": []}',
               '{"firstResponse": {"warningMinutes": 45, "breachMinutes": 60}, "nextResponse": null, "resolution": null, "stages": {}}')
       returning id`,
      [departmentId, `walk_policy_${++seq}`],
    );
    return policy.id;
  }
  async function newQuickReply(departmentId: string) {
    const [reply] = await env.query<{ id: string }>(
      `insert into quick_replies (id, department_id, shortcut, title, text)
       values (gen_random_uuid(), $1, $2, 'Walk', 'Walk') returning id`,
      [departmentId, `walk_reply_${++seq}`],
    );
    return reply.id;
  }
  async function newTeam(departmentId: string) {
    return (
      await admin()
        .post('/api/teams')
        .send({ departmentId, name: `walk team ${++seq}` })
        .expect(201)
    ).body.id as string;
  }

  /**
   * A cheap digest of every table: row count and md5 of the rows. Left out, because a refusal legitimately writes
   * there: audit_events and login_attempts (append-only records of attempts), and BullMQ's own bookkeeping schema
   * (worker heartbeats, metrics, event stream), whose job table is still compared by queue and id. Column
   * last_used_at is dropped: authenticating a token stamps it before the route refuses.
   */
  async function buildDigestSql() {
    const tables = await env.query<{ s: string; t: string }>(
      `select table_schema as s, table_name as t from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
          and not (table_schema = 'public' and table_name in ('audit_events', 'login_attempts'))
          and not (table_schema <> 'public' and table_name <> 'job')
        order by 1, 2`,
    );
    expect(tables.length).toBeGreaterThan(20);
    digestSql = tables
      .map(({ s, t }) => {
        const row = s === 'public' ? `(to_jsonb(x) - 'last_used_at')::text` : `x.queue || ':' || x.id`;
        return `select '${s}.${t}' as t, count(*)::int as n, md5(coalesce(string_agg(${row}, '|' order by ${row}), '')) as h from "${s}"."${t}" x`;
      })
      .join(' union all ');
  }
  async function digest(): Promise<Map<string, string>> {
    const rows = await env.query<{ t: string; n: number; h: string }>(digestSql);
    return new Map(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
  }
  const changed = (a: Map<string, string>, b: Map<string, string>) =>
    [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));

  /**
   * Nothing left to do in the background: every outbox entry, due plugin job and queued job is finished, and every
   * domain event subscriber has caught up (its cursor moves when it does).
   */
  async function settled() {
    await waitFor(
      async () => {
        const [{ n }] = await env.query<{ n: number }>(
          `select (select count(*) from outbox where done_at is null)
                + (select count(*) from plugin_jobs where done_at is null and run_at <= now())
                + (select count(*) from inbound_events where status = 'pending')
                + (select count(*) from bullmq.job where state in ('waiting', 'active'))
                + (select count(*) from domain_events e
                    where exists (select 1 from domain_event_cursors c where (c.xid, c.seq) < (e.xid, e.seq)))::int as n`,
        );
        return Number(n) === 0;
      },
      { what: 'background work finished', timeoutMs: 30_000 },
    );
  }

  beforeAll(async () => {
    // "Meta" for the number the walk registers: a second sandbox at the Graph address new numbers are given.
    const metaPort = await freePort();
    // Meta's clock is the walk's: customer messages are stamped in the walk's time, so their 24-hour windows are
    // open for replies the application checks against that same clock.
    const walk: { clock?: Clock } = {};
    env = await createTestEnvironment({
      config: {
        plugins: { enabled: ['./dist/test/fixtures/plugins/recorder', './plugins/dept-hr'] },
        whatsapp: { graphBaseUrl: `http://127.0.0.1:${metaPort}` },
        // The walk raises silence alerts by moving the clock (setup below).
        testing: { clock: 'controllable' },
      },
      sandbox: { now: () => walk.clock?.now().getTime() ?? Date.now() },
    });
    walk.clock = env.app.get(Clock);
    meta = await startSandbox({
      port: metaPort,
      numbers: [{ ...FREE_NUMBER, webhookUrl: `${env.url}/webhooks/whatsapp` }],
    });
    inputs = routeInputs(env);
    const dept = (d: Dept) => env.numbers[d].departmentId;

    // Users for the roles the seeded actors lack, and a member of each walked department to act on.
    const newUser = async (
      email: string,
      memberships: { departmentId: string; role: Role }[],
      password = true,
    ) =>
      (
        await admin()
          .post('/api/users')
          .send({ email, name: email, memberships, ...(password ? { password: 'a-long-password-1' } : {}) })
          .expect(201)
      ).body.id as string;
    await newUser('supportsupervisor@test.switchboard', [
      { departmentId: dept('support'), role: 'supervisor' },
    ]);
    await newUser('supportviewer@test.switchboard', [{ departmentId: dept('support'), role: 'viewer' }]);
    // Members without a password, so an invitation can be issued for them.
    const salesMember = await newUser(
      'sales.member@test.switchboard',
      [{ departmentId: dept('sales'), role: 'agent' }],
      false,
    );
    const hrMember = await newUser(
      'hr.member@test.switchboard',
      [{ departmentId: dept('hr'), role: 'agent' }],
      false,
    );

    // Plugins: the recorder (a card action) on both numbers; HR runs dept-hr, which makes it members-only.
    for (const d of ['sales', 'hr'] as const)
      await admin()
        .put(`/api/numbers/${env.numbers[d].id}/plugins/fixture-recorder`)
        .send({ enabled: true })
        .expect(200);
    // Silence alarms on both numbers, on a Wednesday morning (inside the default hours and HR's every-day ones).
    const clock = env.app.get(Clock);
    clock.set(new Date('2030-01-09T10:00:00Z'));
    for (const d of ['sales', 'hr'] as const)
      await admin()
        .patch(`/api/numbers/${env.numbers[d].id}/health-settings`)
        .send({ silenceAlarmMinutes: 5 })
        .expect(200);
    // Made while HR is still visible to the admin: once it is members-only, admins cannot make them.
    const hrTeam = await newTeam(dept('hr'));
    const hrToken = await mintToken([dept('hr')]);
    await admin()
      .put(`/api/numbers/${env.numbers.hr.id}/plugins/dept-hr`)
      .send({
        enabled: true,
        settings: {
          greetNewConversations: false,
          businessHours: { days: [0, 1, 2, 3, 4, 5, 6], open: '00:00', close: '24:00' },
        },
      })
      .then((r) => expect(r.status, r.text).toBe(200));

    const sales = await customerWrites('sales', '5511944440001', 'pedido de vendas');
    const hr = await customerWrites('hr', '5511944447777', 'my payslip please');
    // Then ten quiet minutes: each number gets an open silence alert (checks run here, not on the worker's timer).
    const silence = env.app.get(SilenceAlarmService);
    clock.advance(60_000);
    await silence.checkAll();
    clock.advance(10 * 60_000);
    await silence.checkAll();
    const openAlert = async (d: 'sales' | 'hr') =>
      (
        await env.query<{ id: string }>(
          'select id from number_alerts where number_id = $1 and resolved_at is null',
          [env.numbers[d].id],
        )
      )[0].id;
    fixtures.sales = {
      department: dept('sales'),
      bareDepartment: await bareDepartment(),
      number: env.numbers.sales.id,
      bareNumber: env.numbers.sales.id,
      conversation: sales.conversation_id,
      contact: sales.contact_id,
      message: sales.id,
      card: sales.card,
      pipeline: sales.pipeline,
      event: sales.inbound_event_id,
      user: salesMember,
      apiToken: (await mintToken([dept('sales')])).id,
      team: await newTeam(dept('sales')),
      plugin: 'fixture-recorder',
      phoneNumber: FREE_NUMBER.phoneNumberId,
      waba: FREE_NUMBER.wabaId,
      alert: await openAlert('sales'),
      routingRule: await newRoutingRule(dept('sales')),
      slaPolicy: await newSlaPolicy(dept('sales')),
      quickReply: await newQuickReply(dept('sales')),
    };
    fixtures.hr = {
      department: dept('hr'),
      bareDepartment: await bareDepartment(true),
      number: env.numbers.hr.id,
      bareNumber: env.numbers.hr.id,
      conversation: hr.conversation_id,
      contact: hr.contact_id,
      message: hr.id,
      card: hr.card,
      pipeline: hr.pipeline,
      event: hr.inbound_event_id,
      user: hrMember,
      apiToken: hrToken.id,
      team: hrTeam,
      plugin: 'fixture-recorder',
      phoneNumber: FREE_NUMBER.phoneNumberId,
      waba: FREE_NUMBER.wabaId,
      alert: await openAlert('hr'),
      routingRule: await newRoutingRule(dept('hr')),
      slaPolicy: await newSlaPolicy(dept('hr')),
      quickReply: await newQuickReply(dept('hr')),
    };
    // The built-in pipeline has no fields: the walk adjusts one of its own (PATCH …/fields/:fieldKey).
    for (const pipeline of [fixtures.sales.pipeline, fixtures.hr.pipeline])
      await env.query(
        `insert into pipeline_fields (id, pipeline_id, key, label, type, config, position, plugin_values)
         values (gen_random_uuid(), $1, 'walk', 'Walk', 'text', '{}', 0, '{"label":"Walk"}')`,
        [pipeline],
      );
    [{ c: walkCursor }] = await env.query<{ c: string }>(
      `select xid || ':' || seq as c from domain_events order by xid desc, seq desc limit 1`,
    );
    secrets.sales = [sales.conversation_id, sales.id, sales.card, '5511944440001', 'pedido de vendas'];
    secrets.hr = [hr.conversation_id, hr.id, hr.card, '5511944447777', 'my payslip please'];
    // HR's token and number appear in the token list and in audit events (its minting, its plugin changes).
    rowIds.sales = [];
    rowIds.hr = [hrToken.id, env.numbers.hr.id];

    // Fresh sign-ins (the walk's logout-all would end the seeded sessions) and the walk's tokens.
    const logins: Partial<Record<ActorName, { email: string; password: string }>> = {
      admin: env.users.admin,
      salesSupervisor: env.users.salesSupervisor,
      salesAgent: env.users.salesAgent,
      salesViewer: env.users.viewer,
      supportAgent: env.users.supportAgent,
      supportSupervisor: { email: 'supportsupervisor@test.switchboard', password: 'a-long-password-1' },
      supportViewer: { email: 'supportviewer@test.switchboard', password: 'a-long-password-1' },
    };
    for (const [actor, { email, password }] of Object.entries(logins) as [
      Exclude<ActorName, 'anonymous'>,
      { email: string; password: string },
    ][]) {
      const r = await env.anonymous().post('/api/auth/login').send({ email, password });
      expect(r.status, `${actor} signs in: ${r.text}`).toBe(200);
      bearer[actor] = r.body.accessToken;
    }
    bearer.tokenSales = (await mintToken([dept('sales')])).token;
    bearer.tokenSupport = (await mintToken([dept('support')])).token;
    bearer.tokenAll = (await mintToken('all')).token;

    await buildDigestSql();
  }, 120_000);
  afterAll(async () => {
    await meta?.close();
    await env?.close();
  });

  it('the table covers exactly the routes Express serves (outside the API docs), and each has its inputs', () => {
    const app = env.app.getHttpAdapter().getInstance() as {
      router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
    };
    const served = app.router.stack
      .filter((l) => l.route && !l.route.path.startsWith('/api/docs'))
      .flatMap((l) => Object.keys(l.route!.methods).map((m) => `${m.toUpperCase()} ${l.route!.path}`))
      .sort();
    expect(served).toEqual(Object.keys(ROUTES).sort());
    expect([...inputs.keys()].sort()).toEqual(served);
  });

  it('lists only return the departments the actor may read, whatever department id is asked for', async () => {
    await env.sandbox
      .customer('5511944440002', { phoneNumberId: env.numbers.support.phoneNumberId })
      .text('suporte, por favor');
    await waitFor(async () => (await count(env, 'messages', `body = 'suporte, por favor'`)) === 1);
    const listAs = async (actor: 'supportAgent' | 'viewer' | 'admin', query = '') =>
      (
        await env
          .anonymous()
          .get(`/api/conversations${query}`)
          .set('Authorization', `Bearer ${env.users[actor].token}`)
          .expect(200)
      ).body.items as { department: { key: string } }[];
    const supportSees = await listAs('supportAgent');
    expect(supportSees.length).toBeGreaterThan(0);
    expect(new Set(supportSees.map((c) => c.department.key))).toEqual(new Set(['support']));
    expect(await listAs('supportAgent', `?departmentId=${env.numbers.sales.departmentId}`)).toEqual([]);
    expect(new Set((await listAs('viewer')).map((c) => c.department.key))).toEqual(new Set(['sales']));
    expect(new Set((await listAs('admin')).map((c) => c.department.key))).toEqual(
      new Set(['sales', 'support']),
    );
  });

  it('an id from another department in the body is refused and writes nothing', async () => {
    const support = (
      await env.query<{ id: string }>('select id from conversations where department_id = $1 limit 1', [
        env.numbers.support.departmentId,
      ])
    )[0];
    const before = await count(env, 'messages');
    const r = await env
      .as('supportAgent')
      .post(`/api/conversations/${support.id}/messages`)
      .send({ type: 'text', text: 'citando outra área', replyToMessageId: fixtures.sales.message })
      .expect(400);
    expect(r.body.message).toMatch(/replyToMessageId/);
    expect(await count(env, 'messages')).toBe(before);
  });

  /** Values for one walk: department `dept`'s fixtures in every id; other fields minimal and valid. */
  function valueFor(
    s: JsonSchema,
    name: string,
    dept: 'sales' | 'hr',
    actor: ActorName,
    route: string,
  ): unknown {
    // A snooze until the customer replies: a time would depend on the walk's clock.
    if (route === 'POST /api/conversations/:id/snooze' && name === '') return { untilCustomerReplies: true };
    const branches = s.anyOf ?? s.oneOf;
    if (branches)
      return valueFor(branches.find((b) => b.type !== 'null') ?? branches[0], name, dept, actor, route);
    if (s.const !== undefined) return s.const;
    if (route === 'GET /api/realtime/events' && name === 'after') return walkCursor;
    // A report's range: the month the walk's clock is set in.
    if (route.startsWith('GET /api/reports/') && name === 'from') return '2030-01-01T00:00:00Z';
    if (route.startsWith('GET /api/reports/') && name === 'to') return '2030-02-01T00:00:00Z';
    // A body Meta accepts: the schema allows a BODY without text (authentication templates), the first category not.
    // A rule's actions: any id-taking action (a transfer to its own department) is refused as such.
    if (route.includes('routing-rules') && name === 'actions') return { priority: 'high' };
    if (route.includes('routing-rules/order') && name === 'ids') return [fixtures[dept].routingRule];
    // A policy's key is unique in its department; an escalation assigns to the department's agent.
    if (route.includes('sla-policies') && name === 'key') return `walk_${++seq}`;
    // A quick reply's shortcut is unique in its department.
    if (route.includes('quick-replies') && name === 'shortcut') return `walk_${++seq}`;
    if (route.includes('sla-policies/order') && name === 'ids') return [fixtures[dept].slaPolicy];
    if (route.includes('sla-policies') && name === 'escalations')
      return [{ on: 'breach', clock: 'any', action: 'assign_user', userId: fixtures[dept].user }];
    // A calendar's time zone, a country with holiday rules.
    if (route === 'PUT /api/departments/:id/calendar' && name === 'timezone') return 'UTC';
    if (route.endsWith('/calendar/holidays/import') && name === 'country') return 'BR';
    // A queue's strategy: manual, so the walk's conversations stay where they are.
    if (route.includes('/queues/') && name === 'strategy') return 'manual';
    // Labels to add (an empty change is refused as such).
    if (route === 'POST /api/conversations/:id/labels' && name === 'add') return ['walk'];
    if (route === 'POST /api/numbers/:id/templates' && name === 'components')
      return [{ type: 'BODY', text: 'Hello from the walk' }];
    if (isIdField(s, name)) return idFor(name, dept, route);
    if (s.type === 'array') {
      const wanted = (s.items && takesId(s.items, name)) || (s.minItems ?? 0) > 0;
      return wanted && s.items ? [valueFor(s.items, name, dept, actor, route)] : [];
    }
    if (s.type === 'object') {
      const props = Object.entries(s.properties ?? {});
      const picked = props.filter(([k, v]) => s.required?.includes(k) || takesId(v, k));
      // An update with nothing in it is refused as such: give it its first field.
      if (!picked.length && props.length) picked.push(props[0]);
      return Object.fromEntries(picked.map(([k, v]) => [k, valueFor(v, k, dept, actor, route)]));
    }
    if (s.enum) return s.enum[0];
    if (s.type === 'boolean') return true;
    if (s.type === 'integer' || s.type === 'number') return s.minimum ?? 1;
    // Strings whose meaning the schema cannot tell: a stage that exists, an e-mail, a current TOTP code.
    if (name === 'stage') return 'in_progress';
    if (name === 'email') return `walk-${++seq}@test.switchboard`;
    if (name === 'accessToken')
      return route === 'POST /api/numbers' ? FREE_NUMBER.accessToken : env.numbers[dept].accessToken;
    // A template Meta accepts: its name format, a language it knows.
    if (route === 'POST /api/numbers/:id/templates' && name === 'name') return `walk_${++seq}`;
    if (route === 'POST /api/numbers/:id/templates' && name === 'language') return 'en_US';
    // The same password twice: refused as no change before any password is checked (no sign-in failure booked).
    if (route === 'POST /api/me/password' && name.endsWith('Password')) return 'walk-same-password';
    if (name === 'code') {
      const secret = mfaSecrets.get(actor);
      // confirm and disable each need a code from a later step than the last one used.
      return secret ? totpAt(secret, currentStep() + (route.endsWith('disable') ? 1 : 0)) : '000000';
    }
    const text = `walk-${++seq}`.padEnd(s.minLength ?? 1, 'x');
    return s.maxLength ? text.slice(0, s.maxLength) : text;
  }
  function idFor(name: string, dept: 'sales' | 'hr', route: string): string {
    const key = ID_FIELDS[name.replace(/Ids?$/, '')];
    if (!key) throw new Error(`${route}: no fixture for the id field "${name}"; add it to ID_FIELDS`);
    return fixtures[dept][key];
  }
  function pathFor(input: RouteInput, dept: 'sales' | 'hr'): string {
    const route = `${input.method} ${input.path}`;
    return input.path.replace(/:(\w+)/g, (_m, name: string) => {
      const p = input.params.find((x) => x.name === name)!;
      // A stage of the built-in pipeline, which every department starts with; the walk's own field of it.
      if (!p.id) {
        if (name === 'stageKey') return 'in_progress';
        if (name === 'fieldKey') return 'walk';
        return name === 'action' ? 'record' : 'not-configured';
      }
      if (name !== 'id') return idFor(name, dept, route);
      if (route === 'POST /api/departments/:id/archive') return fixtures[dept].bareDepartment;
      if (route === 'DELETE /api/numbers/:id') return fixtures[dept].bareNumber;
      const collection = /\/([\w-]+)\/:id/.exec(input.path)?.[1] ?? '';
      const key = COLLECTIONS[collection];
      if (!key) throw new Error(`${route}: no fixture for :id of "${collection}"; add it to COLLECTIONS`);
      return fixtures[dept][key];
    });
  }

  /** The response, and what was sent (ids the actor sent itself may be echoed back: that is no leak). */
  async function send(route: string, actor: ActorName, dept: 'sales' | 'hr') {
    const input = inputs.get(route)!;
    const m = input.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
    const path = pathFor(input, dept);
    const query = input.query
      ? (valueFor(input.query, '', dept, actor, route) as Record<string, string>)
      : {};
    const body = input.body ? (valueFor(input.body, '', dept, actor, route) as object) : undefined;
    let req = request(env.url)[m](path).query(query);
    if (actor !== 'anonymous') req = req.set('Authorization', `Bearer ${bearer[actor]}`);
    // The upload route takes a multipart file, not JSON: a tiny PNG.
    if (route === 'POST /api/conversations/:id/media')
      req = req.attach('file', Buffer.from('89504e470d0a1a0a', 'hex'), {
        filename: 'probe.png',
        contentType: 'image/png',
      });
    const res = await (body ? req.send(body) : req);
    const fields = JSON.stringify(query) + JSON.stringify(body ?? null);
    const fieldIds = Object.values(fixtures[dept]).filter((id) => fields.includes(id));
    return { res, sent: path + fields, fieldIds };
  }
  const takesAnyId = (i: RouteInput) =>
    i.params.some((p) => p.id) ||
    Boolean(i.query && takesId(i.query, '')) ||
    Boolean(i.body && takesId(i.body, ''));

  interface Probe {
    route: string;
    actor: ActorName;
    dept: 'sales' | 'hr';
    want: 'public' | 'allowed' | 'refused';
  }
  /**
   * Department A is sales for every actor; then HR (members-only) for the actors that hold powers everywhere,
   * on every route that takes an id.
   */
  function probes(): Probe[] {
    const out: Probe[] = [];
    const walks: ['sales' | 'hr', ActorName[]][] = [
      ['sales', Object.keys(ACTORS) as ActorName[]],
      ['hr', ['admin', 'tokenAll']],
    ];
    for (const [dept, actors] of walks)
      for (const actor of actors)
        for (const [route, access] of Object.entries(ROUTES)) {
          const want = expected(access, actor, dept);
          if (want === 'public' && actor !== 'anonymous') continue;
          const rows = access.kind === 'installation' && access.rows;
          if (dept === 'hr' && !takesAnyId(inputs.get(route)!) && !rows) continue;
          out.push({ route, actor, dept, want });
        }
    return out;
  }
  const leaks = (p: Probe, text: string, sent: string) =>
    holdsIn(p.actor, 'conversations.read', p.dept)
      ? []
      : secrets[p.dept].filter((s) => text.includes(s) && !sent.includes(s));
  /**
   * For a route whose answer lists rows of departments, run again without any filter: an actor who cannot read the
   * department must not find its rows' ids in the whole list.
   */
  async function rowLeaks(p: Probe): Promise<string[]> {
    const access = ROUTES[p.route];
    if (access.kind !== 'installation' || !access.rows || holdsIn(p.actor, 'conversations.read', p.dept))
      return [];
    const input = inputs.get(p.route)!;
    if (input.method !== 'GET' || input.params.length)
      throw new Error(`${p.route}: rows routes are plain lists`);
    // Every page of it, so rows written long before the probe count too.
    let text = '';
    let cursor: string | undefined;
    do {
      const res = await request(env.url)
        .get(input.path)
        .query(cursor ? { limit: 200, cursor } : { limit: 200 })
        .set('Authorization', `Bearer ${bearer[p.actor as Exclude<ActorName, 'anonymous'>]}`);
      if (res.status !== 200) return [`the whole list answered ${res.status}`];
      text += res.text;
      cursor = (res.body as { nextCursor?: string | null }).nextCursor ?? undefined;
    } while (cursor);
    return rowIds[p.dept].filter((id) => text.includes(id)).map((id) => `listed ${id}`);
  }

  it('every refusal is a 401/403/404 that changes no table, and leaks nothing', async () => {
    await settled();
    const failures: string[] = [];
    let before = await digest();
    const refused = probes().filter((p) => p.want !== 'allowed');
    for (const p of refused) {
      const { res, sent, fieldIds } = await send(p.route, p.actor, p.dept);
      const label = `${p.actor} ${p.route} [${p.dept}] → ${res.status}`;
      for (const s of leaks(p, res.text ?? '', sent)) failures.push(`${label}: leaked ${s}`);
      if (p.want === 'public') {
        if (res.status >= 500) failures.push(`${label}: public route failed`);
        before = await digest();
        continue;
      }
      // 400 is a refusal only when it names an id the request put in a query or body field as not found (what a
      // 404 is for a path id); a 400 about anything else means the probe never reached the access decision.
      const namesId = res.status === 400 && fieldIds.some((id) => res.text.includes(id));
      const ok = p.actor === 'anonymous' ? res.status === 401 : [403, 404].includes(res.status) || namesId;
      if (!ok) failures.push(`${label}, wanted a refusal: ${res.text.slice(0, 160)}`);
      const after = await digest();
      const diff = changed(before, after);
      if (diff.length) failures.push(`${label}: the refusal changed ${diff.join(', ')}`);
      // A request that was let through may have started background work: wait for it before the next baseline.
      if (!ok) await settled();
      before = ok ? after : await digest();
    }
    expect(failures).toEqual([]);
    expect(refused.length).toBeGreaterThan(300);
  }, 300_000);

  it('every allowed request answers 2xx and shows nothing of a department the actor cannot read', async () => {
    const failures: string[] = [];
    // Routes that end the caller's sessions run last: signing out elsewhere (which ends the seeded sessions
    // env.api() uses), then signing out everywhere (which ends the walk's own).
    const endsSessions = (p: Probe) =>
      p.route.endsWith('logout-all') ? 2 : p.route.endsWith('sign-out-others') ? 1 : 0;
    const allowed = probes()
      .filter((p) => p.want === 'allowed')
      .sort((a, b) => endsSessions(a) - endsSessions(b));
    for (const p of allowed) {
      const { res, sent } = await send(p.route, p.actor, p.dept);
      const label = `${p.actor} ${p.route} [${p.dept}] → ${res.status}`;
      if ((res.status < 200 || res.status > 299) && !businessRefusal(p.route, res))
        failures.push(`${label}, wanted 2xx: ${res.text.slice(0, 160)}`);
      if (p.route === 'POST /api/auth/mfa/setup' && res.body?.secret)
        mfaSecrets.set(p.actor, res.body.secret);
      for (const s of leaks(p, res.text ?? '', sent)) failures.push(`${label}: leaked ${s}`);
      for (const s of await rowLeaks(p)) failures.push(`${label}: ${s}`);
      // Deleting consumes the fixture: the next deletion gets a new one.
      if (p.route === 'DELETE /api/routing-rules/:id' && p.dept === 'sales')
        fixtures.sales.routingRule = await newRoutingRule(fixtures.sales.department);
      if (p.route === 'DELETE /api/sla-policies/:id' && p.dept === 'sales')
        fixtures.sales.slaPolicy = await newSlaPolicy(fixtures.sales.department);
      if (p.route === 'DELETE /api/quick-replies/:id' && p.dept === 'sales')
        fixtures.sales.quickReply = await newQuickReply(fixtures.sales.department);
      // A claim takes the conversation: back to the queue for the next claimer.
      // A reply or a take-over makes the caller its owner too: only the owner replies next.
      if (
        [
          'POST /api/conversations/:id/claim',
          'POST /api/conversations/:id/messages',
          'POST /api/conversations/:id/take-over',
        ].includes(p.route)
      )
        await env.query('update conversations set owner_user_id = null where id = $1', [
          fixtures[p.dept].conversation,
        ]);
      if (p.route === 'DELETE /api/teams/:id' && p.dept === 'sales')
        fixtures.sales.team = await newTeam(fixtures.sales.department);
      if (p.route === 'POST /api/numbers' && p.dept === 'sales' && res.status === 201)
        fixtures.sales.bareNumber = res.body.id as string;
      if (p.route === 'POST /api/departments/:id/archive' && p.dept === 'sales')
        fixtures.sales.bareDepartment = await bareDepartment();
      if (p.route === 'DELETE /api/api-tokens/:id' && p.dept === 'sales')
        fixtures.sales.apiToken = (await mintToken([fixtures.sales.department])).id;
    }
    expect(failures).toEqual([]);
    expect(allowed.length).toBeGreaterThan(100);
  }, 300_000);
});

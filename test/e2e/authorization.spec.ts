import { ActorKey, createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { DEPARTMENT_PERMISSIONS, RoutePermissions, RouteRule } from '@switchboard/identity';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from './helpers';

/**
 * Generated authorization test: every route of the router's own table × every actor. A new route is covered the
 * moment it exists: the table comes from Express, and a route the test has no fixture for fails the suite.
 */

type TokenKey = 'tokenScoped' | 'tokenUnscoped';
type Actor = ActorKey | TokenKey | 'anonymous';
const ACTORS: Actor[] = [
  'anonymous',
  'salesAgent',
  'supportAgent',
  'salesSupervisor',
  'viewer',
  'admin',
  'tokenScoped',
  'tokenUnscoped',
];

/**
 * What each actor holds, written out independently of the product's tables (roles from seed-actors, tokens from
 * beforeAll below). Every resource the walk touches belongs to department A (sales).
 */
const AGENT = ['conversations.read', 'conversations.reply', 'media.read'];
const AGENT_ROLE = [...AGENT, 'cards.write', 'teams.read'];
const SUPERVISOR = [...AGENT_ROLE, 'teams.manage'];
const VIEWER = ['conversations.read', 'media.read', 'teams.read'];
const GRANTS: Record<
  Exclude<Actor, 'anonymous'>,
  { admin?: boolean; user: boolean; sales: string[]; anywhere: string[] }
> = {
  admin: { admin: true, user: true, sales: [], anywhere: [] },
  salesSupervisor: { user: true, sales: SUPERVISOR, anywhere: SUPERVISOR },
  salesAgent: { user: true, sales: AGENT_ROLE, anywhere: AGENT_ROLE },
  supportAgent: { user: true, sales: [], anywhere: AGENT_ROLE },
  viewer: { user: true, sales: VIEWER, anywhere: VIEWER },
  tokenScoped: { user: false, sales: AGENT, anywhere: AGENT },
  tokenUnscoped: { user: false, sales: [], anywhere: ['media.read'] },
};
/** Actors that may see department B (support) conversations. */
const SEES_SUPPORT: Actor[] = ['supportAgent', 'admin'];
const holdsAnywhere = (actor: Exclude<Actor, 'anonymous'>, p: string) =>
  Boolean(GRANTS[actor].admin) || GRANTS[actor].anywhere.includes(p);
const holdsInSales = (actor: Exclude<Actor, 'anonymous'>, p: string) =>
  Boolean(GRANTS[actor].admin) || GRANTS[actor].sales.includes(p);

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

describe('authorization: every route × every actor', () => {
  let env: TestEnvironment;
  let routes: RouteRule[];
  const fixtures: Record<string, string> = {};
  let tokens: Record<Exclude<Actor, 'anonymous'>, string>;

  beforeAll(async () => {
    env = await createTestEnvironment({
      config: { plugins: { enabled: ['./dist/test/fixtures/plugins/recorder'] } },
    });
    routes = [...env.app.get(RoutePermissions).routes()];

    // Resources of department A (sales): a conversation with a stored document, its message, its raw event.
    const bytes = Buffer.from('%PDF-1.4 authz');
    const { wamid } = await env.sandbox
      .customer('5511944440001', { phoneNumberId: env.numbers.sales.phoneNumberId })
      .document({ filename: 'a.pdf', mimeType: 'application/pdf', bytes });
    const row = await waitFor(
      async () =>
        (
          await env.query<{ id: string; conversation_id: string; inbound_event_id: string }>(
            `select id, conversation_id, inbound_event_id from messages where wamid = $1 and media->>'state' = 'stored'`,
            [wamid],
          )
        )[0],
      { what: 'sales document stored' },
    );
    fixtures.conversation = row.conversation_id;
    fixtures.message = row.id;
    fixtures.event = row.inbound_event_id;
    fixtures.card = (
      await env.query<{ id: string; pipeline_id: string }>(
        'select id, pipeline_id from cards where conversation_id = $1',
        [row.conversation_id],
      )
    )[0].id;
    fixtures.pipeline = (
      await env.query<{ id: string }>('select id from pipelines where department_id = $1 and is_default', [
        env.numbers.sales.departmentId,
      ])
    )[0].id;
    // The recorder's card action needs the plugin on the card's number.
    await env
      .api()
      .put(`/api/numbers/${env.numbers.sales.id}/plugins/fixture-recorder`)
      .send({ enabled: true })
      .expect(200);
    // Department B (support): a conversation whose id and customer must never reach anyone without a role there.
    await env.sandbox
      .customer('5511944449999', { phoneNumberId: env.numbers.support.phoneNumberId })
      .text('segredo do suporte');
    fixtures.supportConversation = (
      await waitFor(
        async () =>
          (
            await env.query<{ id: string }>('select id from conversations where department_id = $1', [
              env.numbers.support.departmentId,
            ])
          )[0],
        { what: 'support conversation' },
      )
    ).id;
    const target = await env
      .api()
      .post('/api/users')
      .send({ email: 'target@test.switchboard', name: 'Target', password: 'a-long-password-1' })
      .expect(201);
    fixtures.user = target.body.id;
    fixtures.team = await newSalesTeam();
    fixtures.apiToken = (
      await env
        .api()
        .post('/api/api-tokens')
        .send({ name: 'throwaway', permissions: ['media.read'], allDepartments: true })
        .expect(201)
    ).body.id;

    // Fresh sign-ins, so routes that end sessions (logout-all) do not disturb other suites' tokens.
    tokens = {} as Record<Exclude<Actor, 'anonymous'>, string>;
    const mint = async (permissions: string[], departmentIds: string[]) =>
      (
        await env
          .api()
          .post('/api/api-tokens')
          .send({ name: `authz ${permissions.join(',')}`, permissions, departmentIds })
          .expect(201)
      ).body.token as string;
    tokens.tokenScoped = await mint(AGENT, [env.numbers.sales.departmentId]);
    tokens.tokenUnscoped = await mint(['media.read'], [env.numbers.support.departmentId]);
    for (const key of ['admin', 'salesSupervisor', 'salesAgent', 'supportAgent', 'viewer'] as ActorKey[]) {
      const r = await env
        .anonymous()
        .post('/api/auth/login')
        .send({ email: env.users[key].email, password: env.users[key].password })
        .expect(200);
      tokens[key] = r.body.accessToken;
    }
  });
  afterAll(async () => {
    await env?.close();
  });

  it('the access table covers exactly the routes Express serves (outside the API docs)', () => {
    const app = env.app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
    const served = app.router.stack
      .filter((l) => l.route && !l.route.path.startsWith('/api/docs'))
      .flatMap((l) => Object.keys(l.route!.methods).map((m) => `${m.toUpperCase()} ${l.route!.path}`))
      .sort();
    const declared = routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(served).toEqual(declared);
    expect(served.length).toBeGreaterThan(15);
  });

  let teamSeq = 0;
  it('only the explicit allowlist is reachable without credentials', () => {
    const publicRoutes = routes
      .filter((r) => r.access === 'public')
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(publicRoutes).toEqual(
      [
        'GET /health/live',
        'GET /health/ready',
        'GET /webhooks/whatsapp',
        'POST /api/auth/login',
        'POST /api/auth/refresh',
        'POST /api/auth/logout',
        'POST /api/auth/accept',
        'POST /api/auth/mfa/verify',
        'POST /api/auth/mfa/challenge',
        'GET /api/auth/providers',
        'GET /api/auth/oidc/:provider/start',
        'GET /api/auth/oidc/:provider/callback',
      ].sort(),
    );
  });

  // Fixtures are made with an API token: the walk's logout-all probes end every admin session.
  let fixtureToken = '';
  async function newSalesTeam(): Promise<string> {
    if (!fixtureToken)
      fixtureToken = (
        await env
          .api()
          .post('/api/api-tokens')
          .send({ name: 'fixtures', permissions: ['teams.manage', 'teams.read'], allDepartments: true })
          .expect(201)
      ).body.token;
    const r = await request(env.url)
      .post('/api/teams')
      .set('Authorization', `Bearer ${fixtureToken}`)
      .send({ departmentId: env.numbers.sales.departmentId, name: `fixture team ${++teamSeq}` })
      .expect(201);
    return r.body.id as string;
  }

  /** Path parameters come from the resource the route is about, always in department A (sales). */
  function fill(path: string): string {
    return path.replace(/:(\w+)/g, (_m, name: string) => {
      if (name === 'provider') return 'not-configured';
      if (name === 'pluginId') return 'fixture-recorder';
      if (name === 'numberId') return env.numbers.sales.id;
      if (name === 'action') return 'record';
      if (path.startsWith('/api/pipelines')) return fixtures.pipeline;
      if (path.startsWith('/api/cards')) return fixtures.card;
      if (path.startsWith('/api/conversations')) return fixtures.conversation;
      if (path.startsWith('/api/messages')) return fixtures.message;
      if (path.startsWith('/api/inbound-events')) return fixtures.event;
      if (path.startsWith('/api/users')) return fixtures.user;
      if (path.startsWith('/api/api-tokens')) return fixtures.apiToken;
      if (path.startsWith('/api/teams')) return fixtures.team;
      throw new Error(`no fixture for ${path}: add one so the new route is covered`);
    });
  }

  function body(rule: RouteRule, actor: Actor): object | undefined {
    if (rule.path === '/api/conversations/:id/messages' && rule.method === 'POST')
      return { type: 'text', text: `authz probe by ${actor}` };
    if (rule.path === '/api/users' && rule.method === 'POST')
      return {
        email: `made-by-${actor.toLowerCase()}@test.switchboard`,
        name: 'Made',
        password: 'a-long-password-1',
      };
    if (rule.path === '/api/api-tokens' && rule.method === 'POST')
      return { name: `made by ${actor}`, permissions: ['media.read'], allDepartments: true };
    if (rule.path === '/api/teams' && rule.method === 'POST')
      return { departmentId: env.numbers.sales.departmentId, name: `team by ${actor}` };
    if (rule.path === '/api/teams/:id/members') return { userIds: [] };
    if (rule.path === '/api/numbers/:numberId/plugins/:pluginId') return { enabled: true };
    if (rule.path === '/api/cards/:id/move') return { stage: 'in_progress' };
    if (rule.path === '/api/cards/:id/notes') return { text: `note by ${actor}` };
    if (rule.path === '/api/cards/:id' && rule.method === 'PATCH') return { title: `renamed by ${actor}` };
    if (rule.method === 'PATCH') return { name: `renamed by ${actor}` };
    return undefined;
  }

  async function send(rule: RouteRule, actor: Actor): Promise<request.Response> {
    const agent = request(env.url);
    const url = fill(rule.path);
    const m = rule.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
    let req = agent[m](url);
    if (actor !== 'anonymous') req = req.set('Authorization', `Bearer ${tokens[actor]}`);
    const b = body(rule, actor);
    return b ? req.send(b) : req;
  }

  /** What the actor must get, from the route's declared access and the actor's roles. */
  function expected(rule: RouteRule, actor: Actor): 'ok' | 401 | 403 | 404 | 'public' {
    if (rule.access === 'public') return 'public';
    if (actor === 'anonymous') return 401;
    if (rule.access === 'authenticated') return GRANTS[actor].user ? 'ok' : 403;
    if (!holdsAnywhere(actor, rule.access)) return 403;
    const aboutOneResource = rule.path.includes(':id');
    const departmental = (DEPARTMENT_PERMISSIONS as readonly string[]).includes(rule.access);
    if (aboutOneResource && departmental && !holdsInSales(actor, rule.access))
      return holdsInSales(actor, 'conversations.read') ? 403 : 404;
    return 'ok';
  }

  it('lists only return the departments the actor may read, whatever department id is asked for', async () => {
    await env.sandbox
      .customer('5511944440002', { phoneNumberId: env.numbers.support.phoneNumberId })
      .text('suporte, por favor');
    await waitFor(async () => (await count(env, 'messages', `body = 'suporte, por favor'`)) === 1);
    const list = async (actor: ActorKey, query = '') =>
      (
        await env
          .anonymous()
          .get(`/api/conversations${query}`)
          .set('Authorization', `Bearer ${env.users[actor].token}`)
          .expect(200)
      ).body.items as { department: { key: string } }[];

    const supportSees = await list('supportAgent');
    expect(supportSees.length).toBeGreaterThan(0);
    expect(new Set(supportSees.map((c) => c.department.key))).toEqual(new Set(['support']));
    expect(await list('supportAgent', `?departmentId=${env.numbers.sales.departmentId}`)).toEqual([]);
    expect(new Set((await list('viewer')).map((c) => c.department.key))).toEqual(new Set(['sales']));
    expect(new Set((await list('admin')).map((c) => c.department.key))).toEqual(
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
      .send({ type: 'text', text: 'citando outra área', replyToMessageId: fixtures.message })
      .expect(400);
    expect(r.body.message).toMatch(/replyToMessageId/);
    expect(await count(env, 'messages')).toBe(before);
  });
  // Last: its logout-all probes end every session of each actor.
  it('each actor gets exactly what its roles allow, and a refusal changes nothing', async () => {
    // Routes that end the caller's sessions run last.
    const ordered = [...routes].sort(
      (a, b) => Number(a.path.endsWith('logout-all')) - Number(b.path.endsWith('logout-all')),
    );
    const failures: string[] = [];
    let checked = 0;
    for (const actor of ACTORS) {
      for (const rule of ordered) {
        const want = expected(rule, actor);
        // Deleting a team consumes it: each probe gets its own.
        if (rule.method === 'DELETE' && rule.path === '/api/teams/:id') fixtures.team = await newSalesTeam();
        const repliesBefore = await count(env, 'messages', `body = $1`, [`authz probe by ${actor}`]);
        const usersBefore = await count(env, 'users');
        const teamsBefore = await count(env, 'teams');
        const res = await send(rule, actor);
        const got = res.status;
        checked++;
        const label = `${actor} ${rule.method} ${rule.path} (${rule.access}) → ${got}, wanted ${want}`;
        // Whatever the route, nothing of department B reaches an actor without a role there.
        if (!SEES_SUPPORT.includes(actor) && got < 300) {
          const text = res.text ?? '';
          for (const secret of [fixtures.supportConversation, '5511944449999', 'segredo do suporte'])
            if (text.includes(secret)) failures.push(`${label}: leaked department B data (${secret})`);
        }
        if (want === 'public') {
          if (got >= 500) failures.push(label);
          continue;
        }
        if (want === 'ok' ? [401, 403, 404].includes(got) || got >= 500 : got !== want) failures.push(label);
        if (want !== 'ok') {
          // Refused: no reply written, no user created.
          if ((await count(env, 'messages', `body = $1`, [`authz probe by ${actor}`])) !== repliesBefore)
            failures.push(`${label}: a refused reply was written`);
          if ((await count(env, 'users')) !== usersBefore)
            failures.push(`${label}: a refused request created a user`);
          if ((await count(env, 'teams')) !== teamsBefore)
            failures.push(`${label}: a refused request changed teams`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBe(ACTORS.length * routes.length);
  }, 120_000);
});

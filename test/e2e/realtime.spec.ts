import { INestApplication } from '@nestjs/common';
import { createApp } from '@switchboard/api';
import { Realtime, RealtimeEnvelope, SecretBox } from '@switchboard/engine';
import { createTestEnvironment, freePort, TestEnvironment, waitFor } from '@switchboard/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import jwt from 'jsonwebtoken';
import { AddressInfo } from 'node:net';
import { io, Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The websocket gateway through real sockets: the handshake takes the REST API's access token, rooms follow the
 * access scope (and so do events), a revoked session is dropped, and an event emitted in one api process reaches a
 * socket connected to another one (two Nest applications on one PostgreSQL, each with its own Socket.IO adapter
 * and connections: what crosses between them goes through PostgreSQL).
 */
let env: TestEnvironment;
let second: INestApplication;
let secondUrl: string;
const sockets: Socket[] = [];

interface Ready {
  rooms: string[];
}

function open(url: string, token: string | undefined, headers: Record<string, string> = {}): Socket {
  const socket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: token === undefined ? {} : { token },
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  return socket;
}

/** Connects and waits for the gateway's `ready` (rooms joined); every event received is kept in `seen`. */
async function connect(
  url: string,
  token: string,
): Promise<{ socket: Socket; ready: Ready; seen: RealtimeEnvelope[] }> {
  const socket = open(url, token);
  const seen: RealtimeEnvelope[] = [];
  socket.onAny((_event: string, payload: RealtimeEnvelope) => {
    if (payload && typeof payload === 'object' && 'cursor' in payload) seen.push(payload);
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    socket.once('ready', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, ready, seen };
}

function refusal(
  url: string,
  token: string | undefined,
  headers: Record<string, string> = {},
): Promise<string> {
  const socket = open(url, token, headers);
  return new Promise((resolve, reject) => {
    socket.once('connect_error', (e) => resolve(e.message));
    socket.once('connect', () => reject(new Error('the socket was accepted')));
  });
}

/** `promise`, or a failure naming `what` after `ms` (so a missing drop fails fast instead of at the test timeout). */
const within = <T>(promise: Promise<T>, what: string, ms = 5000): Promise<T> =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms)),
  ]);

const join = (socket: Socket, body: unknown) =>
  socket.emitWithAck('join', body) as Promise<{
    ok: boolean;
    status?: number;
    error?: string;
    room?: string;
  }>;

beforeAll(async () => {
  // Only a revocation notice can drop a socket within these tests: the periodic re-check is an hour away.
  env = await createTestEnvironment({ config: { realtime: { revalidateSeconds: 3600 } } });
  second = await createApp(env.runtime, { worker: false });
  await second.listen(0, '127.0.0.1');
  secondUrl = `http://127.0.0.1:${(second.getHttpServer().address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await second?.close();
  await env?.close();
});

describe('websocket handshake', () => {
  const claims = () => jwt.decode(env.users.salesAgent.token) as { sub: string; sid: string };
  const signingKey = () => new SecretBox(env.runtime.encryptionKey).deriveKey('switchboard/access-token/v1');

  it('refuses a missing, expired, forged or unknown token, naming the problem', async () => {
    expect(await refusal(env.url, undefined)).toBe('a valid access token is required: no access token');

    const { sub, sid } = claims();
    const base = { sub, sid, iss: 'switchboard', aud: 'switchboard-api' };
    const expired = jwt.sign({ ...base, exp: Math.floor(Date.now() / 1000) - 60 }, signingKey(), {
      algorithm: 'HS256',
    });
    expect(await refusal(env.url, expired)).toBe('a valid access token is required: jwt expired');

    const forged = jwt.sign(base, 'not-the-installation-key', { algorithm: 'HS256', expiresIn: 600 });
    expect(await refusal(env.url, forged)).toBe('a valid access token is required: invalid signature');

    expect(await refusal(env.url, 'sbt_unknown')).toBe(
      'a valid access token is required: API token is unknown, revoked or expired, or its creator is disabled',
    );
  });

  it('refuses a browser handshake from another origin', async () => {
    const message = await refusal(env.url, env.users.salesAgent.token, { Origin: 'https://evil.example' });
    expect(message).not.toBe('');
    const own = await connect(env.url, env.users.salesAgent.token);
    const { sales } = env.numbers;
    // Its department's room, and the user's own room there (events addressed to them, still department-scoped).
    expect(own.ready.rooms).toEqual([
      `department:${sales.departmentId}`,
      `user:${env.users.salesAgent.id}:department:${sales.departmentId}`,
    ]);
  });
});

describe('content security policy', () => {
  const connectSrc = (csp: string) =>
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .find(([name]) => name === 'connect-src')
      ?.slice(1);

  it('lets pages connect to the socket path of their own origin, and nowhere else', async () => {
    const host = new URL(env.url).host;
    const r = await env.anonymous().get('/api/health');
    expect(connectSrc(String(r.headers['content-security-policy']))).toEqual([
      "'self'",
      `ws://${host}/socket.io/`,
    ]);
    // A Host header that is not a plain host name is never written into the policy.
    const odd = await env.anonymous().get('/api/health').set('Host', 'a.example; script-src *');
    expect(connectSrc(String(odd.headers['content-security-policy']))).toEqual(["'self'", "'self'"]);
  });
});

describe('rooms and events', () => {
  it('puts a socket in the departments it may read, refuses others like a 404, and never delivers their events', async () => {
    const { sales, support, hr } = env.numbers;
    const supportAgent = await connect(env.url, env.users.supportAgent.token);
    expect(supportAgent.ready.rooms).toEqual([
      `department:${support.departmentId}`,
      `user:${env.users.supportAgent.id}:department:${support.departmentId}`,
    ]);

    // Asking for another department's room, or a made-up one, reads as not found (as GET /api/departments/:id).
    expect(await join(supportAgent.socket, { department: sales.departmentId })).toEqual({
      ok: false,
      status: 404,
      error: `department ${sales.departmentId} not found`,
    });
    expect(await join(supportAgent.socket, { room: 'department:x' })).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await join(supportAgent.socket, { department: support.departmentId })).toEqual({
      ok: true,
      room: `department:${support.departmentId}`,
    });

    // The admin sees every department: the test environment has no members-only one.
    const admin = await connect(env.url, env.users.admin.token);
    const every = [sales.departmentId, support.departmentId, hr.departmentId];
    expect(new Set(admin.ready.rooms)).toEqual(
      new Set([
        ...every.map((d) => `department:${d}`),
        ...every.map((d) => `user:${env.users.admin.id}:department:${d}`),
      ]),
    );

    const realtime = env.app.get(Realtime);
    const secret = await realtime.emit({
      type: 'message.created',
      departmentId: sales.departmentId,
      data: { body: 'sales only' },
    });
    const marker = await realtime.emit({
      type: 'message.created',
      departmentId: support.departmentId,
      data: { body: 'marker' },
    });
    const live = (cursor: string) => Number(/^live:(\d+)$/.exec(cursor)?.[1]);
    expect(live(marker)).toBeGreaterThan(live(secret));

    // One channel, in order: once the later marker is in, the earlier sales event would have been too.
    await waitFor(() => supportAgent.seen.some((e) => e.cursor === marker), { what: 'support marker' });
    expect(supportAgent.seen.map((e) => e.data.body)).toEqual(['marker']);
    await waitFor(() => admin.seen.some((e) => e.cursor === marker), { what: 'admin marker' });
    expect(admin.seen.map((e) => e.data.body)).toEqual(['sales only', 'marker']);
    expect(admin.seen[0]).toEqual({
      type: 'message.created',
      departmentId: sales.departmentId,
      data: { body: 'sales only' },
      cursor: secret,
      at: expect.any(String),
    });
  });

  it('sends a conversation event to the conversation room as well, once to a socket in both rooms', async () => {
    const { sales, support } = env.numbers;
    const conversationId = '00000000-0000-7000-8000-00000000000a';
    const supportAgent = await connect(env.url, env.users.supportAgent.token);
    const admin = await connect(env.url, env.users.admin.token);
    // An unknown conversation is refused like one of another department (the same 404).
    expect(await join(supportAgent.socket, { conversation: conversationId })).toEqual({
      ok: false,
      status: 404,
      error: `conversation ${conversationId} not found`,
    });
    const realtime = env.app.get(Realtime);
    const event = await realtime.emit({
      type: 'conversation.updated',
      departmentId: sales.departmentId,
      conversationId,
      data: { stage: 'new' },
    });
    const marker = await realtime.emit({ type: 'marker', departmentId: support.departmentId, data: {} });
    await waitFor(() => admin.seen.some((e) => e.cursor === marker), { what: 'admin marker' });
    expect(admin.seen.filter((e) => e.cursor === event)).toHaveLength(1);
    await waitFor(() => supportAgent.seen.some((e) => e.cursor === marker), { what: 'support marker' });
    expect(supportAgent.seen.map((e) => e.cursor)).toEqual([marker]);
  });

  it('delivers an event emitted in one api process to a socket connected to another', async () => {
    const { sales } = env.numbers;
    const onSecond = await connect(secondUrl, env.users.salesAgent.token);
    const cursor = await env.app.get(Realtime).emit({
      type: 'conversation.updated',
      departmentId: sales.departmentId,
      data: { stage: 'new' },
    });
    const got = await waitFor(() => onSecond.seen.find((e) => e.cursor === cursor), {
      what: 'cross-process',
    });
    expect(got).toMatchObject({ type: 'conversation.updated', data: { stage: 'new' } });

    // And the other way, with a payload over NOTIFY's 8000-byte limit (it travels in the attachment table).
    const onFirst = await connect(env.url, env.users.salesAgent.token);
    const big = 'x'.repeat(20_000);
    const back = await second.get(Realtime).emit({
      type: 'conversation.updated',
      departmentId: sales.departmentId,
      data: { note: big },
    });
    const large = await waitFor(() => onFirst.seen.find((e) => e.cursor === back), {
      what: 'cross-process back',
    });
    expect(large.data.note).toBe(big);
  });
});

describe('domain events on sockets', () => {
  it('a customer message reaches an agent socket on another api process than the one that took the webhook', async () => {
    const { sales, support } = env.numbers;
    const salesAgent = await connect(secondUrl, env.users.salesAgent.token);
    const supportAgent = await connect(secondUrl, env.users.supportAgent.token);

    const { wamid } = await env.sandbox
      .customer('5511977770001', { phoneNumberId: sales.phoneNumberId })
      .text('Oi, alguém aí?');
    const created = await waitFor(
      () => salesAgent.seen.find((e) => e.type === 'message.created' && e.data.change === 'message.received'),
      { what: 'message.created on the second process' },
    );
    const [message] = await env.query<{ id: string; conversation_id: string }>(
      'select id, conversation_id from messages where wamid = $1',
      [wamid],
    );
    expect(created).toMatchObject({
      departmentId: sales.departmentId,
      conversationId: message.conversation_id,
      data: {
        change: 'message.received',
        messageId: message.id,
        conversationId: message.conversation_id,
        numberId: sales.id,
        departmentId: sales.departmentId,
      },
    });
    // The domain event's stream position is the cursor.
    expect(created.cursor).toMatch(/^\d+:\d+$/);
    expect(salesAgent.seen.find((e) => e.type === 'conversation.created')).toMatchObject({
      conversationId: message.conversation_id,
      data: { change: 'conversation.opened' },
    });

    // A later customer message in support is the marker: the support socket has it and nothing of sales.
    await env.sandbox
      .customer('5511977770002', { phoneNumberId: support.phoneNumberId })
      .text('suporte, por favor');
    await waitFor(() => supportAgent.seen.some((e) => e.data.change === 'message.received'), {
      what: 'support marker',
    });
    expect(new Set(supportAgent.seen.map((e) => e.departmentId))).toEqual(new Set([support.departmentId]));
  });
});

describe('a burst of domain events on sockets', () => {
  it('reaches a socket on another api process once each, in stream order, a conversation before its message', async () => {
    const { support } = env.numbers;
    const agent = await connect(secondUrl, env.users.supportAgent.token);
    const customers = Array.from({ length: 24 }, (_, i) => `55119777710${String(i).padStart(2, '0')}`);
    // Sent together: the relay gets them in few delivery batches, each published as one message run.
    const sent = await Promise.all(
      customers.map((c) =>
        env.sandbox.customer(c, { phoneNumberId: support.phoneNumberId }).text(`rajada ${c}`),
      ),
    );
    const messages = await waitFor(
      async () => {
        const rows = await env.query<{ id: string; conversation_id: string }>(
          'select id, conversation_id from messages where wamid = any($1)',
          [sent.map((s) => s.wamid)],
        );
        return rows.length === 24 ? rows : null;
      },
      { what: 'the 24 messages stored' },
    );
    const created = (id: string) =>
      agent.seen.filter((e) => e.type === 'message.created' && e.data.messageId === id);
    await waitFor(() => messages.every((m) => created(m.id).length > 0), { what: 'every message.created' });
    for (const m of messages) {
      expect(created(m.id)).toHaveLength(1);
      const opened = agent.seen.findIndex(
        (e) => e.type === 'conversation.created' && e.conversationId === m.conversation_id,
      );
      expect(opened).toBeGreaterThanOrEqual(0);
      expect(opened).toBeLessThan(agent.seen.indexOf(created(m.id)[0]));
    }
    // Stream positions (`<xid>:<seq>`) only grow along what one socket receives.
    const positions = agent.seen.map((e) => e.cursor.split(':').map(BigInt));
    for (let i = 1; i < positions.length; i++) {
      const [[x0, s0], [x1, s1]] = [positions[i - 1], positions[i]];
      expect(
        x1 > x0 || (x1 === x0 && s1 > s0),
        `${agent.seen[i].cursor} after ${agent.seen[i - 1].cursor}`,
      ).toBe(true);
    }
  });
});

describe('a built api process', () => {
  let api: ChildProcess | undefined;
  let apiUrl: string;
  let output = '';

  beforeAll(async () => {
    const entry = 'dist/apps/api/src/main.js';
    expect(existsSync(entry), 'run npm run build first (npm test does)').toBe(true);
    const port = await freePort();
    apiUrl = `http://127.0.0.1:${port}`;
    // An api-only process on the same database and key: the webhook is taken and relayed by the test's app.
    api = spawn(process.execPath, [entry], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(port),
        DATABASE_URL: env.runtime.databaseUrl,
        REDIS_URL: '',
        SWITCHBOARD_ENCRYPTION_KEY: env.runtime.encryptionKey,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    api.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    // Ready, or exited: a process that died at boot fails here at once, with its own output.
    const state = await waitFor(
      async () =>
        api?.exitCode !== null
          ? 'exited'
          : (await fetch(`${apiUrl}/health/live`)
              .then((r) => r.ok)
              .catch(() => false)) && 'ready',
      { timeoutMs: 30_000, what: 'spawned api ready' },
    ).catch((e: unknown) => {
      throw new Error(`${String(e)}\napi output:\n${output}`);
    });
    if (state !== 'ready') throw new Error(`the api exited (${String(api.exitCode)}) at boot:\n${output}`);
  });

  afterAll(async () => {
    if (!api || api.exitCode !== null) return;
    const exited = new Promise((resolve) => api?.once('exit', resolve));
    api.kill('SIGTERM');
    await exited;
  });

  it('a customer message reaches an agent socket on another OS process', async () => {
    const agent = await connect(apiUrl, env.users.salesAgent.token).catch((e: unknown) => {
      throw new Error(`${String(e)}\n${output}`);
    });
    const { wamid } = await env.sandbox
      .customer('5511977770003', { phoneNumberId: env.numbers.sales.phoneNumberId })
      .text('chegou?');
    const [message] = await waitFor(() =>
      env.query<{ id: string }>('select id from messages where wamid = $1', [wamid]),
    );
    const got = await waitFor(() => agent.seen.find((e) => e.data.messageId === message.id), {
      what: 'message.created on the spawned api',
    });
    expect(got).toMatchObject({ type: 'message.created', departmentId: env.numbers.sales.departmentId });
  });
});

describe('revocation', () => {
  it('an API token socket is in its own departments and is dropped when the token is revoked', async () => {
    const made = await env
      .api()
      .post('/api/api-tokens')
      .send({
        name: 'wallboard',
        permissions: ['conversations.read'],
        departmentIds: [env.numbers.support.departmentId],
      })
      .expect(201);
    const { socket, ready } = await connect(env.url, made.body.token as string);
    expect(ready.rooms).toEqual([`department:${env.numbers.support.departmentId}`]);
    const revoked = new Promise((resolve) => socket.once('access.revoked', resolve));
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await env
      .api()
      .delete(`/api/api-tokens/${made.body.id as string}`)
      .expect(204);
    await within(revoked, 'access.revoked');
    expect(await within(closed, 'disconnect')).toBe('io server disconnect');
  });

  it('drops a socket when its session is signed out, on any api process', async () => {
    const { socket } = await connect(secondUrl, env.users.salesSupervisor.token);
    const revoked = new Promise<{ error: string }>((resolve) => socket.once('access.revoked', resolve));
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await env.as('salesSupervisor').post('/api/auth/logout-all').expect(200);
    expect(await within(revoked, 'access.revoked')).toEqual({
      error: 'the session was signed out or revoked, or the account disabled',
    });
    expect(await within(closed, 'disconnect')).toBe('io server disconnect');
    expect(await refusal(env.url, env.users.salesSupervisor.token)).toBe(
      'a valid access token is required: session was signed out or the account is disabled',
    );
  });
});

import { EntityManager } from '@mikro-orm/postgresql';
import { INestApplication } from '@nestjs/common';
import { createApp } from '@switchboard/api';
import { Clock, DomainEvents, RealtimeEnvelope, SecretBox } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { after, ask, closeAll, connect, disconnect, RoomAck, settled } from './support/realtime-client';

/**
 * The rest of the websocket gateway through real sockets on two api processes (two Nest applications on one
 * PostgreSQL): resync after a reconnect, availability that follows the sockets (offline after the last one closes,
 * away when idle), typing and viewing presence, the previous owner told of a take-over, and conversation rooms
 * that follow a transfer.
 */
let env: TestEnvironment;
let second: INestApplication;
let secondUrl: string;

beforeAll(async () => {
  env = await createTestEnvironment({
    config: {
      realtime: {
        revalidateSeconds: 3600,
        offlineGraceSeconds: 0.5,
        heartbeatSeconds: 0.2,
        connectionTtlSeconds: 5,
        idleAwayMinutes: 1,
        typingSeconds: 1,
      },
      testing: { clock: 'controllable' },
    },
  });
  second = await createApp(env.runtime, { worker: false });
  await second.listen(0, '127.0.0.1');
  secondUrl = `http://127.0.0.1:${(second.getHttpServer().address() as AddressInfo).port}`;
});

afterAll(async () => {
  closeAll();
  await second?.close();
  await env?.close();
});

let phone = 5511966660000;
/** A customer message to a department's number, from a new customer each time unless `from` is given. */
async function customerWrites(dept: 'sales' | 'support', text: string, from = String(++phone)) {
  const { wamid } = await env.sandbox
    .customer(from, { phoneNumberId: env.numbers[dept].phoneNumberId })
    .text(text);
  return { wamid, from };
}

async function conversationOf(wamid: string): Promise<string> {
  const row = await waitFor(
    async () =>
      (
        await env.query<{ conversation_id: string }>(
          'select conversation_id from messages where wamid = $1',
          [wamid],
        )
      )[0],
    { what: `message ${wamid} stored` },
  );
  return row.conversation_id;
}

interface Page {
  events: RealtimeEnvelope[];
  nextCursor: string;
  more: boolean;
}

/** Every page of GET /api/realtime/events after `cursor`, `limit` at a time. */
async function resync(
  token: string,
  cursor: string,
  limit: number,
): Promise<{ events: RealtimeEnvelope[]; pages: number }> {
  const events: RealtimeEnvelope[] = [];
  let pages = 0;
  for (let next = cursor, more = true; more; pages++) {
    const r = await env
      .anonymous()
      .get('/api/realtime/events')
      .query({ after: next, limit })
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const page = r.body as Page;
    expect(page.events.length).toBeLessThanOrEqual(limit);
    events.push(...page.events);
    ({ nextCursor: next, more } = page);
  }
  return { events, pages };
}

const cursors = (events: RealtimeEnvelope[]) => events.map((e) => e.cursor);
const streamOnly = (events: RealtimeEnvelope[]) => events.filter((e) => /^\d+:\d+$/.test(e.cursor));

describe('resync after a reconnect', () => {
  it('returns exactly the missed events of the caller departments, in order, then live events go on without a gap or a duplicate', async () => {
    const { sales, support } = env.numbers;
    const token = env.users.salesAgent.token;
    const witness = await connect(env.url, token);
    let agent = await connect(secondUrl, token);

    const first = await customerWrites('sales', 'primeira mensagem');
    await conversationOf(first.wamid);
    await settled(env);
    const lastWitnessed = await waitFor(() => streamOnly(witness.seen).at(-1)?.cursor, {
      what: 'witness events',
    });
    await waitFor(() => agent.seen.some((e) => e.cursor === lastWitnessed), { what: 'agent caught up' });
    const lastSeen = streamOnly(agent.seen).at(-1)!.cursor;
    await disconnect(agent);

    // While the agent is away: three customer messages in sales, two in support.
    const missed = [
      await customerWrites('sales', 'um', first.from),
      await customerWrites('sales', 'dois', first.from),
      await customerWrites('sales', 'três'),
    ];
    await customerWrites('support', 'suporte um');
    await customerWrites('support', 'suporte dois');
    await settled(env);

    const { events, pages } = await resync(token, lastSeen, 2);
    expect(pages).toBeGreaterThan(1);
    // By hand: the three sales messages, as message.created of a received message, and nothing of support.
    const received = events.filter(
      (e) => e.type === 'message.created' && e.data.change === 'message.received',
    );
    const ids = await env.query<{ id: string }>(
      'select id from messages where wamid = any($1) order by created_at, id',
      [missed.map((m) => m.wamid)],
    );
    expect(received.map((e) => e.data.messageId)).toEqual(ids.map((r) => r.id));
    expect(new Set(events.map((e) => e.departmentId))).toEqual(new Set([sales.departmentId]));
    expect(events.every((e) => after(e.cursor, lastSeen))).toBe(true);
    // The same envelopes a socket that stayed connected received, oldest first.
    await waitFor(() => witness.seen.some((e) => e.cursor === events.at(-1)!.cursor), {
      what: 'witness has them',
    });
    const live = streamOnly(witness.seen).filter((e) => after(e.cursor, lastSeen));
    expect(events).toEqual(live);

    // Reconnected (after the resync caught up), live events follow on with nothing missed or repeated.
    agent = await connect(secondUrl, token);
    const later = await customerWrites('sales', 'quatro', first.from);
    await conversationOf(later.wamid);
    const [laterId] = await env.query<{ id: string }>('select id from messages where wamid = $1', [
      later.wamid,
    ]);
    await waitFor(() => agent.seen.some((e) => e.data.messageId === laterId.id), {
      what: 'live event after resync',
    });
    await settled(env);
    const lastLive = streamOnly(agent.seen).at(-1)!.cursor;
    await waitFor(() => witness.seen.some((e) => e.cursor === lastLive), {
      what: 'witness has the live ones',
    });
    const all = cursors(streamOnly(witness.seen).filter((e) => after(e.cursor, lastSeen)));
    expect([...cursors(events), ...cursors(streamOnly(agent.seen))]).toEqual(all);
    expect(new Set(all).size).toBe(all.length);
    expect(support.departmentId).not.toBe(sales.departmentId);
  });

  it('refuses a malformed cursor (400 naming it) and one no longer kept (410 cursor_expired)', async () => {
    const get = (query: Record<string, unknown>) =>
      env.as('salesAgent').get('/api/realtime/events').query(query);
    const malformed = await get({ after: 'yesterday' }).expect(400);
    expect(malformed.body).toMatchObject({ code: 'cursor_malformed' });
    expect(malformed.body.message).toContain('after: "yesterday"');
    expect((await get({ after: 'live:12' }).expect(400)).body.code).toBe('cursor_malformed');
    await get({ after: '1:1', limit: 0 }).expect(400);
    await get({ after: '1:1', limit: 1001 }).expect(400);
    const gone = await get({ after: '1:1' }).expect(410);
    expect(gone.body).toMatchObject({ code: 'cursor_expired' });
    expect(gone.body.message).toContain('reload');
  });
});

interface History {
  current: { status: string };
  history: { status: string; source: string; reason: string | null }[];
}

const availability = async (who: 'viewer' | 'salesSupervisor' | 'supportAgent'): Promise<History> =>
  (await env.as(who).get('/api/me/availability').expect(200)).body as History;

describe('availability that follows the sockets', () => {
  // The viewer's sockets: the other tests keep sales agents' sockets open.
  it('sets an agent offline once their last socket closed and the grace passed, not while another is open', async () => {
    await env.as('viewer').put('/api/me/availability').send({ status: 'online' }).expect(200);
    await env.as('supportAgent').put('/api/me/availability').send({ status: 'online' }).expect(200);
    const one = await connect(env.url, env.users.viewer.token);
    const two = await connect(secondUrl, env.users.viewer.token);
    const marker = await connect(env.url, env.users.supportAgent.token);

    // The first of two sockets closes; right after, the marker user's only socket closes: once the marker user is
    // offline (the same grace, started later), the first socket's grace has passed too.
    await disconnect(one);
    await disconnect(marker);
    await waitFor(async () => (await availability('supportAgent')).current.status === 'offline', {
      what: 'marker user offline',
    });
    expect((await availability('viewer')).current.status).toBe('online');

    await disconnect(two);
    const after = await waitFor(
      async () => {
        const h = await availability('viewer');
        return h.current.status === 'offline' ? h : null;
      },
      { what: 'offline after the last socket' },
    );
    expect(after.history[0]).toMatchObject({ status: 'offline', source: 'system', reason: 'disconnected' });
    expect(after.history[1]).toMatchObject({ status: 'online', source: 'self' });
  });

  it('leaves a status a supervisor set alone when the sockets close', async () => {
    const { sales } = env.numbers;
    await env
      .as('salesSupervisor')
      .put(`/api/departments/${sales.departmentId}/agents/${env.users.viewer.id}/availability`)
      .send({ status: 'online' })
      .expect(200);
    await env.as('supportAgent').put('/api/me/availability').send({ status: 'online' }).expect(200);
    const agent = await connect(env.url, env.users.viewer.token);
    const marker = await connect(env.url, env.users.supportAgent.token);
    await disconnect(agent);
    await disconnect(marker);
    await waitFor(async () => (await availability('supportAgent')).current.status === 'offline', {
      what: 'marker user offline',
    });
    expect((await availability('viewer')).history[0]).toMatchObject({
      status: 'online',
      source: 'supervisor',
    });
  });

  it('makes an idle agent away and brings them back online at their next activity', async () => {
    await env.as('salesSupervisor').put('/api/me/availability').send({ status: 'online' }).expect(200);
    const socket = await connect(env.url, env.users.salesSupervisor.token);
    env.app.get(Clock).advance(61_000);
    const away = await waitFor(
      async () => {
        const h = await availability('salesSupervisor');
        return h.current.status === 'away' ? h : null;
      },
      { what: 'away when idle' },
    );
    expect(away.history[0]).toMatchObject({ status: 'away', source: 'system', reason: 'idle' });

    await ask(socket.socket, 'activity', {});
    const back = await waitFor(
      async () => {
        const h = await availability('salesSupervisor');
        return h.current.status === 'online' ? h : null;
      },
      { what: 'online again' },
    );
    expect(back.history[0]).toMatchObject({ status: 'online', source: 'system', reason: 'active' });

    // An away the agent chose stays: activity (acknowledged once handled) does not bring them back.
    await env.as('salesSupervisor').put('/api/me/availability').send({ status: 'away' }).expect(200);
    env.app.get(Clock).advance(10_000);
    expect((await ask(socket.socket, 'activity', {})).ok).toBe(true);
    const kept = await availability('salesSupervisor');
    expect(kept.history[0]).toMatchObject({ status: 'away', source: 'self' });
    await disconnect(socket);
  });
});

describe('presence', () => {
  it('tells the conversation room who is typing and viewing, across processes, only from sockets in the room', async () => {
    const { wamid } = await customerWrites('sales', 'alguém me ajuda?');
    const conversationId = await conversationOf(wamid);
    const agent = await connect(env.url, env.users.salesAgent.token);
    const supervisor = await connect(secondUrl, env.users.salesSupervisor.token);
    expect((await ask(agent.socket, 'join', { conversation: conversationId })).ok).toBe(true);
    expect((await ask(supervisor.socket, 'join', { conversation: conversationId })).ok).toBe(true);
    const presence = () => supervisor.seen.filter((e) => e.type === 'presence').map((e) => e.data);
    const me = { conversationId, userId: env.users.salesAgent.id, name: expect.any(String) };

    // Not in the room (another sales socket that did not join) or not allowed in it (support): refused.
    const outsider = await connect(env.url, env.users.salesAgent.token);
    expect(await ask(outsider.socket, 'typing', { conversationId, typing: true })).toMatchObject({
      ok: false,
      status: 403,
    });
    const foreign = await connect(env.url, env.users.supportAgent.token);
    expect(await ask(foreign.socket, 'join', { conversation: conversationId })).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(await ask(foreign.socket, 'viewing', { conversationId, viewing: true })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await ask(agent.socket, 'typing', { conversationId: 'x', typing: true })).toMatchObject({
      ok: false,
      status: 400,
    });

    expect(await ask(agent.socket, 'viewing', { conversationId, viewing: true })).toEqual({ ok: true });
    expect(await ask(agent.socket, 'typing', { conversationId, typing: true })).toEqual({ ok: true });
    await waitFor(() => presence().length === 2, { what: 'viewing and typing' });
    expect(presence()).toEqual([
      { ...me, typing: false, viewing: true },
      { ...me, typing: true, viewing: true },
    ]);
    // Typing ends by itself without a refresh (typingSeconds: 1).
    await waitFor(() => presence().length === 3, { what: 'typing expired' });
    expect(presence()[2]).toEqual({ ...me, typing: false, viewing: true });

    // Leaving the room ends viewing; so does disconnecting.
    await ask(agent.socket, 'leave', { conversation: conversationId });
    await waitFor(() => presence().length === 4, { what: 'left' });
    expect(presence()[3]).toEqual({ ...me, typing: false, viewing: false });
    await ask(agent.socket, 'join', { conversation: conversationId });
    await ask(agent.socket, 'viewing', { conversationId, viewing: true });
    await waitFor(() => presence().length === 5, { what: 'viewing again' });
    await disconnect(agent);
    await waitFor(() => presence().length === 6, { what: 'disconnected' });
    expect(presence()[5]).toEqual({ ...me, typing: false, viewing: false });
    // Presence went to the conversation room only: a sales socket outside it had none.
    expect(outsider.seen.filter((e) => e.type === 'presence')).toEqual([]);
  });
});

describe('ownership and transfers on sockets', () => {
  it("tells the previous owner of a take-over in their own room, even outside the department's room", async () => {
    const { sales } = env.numbers;
    const { wamid } = await customerWrites('sales', 'quero falar com alguém');
    const conversationId = await conversationOf(wamid);
    await settled(env);
    await env
      .as('salesSupervisor')
      .put(`/api/conversations/${conversationId}/assignee`)
      .send({ userId: env.users.salesAgent.id })
      .expect(200);
    await settled(env);

    const owner = await connect(secondUrl, env.users.salesAgent.token);
    expect((await ask(owner.socket, 'leave', { department: sales.departmentId })).ok).toBe(true);
    // The viewer also reads sales but is no owner: out of the department room, it hears nothing of the take-over.
    const viewer = await connect(secondUrl, env.users.viewer.token);
    expect((await ask(viewer.socket, 'leave', { department: sales.departmentId })).ok).toBe(true);
    const admin = await connect(env.url, env.users.admin.token);

    await env
      .as('salesSupervisor')
      .post(`/api/conversations/${conversationId}/take-over`)
      .send({})
      .expect(200);
    const told = await waitFor(
      () =>
        owner.seen.find(
          (e) => e.data.change === 'conversation.assigned' && e.conversationId === conversationId,
        ),
      { what: 'previous owner told' },
    );
    expect(told.data).toMatchObject({
      userId: env.users.salesSupervisor.id,
      previousUserId: env.users.salesAgent.id,
    });
    await waitFor(() => admin.seen.some((e) => e.cursor === told.cursor), { what: 'admin marker' });
    expect(viewer.seen).toEqual([]);
  });

  it('takes sockets that may not read the new department out of the room on every process before later events', async () => {
    const { support } = env.numbers;
    const { wamid } = await customerWrites('sales', 'preciso de suporte técnico');
    const conversationId = await conversationOf(wamid);
    await settled(env);
    const here = await connect(env.url, env.users.salesAgent.token);
    const there = await connect(secondUrl, env.users.salesAgent.token);
    const admin = await connect(secondUrl, env.users.admin.token);
    for (const s of [here, there, admin])
      expect((await ask(s.socket, 'join', { conversation: conversationId })).ok).toBe(true);

    await env
      .as('salesSupervisor')
      .post(`/api/conversations/${conversationId}/transfer`)
      .send({ departmentId: support.departmentId })
      .expect(204);
    // A later event of the conversation, to its room: the admin (who reads support) has it, the sales agent not.
    await env
      .api()
      .put(`/api/conversations/${conversationId}/priority`)
      .send({ priority: 'urgent' })
      .expect(200);
    const marker = await waitFor(
      () =>
        admin.seen.find(
          (e) => e.conversationId === conversationId && e.data.change === 'conversation.updated',
        ),
      { what: 'priority change on the admin socket' },
    );
    expect(marker.departmentId).toBe(support.departmentId);
    for (const s of [here, there]) {
      // Neither the transfer nor anything after it: every event of the conversation since is support's.
      expect(s.seen.filter((e) => e.departmentId === support.departmentId)).toEqual([]);
      expect(await ask(s.socket, 'typing', { conversationId, typing: true })).toMatchObject({ status: 403 });
    }
  });
});

describe('socket guards: join against a transfer, the department a conversation left, bounded resync, handshake errors', () => {
  it('a join that a transfer overtakes answers 404 and leaves the socket out of the room', async () => {
    const { support } = env.numbers;
    const { wamid } = await customerWrites('sales', 'entrar na sala durante a transferência');
    const conversationId = await conversationOf(wamid);
    await settled(env);
    const agent = await connect(env.url, env.users.salesAgent.token);
    const admin = await connect(env.url, env.users.admin.token);
    expect((await ask(admin.socket, 'join', { conversation: conversationId })).ok).toBe(true);

    // The join's read of the conversation is held after its row was read (the card stages come next) while the
    // conversation moves to support: the transfer lands between the access check and the join.
    const holder = new Client({ connectionString: env.runtime.config.database.url });
    await holder.connect();
    let answer: Promise<RoomAck>;
    try {
      await holder.query('begin');
      await holder.query('lock table pipeline_stages in access exclusive mode');
      answer = ask(agent.socket, 'join', { conversation: conversationId });
      await waitFor(
        async () =>
          (
            await env.query<{ n: number }>(
              `select count(*)::int as n from pg_locks where not granted and relation = 'pipeline_stages'::regclass`,
            )
          )[0].n > 0 || null,
        { what: 'the join waiting on the card stages' },
      );
      await env.query('update conversations set department_id = $1 where id = $2', [
        support.departmentId,
        conversationId,
      ]);
    } finally {
      await holder.query('commit');
      await holder.end();
    }
    expect(await answer).toMatchObject({ ok: false, status: 404 });

    // A later event of the conversation reaches its room: the admin has it, the sales agent's socket does not.
    await env
      .api()
      .put(`/api/conversations/${conversationId}/priority`)
      .send({ priority: 'high' })
      .expect(200);
    const marker = await waitFor(
      () =>
        admin.seen.find(
          (e) => e.conversationId === conversationId && e.data.change === 'conversation.updated',
        ),
      { what: 'priority change on the admin socket' },
    );
    // Then a sales message, which the agent's department room carries: once it is there, the stream before it is.
    await customerWrites('sales', 'marcador depois da prioridade');
    await waitFor(() => agent.seen.some((e) => after(e.cursor, marker.cursor)) || null, {
      what: 'the agent socket past the marker',
    });
    expect(
      agent.seen.filter(
        (e) => e.conversationId === conversationId && e.departmentId === support.departmentId,
      ),
    ).toEqual([]);
  });

  it('tells the department a conversation left, with ids only', async () => {
    const { sales, support } = env.numbers;
    const { wamid } = await customerWrites('sales', 'transferir para o suporte');
    const conversationId = await conversationOf(wamid);
    await settled(env);
    const agent = await connect(env.url, env.users.salesAgent.token);
    await env
      .as('salesSupervisor')
      .post(`/api/conversations/${conversationId}/transfer`)
      .send({ departmentId: support.departmentId })
      .expect(204);
    const told = await waitFor(
      () =>
        agent.seen.find((e) => e.conversationId === undefined && e.data.conversationId === conversationId),
      { what: 'sales told of the transfer' },
    );
    expect(told).toMatchObject({ type: 'conversation.updated', departmentId: sales.departmentId });
    expect(told.data).toEqual({
      change: 'conversation.transferred',
      conversationId,
      fromDepartmentId: sales.departmentId,
    });
  });

  it('a resync page reads a bounded part of the stream: past events it may not see, it answers more=true to continue', async () => {
    const { sales } = env.numbers;
    await settled(env);
    const [{ cursor: start }] = await env.query<{ cursor: string }>(
      `select xid::text || ':' || seq::text as cursor from domain_events order by xid desc, seq desc limit 1`,
    );
    // 2,100 events of sales that the support agent may not see, then one of support.
    const events = env.app.get(DomainEvents);
    await env.app
      .get(EntityManager)
      .fork()
      .transactional((em) =>
        events.publish(
          em,
          Array.from({ length: 2100 }, () => ({
            name: 'message.status' as const,
            payload: {
              messageId: randomUUID(),
              conversationId: randomUUID(),
              numberId: sales.id,
              departmentId: sales.departmentId,
              status: 'read',
            },
          })),
        ),
      );
    const { wamid } = await customerWrites('support', 'depois de muitos eventos');
    await conversationOf(wamid);
    await settled(env);

    const first = await env
      .as('supportAgent')
      .get('/api/realtime/events')
      .query({ after: start, limit: 10 })
      .expect(200);
    expect(first.body).toMatchObject({ events: [], more: true });
    expect(after(first.body.nextCursor, start)).toBe(true);
    const { events: all, pages } = await resync(env.users.supportAgent.token, start, 10);
    expect(pages).toBeGreaterThan(1);
    expect(
      all.some((e) => e.type === 'message.created' && e.departmentId === env.numbers.support.departmentId),
    ).toBe(true);
    expect(all.every((e) => e.departmentId === env.numbers.support.departmentId)).toBe(true);
  });

  it('a handshake that fails inside the server tells the client nothing of the cause', async () => {
    const key = env.app.get(SecretBox).deriveKey('switchboard/access-token/v1');
    // Well signed, but its subject is no user id: the session lookup fails in the database.
    const token = jwt.sign({ sid: 'not-a-session' }, key, {
      algorithm: 'HS256',
      subject: 'not-a-user',
      issuer: 'switchboard',
      audience: 'switchboard-api',
      expiresIn: 60,
    });
    const error = await connect(env.url, token).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toBe('authentication failed: try again');
  });
});

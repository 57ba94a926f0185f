import { INestApplication } from '@nestjs/common';
import { createApp } from '@switchboard/api';
import { Realtime, RealtimeEnvelope } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { AddressInfo } from 'node:net';
import { io, Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** With REDIS_URL set, sockets use the Redis adapter: an event still crosses from one api process to another. */
let env: TestEnvironment;
let second: INestApplication;
const sockets: Socket[] = [];

beforeAll(async () => {
  env = await createTestEnvironment({ queue: 'redis' });
  second = await createApp(env.runtime, { worker: false });
  await second.listen(0, '127.0.0.1');
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await second?.close();
  await env?.close();
});

describe('websocket gateway on Redis', () => {
  it('delivers an event emitted in one api process to a socket on another, and only to its department', async () => {
    const url = `http://127.0.0.1:${(second.getHttpServer().address() as AddressInfo).port}`;
    const connect = async (token: string) => {
      const socket = io(url, {
        transports: ['websocket'],
        auth: { token },
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      const seen: RealtimeEnvelope[] = [];
      socket.onAny((_e: string, payload: RealtimeEnvelope) => {
        if (payload && typeof payload === 'object' && 'cursor' in payload) seen.push(payload);
      });
      await new Promise((resolve, reject) => {
        socket.once('ready', resolve);
        socket.once('connect_error', reject);
      });
      return seen;
    };
    const sales = await connect(env.users.salesAgent.token);
    const support = await connect(env.users.supportAgent.token);
    const realtime = env.app.get(Realtime);
    const secret = await realtime.emit({
      type: 'conversation.updated',
      departmentId: env.numbers.sales.departmentId,
      data: { stage: 'won' },
    });
    const marker = await realtime.emit({
      type: 'conversation.updated',
      departmentId: env.numbers.support.departmentId,
      data: { stage: 'new' },
    });
    await waitFor(() => sales.some((e) => e.cursor === secret), { what: 'sales event over Redis' });
    await waitFor(() => support.some((e) => e.cursor === marker), { what: 'support marker over Redis' });
    expect(support.map((e) => e.cursor)).toEqual([marker]);
    expect(sales.map((e) => e.cursor)).toEqual([secret]);
  });
});

/**
 * The agents' sockets, run as their own process (forked by run.ts): each signs in to its api process with its
 * access token and records, per message, when each socket received its `message.created` event. Nothing else
 * happens on receipt (a map lookup and two array writes); matching to sends and percentiles come after the run.
 * Each socket is a plain websocket speaking the Socket.IO protocol (event-socket.ts), and event texts are parsed
 * once for all sockets (shared-event-texts.ts): the client's own cost competes with the server on one machine.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { connectEventSocket } from './event-socket';
import { now } from './open-loop-generator';
import { percentiles, Percentiles } from './percentiles';
import { eventArgs } from './shared-event-texts';

export interface AgentSocketSpec {
  url: string;
  token: string;
  departmentId: string;
  /** Which api process it is connected to ('A' takes the webhooks). */
  process: string;
}

export type SocketCommand =
  | { type: 'connect'; sockets: AgentSocketSpec[] }
  /** Answers once every socket of each message's department has its event (or after timeoutMs). */
  | { type: 'await'; messages: { messageId: string; departmentId: string }[]; timeoutMs: number }
  | { type: 'compute'; messages: RunMessage[] };

/** A message of the run: when it was sent (webhook POST) and when it was stored (its inbound event processed). */
export interface RunMessage {
  messageId: string;
  departmentId: string;
  sentAt: number;
  storedAt: number;
}

export type SocketAnswer =
  | { type: 'connected'; ms: number }
  | { type: 'awaited'; ok: boolean; waiting: number }
  | { type: 'computed'; result: DeliveryResult }
  | { type: 'failed'; error: string };

export interface DeliveryResult {
  /** Deliveries due: for each message, one per socket of its department. */
  expected: number;
  delivered: number;
  missing: number;
  duplicated: number;
  /** Events of a department received by a socket outside it. */
  outsideDepartment: number;
  /** message.received events for messages not in the run (warm-up and markers are excluded by the caller). */
  unmatched: number;
  /** Webhook POST → event at each socket. */
  perDelivery: Percentiles;
  /** Webhook POST → event at the last socket of the department. */
  lastSocket: Percentiles;
  /** Message stored → event at each socket: the relay's share (delivery, publish, fan-out), without intake's. */
  afterStored: Percentiles;
  /** perDelivery for the messages sent in each tenth of the run, in order: a backlog shows as a rising line. */
  byTenth: Percentiles[];
  /** Socket events of every type received (all sockets), by type. */
  eventsByType: Record<string, number>;
  /** Sockets with at least one event, per api process. */
  socketsWithEvents: Record<string, number>;
  socketsPerProcess: Record<string, number>;
  /** This process's event-loop delay during the run: when high, the client, not the server, was the bottleneck. */
  clientLoopDelayP99Ms: number;
  clientLoopDelayMaxMs: number;
}

interface Received {
  /** Receive time per socket (ms after t0; NaN when none). */
  at: Float32Array;
  count: Uint8Array;
  departmentId: string;
}

interface MessageCreated {
  departmentId?: string;
  data?: { change?: string; messageId?: string };
}

const t0 = now();
let specs: AgentSocketSpec[] = [];
const received = new Map<string, Received>();
const eventsByType: Record<string, number> = {};
let running = false;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
const reply = (answer: SocketAnswer) => process.send?.(answer);

function onEvent(index: number, event: MessageCreated) {
  const t = now();
  const messageId = event.data?.messageId;
  if (event.data?.change !== 'message.received' || !messageId || !event.departmentId) return;
  let r = received.get(messageId);
  if (!r) {
    r = {
      at: new Float32Array(specs.length).fill(NaN),
      count: new Uint8Array(specs.length),
      departmentId: event.departmentId,
    };
    received.set(messageId, r);
  }
  if (r.count[index] < 255) r.count[index]++;
  if (r.count[index] === 1) r.at[index] = t - t0;
}

async function connectOne(spec: AgentSocketSpec, index: number): Promise<void> {
  let ready: (rooms: string[]) => void = () => undefined;
  const readyRooms = new Promise<string[]>((resolve) => (ready = resolve));
  await connectEventSocket(spec.url, '/socket.io', spec.token, {
    event: (json) => {
      const args = eventArgs(json);
      if (!args) return;
      const name = args[0] as string;
      eventsByType[name] = (eventsByType[name] ?? 0) + 1;
      if (name === 'message.created') onEvent(index, args[1] as MessageCreated);
      else if (name === 'ready') ready((args[1] as { rooms: string[] }).rooms);
    },
    // A socket dropped during the run would show up as missing deliveries; say which one.
    closed: (reason) => running && process.stderr.write(`socket ${index} disconnected: ${reason}\n`),
  }).catch((e: Error) => {
    throw new Error(`socket ${index}: ${e.message}`);
  });
  const rooms = await readyRooms;
  if (!rooms.includes(`department:${spec.departmentId}`))
    throw new Error(`socket ${index} is not in its department's room: ${rooms.join(', ')}`);
}

async function connectAll(list: AgentSocketSpec[]): Promise<void> {
  specs = list;
  let next = 0;
  const lane = async () => {
    while (next < specs.length) {
      const i = next++;
      await connectOne(specs[i], i);
    }
  };
  await Promise.all(Array.from({ length: 10 }, lane));
  running = true;
  loopDelay.enable();
}

/** How many (message, socket of its department) pairs still lack their event. */
function waiting(messages: { messageId: string; departmentId: string }[]): number {
  let n = 0;
  for (const m of messages) {
    const r = received.get(m.messageId);
    specs.forEach((s, i) => {
      if (s.departmentId === m.departmentId && !(r && r.count[i] > 0)) n++;
    });
  }
  return n;
}

async function awaitAll(messages: { messageId: string; departmentId: string }[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let left = waiting(messages);
  while (left > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    left = waiting(messages);
  }
  return left;
}

function compute(messages: RunMessage[]): DeliveryResult {
  loopDelay.disable();
  const result: DeliveryResult = {
    expected: 0,
    delivered: 0,
    missing: 0,
    duplicated: 0,
    outsideDepartment: 0,
    unmatched: 0,
    perDelivery: percentiles([]),
    lastSocket: percentiles([]),
    afterStored: percentiles([]),
    byTenth: [],
    eventsByType,
    socketsWithEvents: {},
    socketsPerProcess: {},
    clientLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    clientLoopDelayMaxMs: loopDelay.max / 1e6,
  };
  const lastSocket: number[] = [];
  const afterStored: number[] = [];
  const tenths: number[][] = Array.from({ length: 10 }, () => []);
  const first = messages.reduce((min, m) => Math.min(min, m.sentAt), Infinity);
  const span = messages.reduce((max, m) => Math.max(max, m.sentAt), -Infinity) - first || 1;
  const inRun = new Set<string>();
  const hadEvent = new Uint8Array(specs.length);
  for (const m of messages) {
    inRun.add(m.messageId);
    const r = received.get(m.messageId);
    const tenth = tenths[Math.min(9, Math.floor(((m.sentAt - first) / span) * 10))];
    let last = -Infinity;
    let complete = true;
    specs.forEach((s, i) => {
      const count = r?.count[i] ?? 0;
      if (count > 0) hadEvent[i] = 1;
      if (s.departmentId !== m.departmentId) {
        if (count > 0) result.outsideDepartment++;
        return;
      }
      result.expected++;
      if (count === 0) {
        result.missing++;
        complete = false;
        return;
      }
      result.delivered++;
      result.duplicated += count - 1;
      const latency = t0 + (r?.at[i] ?? NaN) - m.sentAt;
      tenth.push(latency);
      afterStored.push(latency - (m.storedAt - m.sentAt));
      last = Math.max(last, latency);
    });
    if (complete) lastSocket.push(last);
  }
  for (const id of received.keys()) if (!inRun.has(id)) result.unmatched++;
  result.perDelivery = percentiles(tenths.flat());
  result.byTenth = tenths.map(percentiles);
  result.lastSocket = percentiles(lastSocket);
  result.afterStored = percentiles(afterStored);
  specs.forEach((s, i) => {
    result.socketsPerProcess[s.process] = (result.socketsPerProcess[s.process] ?? 0) + 1;
    if (hadEvent[i]) result.socketsWithEvents[s.process] = (result.socketsWithEvents[s.process] ?? 0) + 1;
  });
  return result;
}

if (require.main === module) {
  // Ended by the runner: exit normally, so a `--cpu-prof` profile of this process is written.
  process.once('SIGTERM', () => process.exit(0));
  process.on('message', (command: SocketCommand) => {
    const run = async (): Promise<SocketAnswer> => {
      const started = Date.now();
      switch (command.type) {
        case 'connect':
          await connectAll(command.sockets);
          return { type: 'connected', ms: Date.now() - started };
        case 'await': {
          const left = await awaitAll(command.messages, command.timeoutMs);
          return { type: 'awaited', ok: left === 0, waiting: left };
        }
        case 'compute':
          return { type: 'computed', result: compute(command.messages) };
      }
    };
    run().then(reply, (e: Error) => reply({ type: 'failed', error: e.message }));
  });
}

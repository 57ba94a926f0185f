import { Clock } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from './helpers';

interface EventRow {
  name: string;
  payload: Record<string, unknown>;
}

describe('ownership: one owner replies, take-over, close and reopen, snooze, labels, priority, transfer', () => {
  let env: TestEnvironment;
  let clock: Clock;
  let sales: string;
  let support: string;
  let n = 0;

  beforeAll(async () => {
    env = await createTestEnvironment({ config: { testing: { clock: 'controllable' } } });
    clock = env.app.get(Clock);
    sales = env.numbers.sales.departmentId;
    support = env.numbers.support.departmentId;
  });
  afterAll(async () => {
    await env?.close();
  });

  const newWaId = () => `55119${Date.now().toString().slice(-6)}${String(n++).padStart(2, '0')}`;

  /** The customer writes on `number`; resolves once the message is stored, to the conversation holding it. */
  async function customerWrites(waId: string, text: string, number: 'sales' | 'support' = 'sales') {
    await env.sandbox.customer(waId).withNumber(env.numbers[number].phoneNumberId).text(text);
    const rows = await waitFor(
      async () => {
        const r = await env.query<{ conversation_id: string }>(
          `select m.conversation_id from messages m join conversations c on c.id = m.conversation_id
             join contacts k on k.id = c.contact_id where k.wa_id = $1 and m.body = $2`,
          [waId, text],
        );
        return r.length ? r : null;
      },
      { what: `message "${text}" from ${waId} stored` },
    );
    return rows[0].conversation_id;
  }

  const events = (conversationId: string, name: string) =>
    env.query<EventRow>(
      `select name, payload from domain_events where name = $1 and payload->>'conversationId' = $2 order by xid, seq`,
      [name, conversationId],
    );
  const view = async (id: string, actor: 'salesAgent' | 'salesSupervisor' | 'admin' = 'admin') =>
    (await env.as(actor).get(`/api/conversations/${id}`).expect(200)).body;
  const outbound = (conversationId: string) =>
    count(env, 'messages', `conversation_id = $1 and direction = 'out'`, [conversationId]);

  it("a user's reply takes an unowned conversation; anyone else's reply is 409 not_owner and nothing is queued", async () => {
    const id = await customerWrites(newWaId(), 'Olá, quero um orçamento');
    expect((await view(id)).owner).toBeNull();
    // Queued once routing has decided (conversation.routed), not at intake.
    await waitFor(async () => (await view(id)).queuedAt !== null, {
      what: 'the conversation queued once routed',
    });

    await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/messages`)
      .send({ type: 'text', text: 'Claro!' })
      .expect(202);
    const owned = await view(id);
    expect(owned.owner).toEqual({ id: env.users.salesAgent.id, name: 'salesAgent' });
    expect(owned.queuedAt).toBeNull();
    const assigned = await events(id, 'conversation.assigned');
    expect(assigned.map((e) => e.payload)).toEqual([
      {
        conversationId: id,
        departmentId: sales,
        userId: env.users.salesAgent.id,
        previousUserId: null,
        byUserId: env.users.salesAgent.id,
        reason: 'reply',
      },
    ]);

    const before = await outbound(id);
    const refused = await env
      .as('salesSupervisor')
      .post(`/api/conversations/${id}/messages`)
      .send({ type: 'text', text: 'Eu também respondo' })
      .expect(409);
    expect(refused.body.code).toBe('not_owner');
    expect(refused.body.ownerUserId).toBe(env.users.salesAgent.id);
    expect(refused.body.message).toBe(
      `conversation ${id} is owned by salesAgent: only the owner replies; a supervisor can take it over`,
    );
    // An API token (an integration) may answer unowned conversations only.
    const token = await env
      .api()
      .post('/api/api-tokens')
      .send({ name: 'bot', permissions: ['conversations.read', 'conversations.reply'] });
    if (token.status === 201) {
      const botRefused = await env
        .anonymous()
        .post(`/api/conversations/${id}/messages`)
        .set('Authorization', `Bearer ${token.body.token}`)
        .send({ type: 'text', text: 'bot' })
        .expect(409);
      expect(botRefused.body.code).toBe('not_owner');
    }
    expect(await outbound(id)).toBe(before);
    expect(
      await count(
        env,
        'outbox',
        `queue = 'outbound-messages' and data->>'messageId' in (select id::text from messages where conversation_id = $1)`,
        [id],
      ),
    ).toBe(before);
    // The owner still replies.
    await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/messages`)
      .send({ type: 'text', text: 'Segue' })
      .expect(202);
    expect(await outbound(id)).toBe(before + 1);
  });

  it('a supervisor takes over (audited, timeline note, event with the previous owner); an agent gets 403 and nothing changes', async () => {
    const id = await customerWrites(newWaId(), 'Preciso de ajuda');
    await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/messages`)
      .send({ type: 'text', text: 'Oi' })
      .expect(202);

    const denied = await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/take-over`)
      .send({ note: 'mine' })
      .expect(403);
    expect(denied.body.message).toContain('conversations.take_over');
    expect((await view(id)).owner?.id).toBe(env.users.salesAgent.id);

    const taken = await env
      .as('salesSupervisor')
      .post(`/api/conversations/${id}/take-over`)
      .send({ note: 'escalated: VIP customer' })
      .expect(200);
    expect(taken.body.owner).toEqual({ id: env.users.salesSupervisor.id, name: 'salesSupervisor' });

    const assigned = (await events(id, 'conversation.assigned')).at(-1)!;
    expect(assigned.payload).toEqual({
      conversationId: id,
      departmentId: sales,
      userId: env.users.salesSupervisor.id,
      previousUserId: env.users.salesAgent.id,
      byUserId: env.users.salesSupervisor.id,
      reason: 'take_over',
    });
    const audit = await env.query<{
      actor_id: string;
      department_id: string;
      details: Record<string, unknown>;
    }>(
      `select actor_id, department_id, details from audit_events where action = 'conversation.take_over' and target_id = $1`,
      [id],
    );
    expect(audit).toEqual([
      {
        actor_id: env.users.salesSupervisor.id,
        department_id: sales,
        details: { previousOwnerUserId: env.users.salesAgent.id, note: 'escalated: VIP customer' },
      },
    ]);
    const timeline = await env.query<{ kind: string; actor_id: string; data: Record<string, unknown> }>(
      `select e.kind, e.actor_id, e.data from card_events e join cards k on k.id = e.card_id
        where k.conversation_id = $1 and e.kind = 'ownership'`,
      [id],
    );
    expect(timeline).toEqual([
      {
        kind: 'ownership',
        actor_id: env.users.salesSupervisor.id,
        data: {
          userId: env.users.salesSupervisor.id,
          previousUserId: env.users.salesAgent.id,
          reason: 'take_over',
          note: 'escalated: VIP customer',
        },
      },
    ]);
    // Now the agent is the one refused, and the supervisor replies.
    await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/messages`)
      .send({ type: 'text', text: 'x' })
      .expect(409);
    await env
      .as('salesSupervisor')
      .post(`/api/conversations/${id}/messages`)
      .send({ type: 'text', text: 'y' })
      .expect(202);
  });

  it('close keeps the owner; reopen clears it, queues it again and refuses while another is open (named)', async () => {
    const waId = newWaId();
    const id = await customerWrites(waId, 'primeira');
    await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/messages`)
      .send({ type: 'text', text: 'Oi' })
      .expect(202);
    const closed = await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/close`)
      .send({ note: 'resolved' })
      .expect(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.owner?.id).toBe(env.users.salesAgent.id);
    expect(closed.body.closedAt).not.toBeNull();
    expect((await events(id, 'conversation.closed')).map((e) => e.payload)).toEqual([
      { conversationId: id, departmentId: sales, byUserId: env.users.salesAgent.id },
    ]);
    await env.as('salesAgent').post(`/api/conversations/${id}/close`).send({}).expect(409);

    // Default policy: a new message after close opens a new conversation (and card).
    const second = await customerWrites(waId, 'segunda');
    expect(second).not.toBe(id);
    const conflict = await env.as('salesAgent').post(`/api/conversations/${id}/reopen`).expect(409);
    expect(conflict.body.message).toBe(
      `conversation ${second} with this contact on this number is open: only one can be open at a time`,
    );
    await env.as('salesAgent').post(`/api/conversations/${second}/close`).send({}).expect(200);
    const reopened = await env.as('salesAgent').post(`/api/conversations/${id}/reopen`).expect(200);
    expect(reopened.body).toMatchObject({ status: 'open', owner: null, closedAt: null });
    // Not queued until routing has decided on the reopen; then it waits in the queue again.
    expect(reopened.body.queuedAt).toBeNull();
    await waitFor(async () => (await view(id)).queuedAt !== null, {
      what: 'the reopened conversation queued',
    });
    expect((await events(id, 'conversation.unassigned')).map((e) => e.payload)).toEqual([
      {
        conversationId: id,
        departmentId: sales,
        userId: env.users.salesAgent.id,
        byUserId: env.users.salesAgent.id,
        reason: 'closed',
      },
    ]);
    expect(await events(id, 'conversation.reopened')).toHaveLength(1);
  });

  it("the department's policy: a customer message after close reopens within the window, opens a new one after it", async () => {
    const policy = await env
      .as('salesSupervisor')
      .put(`/api/departments/${sales}/conversation-policy`)
      .send({ onCustomerMessageAfterClose: 'reopen', reopenWindowMinutes: 60 })
      .expect(200);
    expect(policy.body).toMatchObject({
      departmentId: sales,
      onCustomerMessageAfterClose: 'reopen',
      reopenWindowMinutes: 60,
    });
    await env.as('salesAgent').get(`/api/departments/${sales}/conversation-policy`).expect(403);
    await env.as('salesSupervisor').get(`/api/departments/${support}/conversation-policy`).expect(404);

    try {
      const waId = newWaId();
      const id = await customerWrites(waId, 'antes');
      await env
        .as('salesAgent')
        .post(`/api/conversations/${id}/messages`)
        .send({ type: 'text', text: 'Oi' })
        .expect(202);
      const t0 = new Date('2031-03-01T10:00:00Z');
      clock.set(t0);
      await env.as('salesAgent').post(`/api/conversations/${id}/close`).send({}).expect(200);
      // One minute before the window ends: the same conversation, unowned and queued again.
      clock.set(new Date(t0.getTime() + 59 * 60_000));
      expect(await customerWrites(waId, 'dentro da janela')).toBe(id);
      const back = await view(id);
      expect(back).toMatchObject({ status: 'open', owner: null, closedAt: null });
      expect((await events(id, 'conversation.reopened')).map((e) => e.payload)).toEqual([
        { conversationId: id, departmentId: sales },
      ]);
      expect((await events(id, 'conversation.unassigned')).map((e) => e.payload.reason)).toEqual(['closed']);
      expect(await count(env, 'cards', 'conversation_id = $1', [id])).toBe(1);

      // Closed again; exactly at the window's end it is too late: a new conversation and card.
      clock.set(t0);
      await env.as('salesAgent').post(`/api/conversations/${id}/close`).send({}).expect(200);
      clock.set(new Date(t0.getTime() + 60 * 60_000));
      const later = await customerWrites(waId, 'fora da janela');
      expect(later).not.toBe(id);
      expect((await view(id)).status).toBe('closed');
      expect(await count(env, 'cards', 'conversation_id = $1', [later])).toBe(1);
    } finally {
      await env
        .as('salesSupervisor')
        .put(`/api/departments/${sales}/conversation-policy`)
        .send({ onCustomerMessageAfterClose: 'new', reopenWindowMinutes: 1440 })
        .expect(200);
      clock.set(new Date());
    }
  });

  it("snoozes until a time (woken when the clock gets there) or until the customer's next message", async () => {
    const now = new Date('2031-04-01T09:00:00Z');
    clock.set(now);
    const id = await customerWrites(newWaId(), 'soneca');
    await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/snooze`)
      .send({ until: '2031-03-31T09:00:00Z' })
      .expect(422);
    const tooFar = await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/snooze`)
      .send({ until: '2031-07-01T09:00:00Z' })
      .expect(422);
    expect(tooFar.body.message).toContain('more than 90 days');
    const snoozed = await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/snooze`)
      .send({ until: '2031-04-01T12:00:00Z' })
      .expect(200);
    expect(snoozed.body.snoozedUntil).toBe('2031-04-01T12:00:00.000Z');
    const listed = (await env.as('salesAgent').get(`/api/conversations?status=snoozed&limit=200`).expect(200))
      .body.items;
    expect(listed.map((c: { id: string }) => c.id)).toContain(id);

    clock.set(new Date('2031-04-01T12:00:01Z'));
    await waitFor(async () => (await view(id)).snoozedUntil === null || null, {
      what: 'snooze woken by the clock',
    });
    expect((await events(id, 'conversation.updated')).map((e) => e.payload.changes)).toEqual([
      ['snooze'],
      ['snooze'],
    ]);

    const waId = newWaId();
    const other = await customerWrites(waId, 'até responder');
    await env
      .as('salesAgent')
      .post(`/api/conversations/${other}/snooze`)
      .send({ untilCustomerReplies: true })
      .expect(200);
    expect((await view(other)).snoozedUntilReply).toBe(true);
    await customerWrites(waId, 'respondi');
    expect((await view(other)).snoozedUntilReply).toBe(false);
    expect((await events(other, 'conversation.updated')).map((e) => e.payload.changes)).toEqual([
      ['snooze'],
      ['snooze'],
    ]);
    clock.set(new Date());
  });

  it('labels and priority: normalised, validated with the bad one named, filtered in the list', async () => {
    const id = await customerWrites(newWaId(), 'rótulos');
    const labelled = await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/labels`)
      .send({ add: ['  VIP ', 'follow-up', 'vip'] })
      .expect(200);
    expect(labelled.body.labels).toEqual(['vip', 'follow-up']);
    const bad = await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/labels`)
      .send({ add: ['ok', 'no!way'] })
      .expect(422);
    expect(bad.body.message).toContain('"no!way"');
    const many = Array.from({ length: 19 }, (_, i) => `l${i}`);
    await env.as('salesAgent').post(`/api/conversations/${id}/labels`).send({ add: many }).expect(422);
    expect((await view(id)).labels).toEqual(['vip', 'follow-up']);
    await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/labels`)
      .send({ remove: ['VIP'] })
      .expect(200);
    expect((await view(id)).labels).toEqual(['follow-up']);

    await env
      .as('salesAgent')
      .put(`/api/conversations/${id}/priority`)
      .send({ priority: 'extreme' })
      .expect(400);
    const urgent = await env
      .as('salesAgent')
      .put(`/api/conversations/${id}/priority`)
      .send({ priority: 'urgent' })
      .expect(200);
    expect(urgent.body.priority).toBe('urgent');
    const list = (
      await env
        .as('salesAgent')
        .get(`/api/conversations?priority=urgent&label=follow-up&limit=200`)
        .expect(200)
    ).body.items;
    expect(list.map((c: { id: string }) => c.id)).toEqual([id]);
    expect((await events(id, 'conversation.updated')).map((e) => e.payload.changes)).toEqual([
      ['labels'],
      ['labels'],
      ['priority'],
    ]);
    await env.as('viewer').put(`/api/conversations/${id}/priority`).send({ priority: 'low' }).expect(403);
  });

  it('transfer moves the conversation and its card to another department, keeping one timeline', async () => {
    const waId = newWaId();
    const id = await customerWrites(waId, 'antes da transferência');
    await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/messages`)
      .send({ type: 'text', text: 'Oi' })
      .expect(202);
    const cardBefore = (await view(id)).card.id;

    const archived = await env.query<{ id: string }>(
      `select id from departments where archived_at is not null limit 1`,
    );
    const unknown = '00000000-0000-4000-8000-000000000000';
    const missing = await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/transfer`)
      .send({ departmentId: unknown })
      .expect(422);
    expect(missing.body.message).toContain(unknown);
    if (archived[0])
      await env
        .as('salesAgent')
        .post(`/api/conversations/${id}/transfer`)
        .send({ departmentId: archived[0].id })
        .expect(422);
    await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/transfer`)
      .send({ departmentId: sales })
      .expect(409);

    await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/transfer`)
      .send({ departmentId: support, note: 'billing question' })
      .expect(204);
    // Sales no longer sees it; support does, unowned, with the same card in its first stage.
    await env.as('salesAgent').get(`/api/conversations/${id}`).expect(404);
    const moved = (await env.as('supportAgent').get(`/api/conversations/${id}`).expect(200)).body;
    expect(moved).toMatchObject({ department: { id: support }, owner: null });
    expect(moved.card.id).toBe(cardBefore);
    expect((await events(id, 'conversation.transferred')).map((e) => e.payload)).toEqual([
      {
        conversationId: id,
        fromDepartmentId: sales,
        departmentId: support,
        byUserId: env.users.salesAgent.id,
      },
    ]);
    const transferLine = await env.query<{ data: Record<string, unknown> }>(
      `select e.data from card_events e join cards k on k.id = e.card_id where k.conversation_id = $1 and e.kind = 'transfer'`,
      [id],
    );
    expect(transferLine).toEqual([
      {
        data: {
          fromDepartmentId: sales,
          toDepartmentId: support,
          previousOwnerUserId: env.users.salesAgent.id,
          note: 'billing question',
        },
      },
    ]);
    // The customer's next message (on the sales number) lands on the same conversation.
    expect(await customerWrites(waId, 'depois da transferência')).toBe(id);
    const bodies = (
      await env.as('supportAgent').get(`/api/conversations/${id}/messages`).expect(200)
    ).body.items.map((m: { body: string }) => m.body);
    // All on one conversation (their order within a second depends on Meta's whole-second timestamps).
    expect([...bodies].sort()).toEqual(['Oi', 'antes da transferência', 'depois da transferência']);
  });
});

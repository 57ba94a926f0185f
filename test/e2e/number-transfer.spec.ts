import { WhatsappNumberService } from '@switchboard/channels';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Targets {
  departments: { id: string; name: string }[];
  numbers: { id: string; displayPhoneNumber: string; department: { id: string; name: string } }[];
}

describe('transfer targets and transfer to another number of the same WhatsApp account', () => {
  let env: TestEnvironment;
  let sales: string;
  let support: string;
  let hr: string;
  /** A second number of Sales' WhatsApp account, bound to Support. */
  let sameAccount: string;
  /** A number of the same account, disabled by an admin. */
  let disabled: string;
  /** A number of another account, bound to Support. */
  let otherAccount: string;
  /** A number of Sales' account bound to HR (members-only). */
  let hrNumber: string;
  let n = 0;

  beforeAll(async () => {
    env = await createTestEnvironment();
    sales = env.numbers.sales.departmentId;
    support = env.numbers.support.departmentId;
    hr = env.numbers.hr.departmentId;
    await env.api().patch(`/api/departments/${hr}`).send({ membersOnly: true }).expect(200);
    const numbers = env.app.get(WhatsappNumberService);
    const register = async (phoneNumberId: string, wabaId: string, departmentId: string) =>
      (
        await numbers.upsert({
          phoneNumberId,
          displayPhoneNumber: `+1 555 ${phoneNumberId.slice(-4)}`,
          wabaId,
          departmentId,
          accessToken: `token-${phoneNumberId}`,
          appSecret: 'test-app-secret-shared',
          verifyToken: `verify-${phoneNumberId}`,
          graphBaseUrl: env.sandbox.url,
          graphVersion: env.sandbox.graphVersion,
        })
      ).id;
    const salesAccount = env.numbers.sales.wabaId;
    sameAccount = await register('100000000000011', salesAccount, support);
    disabled = await register('100000000000012', salesAccount, support);
    otherAccount = await register('100000000000013', '209999999999999', support);
    hrNumber = await register('100000000000014', salesAccount, hr);
    await env.api().post(`/api/numbers/${disabled}/disable`).expect(200);
  });
  afterAll(async () => {
    await env?.close();
  });

  async function salesConversation(): Promise<string> {
    const waId = `5511977${Date.now().toString().slice(-4)}${String(n++).padStart(2, '0')}`;
    await env.sandbox
      .customer(waId, { name: 'Maria' })
      .withNumber(env.numbers.sales.phoneNumberId)
      .text('Oi');
    const [row] = await waitFor(
      async () => {
        const r = await env.query<{ id: string }>(
          `select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1`,
          [waId],
        );
        return r.length ? r : null;
      },
      { what: `a conversation with ${waId}` },
    );
    return row.id;
  }

  const targets = async (actor: 'salesAgent' | 'salesSupervisor' | 'admin', query = '') =>
    (await env.as(actor).get(`/api/me/transfer-targets${query}`).expect(200)).body as Targets;

  it('lists active departments (members-only ones to members only) and enabled numbers of the same accounts', async () => {
    const agent = await targets('salesAgent');
    expect(agent.departments.map((d) => d.name)).toEqual(['Sales', 'Support']);
    expect(agent.numbers.map((x) => [x.id, x.department.name]).sort()).toEqual(
      [
        [env.numbers.sales.id, 'Sales'],
        [sameAccount, 'Support'],
      ].sort(),
    );
    // The admin is no member of HR: the same; with a role there, HR and its number appear.
    expect((await targets('admin')).departments.map((d) => d.name)).toEqual(['Sales', 'Support']);
    await env
      .api()
      .patch(`/api/users/${env.users.salesSupervisor.id}`)
      .send({
        memberships: [
          { departmentId: sales, role: 'supervisor' },
          { departmentId: hr, role: 'agent' },
        ],
      })
      .expect(200);
    const member = await targets('salesSupervisor');
    expect(member.departments.map((d) => d.name)).toEqual(['HR', 'Sales', 'Support']);
    expect(member.numbers.map((x) => x.id)).toContain(hrNumber);
    expect(member.numbers.map((x) => x.id)).not.toContain(otherAccount);
    expect(member.numbers.map((x) => x.id)).not.toContain(disabled);
  });

  it("for one conversation: its account's other numbers only; not for viewers or other departments", async () => {
    const id = await salesConversation();
    const forIt = await targets('salesAgent', `?conversationId=${id}`);
    expect(forIt.numbers).toEqual([
      { id: sameAccount, displayPhoneNumber: '+1 555 0011', department: { id: support, name: 'Support' } },
    ]);
    // Another department's conversation: a filter that leaves no numbers, as for an unknown one.
    const foreign = await env
      .as('supportAgent')
      .get(`/api/me/transfer-targets?conversationId=${id}`)
      .expect(200);
    expect(foreign.body.numbers).toEqual([]);
    await env.as('viewer').get('/api/me/transfer-targets').expect(403);
    const bad = await env.as('salesAgent').get('/api/me/transfer-targets?conversationId=nope').expect(400);
    expect(bad.body.problems[0].field).toBe('conversationId');
  });

  it('continues the conversation on the other number: the original closed, a linked new one in its department, templates only', async () => {
    const id = await salesConversation();
    const moved = await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/transfer-to-number`)
      .send({ numberId: sameAccount, note: 'Support handles this' })
      .expect(200);
    expect(moved.body).toEqual({
      fromConversationId: id,
      conversationId: expect.any(String),
      numberId: sameAccount,
      departmentId: support,
      windowOpen: false,
    });
    const to: string = moved.body.conversationId;
    expect(to).not.toBe(id);
    expect((await env.api().get(`/api/conversations/${id}`).expect(200)).body.status).toBe('closed');
    const next = (await env.as('supportAgent').get(`/api/conversations/${to}`).expect(200)).body;
    expect(next).toMatchObject({
      status: 'open',
      numberId: sameAccount,
      department: { id: support },
      owner: null,
      window: { open: false, templateOnly: true },
    });
    expect(next.card).not.toBeNull();
    // The 24-hour window is per number: the customer never wrote to this one, so free text is refused.
    await env
      .as('supportAgent')
      .post(`/api/conversations/${to}/messages`)
      .send({ type: 'text', text: 'Olá' })
      .expect(409);

    const timeline = await env.query<{ conversation_id: string; data: Record<string, unknown> }>(
      `select c.conversation_id, e.data from card_events e join cards c on c.id = e.card_id
        where e.kind = 'transfer' and c.conversation_id = any($1::uuid[]) order by c.conversation_id`,
      [[id, to]],
    );
    const link = {
      fromConversationId: id,
      fromNumberId: env.numbers.sales.id,
      toConversationId: to,
      toNumberId: sameAccount,
      note: 'Support handles this',
    };
    expect(timeline.map((t) => t.data)).toEqual([link, link]);
    const [audit] = await env.query<{ actor_id: string; department_id: string; details: unknown }>(
      `select actor_id, department_id, details from audit_events
        where action = 'conversation.transferred_to_number' and target_id = $1`,
      [id],
    );
    expect(audit).toEqual({
      actor_id: env.users.salesAgent.id,
      department_id: sales,
      details: {
        fromNumberId: env.numbers.sales.id,
        toNumberId: sameAccount,
        toDepartmentId: support,
        toConversationId: to,
        note: 'Support handles this',
      },
    });
    // Closed now: a second transfer is refused.
    const again = await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/transfer-to-number`)
      .send({ numberId: sameAccount })
      .expect(409);
    expect(again.body.code).toBe('conversation_closed');
  });

  it('refuses numbers of another account, disabled, unknown, members-only or the same number, naming numberId', async () => {
    const id = await salesConversation();
    const transfer = (numberId: string, actor: 'salesAgent' | 'supportAgent' | 'viewer' = 'salesAgent') =>
      env.as(actor).post(`/api/conversations/${id}/transfer-to-number`).send({ numberId });
    const refusals: [string, number, string][] = [
      [otherAccount, 422, 'other_account'],
      [disabled, 422, 'number_disabled'],
      ['00000000-0000-4000-8000-000000000000', 422, 'unknown_number'],
      [hrNumber, 422, 'unknown_number'],
      [env.numbers.sales.id, 409, 'same_number'],
    ];
    for (const [numberId, status, code] of refusals) {
      const refused = await transfer(numberId).expect(status);
      expect([refused.body.code, refused.body.message.startsWith('numberId: ')]).toEqual([code, true]);
    }
    const missing = await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/transfer-to-number`)
      .send({})
      .expect(400);
    expect(missing.body.problems[0].field).toBe('numberId');
    await transfer(sameAccount, 'supportAgent').expect(404);
    await transfer(sameAccount, 'viewer').expect(403);
    // Nothing changed: still open on its number.
    expect((await env.api().get(`/api/conversations/${id}`).expect(200)).body).toMatchObject({
      status: 'open',
      numberId: env.numbers.sales.id,
    });
    expect(
      await env.query(
        `select 1 from audit_events where action = 'conversation.transferred_to_number' and target_id = $1`,
        [id],
      ),
    ).toEqual([]);
  });
});

import { EntityManager } from '@mikro-orm/postgresql';
import { ConversationOwnershipService } from '@switchboard/conversations';
import { UserAdminService } from '@switchboard/identity';
import { TEST_PASSWORD, TestEnvironment, waitFor } from '@switchboard/testing';
import request from 'supertest';

export interface TestAgent {
  id: string;
  name: string;
  token: string;
  as(): request.Agent;
}

let phones = 0;

/**
 * People for assignment specs: users with a role in a department, created in order (uuidv7 ids, so the order of
 * creation is the order of their ids, which round-robin follows), each signed in through the login route.
 */
export async function createAgents(
  env: TestEnvironment,
  departmentId: string,
  names: string[],
  role: 'agent' | 'supervisor' = 'agent',
): Promise<TestAgent[]> {
  const users = env.app.get(UserAdminService);
  const out: TestAgent[] = [];
  for (const name of names) {
    const email = `${name.toLowerCase()}@assignment.test`;
    const user = await users.ensure({
      email,
      name,
      password: TEST_PASSWORD,
      isAdmin: false,
      memberships: [{ departmentId, role }],
    });
    const login = await request(env.url).post('/api/auth/login').send({ email, password: TEST_PASSWORD });
    if (login.status !== 200) throw new Error(`${name} could not sign in: ${login.status} ${login.text}`);
    const token = login.body.accessToken as string;
    out.push({
      id: user.id,
      name,
      token,
      as: () => request.agent(env.url).set('Authorization', `Bearer ${token}`),
    });
  }
  return out;
}

/** A supervisor sets an agent's capacity, skills, languages or schedule in the department. */
export async function configureAgent(
  env: TestEnvironment,
  departmentId: string,
  userId: string,
  settings: Record<string, unknown>,
): Promise<void> {
  await env.api().patch(`/api/departments/${departmentId}/agents/${userId}`).send(settings).expect(200);
}

export async function setAvailability(
  env: TestEnvironment,
  departmentId: string,
  userId: string,
  status: 'online' | 'away' | 'offline',
): Promise<void> {
  await env
    .api()
    .put(`/api/departments/${departmentId}/agents/${userId}/availability`)
    .send({ status })
    .expect(200);
}

/** A new customer writes to the department's number; resolves to the id of the conversation it opened. */
export async function newConversation(
  env: TestEnvironment,
  number: 'sales' | 'support' | 'hr',
  text = 'Olá',
): Promise<string> {
  const waId = `55119${String(Date.now() % 100000).padStart(5, '0')}${String(phones++).padStart(3, '0')}`;
  await env.sandbox.customer(waId, { phoneNumberId: env.numbers[number].phoneNumberId }).text(text);
  const [row] = await waitFor(
    () =>
      env.query<{ id: string }>(
        'select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1',
        [waId],
      ),
    { what: `the conversation of ${waId}` },
  );
  return row.id;
}

/**
 * What routing sets in production (the customer's language, skills a rule requires), set here through the
 * conversations library's own service while routing is not part of these specs.
 */
export async function setRequirements(
  env: TestEnvironment,
  conversationId: string,
  requirements: { language?: string | null; requiredSkills?: string[] },
): Promise<void> {
  const ownership = env.app.get(ConversationOwnershipService);
  await env.app
    .get(EntityManager)
    .fork()
    .transactional((em) =>
      ownership.setRequirements(em, conversationId, requirements, {
        type: 'system',
        id: null,
        label: 'test',
      }),
    );
}

/** Owner of each conversation, as the database has it. */
export async function owners(env: TestEnvironment, ids: string[]): Promise<(string | null)[]> {
  const rows = await env.query<{ id: string; owner_user_id: string | null }>(
    'select id, owner_user_id from conversations where id = any($1::uuid[])',
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r.owner_user_id]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** The card timeline of the conversation's card. */
export async function timelineOf(
  env: TestEnvironment,
  conversationId: string,
): Promise<{ kind: string; data: Record<string, unknown> }[]> {
  const [card] = await env.query<{ id: string }>('select id from cards where conversation_id = $1', [
    conversationId,
  ]);
  return (await env.api().get(`/api/cards/${card.id}/timeline`).expect(200)).body;
}

/**
 * The reporting benchmark's data, written with set-based SQL (generate_series) before the api starts:
 *
 * - the installation through the real services: three departments with a number each (the realtime benchmark's),
 *   ten agents and two teams per department, an admin and a supervisor of the first department who sign in;
 * - the product's own tables as intake, replies and closes would have left them: a contact, a conversation and a
 *   card per conversation, ten messages per conversation (customer and agent in turn, 1 to 19 minutes apart);
 * - reporting's fact tables as its subscriber would have written them from those conversations' events: one
 *   report_conversations row each, a report_responses row per agent message (the first one `first`, the others
 *   `next`), the daily duration rollup counted from those responses and resolutions, one first-response SLA outcome each (met when answered within 10 minutes) and the hourly volume
 *   summed from the messages. Business time is taken as wall time (a 24-hour calendar): the queries' cost does
 *   not depend on the values.
 *
 * Conversations are spread evenly over the year before `end`; one in fifty, and every conversation of the last day,
 * is still open (in one of the first three stages), the others closed ten minutes after their last message.
 */
import { randomUUID } from 'node:crypto';
import { UserAdminService } from '@switchboard/identity';
import { Client } from 'pg';
import { BENCH_ID_FUNCTION, seedSteps } from '../harness/bulk-seed';
import { NUMBERS, seedNumber, WABA_ID, withSeedContext } from '../realtime/seed';

export const PASSWORD = 'bench-password-123';
export const ADMIN_EMAIL = 'admin@bench.switchboard';
export const SUPERVISOR_EMAIL = 'supervisor@bench.switchboard';
const AGENTS_PER_DEPARTMENT = 10;
const TEAMS_PER_DEPARTMENT = 2;
export const MESSAGES_PER_CONVERSATION = 10;
/** Tables loaded with their secondary indexes set aside (see withoutIndexes). */
const BULK = ['messages', 'report_responses', 'contacts', 'conversations', 'cards', 'report_conversations'];

export interface Installation {
  departmentIds: string[];
  numberIds: string[];
  agentIds: string[][];
  teamIds: string[][];
}

export function seedInstallation(databaseUrl: string, prefix: string): Promise<Installation> {
  return withSeedContext(databaseUrl, prefix, async (ctx) => {
    const departmentIds: string[] = [];
    for (const n of NUMBERS) departmentIds.push(await seedNumber(ctx, n));
    const users = ctx.get(UserAdminService);
    await users.ensure({
      email: ADMIN_EMAIL,
      name: 'Admin',
      password: PASSWORD,
      isAdmin: true,
      memberships: [],
    });
    await users.ensure({
      email: SUPERVISOR_EMAIL,
      name: 'Supervisor',
      password: PASSWORD,
      isAdmin: false,
      memberships: [{ departmentId: departmentIds[0], role: 'supervisor' }],
    });
    const agentIds: string[][] = [];
    for (const [d, departmentId] of departmentIds.entries()) {
      agentIds.push([]);
      for (let a = 0; a < AGENTS_PER_DEPARTMENT; a++) {
        // No password: nobody signs in as them.
        const user = await users.ensure({
          email: `agent${d}-${a}@bench.switchboard`,
          name: `Agent ${d}-${a}`,
          isAdmin: false,
          memberships: [{ departmentId, role: 'agent' }],
        });
        agentIds[d].push(user.id);
      }
    }
    return { departmentIds, numberIds: [], agentIds, teamIds: [] };
  });
}

/** The numbers' ids and the teams (written here), completing the installation. */
async function completeInstallation(db: Client, installation: Installation): Promise<void> {
  const numbers = await db.query<{ id: string; department_id: string }>(
    'select id, department_id from whatsapp_numbers',
  );
  installation.numberIds = installation.departmentIds.map(
    (d) => numbers.rows.find((n) => n.department_id === d)!.id,
  );
  installation.teamIds = installation.departmentIds.map(() =>
    Array.from({ length: TEAMS_PER_DEPARTMENT }, () => randomUUID()),
  );
  for (const [d, departmentId] of installation.departmentIds.entries())
    for (const [t, id] of installation.teamIds[d].entries())
      await db.query('insert into teams (id, department_id, name, created_at) values ($1, $2, $3, now())', [
        id,
        departmentId,
        `Team ${d}-${t}`,
      ]);
}

/** The plan of every conversation and message; `$1` is the end of the year they are spread over. */
const planSteps = (n: number): [string, string][] => [
  ['id function', BENCH_ID_FUNCTION],
  [
    'plan',
    `create unlogged table bench_plan as
     select i, pg_temp.bench_id(opened_at, i) as id, pg_temp.bench_id(opened_at, i + 1000000000) as contact_id,
            pg_temp.bench_id(opened_at, i + 2000000000) as card_id, d, a, t, opened_at, still_open
       from (select i, i % 3 as d, (i / 3) % ${AGENTS_PER_DEPARTMENT} as a, (i / 7) % ${TEAMS_PER_DEPARTMENT} as t,
                    $1::timestamptz - interval '365 days' + (i / ${n}::float8) * interval '365 days' as opened_at,
                    (i % 50 = 0 or i / ${n}::float8 > 364 / 365.0) as still_open
               from generate_series(1, ${n}) i) g`,
  ],
  [
    'plan messages',
    // Message k at opened + k × 10 min + a pseudo-random 0–539 s drawn for each message (a hash of its number), so
    // consecutive messages are 61 s to 18 min 59 s apart and response times spread over about 1,000 values.
    `create unlogged table bench_msg as
     select p.i, k, p.opened_at + k * interval '10 minutes'
              + (((hashint8(p.i::bigint * 16 + k)::bigint + 2147483648) % 540) * interval '1 second') as at
       from bench_plan p, generate_series(0, ${MESSAGES_PER_CONVERSATION - 1}) k`,
  ],
  ['index plan', 'create index on bench_msg (i, k)'],
];

/** Writes every table; returns how long each step took (seconds). */
export async function seedData(
  databaseUrl: string,
  installation: Installation,
  conversations: number,
  end: Date,
  log: (line: string) => void,
): Promise<Record<string, number>> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const { step, timings } = seedSteps(db, BULK, log);
  try {
    await db.query('set synchronous_commit = off');
    await db.query(`set maintenance_work_mem = '256MB'`);
    await db.query(`set work_mem = '64MB'`);
    await completeInstallation(db, installation);
    const stages = await db.query<{ department_id: string; key: string; id: string; pipeline_id: string }>(
      `select p.department_id, s.key, s.id, p.id as pipeline_id
         from pipelines p join pipeline_stages s on s.pipeline_id = p.id where p.is_default order by s.position`,
    );
    const stageOf = (d: string, key: string) =>
      stages.rows.find((s) => s.department_id === d && s.key === key)!.id;
    const departments = installation.departmentIds;
    const arrays = {
      departments,
      numbers: installation.numberIds,
      // Flattened per department: index d * n + x.
      agents: installation.agentIds.flat(),
      teams: installation.teamIds.flat(),
      pipelines: departments.map((d) => stages.rows.find((s) => s.department_id === d)!.pipeline_id),
      openStages: departments.flatMap((d) => ['new', 'in_progress', 'waiting'].map((k) => stageOf(d, k))),
      closedStages: departments.map((d) => stageOf(d, 'closed')),
    };
    for (const [name, text] of planSteps(Math.floor(conversations)))
      await step(name, text, text.includes('$1') ? [end] : []);
    const A = AGENTS_PER_DEPARTMENT;
    const T = TEAMS_PER_DEPARTMENT;
    const last = MESSAGES_PER_CONVERSATION - 1;
    await step(
      'contacts',
      `insert into contacts (id, wa_id, created_at, updated_at, waba_id)
       select p.contact_id, '77' || lpad(p.i::text, 11, '0'), p.opened_at, p.opened_at, $1 from bench_plan p`,
      [WABA_ID],
    );
    await step(
      'conversations',
      `insert into conversations (id, number_id, department_id, contact_id, status, last_speaker, last_inbound_at,
              last_outbound_at, last_message_at, window_expires_at, created_at, updated_at, owner_user_id, team_id,
              closed_at)
       select p.id, ($1::uuid[])[p.d + 1], ($2::uuid[])[p.d + 1], p.contact_id,
              case when p.still_open then 'open' else 'closed' end, 'agent', mi.at, mo.at, mo.at,
              mi.at + interval '24 hours', p.opened_at, mo.at, ($3::uuid[])[p.d * ${A} + p.a + 1],
              ($4::uuid[])[p.d * ${T} + p.t + 1],
              case when p.still_open then null else mo.at + interval '10 minutes' end
         from bench_plan p
         join bench_msg mi on mi.i = p.i and mi.k = ${last - 1}
         join bench_msg mo on mo.i = p.i and mo.k = ${last}`,
      [arrays.numbers, departments, arrays.agents, arrays.teams],
    );
    await step(
      'cards',
      `insert into cards (id, conversation_id, department_id, pipeline_id, stage_id, title, created_at, updated_at,
              fields, stage_entered_at)
       select p.card_id, p.id, ($1::uuid[])[p.d + 1], ($2::uuid[])[p.d + 1],
              case when p.still_open then ($3::uuid[])[p.d * 3 + p.i % 3 + 1] else ($4::uuid[])[p.d + 1] end,
              'Bench', p.opened_at, p.opened_at, '{}'::jsonb, p.opened_at
         from bench_plan p`,
      [departments, arrays.pipelines, arrays.openStages, arrays.closedStages],
    );
    await step(
      'messages',
      `insert into messages (id, wamid, conversation_id, direction, type, body, content, status, sent_at, created_at,
              updated_at, number_id, author_user_id)
       select pg_temp.bench_id(m.at, m.i * 16 + m.k), 'wamid.bench.' || m.i || '.' || m.k, p.id,
              case when m.k % 2 = 0 then 'in' else 'out' end, 'text', 'bench', '{}'::jsonb,
              case when m.k % 2 = 0 then 'received' else 'read' end,
              case when m.k % 2 = 1 then m.at end, m.at, m.at, ($1::uuid[])[p.d + 1],
              case when m.k % 2 = 1 then ($2::uuid[])[p.d * ${A} + p.a + 1] end
         from bench_msg m join bench_plan p on p.i = m.i order by m.at`,
      [arrays.numbers, arrays.agents],
    );
    await step(
      'report_conversations',
      `insert into report_conversations (conversation_id, department_id, number_id, team_id, owner_user_id, status,
              card_id, stage_key, stage_category, opened_at, closed_at, first_response_at, first_response_ms,
              first_response_user_id, resolution_ms, resolved_by_user_id, resolved_team_id, last_xid, last_seq)
       select c.id, c.department_id, c.number_id, c.team_id, c.owner_user_id, c.status, k.id, s.key, s.category,
              c.created_at, c.closed_at, m1.at, (extract(epoch from m1.at - m0.at) * 1000)::bigint, c.owner_user_id,
              (extract(epoch from c.closed_at - c.created_at) * 1000)::bigint,
              case when c.closed_at is not null then c.owner_user_id end,
              case when c.closed_at is not null then c.team_id end, 1, p.i
         from bench_plan p join conversations c on c.id = p.id
         join cards k on k.conversation_id = c.id join pipeline_stages s on s.id = k.stage_id
         join bench_msg m0 on m0.i = p.i and m0.k = 0
         join bench_msg m1 on m1.i = p.i and m1.k = 1`,
    );
    await step(
      'report_responses',
      `insert into report_responses (message_id, conversation_id, kind, department_id, number_id, team_id, user_id,
              customer_at, responded_at, business_ms)
       select pg_temp.bench_id(m.at, m.i * 16 + m.k), p.id, case when m.k = 1 then 'first' else 'next' end, ($1::uuid[])[p.d + 1],
              ($2::uuid[])[p.d + 1], ($3::uuid[])[p.d * ${T} + p.t + 1], ($4::uuid[])[p.d * ${A} + p.a + 1],
              q.at, m.at, (extract(epoch from m.at - q.at) * 1000)::bigint
         from bench_msg m join bench_plan p on p.i = m.i join bench_msg q on q.i = m.i and q.k = m.k - 1
        where m.k % 2 = 1 order by m.at`,
      [departments, arrays.numbers, arrays.teams, arrays.agents],
    );
    await step(
      'report_durations_daily',
      // As the subscriber counts them: every response and resolution per UTC day, rounded duration and grouping.
      `insert into report_durations_daily (day, dimension, key, department_id, kind, bucket_ms, count)
       select (m.at at time zone 'UTC')::date, k.dimension, k.key, m.department_id, m.kind,
              report_duration_bucket(m.ms), count(*)
         from (select r.responded_at as at, r.kind, r.department_id, r.number_id, r.team_id, r.user_id,
                      r.business_ms as ms
                 from report_responses r
               union all
               select r.closed_at, 'resolution', r.department_id, r.number_id, r.resolved_team_id,
                      r.resolved_by_user_id, r.resolution_ms
                 from report_conversations r
                where r.closed_at is not null and r.resolution_ms is not null) m
        cross join lateral (values ('agent', m.user_id), ('team', m.team_id), ('number', m.number_id))
              as k(dimension, key)
        group by 1, 2, 3, 4, 5, 6`,
    );
    await step(
      'report_sla_outcomes',
      `insert into report_sla_outcomes (clock_id, conversation_id, department_id, number_id, team_id, user_id, kind,
              outcome, at)
       select r.conversation_id::text, r.conversation_id, r.department_id, r.number_id, r.team_id,
              r.first_response_user_id, 'first_response',
              case when r.first_response_ms <= 600000 then 'met' else 'breached' end, r.first_response_at
         from report_conversations r`,
    );
    await step(
      'report_volume_hourly',
      `insert into report_volume_hourly (number_id, hour, department_id, inbound, outbound)
       select m.number_id, date_trunc('hour', m.created_at), c.department_id,
              count(*) filter (where m.direction = 'in'), count(*) filter (where m.direction = 'out')
         from messages m join conversations c on c.id = m.conversation_id
        group by 1, 2, 3`,
    );
    await step('drop plan', 'drop table bench_msg; drop table bench_plan');
    await step('analyze', 'vacuum analyze');
    return timings;
  } finally {
    await db.end();
  }
}

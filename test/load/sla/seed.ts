/**
 * The SLA benchmark's data.
 *
 * - The installation through the real services before the processes start: one department with one number (the
 *   realtime benchmark's first) and an admin who signs in; the SLA policy itself is created over HTTP
 *   (POST /api/departments/:id/sla-policies) once the api runs, see run.ts.
 * - N open conversations written with set-based SQL (generate_series), exactly as intake and the SLA clock
 *   subscriber leave them for a customer who wrote and is still waiting for a first answer: a contact, an open
 *   conversation and its card in the pipeline's first stage, reporting's fact row, the clocks' sla_conversations
 *   row, a running first-response clock in sla_clocks (its `started` and `warned` transitions) and its
 *   `sla:<clockId>:breach` timer in the engine's timers table.
 *
 * Why not through the webhook: 100,000 conversations through intake, routing and the clock subscriber take many
 * minutes on this machine, and would still leave every deadline where the clock math puts it (arrival + 120 min),
 * bunched at the arrival rate. What is measured here is the deadlines falling due, so the rows are written directly
 * with their deadlines spread evenly over one hour.
 *
 * Each clock started 120 minutes (the policy's breachMinutes) before its deadline, so its warning (60 minutes) is
 * already past: warned_at is set and no warning timer is left, as the subscriber leaves a clock after its warning
 * fired. The product rows (contacts, conversations, cards, facts) are written before the base instant is fixed, so
 * their times precede their clocks' start by the seeding time; nothing on the breach path reads them. Deadlines are
 * whole milliseconds (the timer payload carries them as ISO strings, and the handler's
 * compare-and-set compares the clock's due_at with it). The 24-hour reply-window timers are left out: none would
 * fall due during the run.
 */
import { UserAdminService } from '@switchboard/identity';
import { Client } from 'pg';
import { BENCH_ID_FUNCTION, seedSteps } from '../harness/bulk-seed';
import { NUMBERS, seedNumber, WABA_ID, withSeedContext } from '../realtime/seed';

export const NUMBER = NUMBERS[0];
export const PASSWORD = 'bench-password-123';
export const ADMIN_EMAIL = 'admin@bench.switchboard';
/** The policy's first-response target (minutes). */
export const WARNING_MINUTES = 60;
export const BREACH_MINUTES = 120;
/** Deadlines are spread evenly over this long after the base instant. */
export const SPREAD_MS = 3_600_000;
/** Tables loaded with their secondary indexes set aside and rebuilt after (one sorted build each). */
const BULK = [
  'contacts',
  'conversations',
  'cards',
  'report_conversations',
  'sla_conversations',
  'sla_clocks',
  'sla_clock_transitions',
];

export interface Installation {
  departmentId: string;
  numberId: string;
  pipelineId: string;
  stageId: string;
  stageKey: string;
}

export function seedInstallation(databaseUrl: string, prefix: string): Promise<string> {
  return withSeedContext(databaseUrl, prefix, async (ctx) => {
    const departmentId = await seedNumber(ctx, NUMBER);
    await ctx.get(UserAdminService).ensure({
      email: ADMIN_EMAIL,
      name: 'Admin',
      password: PASSWORD,
      isAdmin: true,
      memberships: [],
    });
    return departmentId;
  });
}

async function installation(db: Client, departmentId: string): Promise<Installation> {
  const { rows } = await db.query<{ number_id: string; pipeline_id: string; stage_id: string; key: string }>(
    `select n.id as number_id, p.id as pipeline_id, s.id as stage_id, s.key
       from whatsapp_numbers n join pipelines p on p.department_id = n.department_id and p.is_default
       join pipeline_stages s on s.pipeline_id = p.id
      where n.department_id = $1 order by s.position limit 1`,
    [departmentId],
  );
  const r = rows[0];
  return {
    departmentId,
    numberId: r.number_id,
    pipelineId: r.pipeline_id,
    stageId: r.stage_id,
    stageKey: r.key,
  };
}

export interface SeedResult {
  /** The instant the deadlines start from: conversation i (1..n) is due at base + i/n × SPREAD_MS. */
  base: Date;
  timings: Record<string, number>;
}

/**
 * Writes `n` open conversations with running first-response clocks. `leadMs`: how long after the clocks are written
 * the first deadline falls (the idle minute is measured in between).
 */
export async function seedConversations(
  databaseUrl: string,
  departmentId: string,
  policyId: string,
  n: number,
  leadMs: number,
  log: (line: string) => void,
): Promise<SeedResult> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const { step, timings } = seedSteps(db, BULK, log);
  try {
    await db.query('set synchronous_commit = off');
    await db.query(`set maintenance_work_mem = '256MB'`);
    const inst = await installation(db, departmentId);
    await step('id function', BENCH_ID_FUNCTION);
    // The product rows do not depend on the base instant; the deadlines are placed last, once they are written.
    const opened = new Date(Date.now() - BREACH_MINUTES * 60_000);
    await step(
      'plan',
      `create unlogged table bench_plan as
       select i, pg_temp.bench_id(at, i) as id, pg_temp.bench_id(at, i + 1000000000) as contact_id,
              pg_temp.bench_id(at, i + 2000000000) as card_id, pg_temp.bench_id(at, i + 3000000000) as clock_id,
              at as opened_at
         from (select i, $1::timestamptz + (i / ${n}::float8) * interval '1 hour' as at
                 from generate_series(1, ${n}) i) g`,
      [opened],
    );
    await step(
      'contacts',
      `insert into contacts (id, wa_id, created_at, updated_at, waba_id)
       select p.contact_id, '78' || lpad(p.i::text, 11, '0'), p.opened_at, p.opened_at, $1 from bench_plan p`,
      [WABA_ID],
    );
    await step(
      'conversations',
      `insert into conversations (id, number_id, department_id, contact_id, status, last_speaker, last_inbound_at,
              last_message_at, window_expires_at, created_at, updated_at)
       select p.id, $1, $2, p.contact_id, 'open', 'customer', p.opened_at, p.opened_at,
              p.opened_at + interval '24 hours', p.opened_at, p.opened_at
         from bench_plan p order by p.i`,
      [inst.numberId, departmentId],
    );
    await step(
      'cards',
      `insert into cards (id, conversation_id, department_id, pipeline_id, stage_id, title, created_at, updated_at,
              fields, stage_entered_at)
       select p.card_id, p.id, $1, $2, $3, 'Bench', p.opened_at, p.opened_at, '{}'::jsonb, p.opened_at
         from bench_plan p order by p.i`,
      [departmentId, inst.pipelineId, inst.stageId],
    );
    await step(
      'report_conversations',
      `insert into report_conversations (conversation_id, department_id, number_id, status, card_id, stage_key,
              stage_category, sla_status, opened_at, awaiting_since, last_xid, last_seq)
       select p.id, $1, $2, 'open', p.card_id, $3, s.category, 'yellow', p.opened_at, p.opened_at, 1, p.i
         from bench_plan p, pipeline_stages s where s.id = $4 order by p.i`,
      [departmentId, inst.numberId, inst.stageKey, inst.stageId],
    );
    await step(
      'sla_conversations',
      `insert into sla_conversations (conversation_id, department_id, number_id, priority, policy_id, status,
              customer_waiting_since, agent_replied, stage_key)
       select p.id, $1, $2, 'normal', $3, 'open', p.opened_at, false, $4 from bench_plan p order by p.i`,
      [departmentId, inst.numberId, policyId, inst.stageKey],
    );
    // Now the deadlines: due at base + i/n hours, whole milliseconds; started BREACH_MINUTES before.
    const base = new Date(Date.now() + leadMs);
    await step(
      'deadlines',
      `create unlogged table bench_due as
       select p.i, p.id, p.clock_id,
              date_trunc('milliseconds', $1::timestamptz + (p.i / ${n}::float8) * interval '1 hour') as due_at
         from bench_plan p`,
      [base],
    );
    await step(
      'sla_clocks',
      `insert into sla_clocks (id, conversation_id, department_id, number_id, policy_id, kind, state, business_hours,
              started_at, elapsed_ms, last_resumed_at, target_ms, warn_ms, due_at, warn_at, warned_at, updated_at)
       select d.clock_id, d.id, $1, $2, $3, 'first_response', 'running', false,
              d.due_at - interval '${BREACH_MINUTES} minutes', 0, d.due_at - interval '${BREACH_MINUTES} minutes',
              ${BREACH_MINUTES * 60_000}, ${WARNING_MINUTES * 60_000}, d.due_at,
              d.due_at - interval '${BREACH_MINUTES - WARNING_MINUTES} minutes',
              d.due_at - interval '${BREACH_MINUTES - WARNING_MINUTES} minutes', now()
         from bench_due d order by d.i`,
      [departmentId, inst.numberId, policyId],
    );
    await step(
      'sla_clock_transitions',
      `insert into sla_clock_transitions (clock_id, conversation_id, at, transition, cause, elapsed_ms, due_at)
       select d.clock_id, d.id, d.due_at - t.before, t.transition,
              case when t.transition = 'warned' then 'sla:' || d.clock_id || ':warning' else t.cause end,
              t.elapsed, d.due_at
         from bench_due d,
              (values ('started', 'message.received@bench', interval '${BREACH_MINUTES} minutes', 0::bigint),
                      ('warned', '', interval '${BREACH_MINUTES - WARNING_MINUTES} minutes',
                       ${WARNING_MINUTES * 60_000}::bigint)) t(transition, cause, before, elapsed)
        order by d.i, t.before desc`,
    );
    await step(
      'timers',
      `insert into timers (key, kind, due_at, payload)
       select 'sla:' || d.clock_id || ':breach', 'sla.breach', d.due_at,
              jsonb_build_object('clockId', d.clock_id, 'conversationId', d.id,
                'dueAt', to_char(d.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
         from bench_due d order by d.i`,
    );
    await step('drop plan', 'drop table bench_due; drop table bench_plan');
    await step('analyze', 'analyze');
    return { base, timings };
  } finally {
    await db.end();
  }
}

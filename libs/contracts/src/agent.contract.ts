import { z } from 'zod';
import { isTimeZone } from './business-hours.contract';

/** What an agent is: online (takes conversations), away (signed in, takes none), offline. */
export const AGENT_AVAILABILITY = ['online', 'away', 'offline'] as const;
export type AgentAvailability = (typeof AGENT_AVAILABILITY)[number];

/** Who changed an availability: the agent, a supervisor or admin, or the product itself (socket gone, idle). */
export type AvailabilitySource = 'self' | 'supervisor' | 'system';

/** PUT /api/me/availability and PUT /api/departments/:id/agents/:userId/availability. */
export const setAvailabilityRequest = z.strictObject({
  status: z.enum(AGENT_AVAILABILITY),
  /** Why, in a few words ("lunch", "covering for Ana"): kept in the history. */
  reason: z.string().trim().min(1).max(200).optional(),
});
export type SetAvailabilityRequest = z.infer<typeof setAvailabilityRequest>;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
/** An end may also be 24:00 (until midnight); periods never cross midnight: split them in two. */
const END = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A calendar date `YYYY-MM-DD` that exists. */
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2030-03-10')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { message: 'not a calendar date' });

const period = z.strictObject({
  start: z.string().regex(TIME, 'a 24-hour time like 09:00'),
  end: z.string().regex(END, 'a 24-hour time like 17:00 (or 24:00 for midnight)'),
});
const weeklyPeriod = period.extend({
  /** 0 = Sunday … 6 = Saturday. */
  day: z.number().int().min(0).max(6),
});
const breakPeriod = period.extend({ date });

type Period = z.infer<typeof period>;
const label = (p: Period) => `${p.start}–${p.end}`;

/** Adds an issue for each period that ends before it starts, and for each pair of overlapping periods. */
function checkPeriods<T extends Period>(
  items: T[],
  groupOf: (p: T) => string,
  ctx: z.RefinementCtx,
  field: string,
): void {
  items.forEach((p, i) => {
    if (TIME.test(p.start) && END.test(p.end) && minutesOf(p.end) <= minutesOf(p.start))
      ctx.addIssue({
        code: 'custom',
        path: [field, i, 'end'],
        message: `end (${p.end}) must be after start (${p.start}); split a period that crosses midnight`,
      });
  });
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) {
      const [a, b] = [items[i], items[j]];
      if (groupOf(a) !== groupOf(b)) continue;
      if (minutesOf(a.start) < minutesOf(b.end) && minutesOf(b.start) < minutesOf(a.end))
        ctx.addIssue({
          code: 'custom',
          path: [field, j],
          message: `${groupOf(a)} ${label(a)} and ${groupOf(b)} ${label(b)} overlap`,
        });
    }
}

/**
 * An agent's working time in one department: weekly shifts (several periods a day) in an IANA time zone, plus dated
 * days off and breaks, all in local time of that zone, so shifts follow daylight-saving changes.
 */
export const agentScheduleSchema = z
  .strictObject({
    timezone: z.string().refine(isTimeZone, { message: 'an IANA time zone like America/Sao_Paulo or UTC' }),
    weekly: z.array(weeklyPeriod).max(70),
    daysOff: z
      .array(date)
      .max(366)
      .refine((d) => new Set(d).size === d.length, { message: 'each day off at most once' })
      .default([]),
    breaks: z.array(breakPeriod).max(366).default([]),
  })
  .superRefine((s, ctx) => {
    checkPeriods(s.weekly, (p) => WEEKDAYS[p.day] ?? String(p.day), ctx, 'weekly');
    checkPeriods(s.breaks, (p) => p.date, ctx, 'breaks');
  });
export type AgentSchedule = z.output<typeof agentScheduleSchema>;

/** A BCP-47 tag Intl accepts for a language it knows (`pt-BR`, `es`, `en-GB`); stored in canonical case. */
export const languageTag = z
  .string()
  .max(35)
  .transform((tag, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      const known = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(canonical);
      if (canonical && known) return canonical;
    } catch {
      // a malformed tag: reported below
    }
    ctx.addIssue({ code: 'custom', message: `"${tag}" is not a BCP-47 language tag like pt-BR or es` });
    return z.NEVER;
  });

const skill = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, 'a skill is a lowercase slug like billing or tier-2');

/**
 * PATCH /api/departments/:id/agents/:userId: what the agent handles in this department. Fields left out keep their
 * value; `schedule: null` clears the schedule (the agent then has no shifts there).
 */
export const updateAgentSettingsRequest = z
  .strictObject({
    /** Most conversations open at once in this department; 0 takes none. */
    capacity: z.number().int().min(0).max(500).optional(),
    skills: z
      .array(skill)
      .max(50)
      .refine((s) => new Set(s).size === s.length, { message: 'each skill at most once' })
      .optional(),
    languages: z
      .array(languageTag)
      .max(20)
      .refine((l) => new Set(l).size === l.length, { message: 'each language at most once' })
      .optional(),
    schedule: agentScheduleSchema.nullable().optional(),
  })
  .refine(
    (v) => Object.values(v).some((x) => x !== undefined),
    'give capacity, skills, languages or schedule',
  );
export type UpdateAgentSettingsRequest = z.infer<typeof updateAgentSettingsRequest>;

export interface AvailabilityChangeView {
  status: AgentAvailability;
  previous: AgentAvailability | null;
  source: AvailabilitySource;
  /** The user who made the change (null when the product did). */
  changedBy: { id: string; name: string } | null;
  reason: string | null;
  at: string;
}

export interface AvailabilityView {
  status: AgentAvailability;
  /** When it last changed (null: never set, so offline). */
  since: string | null;
}

export interface AgentView {
  userId: string;
  name: string;
  email: string;
  role: 'supervisor' | 'agent';
  availability: AvailabilityView;
  /** Null until a supervisor sets it: the agent takes no conversations here. */
  capacity: number | null;
  skills: string[];
  languages: string[];
  schedule: AgentSchedule | null;
  /** On shift now (engine clock), in the schedule's time zone; null without a schedule. */
  onShiftNow: boolean | null;
}

export interface AvailabilityHistoryView {
  current: AvailabilityView;
  /** Newest first, at most 100. */
  history: AvailabilityChangeView[];
}

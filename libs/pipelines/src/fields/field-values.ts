import { LinearPattern } from '@switchboard/engine';
import type { FieldType } from '@switchboard/plugin-sdk';
import type { FieldConfig } from '../entities/pipeline-field.entity';

export interface FieldDef {
  key: string;
  label: string;
  type: FieldType;
  config: FieldConfig;
  archived: boolean;
}

type Check = (value: unknown, def: FieldDef) => { value: unknown } | { error: string };

const ok = (value: unknown) => ({ value });
const fail = (error: string) => ({ error });
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The longest text each type takes, checked before any pattern runs (text fields use their own maxLength). An
 * e-mail address is at most 254 characters (RFC 5321), a phone number at most 15 digits plus formatting.
 */
export const FIELD_TEXT_LIMITS = {
  email: 254,
  phone: 32,
  date: 10,
  currency: 3,
  option: 60,
  reference: 200,
} as const;
/** Money amounts stay where cents are exact in a double. */
const MAX_AMOUNT = 1e13;
/** Keys of one change: a pipeline has at most 100 fields, and a key is at most 40 characters. */
const MAX_KEYS = 100;
const MAX_KEY_LENGTH = 40;

// Every pattern here runs on RE2 (linear time), and only after the length check of its type.
const DATE = new LinearPattern('\\d{4}-\\d{2}-\\d{2}');
const CURRENCY = new LinearPattern('[A-Z]{3}');
const PHONE_FORMATTING = new LinearPattern('[\\s().-]');
const PHONE = new LinearPattern('\\+[1-9]\\d{6,14}');
const EMAIL = new LinearPattern('[^\\s@]+@[^\\s@]+\\.[^\\s@]+');

const tooLong = (max: number) => fail(`must be at most ${max} characters`);

const isCalendarDate = (v: string) => {
  if (!DATE.matches(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

const optionValues = (def: FieldDef) => (def.config.options ?? []).map((o) => o.value);

const checks: Record<FieldType, Check> = {
  text: (v, def) => {
    const max = def.config.maxLength ?? 1000;
    if (typeof v !== 'string') return fail('must be text');
    const t = v.trim();
    return t.length > max ? tooLong(max) : ok(t);
  },
  number: (v) => (typeof v === 'number' && Number.isFinite(v) ? ok(v) : fail('must be a number')),
  money: (v, def) => {
    const raw = typeof v === 'number' ? { amount: v } : v;
    if (!isObject(raw) || typeof raw.amount !== 'number' || !Number.isFinite(raw.amount))
      return fail('must be an amount, or { amount, currency }');
    if (Math.abs(raw.amount) > MAX_AMOUNT) return fail(`amount must be at most ${MAX_AMOUNT} in size`);
    if (Math.round(raw.amount * 100) !== raw.amount * 100) return fail('has more than 2 decimal places');
    const currency = raw.currency ?? def.config.currency ?? 'USD';
    if (
      typeof currency !== 'string' ||
      currency.length !== FIELD_TEXT_LIMITS.currency ||
      !CURRENCY.matches(currency)
    )
      return fail('currency must be an ISO 4217 code like USD');
    return ok({ amount: raw.amount, currency });
  },
  date: (v) =>
    typeof v === 'string' && v.length === FIELD_TEXT_LIMITS.date && isCalendarDate(v)
      ? ok(v)
      : fail('must be a date like 2026-12-31'),
  select: (v, def) =>
    typeof v === 'string' && v.length <= FIELD_TEXT_LIMITS.option && optionValues(def).includes(v)
      ? ok(v)
      : fail(`must be one of: ${optionValues(def).join(', ')}`),
  multiselect: (v, def) => {
    const allowed = optionValues(def);
    if (
      !Array.isArray(v) ||
      v.length > allowed.length ||
      v.some((x) => typeof x !== 'string' || x.length > FIELD_TEXT_LIMITS.option || !allowed.includes(x))
    )
      return fail(`must be a list of: ${allowed.join(', ')}`);
    return new Set(v).size === v.length ? ok(v) : fail('lists a value twice');
  },
  phone: (v) => {
    if (typeof v !== 'string') return fail('must be a phone number like +5511999990000');
    if (v.length > FIELD_TEXT_LIMITS.phone) return tooLong(FIELD_TEXT_LIMITS.phone);
    const compact = PHONE_FORMATTING.replaceAll(v, '');
    return PHONE.matches(compact)
      ? ok(compact)
      : fail('must be an international phone number like +5511999990000');
  },
  email: (v) => {
    if (typeof v !== 'string') return fail('must be an e-mail address');
    const t = v.trim();
    if (t.length > FIELD_TEXT_LIMITS.email) return tooLong(FIELD_TEXT_LIMITS.email);
    return EMAIL.matches(t) ? ok(t.toLowerCase()) : fail('must be an e-mail address');
  },
  reference: (v, def) => {
    const max = FIELD_TEXT_LIMITS.reference;
    if (!isObject(v) || typeof v.id !== 'string' || !v.id.trim() || v.id.length > max)
      return fail(
        `must be { id, label? } of a ${def.config.reference?.system} ${def.config.reference?.entity} (id at most ${max} characters)`,
      );
    if (v.label !== undefined && (typeof v.label !== 'string' || v.label.length > max))
      return fail(`label must be text of at most ${max} characters`);
    return ok({
      system: def.config.reference?.system,
      entity: def.config.reference?.entity,
      id: v.id.trim(),
      ...(v.label ? { label: v.label } : {}),
    });
  },
};

/** True when the value counts as filled in for a stage's required fields. */
export function hasValue(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/**
 * Validates and normalises a change to a card's fields. `null` clears a field. Returns the normalised values, or
 * the problems with each field named (`fields.deal_value: must be …`).
 */
export function validateFieldChange(
  defs: FieldDef[],
  change: Record<string, unknown>,
): { values: Record<string, unknown>; problems: string[] } {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  const entries = Object.entries(change);
  if (entries.length > MAX_KEYS) return { values, problems: [`fields: at most ${MAX_KEYS} fields at once`] };
  for (const [key, raw] of entries) {
    const def = defs.find((d) => d.key === key);
    if (!def) {
      // Never echo an arbitrarily long key back.
      const shown = key.length > MAX_KEY_LENGTH ? `${key.slice(0, MAX_KEY_LENGTH)}…` : key;
      problems.push(`fields.${shown}: not a field of this pipeline`);
      continue;
    }
    if (raw === null) {
      values[key] = null;
      continue;
    }
    if (def.archived) {
      problems.push(`fields.${key}: the field was retired and takes no new values`);
      continue;
    }
    const result = checks[def.type](raw, def);
    if ('error' in result) problems.push(`fields.${key}: ${result.error}`);
    else values[key] = result.value;
  }
  return { values, problems };
}

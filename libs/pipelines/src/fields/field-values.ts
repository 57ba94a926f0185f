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

const isCalendarDate = (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

const optionValues = (def: FieldDef) => (def.config.options ?? []).map((o) => o.value);

const checks: Record<FieldType, Check> = {
  text: (v, def) => {
    const max = def.config.maxLength ?? 1000;
    if (typeof v !== 'string') return fail('must be text');
    const t = v.trim();
    return t.length > max ? fail(`must be at most ${max} characters`) : ok(t);
  },
  number: (v) => (typeof v === 'number' && Number.isFinite(v) ? ok(v) : fail('must be a number')),
  money: (v, def) => {
    const raw = typeof v === 'number' ? { amount: v } : v;
    if (!isObject(raw) || typeof raw.amount !== 'number' || !Number.isFinite(raw.amount))
      return fail('must be an amount, or { amount, currency }');
    if (Math.round(raw.amount * 100) !== raw.amount * 100) return fail('has more than 2 decimal places');
    const currency = raw.currency ?? def.config.currency ?? 'USD';
    if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))
      return fail('currency must be an ISO 4217 code like USD');
    return ok({ amount: raw.amount, currency });
  },
  date: (v) => (typeof v === 'string' && isCalendarDate(v) ? ok(v) : fail('must be a date like 2026-12-31')),
  select: (v, def) =>
    typeof v === 'string' && optionValues(def).includes(v)
      ? ok(v)
      : fail(`must be one of: ${optionValues(def).join(', ')}`),
  multiselect: (v, def) => {
    const allowed = optionValues(def);
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !allowed.includes(x)))
      return fail(`must be a list of: ${allowed.join(', ')}`);
    return new Set(v).size === v.length ? ok(v) : fail('lists a value twice');
  },
  phone: (v) => {
    if (typeof v !== 'string') return fail('must be a phone number like +5511999990000');
    const compact = v.replace(/[\s().-]/g, '');
    return /^\+[1-9]\d{6,14}$/.test(compact)
      ? ok(compact)
      : fail('must be an international phone number like +5511999990000');
  },
  email: (v) =>
    typeof v === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim())
      ? ok(v.trim().toLowerCase())
      : fail('must be an e-mail address'),
  reference: (v, def) => {
    if (!isObject(v) || typeof v.id !== 'string' || !v.id.trim() || v.id.length > 200)
      return fail(
        `must be { id, label? } of a ${def.config.reference?.system} ${def.config.reference?.entity}`,
      );
    if (v.label !== undefined && (typeof v.label !== 'string' || v.label.length > 200))
      return fail('label must be text of at most 200 characters');
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
  for (const [key, raw] of Object.entries(change)) {
    const def = defs.find((d) => d.key === key);
    if (!def) {
      problems.push(`fields.${key}: not a field of this pipeline`);
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

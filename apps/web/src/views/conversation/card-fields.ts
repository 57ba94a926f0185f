import type { FieldView } from '@switchboard/contracts';

// A card field's value as a form edits it (text in inputs, a list for multi-selects) and back as the api takes it
// (libs/pipelines field-values.ts): an emptied field is sent as null, which clears it.

/** Number inputs' v-model hands back numbers: drafts are read through String(). */
export type FieldDraft = string | number | string[];

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};

export function options(field: FieldView): { value: string; label: string }[] {
  const raw = field.config.options;
  return (Array.isArray(raw) ? raw : [])
    .map(obj)
    .filter((o) => typeof o.value === 'string')
    .map((o) => ({ value: String(o.value), label: typeof o.label === 'string' ? o.label : String(o.value) }));
}

export function currencyOf(field: FieldView): string {
  return typeof field.config.currency === 'string' ? field.config.currency : 'USD';
}

export function draftOf(field: FieldView, value: unknown): FieldDraft {
  if (field.type === 'multiselect') return Array.isArray(value) ? value.map(String) : [];
  if (value === null || value === undefined) return '';
  if (field.type === 'money') {
    const amount = typeof value === 'number' ? value : obj(value).amount;
    return typeof amount === 'number' ? String(amount) : '';
  }
  if (field.type === 'reference') return String(obj(value).id ?? '');
  return String(value);
}

/** The api's value for a draft; numbers that do not parse are sent as typed, for the api to name the field. */
export function valueOf(field: FieldView, draft: FieldDraft): unknown {
  if (Array.isArray(draft)) return draft.length ? draft : null;
  const text = String(draft).trim();
  if (text === '') return null;
  if (field.type === 'number') return Number.isFinite(Number(text)) ? Number(text) : text;
  if (field.type === 'money')
    return Number.isFinite(Number(text)) ? { amount: Number(text), currency: currencyOf(field) } : text;
  if (field.type === 'reference') return { id: text };
  return text;
}

export function same(a: FieldDraft, b: FieldDraft): boolean {
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.join('\n') === b.join('\n');
  return String(a) === String(b);
}

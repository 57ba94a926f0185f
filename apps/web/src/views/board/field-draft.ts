import type { FieldView } from '@switchboard/contracts';

/** What a field's input holds while being filled in: text, or the chosen options of a multi-select. */
export type Draft = string | string[];

export interface FieldOption {
  value: string;
  label: string;
}

/** A select's options, from the field's config (`options: [{ value, label }]`). */
export function optionsOf(field: FieldView): FieldOption[] {
  const options = field.config.options;
  if (!Array.isArray(options)) return [];
  return options.flatMap((o: unknown) => {
    const { value, label } = (o ?? {}) as { value?: unknown; label?: unknown };
    return typeof value === 'string' ? [{ value, label: typeof label === 'string' ? label : value }] : [];
  });
}

/** The input's starting text from the card's current value (amounts show as their number). */
export function draftOf(field: FieldView, value: unknown): Draft {
  if (field.type === 'multiselect') return Array.isArray(value) ? value.map(String) : [];
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    const v = value as { amount?: unknown; id?: unknown };
    return String(v.amount ?? v.id ?? '');
  }
  return String(value);
}

/**
 * The value sent to the api for what was typed; an empty input sends nothing. Text that is not a number is sent as
 * typed so that the api names what is wrong with it (its checks are the rules; the page repeats none of them).
 */
export function valueOf(field: FieldView, draft: Draft): unknown {
  if (Array.isArray(draft)) return draft.length ? draft : undefined;
  const text = draft.trim();
  if (!text) return undefined;
  if (field.type === 'number' || field.type === 'money') {
    const n = Number(text.replace(',', '.'));
    return Number.isFinite(n) ? n : text;
  }
  if (field.type === 'reference') return { id: text };
  return text;
}

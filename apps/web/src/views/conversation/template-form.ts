import type { TemplateView } from '@switchboard/contracts';
import type { ReplyBody } from './api';

// A template's form: one field per variable of its header, body and buttons, each typed the way Meta's send API
// takes it, and the preview with the values filled in. Built from the components as Meta lists them.

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export type TemplateReplyBody = Extract<ReplyBody, { type: 'template' }>['template'];

/** `{{1}}` or `{{customer_name}}`: the names of a text's variables, in order, each once. */
export function variables(text: string | null): string[] {
  if (!text) return [];
  return [...new Set([...text.matchAll(/\{\{\s*([\w]+)\s*\}\}/g)].map((m) => m[1]))];
}

export type BodyKind = 'text' | 'currency' | 'date_time';

export interface BodyField {
  name: string;
  kind: BodyKind;
  text: string;
  /** Currency: ISO 4217 code and the amount as typed (12.34). */
  code: string;
  amount: string;
}

export type HeaderKind = 'NONE' | 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'LOCATION';

export interface HeaderField {
  kind: HeaderKind;
  /** The TEXT header's text (with its variable) or null. */
  template: string | null;
  variable: string | null;
  text: string;
  link: string;
  latitude: string;
  longitude: string;
  name: string;
}

export interface ButtonField {
  index: number;
  type: 'url' | 'copy_code';
  label: string;
  value: string;
}

export interface TemplateForm {
  header: HeaderField;
  body: string;
  footer: string | null;
  fields: BodyField[];
  buttons: ButtonField[];
  /** Buttons that take no value: shown in the preview only. */
  fixedButtons: string[];
}

function component(t: TemplateView, type: string): Json | null {
  return t.components.map(obj).find((c) => str(c.type) === type) ?? null;
}

export function formFor(t: TemplateView): TemplateForm {
  const header = component(t, 'HEADER');
  const format = str(header?.format);
  const headerText = str(header?.text);
  const kind: HeaderKind =
    format === 'TEXT' ||
    format === 'IMAGE' ||
    format === 'VIDEO' ||
    format === 'DOCUMENT' ||
    format === 'LOCATION'
      ? format
      : 'NONE';
  const body = str(component(t, 'BODY')?.text) ?? '';
  const buttons: ButtonField[] = [];
  const fixedButtons: string[] = [];
  const listed = component(t, 'BUTTONS')?.buttons;
  (Array.isArray(listed) ? listed : []).map(obj).forEach((b, index) => {
    const label = str(b.text) ?? str(b.type) ?? '';
    if (str(b.type) === 'URL' && variables(str(b.url)).length)
      buttons.push({ index, type: 'url', label, value: '' });
    else if (str(b.type) === 'COPY_CODE') buttons.push({ index, type: 'copy_code', label, value: '' });
    else fixedButtons.push(label);
  });
  return {
    header: {
      kind,
      template: kind === 'TEXT' ? headerText : null,
      variable: kind === 'TEXT' ? (variables(headerText)[0] ?? null) : null,
      text: '',
      link: '',
      latitude: '',
      longitude: '',
      name: '',
    },
    body,
    footer: str(component(t, 'FOOTER')?.text),
    fields: variables(body).map((name) => ({ name, kind: 'text', text: '', code: 'BRL', amount: '' })),
    buttons,
    fixedButtons,
  };
}

/** What a field shows in the preview: its value, or the variable itself while it is empty. */
function shown(f: BodyField): string {
  if (f.kind === 'currency') return f.amount ? `${f.code} ${f.amount}` : `{{${f.name}}}`;
  return f.text || `{{${f.name}}}`;
}

function fill(text: string, values: Map<string, string>): string {
  return text.replace(/\{\{\s*([\w]+)\s*\}\}/g, (whole, name: string) => values.get(name) ?? whole);
}

export function preview(form: TemplateForm): { header: string | null; body: string; footer: string | null } {
  const h = form.header;
  const header =
    h.kind === 'TEXT'
      ? fill(h.template ?? '', new Map(h.variable ? [[h.variable, h.text || `{{${h.variable}}}`]] : []))
      : h.kind === 'NONE'
        ? null
        : `[${h.kind}]${h.kind === 'LOCATION' && h.name ? ` ${h.name}` : ''}`;
  return {
    header,
    body: fill(form.body, new Map(form.fields.map((f) => [f.name, shown(f)]))),
    footer: form.footer,
  };
}

/** The first field still empty, by name, or null when the form can be sent. */
export function missing(form: TemplateForm): string | null {
  const h = form.header;
  if (h.kind === 'TEXT' && h.variable && !h.text.trim()) return h.variable;
  if ((h.kind === 'IMAGE' || h.kind === 'VIDEO' || h.kind === 'DOCUMENT') && !h.link.trim()) return h.kind;
  if (h.kind === 'LOCATION' && (!h.latitude.trim() || !h.longitude.trim())) return h.kind;
  for (const f of form.fields) {
    if (f.kind === 'currency' && (!f.amount.trim() || !Number.isFinite(Number(f.amount)))) return f.name;
    if (f.kind !== 'currency' && !f.text.trim()) return f.name;
  }
  return form.buttons.find((b) => !b.value.trim())?.label ?? null;
}

/** The reply the api takes; NAMED templates name each body and header variable. */
export function templateReply(t: TemplateView, form: TemplateForm): TemplateReplyBody {
  const named = t.parameterFormat === 'NAMED';
  const nameOf = (name: string) => (named ? { parameterName: name } : {});
  const h = form.header;
  let header: TemplateReplyBody['header'];
  if (h.kind === 'TEXT' && h.variable) header = { type: 'text', text: h.text.trim(), ...nameOf(h.variable) };
  if (h.kind === 'IMAGE') header = { type: 'image', link: h.link.trim() };
  if (h.kind === 'VIDEO') header = { type: 'video', link: h.link.trim() };
  if (h.kind === 'DOCUMENT') header = { type: 'document', link: h.link.trim() };
  if (h.kind === 'LOCATION')
    header = {
      type: 'location',
      latitude: Number(h.latitude),
      longitude: Number(h.longitude),
      ...(h.name.trim() ? { name: h.name.trim() } : {}),
    };
  return {
    name: t.name,
    language: t.language,
    ...(header ? { header } : {}),
    bodyParameters: form.fields.map((f) => {
      if (f.kind === 'currency')
        return {
          type: 'currency',
          code: f.code.trim().toUpperCase(),
          amount1000: Math.round(Number(f.amount) * 1000),
          fallbackValue: `${f.code.trim().toUpperCase()} ${f.amount.trim()}`,
          ...nameOf(f.name),
        };
      if (f.kind === 'date_time')
        return { type: 'date_time', fallbackValue: f.text.trim(), ...nameOf(f.name) };
      return { type: 'text', text: f.text.trim(), ...nameOf(f.name) };
    }),
    buttons: form.buttons.map((b) =>
      b.type === 'url'
        ? { index: b.index, type: 'url', text: b.value.trim() }
        : { index: b.index, type: 'copy_code', couponCode: b.value.trim() },
    ),
  };
}

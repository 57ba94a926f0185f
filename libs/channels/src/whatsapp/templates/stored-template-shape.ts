import { record } from '../json-value';

/**
 * What a send must fill in, read from a stored template's components as Meta lists them: the header's kind and
 * variable, the body's variables, and which buttons take a parameter.
 */
export interface TemplateShape {
  header:
    { kind: 'TEXT'; variables: string[] } | { kind: 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'LOCATION' } | null;
  bodyVariables: string[];
  buttons: TemplateButtonShape[];
}

/** `param`: the parameter the send must give (`required`) or may give (quick replies), none when `null`. */
export interface TemplateButtonShape {
  index: number;
  type: string;
  param: {
    type: 'quick_reply' | 'url' | 'copy_code' | 'catalog' | 'mpm' | 'flow';
    required: boolean;
  } | null;
}

const VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Distinct variables of a template text in order of appearance ('1', '2', or names). */
export function templateVariables(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  const names: string[] = [];
  for (const m of text.matchAll(VARIABLE)) if (!names.includes(m[1])) names.push(m[1]);
  return names;
}

/** Meta's component or button object; an empty one for anything that is not an object. */
const object = (v: unknown): Record<string, unknown> => record(v) ?? {};
const upper = (v: unknown) => (typeof v === 'string' ? v.toUpperCase() : '');

function buttonShape(raw: unknown, index: number): TemplateButtonShape {
  const b = object(raw);
  const type = upper(b.type);
  if (type === 'QUICK_REPLY') return { index, type, param: { type: 'quick_reply', required: false } };
  // A URL with a variable takes its suffix; authentication OTP buttons take the code the same way.
  if (type === 'URL')
    return {
      index,
      type,
      param: templateVariables(b.url).length ? { type: 'url', required: true } : null,
    };
  if (type === 'OTP') return { index, type, param: { type: 'url', required: true } };
  if (type === 'COPY_CODE') return { index, type, param: { type: 'copy_code', required: true } };
  // Meta's `action` parameter: a catalog's is sent even when it names no thumbnail, an MPM's carries its products,
  // a flow's is optional (Meta then uses the token "unused").
  if (type === 'CATALOG') return { index, type, param: { type: 'catalog', required: true } };
  if (type === 'MPM') return { index, type, param: { type: 'mpm', required: true } };
  if (type === 'FLOW') return { index, type, param: { type: 'flow', required: false } };
  return { index, type, param: null };
}

/**
 * An authentication template created here is stored as submitted, its BODY without text (only authentication
 * bodies have none) until a sync brings Meta's preset ("{{1}} is your verification code."): its one variable is
 * the code either way.
 */
function bodyVariables(body: Record<string, unknown> | undefined): string[] {
  if (body && typeof body.text !== 'string') return ['1'];
  return templateVariables(body?.text);
}

export function templateShape(components: unknown[]): TemplateShape {
  const list = components.map(object);
  const find = (type: string) => list.find((c) => upper(c.type) === type);
  const header = find('HEADER');
  const format = upper(header?.format);
  const buttons = find('BUTTONS')?.buttons;
  return {
    header: !header
      ? null
      : format === 'IMAGE' || format === 'VIDEO' || format === 'DOCUMENT' || format === 'LOCATION'
        ? { kind: format }
        : { kind: 'TEXT', variables: templateVariables(header.text) },
    bodyVariables: bodyVariables(find('BODY')),
    buttons: Array.isArray(buttons) ? buttons.map(buttonShape) : [],
  };
}

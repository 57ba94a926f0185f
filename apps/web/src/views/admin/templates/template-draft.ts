import type { paths } from '../../../api/schema';

// A template as the form holds it, and its translation into Meta's shape (the api passes components to Graph as
// given). Variables are Meta's {{1}}, {{2}} (positional) or {{customer_name}} (named); each needs an example.

export type CreateTemplateBody =
  paths['/api/numbers/{id}/templates']['post']['requestBody']['content']['application/json'];
type Component = CreateTemplateBody['components'][number];
export type TemplateCategory = CreateTemplateBody['category'];
export const CATEGORIES: TemplateCategory[] = ['UTILITY', 'MARKETING', 'AUTHENTICATION'];
export const BUTTON_KINDS = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER'] as const;
export type ButtonKind = (typeof BUTTON_KINDS)[number];

export interface ButtonDraft {
  kind: ButtonKind;
  text: string;
  /** The URL of a URL button, the phone number of a PHONE_NUMBER button. */
  value: string;
}

export interface TemplateDraft {
  name: string;
  language: string;
  category: TemplateCategory;
  headerText: string;
  body: string;
  footer: string;
  /** Example value of each variable: the body's by name ("1", "customer_name"), the header's as "header:1". */
  examples: Record<string, string>;
  buttons: ButtonDraft[];
  securityRecommendation: boolean;
  /** Minutes, empty for none (authentication templates). */
  codeExpiration: string | number;
}

export const emptyDraft = (): TemplateDraft => ({
  name: '',
  language: 'pt_BR',
  category: 'UTILITY',
  headerText: '',
  body: '',
  footer: '',
  examples: {},
  buttons: [],
  securityRecommendation: true,
  codeExpiration: '',
});

const VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** The variables of a text in order of first appearance. */
export function variablesOf(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1]))];
}

/** The header's variables are numbered apart from the body's, so their examples are kept apart too. */
export const exampleKey = (part: 'header' | 'body', name: string): string =>
  part === 'header' ? `header:${name}` : name;

/** The text with each variable replaced by its example (kept as written when it has none). */
export function filled(text: string, examples: Record<string, string>, part: 'header' | 'body'): string {
  return text.replace(VARIABLE, (whole, name: string) => examples[exampleKey(part, name)]?.trim() || whole);
}

/** The variables that need an example, header first: the key their example is kept under, and their name. */
export function exampleSlots(d: TemplateDraft): { key: string; name: string; part: 'header' | 'body' }[] {
  if (d.category === 'AUTHENTICATION') return [];
  return (['header', 'body'] as const).flatMap((part) =>
    variablesOf(part === 'header' ? d.headerText : d.body).map((name) => ({
      key: exampleKey(part, name),
      name,
      part,
    })),
  );
}

const isAuth = (d: TemplateDraft) => d.category === 'AUTHENTICATION';
const positional = (vars: string[]) => vars.every((v) => /^\d+$/.test(v));

/** Why the draft cannot be sent, by field key; empty when it can. `t` gives the reader's words. */
export function draftProblems(
  d: TemplateDraft,
  t: (key: string, params?: Record<string, unknown>) => string,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!/^[a-z0-9_]{1,512}$/.test(d.name.trim())) out.name = t('admin.templateForm.errors.name');
  if (!/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/.test(d.language.trim()))
    out.language = t('admin.templateForm.errors.language');
  if (isAuth(d)) {
    const minutes = String(d.codeExpiration).trim();
    if (minutes && !(Number.isInteger(Number(minutes)) && Number(minutes) >= 1 && Number(minutes) <= 90))
      out.codeExpiration = t('admin.templateForm.errors.codeExpiration');
    return out;
  }
  if (!d.body.trim()) out.body = t('admin.templateForm.errors.bodyRequired');
  else if (d.body.length > 1024) out.body = t('admin.templateForm.errors.tooLong', { max: 1024 });
  if (d.headerText.length > 60) out.headerText = t('admin.templateForm.errors.tooLong', { max: 60 });
  if (d.footer.length > 60) out.footer = t('admin.templateForm.errors.tooLong', { max: 60 });
  const headerVars = variablesOf(d.headerText);
  if (headerVars.length > 1) out.headerText = t('admin.templateForm.errors.oneHeaderVariable');
  const bodyVars = variablesOf(d.body);
  const all = [...headerVars, ...bodyVars];
  if (all.length && !positional(all) && !all.every((v) => /^[a-z_][a-z0-9_]*$/.test(v)))
    out.body = t('admin.templateForm.errors.mixedVariables');
  else if (bodyVars.length && positional(bodyVars)) {
    const expected = bodyVars.map((_, i) => String(i + 1));
    if ([...bodyVars].sort((a, b) => Number(a) - Number(b)).join() !== expected.join())
      out.body = t('admin.templateForm.errors.sequence');
  }
  for (const slot of exampleSlots(d))
    if (!d.examples[slot.key]?.trim())
      out[`example.${slot.key}`] = t('admin.templateForm.errors.exampleRequired');
  d.buttons.forEach((b, i) => {
    if (!b.text.trim() || b.text.length > 25)
      out[`button.${i}.text`] = t('admin.templateForm.errors.buttonText');
    if (b.kind === 'URL' && !/^https:\/\/\S+$/.test(b.value.trim()))
      out[`button.${i}.value`] = t('admin.templateForm.errors.url');
    if (b.kind === 'PHONE_NUMBER' && !/^\+[1-9]\d{6,14}$/.test(b.value.trim()))
      out[`button.${i}.value`] = t('admin.templateForm.errors.phone');
  });
  return out;
}

function example(vars: string[], examples: Record<string, string>, part: 'header' | 'body') {
  if (!vars.length) return undefined;
  const values = vars.map((v) => examples[exampleKey(part, v)].trim());
  if (positional(vars)) return part === 'header' ? { header_text: values } : { body_text: [values] };
  const named = vars.map((v, i) => ({ param_name: v, example: values[i] }));
  return part === 'header' ? { header_text_named_params: named } : { body_text_named_params: named };
}

/** The request body, and for each component index the form field its problems belong to. */
export function requestOf(d: TemplateDraft): { body: CreateTemplateBody; fieldAt: string[] } {
  const components: Component[] = [];
  const fieldAt: string[] = [];
  const add = (c: Component, field: string) => {
    components.push(c);
    fieldAt.push(field);
  };
  if (isAuth(d)) {
    add({ type: 'BODY', add_security_recommendation: d.securityRecommendation }, 'body');
    const minutes = String(d.codeExpiration).trim();
    if (minutes) add({ type: 'FOOTER', code_expiration_minutes: Number(minutes) }, 'codeExpiration');
    add({ type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE' }] }, 'buttons');
  } else {
    const headerVars = variablesOf(d.headerText);
    const bodyVars = variablesOf(d.body);
    if (d.headerText.trim()) {
      const ex = example(headerVars, d.examples, 'header');
      add(
        { type: 'HEADER', format: 'TEXT', text: d.headerText, ...(ex ? { example: ex } : {}) },
        'headerText',
      );
    }
    const ex = example(bodyVars, d.examples, 'body');
    add({ type: 'BODY', text: d.body, ...(ex ? { example: ex } : {}) }, 'body');
    if (d.footer.trim()) add({ type: 'FOOTER', text: d.footer }, 'footer');
    if (d.buttons.length)
      add(
        {
          type: 'BUTTONS',
          buttons: d.buttons.map((b) =>
            b.kind === 'QUICK_REPLY'
              ? { type: b.kind, text: b.text.trim() }
              : b.kind === 'URL'
                ? { type: b.kind, text: b.text.trim(), url: b.value.trim() }
                : { type: b.kind, text: b.text.trim(), phone_number: b.value.trim() },
          ),
        },
        'buttons',
      );
  }
  const vars = [...variablesOf(d.headerText), ...variablesOf(d.body)];
  const body: CreateTemplateBody = {
    name: d.name.trim(),
    language: d.language.trim(),
    category: d.category,
    components,
    ...(!isAuth(d) && vars.length && !positional(vars) ? { parameterFormat: 'NAMED' as const } : {}),
  };
  return { body, fieldAt };
}

/** The form field an api problem path (`components.1.text`, `name`) belongs to, if the form shows one. */
export function fieldOfPath(path: string, fieldAt: string[]): string | undefined {
  const [head, index, ...rest] = path.split('.');
  if (head === 'name' || head === 'language' || head === 'category') return head;
  if (head !== 'components' || index === undefined) return undefined;
  const field = fieldAt[Number(index)];
  if (field === 'buttons' && rest[0] === 'buttons' && rest[1] !== undefined)
    return `button.${rest[1]}.${rest[2] === 'text' ? 'text' : 'value'}`;
  return field === 'buttons' ? undefined : field;
}

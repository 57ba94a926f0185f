import type { IncomingMessage, ServerResponse } from 'node:http';
import { graphErrors } from './graph-errors';
import { readBody, sendGraphJson } from './http-io';
import { isObject, type JsonObject } from './json-narrow';
import type { SandboxContext } from './sandbox-context';
import type { SandboxTemplateComponent, TemplateCategory } from './templates';

const CATEGORIES: readonly TemplateCategory[] = ['AUTHENTICATION', 'MARKETING', 'UTILITY'];
const COMPONENT_TYPES = ['HEADER', 'BODY', 'FOOTER', 'BUTTONS'];
const NAME = /^[a-z0-9_]{1,512}$/;
const LANGUAGE = /^[a-z]{2,3}(_[A-Za-z]{2,4})?$/;
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * POST /{waba_id}/message_templates: Graph's parameter checks, then the duplicate check (same name and
 * language → 100/2388024). A new template starts PENDING; review happens later through the control API.
 */
export async function handleTemplateCreate(
  ctx: SandboxContext,
  req: IncomingMessage,
  res: ServerResponse,
  wabaId: string,
): Promise<void> {
  const body = parseBody(await readBody(req, MAX_BODY_BYTES).catch(() => undefined));
  const name = requiredString(body, 'name');
  if (!NAME.test(name)) {
    throw graphErrors.paramError(
      'Param name must be at most 512 characters and contain only lowercase letters, numbers and underscores.',
    );
  }
  const language = requiredString(body, 'language');
  if (!LANGUAGE.test(language)) throw graphErrors.paramError(`Param language is not a valid language code.`);
  const category = requiredString(body, 'category').toUpperCase();
  if (!(CATEGORIES as readonly string[]).includes(category)) {
    throw graphErrors.paramError(
      `Param category must be one of {${CATEGORIES.join(', ')}} - got "${requiredString(body, 'category')}".`,
    );
  }
  const format = body.parameter_format ?? 'POSITIONAL';
  if (format !== 'POSITIONAL' && format !== 'NAMED') {
    throw graphErrors.paramError(
      `Param parameter_format must be one of {POSITIONAL, NAMED} - got "${String(format)}".`,
    );
  }
  const components =
    category === 'AUTHENTICATION'
      ? authenticationComponents(body.components)
      : parseComponents(body.components);

  const templates = ctx.templates.forWaba(wabaId);
  if (templates.find(name, language)) {
    throw graphErrors.templateCreation(
      2388024,
      'Content in This Language Already Exists',
      `There is already ${language} content for this template. You can create a new template and try again.`,
    );
  }
  const stored = ctx.templates.add(wabaId, {
    name,
    language,
    category: category as TemplateCategory,
    status: 'PENDING',
    parameterFormat: format,
    components,
  });
  sendGraphJson(res, 200, { id: stored.id, status: stored.status, category: stored.category });
}

function parseBody(raw: Buffer | undefined): JsonObject {
  let json: unknown;
  try {
    json = raw === undefined ? undefined : (JSON.parse(raw.toString('utf8')) as unknown);
  } catch {
    json = undefined;
  }
  if (!isObject(json)) throw graphErrors.paramError('The request body must be a JSON object.');
  return json;
}

function requiredString(body: JsonObject, key: string): string {
  const value = body[key];
  if (value === undefined || value === null || value === '')
    throw graphErrors.paramError(`The parameter ${key} is required.`);
  if (typeof value !== 'string') throw graphErrors.paramError(`Param ${key} must be a string.`);
  return value;
}

function parseComponents(value: unknown): SandboxTemplateComponent[] {
  if (value === undefined || value === null)
    throw graphErrors.paramError('The parameter components is required.');
  if (!Array.isArray(value) || value.length === 0)
    throw graphErrors.paramError('Param components must be a non-empty array.');
  const components = value.map((component: unknown, i) => {
    if (!isObject(component) || typeof component.type !== 'string')
      throw graphErrors.paramError(`The parameter components[${i}][type] is required.`);
    const type = component.type.toUpperCase();
    if (!COMPONENT_TYPES.includes(type)) {
      throw graphErrors.paramError(
        `Param components[${i}][type] must be one of {${COMPONENT_TYPES.join(', ')}} - got "${component.type}".`,
      );
    }
    if ((type === 'BODY' || type === 'FOOTER') && typeof component.text !== 'string')
      throw graphErrors.paramError(`The parameter components[${i}][text] is required.`);
    if (type === 'BUTTONS' && !Array.isArray(component.buttons))
      throw graphErrors.paramError(`The parameter components[${i}][buttons] is required.`);
    if (type === 'HEADER' && typeof component.format !== 'string')
      throw graphErrors.paramError(`The parameter components[${i}][format] is required.`);
    return { ...component, type } as unknown as SandboxTemplateComponent;
  });
  if (!components.some((c) => c.type === 'BODY'))
    throw graphErrors.paramError('Param components must contain a BODY component.');
  return components;
}

const OTP_TYPES = ['COPY_CODE', 'ONE_TAP', 'ZERO_TAP'];

/**
 * An AUTHENTICATION template as Meta takes it: BODY without text (`add_security_recommendation` optional), an
 * optional FOOTER with `code_expiration_minutes` (1–90), one OTP button (ONE_TAP and ZERO_TAP name their
 * `supported_apps`; ZERO_TAP needs `zero_tap_terms_accepted`), no header. Stored with Meta's preset texts.
 */
function authenticationComponents(value: unknown): SandboxTemplateComponent[] {
  if (!Array.isArray(value) || value.length === 0)
    throw graphErrors.paramError('Param components must be a non-empty array.');
  let security = false;
  let expiration: number | undefined;
  let button: JsonObject | undefined;
  value.forEach((component: unknown, i) => {
    if (!isObject(component) || typeof component.type !== 'string')
      throw graphErrors.paramError(`The parameter components[${i}][type] is required.`);
    const type = component.type.toUpperCase();
    if (type === 'BODY') {
      if (component.text !== undefined)
        throw graphErrors.paramError(
          `Param components[${i}][text] is not supported for authentication templates.`,
        );
      security = component.add_security_recommendation === true;
    } else if (type === 'FOOTER') {
      const minutes = component.code_expiration_minutes;
      if (
        minutes !== undefined &&
        (!Number.isInteger(minutes) || Number(minutes) < 1 || Number(minutes) > 90)
      )
        throw graphErrors.paramError(
          `Param components[${i}][code_expiration_minutes] must be an integer between 1 and 90.`,
        );
      expiration = minutes === undefined ? undefined : Number(minutes);
    } else if (type === 'BUTTONS') {
      const buttons = component.buttons;
      if (!Array.isArray(buttons) || buttons.length !== 1 || !isObject(buttons[0]))
        throw graphErrors.paramError(`Param components[${i}][buttons] must hold one OTP button.`);
      button = buttons[0];
      if (String(button.type).toUpperCase() !== 'OTP')
        throw graphErrors.paramError(`Param components[${i}][buttons][0][type] must be OTP.`);
      const otp = String(button.otp_type ?? '').toUpperCase();
      if (!OTP_TYPES.includes(otp))
        throw graphErrors.paramError(
          `Param components[${i}][buttons][0][otp_type] must be one of {${OTP_TYPES.join(', ')}}.`,
        );
      const apps = button.supported_apps;
      if (
        otp !== 'COPY_CODE' &&
        (!Array.isArray(apps) ||
          apps.length === 0 ||
          !apps.every(
            (a) => isObject(a) && typeof a.package_name === 'string' && typeof a.signature_hash === 'string',
          ))
      )
        throw graphErrors.paramError(
          `The parameter components[${i}][buttons][0][supported_apps] is required for ${otp} buttons.`,
        );
      if (otp === 'ZERO_TAP' && button.zero_tap_terms_accepted !== true)
        throw graphErrors.paramError(
          `The parameter components[${i}][buttons][0][zero_tap_terms_accepted] must be true for ZERO_TAP buttons.`,
        );
      button = { ...button, type: 'OTP', otp_type: otp };
    } else {
      throw graphErrors.paramError(
        `Param components[${i}][type] must be one of {BODY, FOOTER, BUTTONS} for authentication templates - got "${component.type}".`,
      );
    }
  });
  if (!button) throw graphErrors.paramError('Authentication templates must have one OTP button.');
  const otpType = button.otp_type as 'COPY_CODE' | 'ONE_TAP' | 'ZERO_TAP';
  const components: SandboxTemplateComponent[] = [
    {
      type: 'BODY',
      text: `*{{1}}* is your verification code.${security ? ' For your security, do not share this code.' : ''}`,
    },
  ];
  if (expiration !== undefined)
    components.push({ type: 'FOOTER', text: `This code expires in ${expiration} minutes.` });
  components.push({
    type: 'BUTTONS',
    buttons: [
      {
        type: 'OTP',
        otp_type: otpType,
        text: typeof button.text === 'string' ? button.text : 'Copy code',
      },
    ],
  });
  return components;
}

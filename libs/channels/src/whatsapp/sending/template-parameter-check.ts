import type { TemplateReply } from '@switchboard/contracts';
import type { TemplateShape } from '../templates/stored-template-shape';

/** Why a template send's parameters do not fit the template: answered as 422 before anything is queued. */
export interface ParameterRefusal {
  code:
    | 'parameter_count'
    | 'parameter_missing'
    | 'parameter_unexpected'
    | 'parameter_unknown'
    | 'parameter_duplicate'
    | 'parameter_format'
    | 'parameter_type';
  /** Where in the request: `template.header`, `template.bodyParameters[1]`, `template.buttons[0]`… */
  parameter: string;
  message: string;
  /** For a missing named variable: its name. */
  variable?: string;
  /** For a missing button parameter: the template button's index. */
  buttonIndex?: number;
}

const list = (names: string[]) => names.map((n) => `{{${n}}}`).join(', ');

/**
 * The send's header, body and button parameters against the template's placeholders, the way Meta checks them at
 * send time (132000 count, 132012 format), so the agent hears it now, naming the parameter.
 */
export function checkTemplateParameters(
  shape: TemplateShape,
  format: 'POSITIONAL' | 'NAMED',
  t: TemplateReply,
): ParameterRefusal | null {
  return checkHeader(shape, format, t) ?? checkBody(shape, format, t) ?? checkButtons(shape, t);
}

function checkHeader(shape: TemplateShape, format: string, t: TemplateReply): ParameterRefusal | null {
  const given = t.header;
  const at = 'template.header';
  const header = shape.header;
  if (!header || (header.kind === 'TEXT' && !header.variables.length)) {
    if (!given) return null;
    return {
      code: 'parameter_unexpected',
      parameter: at,
      message: header
        ? `the header of template ${t.name} is fixed text: it takes no parameter`
        : `template ${t.name} has no header: it takes no header parameter`,
    };
  }
  if (header.kind === 'TEXT') {
    if (!given)
      return {
        code: 'parameter_missing',
        parameter: at,
        variable: header.variables[0],
        message: `the TEXT header of template ${t.name} has the variable ${list(header.variables)}: give header {type: 'text', text}`,
      };
    if (given.type !== 'text')
      return {
        code: 'parameter_type',
        parameter: at,
        message: `the header of template ${t.name} is TEXT: it takes a text parameter, not ${given.type}`,
      };
    return checkName(format, given.parameterName, header.variables[0], at, t.name);
  }
  const wanted = header.kind.toLowerCase();
  if (!given)
    return {
      code: 'parameter_missing',
      parameter: at,
      message:
        header.kind === 'LOCATION'
          ? `the header of template ${t.name} is a LOCATION: give header {type: 'location', latitude, longitude}`
          : `the header of template ${t.name} is ${header.kind}: give header {type: '${wanted}'} with a link or mediaId`,
    };
  if (given.type !== wanted)
    return {
      code: 'parameter_type',
      parameter: at,
      message: `the header of template ${t.name} is ${header.kind}, given ${given.type === 'text' ? 'text' : `a ${given.type}`}`,
    };
  return null;
}

/** Named templates name each parameter after its variable; positional ones name none. */
function checkName(
  format: string,
  name: string | undefined,
  expected: string | undefined,
  at: string,
  template: string,
): ParameterRefusal | null {
  if (format === 'NAMED') {
    if (!name)
      return {
        code: 'parameter_format',
        parameter: at,
        message: `template ${template} uses named variables: give parameterName${expected ? ` ('${expected}')` : ''}`,
      };
    if (expected !== undefined && name !== expected)
      return {
        code: 'parameter_unknown',
        parameter: at,
        message: `template ${template} has no variable {{${name}}} here (it has {{${expected}}})`,
      };
    return null;
  }
  if (name)
    return {
      code: 'parameter_format',
      parameter: at,
      message: `template ${template} uses positional variables ({{1}}, {{2}}…): parameters take no parameterName`,
    };
  return null;
}

function checkBody(shape: TemplateShape, format: string, t: TemplateReply): ParameterRefusal | null {
  const vars = shape.bodyVariables;
  const given = t.bodyParameters;
  const has = vars.length ? `has ${vars.length} variable(s) (${list(vars)})` : 'has no variables';
  if (format !== 'NAMED') {
    for (const [i, p] of given.entries()) {
      if (i >= vars.length)
        return {
          code: 'parameter_count',
          parameter: `template.bodyParameters[${i}]`,
          message: `the body of template ${t.name} ${has}; ${given.length} parameter(s) given`,
        };
      const wrong = checkName(format, p.parameterName, undefined, `template.bodyParameters[${i}]`, t.name);
      if (wrong) return wrong;
    }
    if (given.length < vars.length)
      return {
        code: 'parameter_count',
        parameter: `template.bodyParameters[${given.length}]`,
        variable: vars[given.length],
        message: `the body of template ${t.name} ${has}; ${given.length} parameter(s) given, {{${vars[given.length]}}} has none`,
      };
    return null;
  }
  const seen = new Set<string>();
  for (const [i, p] of given.entries()) {
    const at = `template.bodyParameters[${i}]`;
    const wrong = checkName(format, p.parameterName, undefined, at, t.name);
    if (wrong) return wrong;
    const name = p.parameterName as string;
    if (!vars.includes(name))
      return {
        code: 'parameter_unknown',
        parameter: at,
        message: `the body of template ${t.name} has no variable {{${name}}}; it ${has}`,
      };
    if (seen.has(name))
      return { code: 'parameter_duplicate', parameter: at, message: `{{${name}}} is given twice` };
    seen.add(name);
  }
  const missing = vars.find((v) => !seen.has(v));
  if (missing)
    return {
      code: 'parameter_missing',
      parameter: 'template.bodyParameters',
      variable: missing,
      message: `the body of template ${t.name} ${has}: {{${missing}}} has no parameter`,
    };
  return null;
}

/** What a missing button parameter must carry, said in the refusal. */
const WANTED: Record<string, string> = {
  copy_code: 'its couponCode',
  catalog: "Meta's catalog action (thumbnailProductRetailerId, optional)",
  mpm: "Meta's multi-product action: thumbnailProductRetailerId and sections [{title, productRetailerIds}]",
};

function checkButtons(shape: TemplateShape, t: TemplateReply): ParameterRefusal | null {
  const seen = new Set<number>();
  for (const [i, b] of t.buttons.entries()) {
    const at = `template.buttons[${i}]`;
    if (seen.has(b.index))
      return { code: 'parameter_duplicate', parameter: at, message: `button ${b.index} is given twice` };
    seen.add(b.index);
    const button = shape.buttons.find((s) => s.index === b.index);
    if (!button)
      return {
        code: 'parameter_unexpected',
        parameter: at,
        message: shape.buttons.length
          ? `template ${t.name} has no button ${b.index} (its buttons are 0 to ${shape.buttons.length - 1})`
          : `template ${t.name} has no buttons`,
      };
    if (!button.param)
      return {
        code: 'parameter_unexpected',
        parameter: at,
        message: `button ${b.index} of template ${t.name} is a ${button.type} button${button.type === 'URL' ? ' with a fixed URL' : ''}: it takes no parameter`,
      };
    if (button.param.type !== b.type)
      return {
        code: 'parameter_type',
        parameter: at,
        message: `button ${b.index} of template ${t.name} is a ${button.type} button: it takes a ${button.param.type} parameter, not ${b.type}`,
      };
  }
  const missing = shape.buttons.find((s) => s.param?.required && !seen.has(s.index));
  if (missing)
    return {
      code: 'parameter_missing',
      parameter: 'template.buttons',
      buttonIndex: missing.index,
      message: `button ${missing.index} of template ${t.name} is a ${missing.type} button: give {index: ${missing.index}, type: '${missing.param?.type}'} with ${WANTED[missing.param?.type ?? ''] ?? (missing.type === 'OTP' ? 'the code as text' : 'the URL suffix as text')}`,
    };
  return null;
}

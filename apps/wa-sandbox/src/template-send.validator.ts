import { graphErrors } from './graph-errors';
import { isObject, type JsonObject } from './json-narrow';
import { placeholders, type StoredTemplate, type TemplateLookup } from './templates';

/**
 * Template sends: the template must exist with that exact name AND language and be APPROVED (132001;
 * PAUSED → 132015, DISABLED → 132016), and the parameters must match its placeholders (132000/132012).
 */
export function validateTemplateSend(template: JsonObject, catalog: TemplateLookup): StoredTemplate {
  const name = template.name;
  if (typeof name !== 'string' || name === '')
    throw graphErrors.missingParameter("The parameter template['name'] is required.");
  const language = template.language;
  const code = isObject(language) ? language.code : undefined;
  if (typeof code !== 'string' || code === '') {
    throw graphErrors.missingParameter("The parameter template['language']['code'] is required.");
  }
  const found = catalog.find(name, code);
  if (!found) throw graphErrors.templateMissing(name, code);
  if (found.status === 'PAUSED') throw graphErrors.templatePaused(name, code);
  if (found.status === 'DISABLED') throw graphErrors.templateDisabled(name, code);
  if (found.status !== 'APPROVED') throw graphErrors.templateMissing(name, code);

  const components = template.components ?? [];
  if (!Array.isArray(components))
    throw graphErrors.invalidParameter("Param template['components'] must be an array.");
  const sent = new Map<string, unknown[]>();
  components.forEach((component: unknown, i) => {
    if (!isObject(component) || typeof component.type !== 'string') {
      throw graphErrors.missingParameter(`The parameter template['components'][${i}]['type'] is required.`);
    }
    const parameters = component.parameters ?? [];
    if (!Array.isArray(parameters)) {
      throw graphErrors.invalidParameter(
        `Param template['components'][${i}]['parameters'] must be an array.`,
      );
    }
    parameters.forEach((parameter: unknown, j) =>
      checkParameter(parameter, `template['components'][${i}]['parameters'][${j}]`),
    );
    const type = component.type.toLowerCase();
    if (type === 'header' || type === 'body') sent.set(type, parameters);
  });

  checkBody(found, sent.get('body') ?? []);
  checkHeader(found, sent.get('header') ?? []);
  return found;
}

function checkParameter(parameter: unknown, path: string): void {
  if (!isObject(parameter) || typeof parameter.type !== 'string') {
    throw graphErrors.missingParameter(`The parameter ${path}['type'] is required.`);
  }
  if (parameter.type === 'text' && typeof parameter.text !== 'string') {
    throw graphErrors.missingParameter(`The parameter ${path}['text'] is required.`);
  }
}

function checkBody(template: StoredTemplate, parameters: unknown[]): void {
  const body = template.components.find((c) => c.type === 'BODY');
  const expected = placeholders(body?.type === 'BODY' ? body.text : undefined);
  if (parameters.length !== expected.length) {
    throw graphErrors.templateParams(
      `body: number of localizable_params (${parameters.length}) does not match the expected number of params (${expected.length})`,
    );
  }
  if (template.parameterFormat === 'NAMED') {
    const given = parameters.map((p) => (isObject(p) ? p.parameter_name : undefined));
    const missing = expected.find((name) => !given.includes(name));
    if (missing) throw graphErrors.templateParams(`body: parameter '${missing}' is missing`);
  }
}

function checkHeader(template: StoredTemplate, parameters: unknown[]): void {
  const header = template.components.find((c) => c.type === 'HEADER');
  if (header?.type !== 'HEADER') return;
  if (header.format === 'TEXT') {
    const expected = placeholders(header.text).length;
    if (parameters.length !== expected) {
      throw graphErrors.templateParams(
        `header: number of localizable_params (${parameters.length}) does not match the expected number of params (${expected})`,
      );
    }
    return;
  }
  const wanted = header.format.toLowerCase();
  const given = parameters.length === 1 && isObject(parameters[0]) ? parameters[0].type : undefined;
  if (given !== wanted) {
    throw graphErrors.templateFormat(
      `header: Format mismatch, expected ${header.format}, received ${typeof given === 'string' ? given.toUpperCase() : 'UNKNOWN'}`,
    );
  }
}

import { graphErrors } from './graph-errors';
import { charLength, isObject, type JsonObject } from './json-narrow';

const INTERACTIVE_TYPES = [
  'button',
  'list',
  'cta_url',
  'flow',
  'product',
  'product_list',
  'catalog_message',
  'location_request_message',
  'address_message',
  'call_permission_request',
  'carousel',
];

/** Interactive message limits from the Cloud API reference (buttons ≤3 / title ≤20, list ≤10 rows, ...). */
export function validateInteractive(interactive: JsonObject): void {
  const type = interactive.type;
  if (typeof type !== 'string')
    throw graphErrors.missingParameter("The parameter interactive['type'] is required.");
  if (!INTERACTIVE_TYPES.includes(type)) {
    throw graphErrors.invalidValue(
      `Param interactive['type'] must be one of {${INTERACTIVE_TYPES.join(', ')}}.`,
    );
  }
  const action = interactive.action;
  if (!isObject(action))
    throw graphErrors.missingParameter("The parameter interactive['action'] is required.");
  validateHeaderAndFooter(interactive);

  const bodyLimit = type === 'list' ? 4096 : 1024;
  const body = interactive.body;
  if (['button', 'list', 'cta_url', 'flow', 'product_list'].includes(type) || body !== undefined) {
    if (!isObject(body) || typeof body.text !== 'string' || body.text === '') {
      throw graphErrors.missingParameter("The parameter interactive['body']['text'] is required.");
    }
    limit(body.text, bodyLimit, "interactive['body']['text']");
  }

  if (type === 'button') validateButtons(action);
  else if (type === 'list') validateList(action);
  else if (type === 'cta_url') validateCtaUrl(action);
}

function validateHeaderAndFooter(interactive: JsonObject): void {
  const header = interactive.header;
  if (header !== undefined) {
    if (!isObject(header) || typeof header.type !== 'string') {
      throw graphErrors.missingParameter("The parameter interactive['header']['type'] is required.");
    }
    if (header.type === 'text') {
      if (typeof header.text !== 'string') {
        throw graphErrors.missingParameter("The parameter interactive['header']['text'] is required.");
      }
      limit(header.text, 60, "interactive['header']['text']");
    } else if (interactive.type === 'list') {
      throw graphErrors.invalidValue('List messages only support a text header.');
    }
  }
  const footer = interactive.footer;
  if (footer !== undefined) {
    if (!isObject(footer) || typeof footer.text !== 'string') {
      throw graphErrors.missingParameter("The parameter interactive['footer']['text'] is required.");
    }
    limit(footer.text, 60, "interactive['footer']['text']");
  }
}

function validateButtons(action: JsonObject): void {
  const buttons = action.buttons;
  if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3) {
    throw graphErrors.invalidValue('Buttons count invalid. Min: 1, Max: 3.');
  }
  const ids = new Set<string>();
  const titles = new Set<string>();
  for (const button of buttons as unknown[]) {
    const reply = isObject(button) && button.type === 'reply' ? button.reply : undefined;
    if (!isObject(reply) || typeof reply.id !== 'string' || typeof reply.title !== 'string') {
      throw graphErrors.missingParameter(
        "Each button needs type 'reply' with reply['id'] and reply['title'].",
      );
    }
    const titleLength = charLength(reply.title);
    if (titleLength < 1 || titleLength > 20) {
      throw graphErrors.invalidValue('Button title length invalid. Min length: 1, Max length: 20');
    }
    if (reply.id === '' || charLength(reply.id) > 256) {
      throw graphErrors.invalidValue('Button id length invalid. Min length: 1, Max length: 256');
    }
    if (ids.has(reply.id)) throw graphErrors.invalidValue(`Duplicate button id: ${reply.id}`);
    if (titles.has(reply.title)) throw graphErrors.invalidValue(`Duplicate button title: ${reply.title}`);
    ids.add(reply.id);
    titles.add(reply.title);
  }
}

function validateList(action: JsonObject): void {
  if (typeof action.button !== 'string' || action.button === '') {
    throw graphErrors.missingParameter("The parameter interactive['action']['button'] is required.");
  }
  limit(action.button, 20, "interactive['action']['button']");
  const sections = action.sections;
  if (!Array.isArray(sections) || sections.length < 1 || sections.length > 10) {
    throw graphErrors.invalidValue('Sections count invalid. Min: 1, Max: 10.');
  }
  const rowIds = new Set<string>();
  let rowCount = 0;
  for (const section of sections as unknown[]) {
    if (!isObject(section) || !Array.isArray(section.rows) || section.rows.length === 0) {
      throw graphErrors.missingParameter('Each section requires a non-empty rows array.');
    }
    if (typeof section.title === 'string') limit(section.title, 24, 'section title');
    else if (sections.length > 1)
      throw graphErrors.missingParameter('Section title is required when there is more than one section.');
    for (const row of section.rows as unknown[]) {
      rowCount += 1;
      if (!isObject(row) || typeof row.id !== 'string' || typeof row.title !== 'string') {
        throw graphErrors.missingParameter("Each row requires 'id' and 'title'.");
      }
      limit(row.id, 200, 'row id');
      limit(row.title, 24, 'row title');
      if (row.description !== undefined) {
        if (typeof row.description !== 'string')
          throw graphErrors.invalidValue('Row description must be a string.');
        limit(row.description, 72, 'row description');
      }
      if (rowIds.has(row.id)) throw graphErrors.invalidValue(`Row ids must be unique: ${row.id}`);
      rowIds.add(row.id);
    }
  }
  if (rowCount > 10) throw graphErrors.invalidValue('Total row count exceed max allowed count: 10');
}

function validateCtaUrl(action: JsonObject): void {
  const parameters = action.parameters;
  if (action.name !== 'cta_url' || !isObject(parameters)) {
    throw graphErrors.missingParameter("interactive['action'] requires name 'cta_url' and parameters.");
  }
  if (typeof parameters.display_text !== 'string' || typeof parameters.url !== 'string') {
    throw graphErrors.missingParameter('The parameters display_text and url are required for cta_url.');
  }
  limit(parameters.display_text, 20, 'display_text');
  if (!/^https?:\/\//i.test(parameters.url))
    throw graphErrors.invalidValue('cta_url url must be http or https.');
}

function limit(text: string, max: number, what: string): void {
  const length = charLength(text);
  if (length < 1 || length > max) {
    throw graphErrors.invalidValue(`${what} length invalid. Min length: 1, Max length: ${max}`);
  }
}

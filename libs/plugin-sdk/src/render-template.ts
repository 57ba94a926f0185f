import type { LocalizedText } from './manifest/common';

/**
 * Picks the text for `locale` (exact, then its language, then English) and fills `{{name}}` placeholders.
 * A placeholder without a value is left empty rather than shown raw to a customer.
 */
export function renderTemplate(
  text: LocalizedText,
  locale: string,
  values: Record<string, string> = {},
): string {
  const language = locale.split('-')[0];
  const chosen =
    text[locale] ?? Object.entries(text).find(([l]) => l.split('-')[0] === language)?.[1] ?? text.en;
  return chosen.replace(/\{\{\s*([a-zA-Z_][\w]*)\s*\}\}/g, (_, name: string) => values[name] ?? '');
}

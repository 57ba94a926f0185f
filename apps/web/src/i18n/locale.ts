import { type Locale, SUPPORTED_LOCALES } from './messages';

const STORAGE_KEY = 'switchboard.locale';

/** The first of the wanted languages we have: an exact tag, else the same language (pt-PT reads pt-BR). */
export function pickLocale(wanted: readonly string[]): Locale {
  for (const tag of wanted) {
    const exact = SUPPORTED_LOCALES.find((l) => l.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const language = tag.split('-')[0].toLowerCase();
    const same = SUPPORTED_LOCALES.find((l) => l.split('-')[0].toLowerCase() === language);
    if (same) return same;
  }
  return 'en';
}

/** The language chosen on this browser before, else the browser's own preferences. */
export function initialLocale(): Locale {
  const chosen = safeStorage()?.getItem(STORAGE_KEY);
  return pickLocale([...(chosen ? [chosen] : []), ...navigator.languages]);
}

/** Remembers the choice on this browser (a preference, not a secret) and marks the page's language. */
export function rememberLocale(locale: Locale): void {
  safeStorage()?.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}

// Storage can be disabled (privacy modes); the language then follows the browser.
function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

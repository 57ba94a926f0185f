import { createI18n } from 'vue-i18n';
import { initialLocale, rememberLocale } from './locale';
import { type Locale, type Messages, messages } from './messages';

const locale = initialLocale();

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale,
  fallbackLocale: 'en',
  messages,
});
document.documentElement.lang = locale;

export function setLocale(next: Locale): void {
  i18n.global.locale.value = next;
  rememberLocale(next);
}

export { LOCALE_NAMES, SUPPORTED_LOCALES, type Locale } from './messages';

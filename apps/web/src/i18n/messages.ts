import en from './locales/en';
import es from './locales/es';
import ptBR from './locales/pt-BR';

/** Every locale has the English locale's shape: the same keys, each a string. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Messages = Shape<typeof en>;

export const SUPPORTED_LOCALES = ['en', 'pt-BR', 'es'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

export const messages: Record<Locale, Messages> = { en, 'pt-BR': ptBR, es };

/** Each language's own name, for the switcher (not translated: a reader looks for their language's name). */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  'pt-BR': 'Português (Brasil)',
  es: 'Español',
};

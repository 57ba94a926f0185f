import en from 'element-plus/es/locale/lang/en.mjs';
import es from 'element-plus/es/locale/lang/es.mjs';
import ptBR from 'element-plus/es/locale/lang/pt-br.mjs';
import type { Locale } from '../i18n';

/** The component library's own texts ("No data", …) in the app's language. */
export const ELEMENT_LOCALES = { en, es, 'pt-BR': ptBR } satisfies Record<Locale, unknown>;

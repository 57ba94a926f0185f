import { useI18n } from 'vue-i18n';

/**
 * A plugin's own text (a label, a description) in the reader's language: the exact locale, else the same
 * language, else English, which every plugin ships. Shown as text, never as HTML.
 */
export function usePluginText(): (text: Record<string, string> | null | undefined) => string {
  const { locale } = useI18n();
  return (text) => {
    if (!text) return '';
    const tag = String(locale.value);
    return text[tag] ?? text[tag.split('-')[0]] ?? text.en ?? '';
  };
}

import { useI18n } from 'vue-i18n';

/** Dates and times in the reader's language; a missing one reads as a dash. */
export function useDateTime(): (iso: string | null | undefined) => string {
  const { locale } = useI18n();
  return (iso) =>
    iso
      ? new Intl.DateTimeFormat(locale.value, { dateStyle: 'short', timeStyle: 'medium' }).format(
          new Date(iso),
        )
      : '—';
}

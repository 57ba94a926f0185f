import { useI18n } from 'vue-i18n';
import { ApiError } from '../api/client';

/** Says why a call failed in the reader's language; the api's own detail (its words) is quoted as it came. */
export function useErrorText(): (err: unknown) => string {
  const { t } = useI18n();
  return (err) => {
    if (err instanceof ApiError && err.kind === 'unreachable') return t('errors.unreachable');
    if (err instanceof ApiError && err.kind === 'unauthorized') return t('errors.sessionEnded');
    if (err instanceof ApiError) return t('errors.http', { status: err.status ?? '?', detail: err.message });
    return err instanceof Error ? err.message : String(err);
  };
}

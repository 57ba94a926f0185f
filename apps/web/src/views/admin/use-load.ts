import { onMounted, ref, type Ref } from 'vue';
import { useErrorText } from '../../composables/error-text';

/** What a section read: the data once loaded, the reason when the read failed, and a way to read again. */
export interface Loaded<T> {
  data: Ref<T | null>;
  error: Ref<string | null>;
  loading: Ref<boolean>;
  reload: () => Promise<void>;
}

/** Reads on mount and on demand; a failed read keeps the last data and says why in the reader's language. */
export function useLoad<T>(read: () => Promise<T>): Loaded<T> {
  const errorText = useErrorText();
  const data = ref<T | null>(null) as Ref<T | null>;
  const error = ref<string | null>(null);
  const loading = ref(false);
  const reload = async (): Promise<void> => {
    loading.value = true;
    try {
      data.value = await read();
      error.value = null;
    } catch (err) {
      error.value = errorText(err);
    } finally {
      loading.value = false;
    }
  };
  onMounted(reload);
  return { data, error, loading, reload };
}

/** Runs a form's call: `busy` while it runs, the api's reason (which names the field) in `error` when refused. */
export function useSubmit(): {
  busy: Ref<boolean>;
  error: Ref<string | null>;
  run: <T>(call: () => Promise<T>) => Promise<T | undefined>;
} {
  const errorText = useErrorText();
  const busy = ref(false);
  const error = ref<string | null>(null);
  const run = async <T>(call: () => Promise<T>): Promise<T | undefined> => {
    busy.value = true;
    error.value = null;
    try {
      return await call();
    } catch (err) {
      error.value = errorText(err);
      return undefined;
    } finally {
      busy.value = false;
    }
  };
  return { busy, error, run };
}

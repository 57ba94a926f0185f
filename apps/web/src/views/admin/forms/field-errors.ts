import { reactive } from 'vue';
import type { Problem } from './refusal';

/** A form's problems by field key, plus those no field of the form shows (said above its button). */
export interface FieldErrors {
  byField: Record<string, string>;
  general: string[];
  of: (field: string) => string | undefined;
  clear: () => void;
  /** Puts each problem at the field `place` names for its path, or among the general ones. */
  show: (problems: Problem[], place: (path: string) => string | undefined) => void;
}

export function useFieldErrors(): FieldErrors {
  const state = reactive({ byField: {} as Record<string, string>, general: [] as string[] });
  return {
    get byField() {
      return state.byField;
    },
    get general() {
      return state.general;
    },
    of: (field) => state.byField[field],
    clear: () => {
      state.byField = {};
      state.general = [];
    },
    show: (problems, place) => {
      for (const p of problems) {
        const field = place(p.field);
        if (field && !state.byField[field]) state.byField[field] = p.problem;
        else state.general.push(`${p.field}: ${p.problem}`);
      }
    },
  };
}

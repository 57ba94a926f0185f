import { detect } from 'tinyld';

/** Fewer letters than this say too little about a language ("ok", "oi", "👍"). */
const MIN_LETTERS = 12;

/** The text's language as an ISO 639-1 code, or null when it is too short or tinyld is unsure. */
export function detectLanguage(text: string): string | null {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) return null;
  return detect(text) || null;
}

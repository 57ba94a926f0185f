import { LinearPattern } from '@switchboard/engine';

const MAX = 1000;
const cache = new Map<string, LinearPattern>();

/**
 * A rule's pattern compiled once (RE2: linear time in the text, whatever the pattern), searched case-insensitively.
 * Throws the engine's error for an invalid pattern: the API refuses those before they are stored.
 */
export function compiledPattern(source: string): LinearPattern {
  let pattern = cache.get(source);
  if (!pattern) {
    pattern = new LinearPattern(source, { ignoreCase: true });
    if (cache.size >= MAX) cache.delete(cache.keys().next().value as string);
    cache.set(source, pattern);
  }
  return pattern;
}

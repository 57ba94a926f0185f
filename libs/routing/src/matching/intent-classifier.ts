import type { LoadedPlugin } from '@switchboard/engine';
import { containsPhrase, normalizeText } from './normalize-text';

const cache = new WeakMap<LoadedPlugin, { key: string; phrases: string[] }[]>();

/**
 * The triage intent of a customer message, from the department plugin's declared triageIntents: the first intent
 * one of whose example phrases (any language, normalised) the message contains, or that contains the whole
 * message when it is a phrase of at least three words. Keyword triage for now; an AI classifier can take its place.
 */
export function classifyIntent(plugin: LoadedPlugin | null, normalizedText: string): string | null {
  if (!plugin || !normalizedText) return null;
  let intents = cache.get(plugin);
  if (!intents) {
    intents = plugin.manifest.contributes.triageIntents.map((i) => ({
      key: i.key,
      phrases: Object.values(i.examples).flat().map(normalizeText).filter(Boolean),
    }));
    cache.set(plugin, intents);
  }
  const longEnough = normalizedText.split(' ').length >= 3;
  for (const intent of intents)
    for (const phrase of intent.phrases)
      if (containsPhrase(normalizedText, phrase) || (longEnough && containsPhrase(phrase, normalizedText)))
        return intent.key;
  return null;
}

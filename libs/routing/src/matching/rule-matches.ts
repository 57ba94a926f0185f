import type { RoutingConditions } from '@switchboard/contracts';
import { compiledPattern } from './compiled-patterns';
import { containsPhrase, normalizeText } from './normalize-text';
import type { RoutingFacts } from './routing-facts';

/** True when every condition the rule gives holds for these facts (no conditions: always). */
export function ruleMatches(conditions: RoutingConditions, facts: RoutingFacts): boolean {
  const c = conditions;
  if (c.numberIds && !c.numberIds.includes(facts.numberId)) return false;
  if (c.text) {
    if (
      c.text.keywords &&
      !c.text.keywords.some((k) => containsPhrase(facts.normalizedText, normalizeText(k)))
    )
      return false;
    if (c.text.pattern && !compiledPattern(c.text.pattern).test(facts.text)) return false;
  }
  if (c.language && !(facts.language && c.language.includes(facts.language))) return false;
  if (c.time && (c.time.within === 'business_hours') !== facts.withinBusinessHours) return false;
  if (c.intent && facts.intent !== c.intent) return false;
  if (c.contact) {
    const k = c.contact;
    if (k.country && !(facts.country && k.country.includes(facts.country))) return false;
    if (k.phonePrefix && !(facts.phone && k.phonePrefix.some((p) => facts.phone!.startsWith(p))))
      return false;
    if (k.isNew !== undefined && k.isNew !== facts.isNewContact) return false;
    if (k.attributes)
      for (const [key, value] of Object.entries(k.attributes))
        if (facts.attributes[key] !== value) return false;
  }
  if (c.card) {
    const value = facts.cardFields?.[c.card.field];
    const present = value !== undefined && value !== null && value !== '';
    if (c.card.exists !== undefined && c.card.exists !== present) return false;
    if (c.card.equals !== undefined && value !== c.card.equals) return false;
    if (c.card.in !== undefined && !c.card.in.some((v) => v === value)) return false;
  }
  return true;
}

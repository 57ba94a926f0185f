/** Lowercase, accents removed, runs of anything but letters and digits folded to one space: "Cadê meu pedido?!" → "cade meu pedido". */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * True when the normalised `phrase` occurs in the normalised `text` on word boundaries ("buy" is in "i want to buy
 * it", not in "buyer"). Both are already normalised, so a boundary is a space or an end; plain indexOf keeps it linear
 * in practice, whatever the customer writes.
 */
export function containsPhrase(text: string, phrase: string): boolean {
  if (!phrase) return false;
  for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
    const before = at === 0 || text[at - 1] === ' ';
    const end = at + phrase.length;
    const after = end === text.length || text[end] === ' ';
    if (before && after) return true;
  }
  return false;
}

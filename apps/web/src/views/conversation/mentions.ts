/** The `@word` being typed at the caret (what to suggest names for), or null. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([\p{L}\p{N}._-]*)$/u.exec(before);
  if (!match) return null;
  return { start: caret - match[2].length - 1, query: match[2].toLowerCase() };
}

/** The text with the `@query` at `start` replaced by `@Name ` and the caret after it. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const token = `@${name.replace(/\s+/g, '_')} `;
  return { text: text.slice(0, start) + token + text.slice(caret), caret: start + token.length };
}

/** A note's text cut into plain runs and `@mentions`, so mentions can be set apart without any markup. */
export function splitMentions(text: string): { text: string; mention: boolean }[] {
  return text
    .split(/(@[\p{L}\p{N}._-]+)/u)
    .filter((part) => part !== '')
    .map((part) => ({ text: part, mention: part.startsWith('@') && part.length > 1 }));
}

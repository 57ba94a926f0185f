import type { InboxFilter } from './use-conversation-list';

/** A filter the user named and kept. */
export interface SavedFilter {
  name: string;
  filter: InboxFilter;
}

// Kept in this browser, per user, until the api keeps them.
const keyOf = (userId: string) => `switchboard.inbox.savedFilters.${userId}`;
export const MAX_SAVED = 20;

/** The user's saved filters; an unreadable entry reads as none. */
export function readSaved(userId: string): SavedFilter[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(keyOf(userId)) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (s): s is SavedFilter =>
        typeof s === 'object' && s !== null && typeof s.name === 'string' && typeof s.filter === 'object',
    );
  } catch {
    return [];
  }
}

export function writeSaved(userId: string, saved: SavedFilter[]): void {
  localStorage.setItem(keyOf(userId), JSON.stringify(saved.slice(0, MAX_SAVED)));
}

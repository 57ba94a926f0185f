import type { RealtimeEventsPage } from '@switchboard/contracts';
import { bodyOf, http } from '../api/http';
import { refreshSession } from '../api/client';
import { readToken } from '../api/token';
import type { LiveEvent } from './events';

/**
 * The events after `cursor`, page by page; null when the cursor is older than the api keeps (410). Any other
 * failure (network, 5xx) throws: the caller retries from the same cursor.
 */
export async function eventsAfter(cursor: string): Promise<LiveEvent[] | null> {
  const events: LiveEvent[] = [];
  let after = cursor;
  for (;;) {
    const page = await fetchPage(after);
    if (!page) return null;
    events.push(...page.events);
    if (!page.more) return events;
    after = page.nextCursor;
  }
}

async function fetchPage(after: string): Promise<RealtimeEventsPage | null> {
  const call = () => http.GET('/api/realtime/events', { params: { query: { after } } });
  const sent = readToken();
  let outcome = await call();
  // Renewed meanwhile by another caller: retry with the new token instead of presenting the cookie again.
  if (outcome.response.status === 401 && (renewedSince(sent) || (await refreshSession())))
    outcome = await call();
  if (outcome.response.status === 410) return null;
  return bodyOf(outcome);
}

function renewedSince(sent: string | null): boolean {
  const current = readToken();
  return current !== null && current !== sent;
}

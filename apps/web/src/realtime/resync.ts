import type { RealtimeEventsPage } from '@switchboard/contracts';
import { bodyOf, http, undocumented } from '../api/http';
import { refreshSession } from '../api/client';
import type { LiveEvent } from './events';

/** The events after `cursor`, page by page; null when the cursor is older than the api keeps (410). */
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
  const call = () => http.GET('/api/realtime/events', { params: { query: undocumented({ after }) } });
  let outcome = await call();
  if (outcome.response.status === 401 && (await refreshSession())) outcome = await call();
  if (outcome.response.status === 410) return null;
  return bodyOf<RealtimeEventsPage>(outcome);
}

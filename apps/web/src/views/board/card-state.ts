import type { CardView } from '@switchboard/contracts';
import { useI18n } from 'vue-i18n';

/**
 * The letters an owner's avatar shows: the first of their first and last names, one for a single word (an e-mail,
 * shown for a user without a name, counts by the part before the @).
 */
export function initialsOf(name: string): string {
  const words = name
    .split('@')[0]
    .split(/[\s._-]+/)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((w) => (Array.from(w)[0] ?? '').toLocaleUpperCase()).join('') || '?';
}

/** The priorities' names, most urgent first (keys written out whole: messages.spec.ts finds them that way). */
export const PRIORITY_NAMES = {
  urgent: 'board.priority.urgent',
  high: 'board.priority.high',
  normal: 'board.priority.normal',
  low: 'board.priority.low',
} as const satisfies Record<CardView['priority'], string>;

/** The priorities a card marks: normal and low need no mark. */
export const MARKED_PRIORITIES: readonly CardView['priority'][] = ['urgent', 'high'];

/** How a card names its customer and says who waits, in the reader's language (as the inbox says it). */
export function useCardText(): {
  customer: (card: CardView) => string;
  subtitle: (card: CardView) => string | null;
  waiting: (card: CardView, now: number) => { state: 'yellow' | 'red'; label: string } | null;
} {
  const { t } = useI18n();
  const minutesSince = (iso: string | null, now: number) =>
    iso ? Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000)) : 0;
  const phone = (card: CardView) => (card.contact.waId ? `+${card.contact.waId}` : null);
  const customer = (card: CardView) => card.contact.name ?? phone(card) ?? t('board.card.unknownContact');
  return {
    customer,
    // Under a card's title: the customer, or their number when the title already is their name.
    subtitle: (card) => (customer(card) === card.title ? phone(card) : customer(card)),
    // 🔴 a deadline passed, 🟡 the customer waits (the api's SLA state); nothing when the team spoke last.
    waiting: (card, now) => {
      if (card.sla.status === 'red') {
        const minutes = card.sla.dueAt
          ? minutesSince(card.sla.dueAt, now)
          : Math.floor((card.sla.overdueMs ?? 0) / 60_000);
        return { state: 'red', label: t('board.card.overdue', { minutes }) };
      }
      if (card.sla.status === 'yellow')
        return {
          state: 'yellow',
          label: t('board.card.waiting', { minutes: minutesSince(card.waitingSince, now) }),
        };
      return null;
    },
  };
}

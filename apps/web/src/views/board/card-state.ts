import type { CardView } from '@switchboard/contracts';
import { useI18n } from 'vue-i18n';

/** How a card names its customer and says who waits, in the reader's language (as the inbox says it). */
export function useCardText(): {
  customer: (card: CardView) => string;
  subtitle: (card: CardView) => string | null;
  waiting: (card: CardView, now: number) => { icon: string; label: string } | null;
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
        return { icon: '🔴', label: t('board.card.overdue', { minutes }) };
      }
      if (card.sla.status === 'yellow')
        return {
          icon: '🟡',
          label: t('board.card.waiting', { minutes: minutesSince(card.waitingSince, now) }),
        };
      return null;
    },
  };
}

import type { Audience } from './access';

/** The main screens, in the order the top bar shows them. */
export const NAVIGATION: { path: string; label: string; audience: Audience }[] = [
  { path: '/inbox', label: 'nav.inbox', audience: 'everyone' },
  { path: '/board', label: 'nav.board', audience: 'everyone' },
  { path: '/dashboard', label: 'nav.dashboard', audience: 'supervisors' },
  { path: '/admin', label: 'nav.admin', audience: 'admins' },
];

import type { SessionUser } from './api/client';

/** Who may open a screen: any signed-in user, supervisors (of any department) and admins, or admins only. */
export type Audience = 'everyone' | 'supervisors' | 'admins';

export function mayOpen(user: SessionUser | null, audience: Audience): boolean {
  if (!user) return false;
  if (audience === 'everyone' || user.isAdmin) return true;
  if (audience === 'supervisors') return user.memberships.some((m) => m.role === 'supervisor');
  return false;
}

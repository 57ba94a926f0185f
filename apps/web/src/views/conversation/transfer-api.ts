import { refreshSession } from '../../api/client';
import { bodyOf, http, type Outcome, succeeded } from '../../api/http';
import type { components } from '../../api/schema';

// The transfer dialog's calls: where the caller may transfer (agents and supervisors too), and the two transfers.

export type TransferTargets = components['schemas']['TransferTargetsDto'];
export type NumberTransfer = components['schemas']['NumberTransferDto'];

async function authorized<O extends Outcome>(call: () => Promise<O>): Promise<O> {
  const first = await call();
  if (first.response.status !== 401 || !(await refreshSession())) return first;
  return call();
}

const byId = (id: string) => ({ params: { path: { id } } });

export const transferApi = {
  /** Departments, and numbers of this conversation's WhatsApp account other than its own. */
  targets: async (conversationId: string): Promise<TransferTargets> =>
    bodyOf(
      await authorized(() => http.GET('/api/me/transfer-targets', { params: { query: { conversationId } } })),
    ),
  toDepartment: async (id: string, departmentId: string, note?: string): Promise<void> =>
    succeeded(
      await authorized(() =>
        http.POST('/api/conversations/{id}/transfer', {
          ...byId(id),
          body: note ? { departmentId, note } : { departmentId },
        }),
      ),
    ),
  /** Closes this conversation and continues on the number; the answer names the new conversation. */
  toNumber: async (id: string, numberId: string, note?: string): Promise<NumberTransfer> =>
    bodyOf(
      await authorized(() =>
        http.POST('/api/conversations/{id}/transfer-to-number', {
          ...byId(id),
          body: note ? { numberId, note } : { numberId },
        }),
      ),
    ),
};

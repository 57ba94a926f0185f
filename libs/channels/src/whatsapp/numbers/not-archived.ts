import { ConflictException } from '@nestjs/common';
import { NumberView } from '@switchboard/contracts';

/** 409 for a change an archived number does not take (move, rotate, disable, enable): unarchive it first. */
export const numberArchived = (n: Pick<NumberView, 'id' | 'phoneNumberId'>) =>
  new ConflictException(
    `number ${n.phoneNumberId} is archived; unarchive it first (POST /api/numbers/${n.id}/unarchive)`,
  );

/** Refuses the change when the number is archived. */
export function assertNotArchived(n: Pick<NumberView, 'id' | 'phoneNumberId' | 'archivedAt'>): void {
  if (n.archivedAt) throw numberArchived(n);
}

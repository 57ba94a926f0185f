import { UnprocessableEntityException } from '@nestjs/common';

export const MAX_LABELS = 20;
const LABEL = /^[a-z0-9_\- ]{1,40}$/;

/** A label as stored: trimmed, lowercase; 422 naming it when it is not 1–40 lowercase letters, digits, -, _ or spaces. */
export function normaliseLabel(raw: string): string {
  const label = raw.trim().toLowerCase();
  if (!LABEL.test(label))
    throw new UnprocessableEntityException(
      `label ${JSON.stringify(raw)} is invalid: 1–40 characters of lowercase letters, digits, "-", "_" or spaces`,
    );
  return label;
}

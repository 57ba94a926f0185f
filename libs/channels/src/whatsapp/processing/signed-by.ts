import type { NumberCredentials } from '../numbers/number-registry.service';

/**
 * The number's app secret signed it, or its previous one on a delivery received before that secret's overlap ended
 * (judged by receipt: a replay later is still the same delivery).
 */
export const signedBy = (
  number: Pick<
    NumberCredentials,
    'appSecretFingerprint' | 'previousAppSecretFingerprint' | 'previousAppSecretUntil'
  >,
  fingerprint: string,
  receivedAt: Date,
): boolean =>
  number.appSecretFingerprint === fingerprint ||
  (number.previousAppSecretFingerprint === fingerprint &&
    number.previousAppSecretUntil !== null &&
    receivedAt < number.previousAppSecretUntil);

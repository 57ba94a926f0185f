import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** The country and E.164 form of a WhatsApp id (digits with the country code, no +); nulls when it is no phone. */
export function phoneFacts(waIdOrE164: string | null): { phone: string | null; country: string | null } {
  if (!waIdOrE164) return { phone: null, country: null };
  const e164 = waIdOrE164.startsWith('+') ? waIdOrE164 : `+${waIdOrE164}`;
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return { phone: /^\+\d{6,15}$/.test(e164) ? e164 : null, country: null };
  return { phone: parsed.number, country: parsed.country ?? null };
}
